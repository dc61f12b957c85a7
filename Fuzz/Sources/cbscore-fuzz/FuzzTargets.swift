#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Areas
import Diagnostics
import DocumentReading
import Documents
import ExactNumbers
import RulesLanguage
import Scoring

/// libFuzzer's entry point: one input, one call into the chosen reader or parser. Any crash,
/// hang (libFuzzer's `-timeout`), leak or broken invariant (a `fatalError` below) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    switch FuzzTarget.chosen {
    case .xmlTender: FuzzTarget.readTender(bytes)
    case .xmlBid: FuzzTarget.readBids(bytes)
    case .xmlReturn: FuzzTarget.readReturn(bytes)
    case .areasCSV: FuzzTarget.loadAreas(bytes)
    case .rules: FuzzTarget.parseRules(bytes)
    case .generatedSchemes: FuzzTarget.runGeneratedScheme(bytes)
    }
    return 0
}

enum FuzzTarget: String, CaseIterable {
    case xmlTender = "xml-tender"
    case xmlBid = "xml-bid"
    case xmlReturn = "xml-return"
    case areasCSV = "areas-csv"
    case rules
    case generatedSchemes = "generated-schemes"

    static let chosen: FuzzTarget = {
        let name = getenv("CBSCORE_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("set CBSCORE_FUZZ_TARGET to one of "
                + FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return target
    }()

    static let reader: DocumentReader = {
        do { return try DocumentReader() } catch { fatalError("cannot load the schemas: \(error)") }
    }()

    /// The readers take paths: each input is written to one scratch file per process.
    static let scratchPath = "/tmp/cbscore-fuzz-\(getpid())"

    static func write(_ bytes: [UInt8], suffix: String) -> String {
        let path = scratchPath + suffix
        guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
        return path
    }

    /// Every refusal must say why, at a real position in the file it names (for a bid inside a
    /// UBL envelope, `FILE:LINE:COLUMN: embedded NAME`).
    static func checkRefusal(_ diagnostics: [Diagnostic], file: String) {
        guard !diagnostics.isEmpty else { fatalError("a refusal without a diagnostic") }
        for d in diagnostics {
            if d.location.line < 1 || d.location.column < 1 { fatalError("bad position: \(d)") }
            let inEnvelope = d.location.file.hasPrefix(file + ":") && d.location.file.contains(": embedded ")
            if d.location.file != file && !inEnvelope { fatalError("diagnostic names another file: \(d)") }
            if d.message.isEmpty { fatalError("empty message: \(d.id)") }
        }
    }

    static func readTender(_ bytes: [UInt8]) { readWhole(bytes) { path throws(DiagnosticsError) in try reader.readTender(at: path) } }
    static func readReturn(_ bytes: [UInt8]) { readWhole(bytes) { path throws(DiagnosticsError) in try reader.readReturn(at: path) } }

    /// A document read whole: a value, or a refusal that says why.
    static func readWhole<T>(_ bytes: [UInt8], _ read: (String) throws(DiagnosticsError) -> T) {
        let path = write(bytes, suffix: ".xml")
        do {
            _ = try read(path)
        } catch {
            checkRefusal(error.diagnostics, file: path)
        }
    }

    static func readBids(_ bytes: [UInt8]) {
        let path = write(bytes, suffix: ".xml")
        do {
            try reader.readBids(at: path, tenderID: "GCR-2026-014") { result in
                if case .refused(_, let diagnostics) = result { checkRefusal(diagnostics, file: path) }
            }
        } catch let error as DiagnosticsError {
            checkRefusal(error.diagnostics, file: path)
        } catch {
            fatalError("readBids threw something other than diagnostics: \(error)")
        }
    }

    static func loadAreas(_ bytes: [UInt8]) {
        let path = write(bytes, suffix: ".csv")
        do {
            let directory = try AreaDirectory.load(paths: [path], cacheDirectory: nil)
            // Whatever loaded must answer lookups without trapping.
            for query in ["S01006506", "E01000001", "W01000001", "AB10 1AB", "x"] {
                _ = try? directory.lookup(query)
            }
        } catch {
            checkRefusal(error.diagnostics, file: path)
        }
    }

    static func parseRules(_ bytes: [UInt8]) {
        let source = String(decoding: bytes, as: UTF8.self)
        let file = "fuzz.cbs"
        do {
            // A scheme that checks is run on its own examples: the interpreter and the
            // cross-bid steps see fuzzed programs too.
            _ = try Scheme.parse(source: source, file: file).runExamples()
        } catch {
            checkRefusal(error.diagnostics, file: file)
        }
    }

    /// The bytes choose a well-typed scheme and its bids (GeneratedSchemes.swift, shared with
    /// the test suite): the silent and recorded runs must agree and every explanation must
    /// add up. A scheme the checker refuses is fine only for the reasons a random scheme may
    /// earn (a cap below one commitment's points, a rule that can never give points).
    static func runGeneratedScheme(_ bytes: [UInt8]) {
        var g = SchemeGenerator(ByteSource(bytes: bytes))
        let generated = g.scheme()
        let scheme: Scheme
        do {
            scheme = try Scheme.parse(source: generated.text, file: "generated.cbs")
        } catch {
            let allowed: Set<String> = ["rules.check.cap-below-item", "rules.check.never-fires"]
            let unexpected = error.diagnostics.filter { $0.severity == .error && !allowed.contains($0.id) }
            if !unexpected.isEmpty { fatalError("the generator wrote a scheme the checker refuses: \(unexpected)\n\(generated.text)") }
            return
        }
        let bids = GeneratedBids.bids(&g, count: g.int(1...12))
        var properties = SchemeProperties()
        properties.check(scheme.program, bids: bids, inputs: GeneratedBids.inputs(&g, names: generated.inputs, bids: bids))
        if !properties.problems.isEmpty { fatalError("\(properties.problems.prefix(5))\n\(generated.text)") }
    }
}
