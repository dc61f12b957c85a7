import Areas
import ArgumentParser
import Foundation

/// `cbscore areas lookup CODE...`: one line per area; exits non-zero if any is unknown.
struct AreasLookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Show the index, rank, decile, quintile and council of data zones, LSOAs or postcodes."
    )

    @OptionGroup var areaOptions: AreaOptions

    @Flag(name: .long, help: "Also say where each figure comes from.")
    var explain = false

    @Argument(help: ArgumentHelp("Data zones (S01…), LSOAs (E01…, W01…) or postcodes in any case and spacing.",
                                 valueName: "area"))
    var queries: [String]

    func run() throws {
        let directory = try areaOptions.loadDirectory()
        var failed = false
        for query in queries {
            do {
                let info = try directory.lookup(query)
                print(Self.line(for: info))
                if explain { print("  " + info.explanation) }
            } catch {
                printError("\(query): \(error.message)")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }

    /// `dg1 1ad: postcode DG1 1AD (terminated) → data zone S01007612, SIMD 2020v2 rank 392,
    /// decile 1, quintile 1, council Dumfries and Galloway (S12000006)`
    static func line(for info: AreaInfo) -> String {
        var text = info.query + ": "
        if let postcode = info.postcode {
            text += "postcode \(postcode)" + (info.postcodeTerminated ? " (terminated)" : "") + " → "
        }
        text += (info.index == .simd2020v2 ? "data zone " : "LSOA ") + info.code
        text += ", \(info.index.rawValue) rank \(info.rank), decile \(info.decile), quintile \(info.quintile)"
        switch (info.council, info.councilCode) {
        case let (name?, code?) where name != code: text += ", council \(name) (\(code))"
        case let (name?, _): text += ", council \(name)"
        case let (nil, code?): text += ", council \(code)"
        case (nil, nil): break
        }
        if info.isDeprived { text += " [20% most deprived]" }
        return text
    }
}
