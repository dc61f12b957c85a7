import Foundation
import TestSupport
import Testing

/// The pages in a real browser: headless Chromium through WebDriver (Selenium), JavaScript off,
/// against `cbscore-server demo` (Tests/Browser/walkthrough.py). Skipped with the reason where
/// Chromium, its driver or Selenium is missing; CI installs them and sets
/// CBSCORE_REQUIRE_BROWSER=1, so there a missing piece fails the test instead.
@Suite(.serialized) struct BrowserTests {
    static let required = ProcessInfo.processInfo.environment["CBSCORE_REQUIRE_BROWSER"] == "1"
    static let chromium = ProcessInfo.processInfo.environment["CHROMIUM"] ?? "/usr/bin/chromium"
    static let driver = ProcessInfo.processInfo.environment["CHROMEDRIVER"] ?? "/usr/bin/chromedriver"

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: chromium) && FileManager.default.isExecutableFile(atPath: driver)
            && run(["python3", "-c", "import selenium"]) == 0
    }

    @discardableResult
    static func run(_ arguments: [String], output: Pipe? = nil) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = SharedData.repositoryRoot
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = output ?? FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(.enabled(if: available || required,
                   "needs chromium, chromium-driver and Selenium (python3 -m pip install selenium); CI sets CBSCORE_REQUIRE_BROWSER=1"))
    func anOfficerASupplierAndAContractManagerInChromium() async throws {
        #expect(Self.available, "chromium (\(Self.chromium)), chromedriver (\(Self.driver)) and python3's selenium must be installed")
        let server = try await LiveServer(["demo", "--fixtures", "fixtures"])
        defer { server.stop() }
        let shots = try ProcessInfo.processInfo.environment["CBSCORE_BROWSER_SCREENSHOTS"] ?? Fixtures.temporaryFolder()
        let output = Pipe()
        let status = Self.run(["python3", "Tests/Browser/walkthrough.py", server.base, Fixtures.root, shots], output: output)
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(status == 0, "the walkthrough failed (screenshots in \(shots)):\n\(printed)")
        #expect(printed.contains("all steps passed"))
    }
}
