import Foundation
import Testing

/// Chromium for the tests that render pages as a reader's browser would, and whether they must
/// run. On a machine without it they are skipped with the reason shown; CI (`.ci/run` sets
/// CBSCORE_REQUIRE_BROWSER=1 and CBSCORE_REQUIRE_SHARED_DATA=1; CI systems set CI=true)
/// requires them, so there a missing browser fails the test instead of passing it unseen.
public enum Browser {
    static let environment = ProcessInfo.processInfo.environment

    public static var isRequired: Bool {
        environment["CBSCORE_REQUIRE_BROWSER"] == "1" || SharedData.isRequired
            || ["true", "1", "yes"].contains(environment["CI"]?.lowercased() ?? "")
    }

    /// `$CHROMIUM`, else the first of Debian's and others' usual paths that is installed.
    public static let chromium: String? = executable(environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser",
                                                     "/usr/bin/google-chrome")
    /// `$CHROMEDRIVER`, else Debian's chromium-driver.
    public static let driver: String? = executable(environment["CHROMEDRIVER"], "/usr/bin/chromedriver")

    static func executable(_ candidates: String?...) -> String? {
        candidates.compactMap { $0 }.first { !$0.isEmpty && FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Chromium's path; nil when it is missing, which fails the calling test where the browser
    /// is required (and only notes the skip elsewhere).
    public static func chromiumOrSkip(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        if let chromium { return chromium }
        if isRequired {
            Issue.record("Chromium is not installed but CI requires \(what) (apt-get install -y chromium)",
                         sourceLocation: sourceLocation)
        } else {
            print("skipped: Chromium is not installed, so \(what) was not done (apt-get install -y chromium)")
        }
        return nil
    }
}
