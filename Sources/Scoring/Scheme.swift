import Diagnostics
import Documents
import Foundation
import Hashing
import RulesLanguage

/// A scheme parsed and checked once, ready to evaluate many bids.
public struct Scheme: Sendable {
    public var reference: SchemeReference
    /// Findings that do not stop the scheme from being used (a rule that can never fire…).
    public var warnings: [Diagnostic]
    public let program: Program
    /// The file's text, for rendering diagnostics with the source line.
    public let sourceText: String

    /// Reads, parses and checks a scheme file; throws every error of the file at once.
    public static func load(path: String) throws(DiagnosticsError) -> Scheme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticsError([Diagnostic(RulesDiagnostic.fileUnreadable, at: SourceLocation(file: path, line: 1, column: 1),
                                               message: "cannot read the scheme file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticsError([Diagnostic(RulesDiagnostic.fileEncoding, at: SourceLocation(file: path, line: 1, column: 1),
                                               message: "the scheme file is not UTF-8 text")])
        }
        return try parse(source: text, file: path, sha256: SHA256.hex(Array(data)))
    }

    /// The reference scheme shipped with cbscore (`rules/gcr-2026.cbs`).
    public static func bundledDefault() throws -> Scheme {
        guard let url = Bundle.module.url(forResource: "gcr-2026", withExtension: "cbs", subdirectory: "Rules"),
              let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticsError([Diagnostic(RulesDiagnostic.fileUnreadable, at: SourceLocation(file: "rules/gcr-2026.cbs", line: 1, column: 1),
                                               message: "the bundled reference scheme is missing")])
        }
        return try parse(source: text, file: "rules/gcr-2026.cbs", sha256: SHA256.hex(Array(data)))
    }

    public static func parse(source: String, file: String) throws(DiagnosticsError) -> Scheme {
        try parse(source: source, file: file, sha256: SHA256.hex(Array(source.utf8)))
    }

    static func parse(source: String, file: String, sha256: String) throws(DiagnosticsError) -> Scheme {
        let (syntax, parseDiagnostics) = Parser.parse(source, file: file)
        let (program, checkDiagnostics) = Checker.check(syntax)
        let all = (parseDiagnostics + checkDiagnostics).sortedForReport()
        guard let program, !all.hasErrors else { throw DiagnosticsError(all) }
        var reference = SchemeReference(name: program.name, version: program.version, file: file, sha256: sha256)
        reference.subjects = program.scoredSubjects
        return Scheme(reference: reference, warnings: all, program: program, sourceText: source)
    }

    /// Parses and checks without throwing: every diagnostic, errors and warnings, in report order.
    public static func diagnose(source: String, file: String) -> [Diagnostic] {
        let (syntax, parseDiagnostics) = Parser.parse(source, file: file)
        let (_, checkDiagnostics) = Checker.check(syntax)
        return (parseDiagnostics + checkDiagnostics).sortedForReport()
    }
}

extension Scheme {
    /// The groups the scheme declares as `constant priority_groups`; nil when it declares none
    /// (a contract then takes every group except `school-pupil`).
    public var priorityGroups: [TargetGroup]? { program.priorityGroups }
}
