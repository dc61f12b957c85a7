import Foundation
import TestSupport
import Testing

/// Validates OCDS packages with Python's `jsonschema` (draft 4) against the real OCDS 1.1.5
/// schemas in ../shared/data/ocds-1.1.5, the release schema patched with the extensions the
/// package declares (Tests/CLITests/OCDS/validate-ocds.py). Skipped, saying why, when python3
/// or jsonschema is missing, unless CBSCORE_REQUIRE_SHARED_DATA=1 (CI) says it must run.
enum OCDSValidator {
    static let script = CLI.root + "/Tests/CLITests/OCDS/validate-ocds.py"
    static let schemas = SharedData.path + "/ocds-1.1.5"
    static let required = SharedData.isRequired
    static let available: Bool = required || ((try? python(["-c", "import jsonschema"]).status) == 0
                                              && FileManager.default.fileExists(atPath: schemas + "/standard/release-schema.json"))

    static func python(_ arguments: [String]) throws -> CLI.Output {
        try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments)
    }

    /// Validates the packages written to `files`: the validator's output, one line per package
    /// or error.
    static func validate(_ files: [String]) throws -> CLI.Output {
        try python([script, schemas] + files)
    }
}

@Suite struct OCDSCommandTests {
    static let tender = "fixtures/gcr-2026-014/tender.xml"
    static let areas = ["--areas", "fixtures/areas"]

    static func folder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "cbscore-ocds-\(name)-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func rank(_ bids: [String], _ extra: [String] = []) throws -> CLI.Output {
        try CLI.run(["rank", tender] + bids + areas + ["--format", "ocds"] + extra)
    }

    /// Writes `text` to `folder/name` and returns the path.
    static func write(_ text: String, _ folder: String, _ name: String) throws -> String {
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theFixtureTenderMatchesItsGolden() throws {
        let run = try Self.rank(["fixtures/gcr-2026-014/bids"], ["--ocid-prefix", "ocds-b5fd17"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        try RankCommandTests.checkGolden(run.stdout, "gcr-2026-014.ocds.json")
    }

    @Test func withoutAPrefixThePlaceholderIsUsedAndSaidToBeOne() throws {
        let run = try Self.rank(["fixtures/gcr-2026-014/bids"])
        #expect(run.status == 0)
        #expect(run.stderr == "note: the ocid prefix ocds-000000 is a placeholder; give the publisher's registered prefix with --ocid-prefix\n")
        #expect(run.stdout.contains("\"ocid\": \"ocds-000000-GCR-2026-014\""))
    }

    @Test func aPrefixThatIsNotOneIsRefused() throws {
        let run = try Self.rank(["fixtures/gcr-2026-014/bids"], ["--ocid-prefix", "OCDS-12"])
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("--ocid-prefix: 'OCDS-12' is not an OCDS prefix"))
    }

    /// The same inputs give the same bytes, whatever their order and whether the bids came
    /// as files or in envelopes (nothing in a release names a file).
    @Test func theSameBytesFromEnvelopesAndInAnyOrder() throws {
        let files = try RankCommandTests.bidFiles()
        let forward = try Self.rank(files)
        let backward = try Self.rank(files.reversed())
        let envelopes = try Self.rank(["fixtures/envelopes/gcr-2026-014"])
        #expect(forward.status == 0 && envelopes.status == 0)
        #expect(forward.stdout == backward.stdout)
        #expect(forward.stdout == envelopes.stdout)
    }

    @Test(.enabled(if: OCDSValidator.available, "python3 with jsonschema, or ../shared/data/ocds-1.1.5, is not available"))
    func everyPackageValidatesAgainstThePatchedSchemas() throws {
        let folder = try Self.folder("valid")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var packages: [String] = []
        // The fixture tender: six valid bids, two disqualified at a gate.
        let fixture = try Self.rank(["fixtures/gcr-2026-014/bids"])
        #expect(fixture.status == 0)
        packages.append(try Self.write(fixture.stdout, folder, "fixture.json"))
        // A tender whose every bid is excluded at a gate: no valid bid.
        let excluded = try Self.rank(["fixtures/gcr-2026-014/bids/B-014-04.xml", "fixtures/gcr-2026-014/bids/B-014-05.xml"])
        #expect(excluded.status == 0)
        #expect(excluded.stdout.contains("{ \"id\": \"validBids\", \"measure\": \"validBids\", \"value\": 0 }"))
        packages.append(try Self.write(excluded.stdout, folder, "excluded.json"))
        // Bids refused as unreadable are left out of the release.
        let refused = try Self.rank(["fixtures/envelopes/gcr-2026-014", "fixtures/invalid/malformed.xml"], ["--exclude-invalid"])
        #expect(refused.status == 0)
        packages.append(try Self.write(refused.stdout, folder, "refused.json"))
        // An awarded contract, read from the store.
        let contract = try AwardedContract.ocds()
        #expect(contract.status == 0, "\(contract.stderr)")
        packages.append(try Self.write(contract.stdout, folder, "contract.json"))
        let result = try OCDSValidator.validate(packages)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == packages.map { "\($0): valid\n" }.joined())
    }

    @Test(.enabled(if: OCDSValidator.available, "python3 with jsonschema, or ../shared/data/ocds-1.1.5, is not available"))
    func aBrokenPackageIsRejected() throws {
        let folder = try Self.folder("broken")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fixture = try Self.rank(["fixtures/gcr-2026-014/bids"])
        let broken = fixture.stdout
            .replacingOccurrences(of: "\"status\": \"disqualified\"", with: "\"status\": \"rejected\"")
            .replacingOccurrences(of: "\"goal\": \"social.smeInclusion\"", with: "\"goal\": \"social.smeFriendliness\"")
            .replacingOccurrences(of: "\"initiationType\": \"tender\",\n", with: "")
        let path = try Self.write(broken, folder, "broken.json")
        let result = try OCDSValidator.validate([path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(path): releases/0/: 'initiationType' is a required property"))
        #expect(lines.contains("\(path): releases/0/bids/details/6/status: 'rejected' is not one of "
                               + "['invited', 'pending', 'valid', 'disqualified', 'withdrawn', None]"))
        #expect(lines.contains("\(path): releases/0: goal 'social.smeFriendliness' is not in sustainabilityGoal.csv"))
    }
}

/// The fixture tender's winner, B-014-01, awarded as contract C-2026-0140 in a store of its
/// own, and the OCDS package `contracts ocds` writes for it.
enum AwardedContract {
    /// `withdrawn`: the contract is withdrawn (`contracts withdraw`) before it is published.
    static func ocds(_ extra: [String] = ["--ocid-prefix", "ocds-b5fd17"], contract: String = "C-2026-0140",
                     withdrawn: Bool = false) throws -> CLI.Output {
        let folder = NSTemporaryDirectory() + "cbscore-ocds-contract-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/store.sqlite"
        let award = try CLI.run(["contracts", "award", "fixtures/gcr-2026-014/bids/B-014-01.xml",
                                 "--tender", "fixtures/gcr-2026-014/tender.xml", "--contract", "C-2026-0140",
                                 "--start", "2026-05-01", "--end", "2029-04-30", "--areas", "fixtures/areas",
                                 "--no-area-cache", "--db", db])
        guard award.status == 0 else { return award }
        if withdrawn {
            let withdraw = try CLI.run(["contracts", "withdraw", "C-2026-0140", "--reason", "awarded to the wrong bid",
                                        "--by", "Ann Officer", "--db", db])
            guard withdraw.status == 0 else { return withdraw }
        }
        return try CLI.run(["contracts", "ocds", contract, "--db", db] + extra)
    }
}

@Suite struct ContractOCDSCommandTests {
    /// Issue 14: a withdrawn contract is published as cancelled, and the package is valid OCDS.
    @Test(.enabled(if: OCDSValidator.available, "python3 with jsonschema, or ../shared/data/ocds-1.1.5, is not available"))
    func aWithdrawnContractIsPublishedAsCancelled() throws {
        let run = try AwardedContract.ocds(withdrawn: true)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"id\": \"ocds-b5fd17-GCR-2026-014-contract-C-2026-0140-withdrawn\""))
        #expect(run.stdout.contains("\"status\": \"cancelled\""))
        #expect(run.stdout.contains("\"awardCancellation\""))
        #expect(!run.stdout.contains("\"active\""))
        let path = NSTemporaryDirectory() + "cbscore-withdrawn-\(UUID().uuidString).json"
        try run.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try OCDSValidator.validate([path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func theAwardedContractMatchesItsGolden() throws {
        let run = try AwardedContract.ocds()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        try RankCommandTests.checkGolden(run.stdout, "C-2026-0140.ocds.json")
        // Another store, another day: the same bytes.
        #expect(try AwardedContract.ocds().stdout == run.stdout)
    }

    @Test func withoutAPrefixThePlaceholderIsSaidToBeOne() throws {
        let run = try AwardedContract.ocds([])
        #expect(run.status == 0)
        #expect(run.stderr == "note: the ocid prefix ocds-000000 is a placeholder; give the publisher's registered prefix with --ocid-prefix\n")
        #expect(run.stdout.contains("\"ocid\": \"ocds-000000-GCR-2026-014\""))
    }

    @Test func anUnknownContractIsRefused() throws {
        let run = try AwardedContract.ocds(contract: "C-9")
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "no contract 'C-9'; `cbscore contracts list` shows them\n")
    }
}
