import Areas
import ArgumentParser
import Foundation

/// `cbscore areas summary`: which tables are loaded, with their rows and SHA-256.
struct AreasSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "List the loaded area tables: index, rows, file and SHA-256."
    )

    @OptionGroup var areaOptions: AreaOptions

    @Flag(name: .long, help: "Also list the files in the folders that are not area tables.")
    var verbose = false

    func run() throws {
        let directory = try areaOptions.loadDirectory()
        print(Self.text(for: directory, listSkipped: verbose), terminator: "")
    }

    static func text(for directory: AreaDirectory, listSkipped: Bool = false) -> String {
        var text = directory.tables.isEmpty
            ? "no area tables loaded: pass --areas PATH (a file or a folder) or set CBSCORE_AREAS\n" : ""
        let tables = directory.tables.sorted { ($0.kind, $0.path) < ($1.kind, $1.path) }
        let kindWidth = tables.map(\.kind.rawValue.count).max() ?? 0
        let rowsWidth = tables.map { String($0.rows).count }.max() ?? 0
        for table in tables {
            var notes: [String] = []
            if let index = table.index, !table.isComplete { notes.append("partial: \(index.areaCount) areas ranked") }
            if table.kind == .nspl { notes.append("\(table.terminatedPostcodes) terminated") }
            let kind = table.kind.rawValue.padding(toLength: kindWidth, withPad: " ", startingAt: 0)
            let rows = String(repeating: " ", count: rowsWidth - String(table.rows).count) + String(table.rows)
            text += "\(kind)  \(rows) rows  sha256 \(table.sha256)  \(table.path)"
                + (notes.isEmpty ? "" : "  (" + notes.joined(separator: "; ") + ")") + "\n"
        }
        if listSkipped {
            text += directory.skippedFiles.map { "skipped (not an area table): \($0)\n" }.joined()
        } else if !directory.skippedFiles.isEmpty {
            let count = directory.skippedFiles.count
            text += "skipped \(count) file\(count == 1 ? "" : "s") that \(count == 1 ? "is" : "are") not an area "
                + "table (--verbose lists them)\n"
        }
        return text
    }
}
