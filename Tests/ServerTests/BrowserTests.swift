import Foundation
import TestSupport
import Testing

/// The pages in a real browser: headless Chromium through WebDriver (Selenium), JavaScript off,
/// against `cbscore-server demo` (Tests/Browser/walkthrough.py). Skipped with the reason where
/// Chromium, its driver or Selenium is missing; CI installs them and requires the test
/// (CBSCORE_REQUIRE_BROWSER=1, CBSCORE_REQUIRE_SHARED_DATA=1 or CI=true: `Browser.isRequired`),
/// so there a missing piece fails it instead.
@Suite(.serialized) struct BrowserTests {
    static var available: Bool {
        Browser.chromium != nil && Browser.driver != nil && run(["python3", "-c", "import selenium"]) == 0
    }

    /// Runs a command from the repository's folder; what it prints goes to `log` (a file, so
    /// that a chatty driver can never fill a pipe and stop it).
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String]? = nil, log: String? = nil) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = SharedData.repositoryRoot
        if let environment { process.environment = environment }
        let output = log.flatMap { path -> FileHandle? in
            FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = output ?? FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        try? output?.close()
        return process.terminationStatus
    }

    @Test(.enabled(if: available || Browser.isRequired,
                   "needs chromium, chromium-driver and Selenium (python3 -m pip install selenium); CI requires it"))
    func anOfficerASupplierAndAContractManagerInChromium() async throws {
        try #require(Self.available, "chromium (\(Browser.chromium ?? "missing")), chromedriver (\(Browser.driver ?? "missing")) and python3's selenium must be installed")
        var environment = ProcessInfo.processInfo.environment
        environment["CHROMIUM"] = Browser.chromium
        environment["CHROMEDRIVER"] = Browser.driver
        let server = try await LiveServer(["demo", "--fixtures", "fixtures"])
        defer { server.stop() }
        let shots = try ProcessInfo.processInfo.environment["CBSCORE_BROWSER_SCREENSHOTS"] ?? Fixtures.temporaryFolder()
        let log = shots + "/walkthrough.log"
        let status = Self.run(["python3", "Tests/Browser/walkthrough.py", server.base, Fixtures.root, shots],
                              environment: environment, log: log)
        let printed = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(status == 0, "the walkthrough failed (screenshots in \(shots)):\n\(printed)")
        #expect(printed.contains("all steps passed"))
    }
}
