import Areas
import ArgumentParser
import Foundation

/// Loads the deprivation tables named with `--areas` (or CBSCORE_AREAS).
enum AreaTables {
    /// Nil when no paths are given (then only the areas an example declares inline are known).
    /// Prints every problem with the files as FILE:LINE:COLUMN on stderr and exits non-zero.
    static func load(_ paths: [String]) throws -> (any AreaLookup)? {
        guard !paths.isEmpty else { return nil }
        return try AreaOptions.load(paths: paths)
    }
}
