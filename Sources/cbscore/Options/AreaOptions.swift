import Areas
import ArgumentParser
import Diagnostics
import Foundation

/// `--areas PATH` (repeatable), shared by every command that resolves areas.
struct AreaOptions: ParsableArguments {
    @Option(name: .customLong("areas"), help: ArgumentHelp(
        "An official SIMD 2020v2, IMD 2019, WIMD 2019 or ONS NSPL file, or a folder searched for them. "
            + "Repeatable. Default: the paths in CBSCORE_AREAS, separated by ':'.",
        valueName: "path"))
    var areas: [String] = []

    @Flag(name: .customLong("no-area-cache"),
          help: "Read the area tables from their files, neither using nor writing the cache.")
    var noAreaCache = false

    /// The tables named, loaded (from the cache when valid). Prints every problem with the
    /// files as FILE:LINE:COLUMN on stderr and exits non-zero when there is one.
    func loadDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AreaDirectory {
        try Self.load(paths: AreaDirectory.resolvePaths(options: areas, environment: environment),
                      useCache: !noAreaCache)
    }

    /// `AreaDirectory.load`, with the diagnostics printed and turned into a failing exit.
    static func load(paths: [String], useCache: Bool = true) throws -> AreaDirectory {
        do {
            return try AreaDirectory.load(paths: paths,
                                          cacheDirectory: useCache ? AreaDirectory.defaultCacheDirectory : nil)
        } catch {
            printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
