import Foundation
import Testing

/// The real published tables in `../shared/data` beside the repository. They are never copied
/// into it: a clone without them still passes `swift test`, with the tests that need them
/// skipped and the reason shown; CI sets `CBSCORE_REQUIRE_SHARED_DATA=1`, so there a missing
/// folder fails those tests instead of skipping them.
public enum SharedData {
    /// The repository's root, found from this file rather than the working directory.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/TestSupport/SharedData.swift
        return url
    }()

    /// `../shared/data`, standardised.
    public static let path: String = repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/data").standardizedFileURL.path

    public static var isPresent: Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path + "/simd2020v2", isDirectory: &folder) && folder.boolValue
    }

    public static var isRequired: Bool { ProcessInfo.processInfo.environment["CBSCORE_REQUIRE_SHARED_DATA"] == "1" }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when `../shared/data` is present, or when CI requires it (and then a
    /// missing folder fails the test rather than skipping it).
    public static var needsSharedData: Self {
        .enabled(if: SharedData.isPresent || SharedData.isRequired,
                 "needs the real tables in ../shared/data, which are absent (CI sets CBSCORE_REQUIRE_SHARED_DATA=1)")
    }
}
