import ArgumentParser
import Diagnostics
import DocumentReading
import Documents
import Engine

/// `cbscore validate FILE...`: checks tenders, bids and delivery returns against the XML
/// formats and reports every problem; exits 0 only when every file is valid.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check tender, bid and delivery-return files (kinds told apart by their root element).",
        discussion: """
            Every problem is printed on stderr as FILE:LINE:COLUMN: message. When a tender is \
            among the files, every bid must name it, and bid ids must be unique across the files. \
            Naming no XML file at all is an error, never "all valid".

            \(ExitCodes.help)
            """
    )

    @Argument(help: "The XML files to check (folders are searched for *.xml).")
    var files: [String]

    /// For timing runs: no summary line.
    @Flag(name: .long, help: .hidden)
    var quiet = false

    func run() throws {
        let reader: DocumentReader
        do {
            reader = try DocumentReader()
        } catch let error as DiagnosticsError {
            printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        } catch {
            printError("cbscore cannot load its bundled XML schemas: \(error)")
            throw ExitCode(1)
        }
        let paths: [String]
        do {
            paths = try DocumentFiles.collect(files)
        } catch {
            // DocumentFiles.collect throws only diagnostics (typed throws).
            printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
        guard !paths.isEmpty else {
            printDiagnostics([Diagnostic(CLIDiagnostic.noDocuments, at: SourceLocation(commandLine: files.joined(separator: " ")),
                                         message: "no XML files (*.xml) found here, so nothing was checked",
                                         hint: "name the tender, bid and return files, or folders that hold them")])
            throw ExitCode(1)
        }
        let summary = reader.validate(paths: paths)
        printDiagnostics(summary.diagnostics)
        if !quiet {
            var parts: [String] = []
            if summary.tenders > 0 { parts.append("\(summary.tenders) tender\(summary.tenders == 1 ? "" : "s")") }
            let bidCount = summary.bids + summary.refusedBids
            if bidCount > 0 {
                parts.append("\(bidCount) bid\(bidCount == 1 ? "" : "s")"
                             + (summary.refusedBids > 0 ? " (\(summary.refusedBids) refused)" : ""))
            }
            if summary.returns > 0 { parts.append("\(summary.returns) return\(summary.returns == 1 ? "" : "s")") }
            let errors = summary.diagnostics.filter { $0.severity == .error }.count
            print("checked \(summary.files) file\(summary.files == 1 ? "" : "s")"
                  + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")") + ": "
                  + (errors == 0 ? "all valid" : "\(errors) error\(errors == 1 ? "" : "s")"))
        }
        if !summary.isValid { throw ExitCode(1) }
    }
}
