import Diagnostics
import ExactNumbers
import Foundation

/// Figures a scheme's `input`s take per bid, read from a CSV file such as a quality panel's
/// scores: a header `bid,quality[,…]`, then one row per bid id with exact decimals.
public enum ExternalInputs {
    /// Returns values by input name (the column header) then bid id. Every malformed cell is
    /// reported, with its line and column.
    public static func load(csvPath path: String) throws(DiagnosticsError) -> [String: [String: Exact]] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticsError([Diagnostic(InputsDiagnostic.unreadable, at: SourceLocation(file: path, line: 1, column: 1),
                                               message: "cannot read the inputs file")])
        }
        return try parse(csv: text, file: path)
    }

    public static func parse(csv text: String, file: String) throws(DiagnosticsError) -> [String: [String: Exact]] {
        try parseTable(csv: text, file: file).values
    }

    /// Reads `path` as `parseTable(csv:file:)` does.
    public static func loadTable(csvPath path: String) throws(DiagnosticsError) -> ExternalInputTable {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticsError([Diagnostic(InputsDiagnostic.unreadable, at: SourceLocation(file: path, line: 1, column: 1),
                                               message: "cannot read the inputs file")])
        }
        return try parseTable(csv: text, file: path)
    }

    /// The values, and where each bid's row is (so a bid id the tender does not have can be
    /// reported at its line rather than go unnoticed).
    public static func parseTable(csv text: String, file: String) throws(DiagnosticsError) -> ExternalInputTable {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        var diagnostics: [Diagnostic] = []
        guard let headerLine = lines.first else {
            throw DiagnosticsError([Diagnostic(InputsDiagnostic.empty, at: SourceLocation(file: file, line: 1, column: 1),
                                               message: "the inputs file is empty", hint: "start with a header such as `bid,quality`")])
        }
        let header = cells(headerLine.hasPrefix("\u{FEFF}") ? headerLine.dropFirst() : headerLine)
        guard header.count >= 2, header[0].text.lowercased() == "bid" else {
            throw DiagnosticsError([Diagnostic(InputsDiagnostic.header, at: SourceLocation(file: file, line: 1, column: 1),
                                               message: "the first column must be `bid`, followed by one column per input",
                                               hint: "e.g. `bid,quality`")])
        }
        var result: [String: [String: Exact]] = [:]
        var rows: [(bid: String, location: SourceLocation)] = []
        for (index, line) in lines.enumerated().dropFirst() {
            let row = cells(line)
            let lineNumber = index + 1
            if let first = row.first { rows.append((first.text, SourceLocation(file: file, line: lineNumber, column: first.column))) }
            guard row.count == header.count else {
                diagnostics.append(Diagnostic(InputsDiagnostic.columns, at: SourceLocation(file: file, line: lineNumber, column: 1),
                                              message: "expected \(header.count) columns, found \(row.count)"))
                continue
            }
            let bid = row[0].text
            for (column, cell) in row.enumerated().dropFirst() {
                guard let value = Exact(decimal: cell.text) else {
                    diagnostics.append(Diagnostic(InputsDiagnostic.number, at: SourceLocation(file: file, line: lineNumber, column: cell.column),
                                                  message: "\(header[column].text) for bid \(bid): '\(cell.text)' is not a decimal number"))
                    continue
                }
                if result[header[column].text, default: [:]][bid] != nil {
                    diagnostics.append(Diagnostic(InputsDiagnostic.duplicate, at: SourceLocation(file: file, line: lineNumber, column: 1),
                                                  message: "bid \(bid) appears twice"))
                }
                result[header[column].text, default: [:]][bid] = value
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return ExternalInputTable(values: result, rows: rows)
    }

    static func cells(_ line: Substring) -> [(text: String, column: Int)] {
        var out: [(String, Int)] = []
        var column = 1
        for part in line.split(separator: ",", omittingEmptySubsequences: false) {
            out.append((part.trimmingCharacters(in: .whitespaces), column))
            column += part.count + 1
        }
        return out
    }
}

/// One inputs file as read: values by input name then bid id, and each row's bid and place.
public struct ExternalInputTable: Sendable {
    public var values: [String: [String: Exact]]
    public var rows: [(bid: String, location: SourceLocation)]
}
