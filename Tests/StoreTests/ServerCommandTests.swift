import Credentials
import Foundation
import Store
import Testing

/// `cbscore-server migrate`, `users add`, `tokens add`, run as an administrator would, on each
/// backend.
@Suite struct ServerCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = try TestStores.binary("cbscore-server")
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A migrated empty store and the arguments that name it.
    static func store(_ kind: StoreKind) throws -> (EvaluationStore, [String]) {
        let store = try TestStores.fresh(kind)
        return (store, ProcessTests.storeArguments(store))
    }

    @Test(arguments: TestStores.kinds)
    func migrateNamesTheSchema(_ kind: StoreKind) throws {
        let (_, place) = try Self.store(kind)
        let run = try Self.run(["migrate"] + place)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix(kind == .sqlite ? "schema v1, v2-delivery-summaries, v3-evaluation, v4-current-is-latest-submitted, v5-annual-report, v6-contract-withdrawals\n"
                                                     : "schema v1, v2, v3\n"))
    }

    @Test(arguments: TestStores.kinds)
    func usersAddReadsThePasswordFromStandardInput(_ kind: StoreKind) async throws {
        let (store, place) = try Self.store(kind)
        let run = try Self.run(["users", "add", "Sam@Clyde.example", "--role", "supplier", "--supplier", "Clyde Build Ltd"] + place,
                               input: "a long enough passphrase\n")
        #expect(run.status == 0, "\(run.stderr)")
        let found = try #require(try await store.user(email: "sam@clyde.example"))
        #expect(found.user.role == .supplier)
        #expect(found.user.supplier == "Clyde Build Ltd")
        #expect(found.passwordHash.hasPrefix("$2b$12$"))
        #expect(Passwords.verify("a long enough passphrase", hash: found.passwordHash))
        #expect(!run.stdout.contains("passphrase") && !run.stderr.contains("passphrase"))
        let again = try Self.run(["users", "add", "sam@clyde.example", "--role", "admin"] + place, input: "another long passphrase\n")
        #expect(again.status != 0)
        #expect(again.stderr.contains("the email sam@clyde.example is already in use"))
    }

    @Test(arguments: TestStores.kinds)
    func aShortPasswordIsRefused(_ kind: StoreKind) async throws {
        let (store, place) = try Self.store(kind)
        let run = try Self.run(["users", "add", "a@x.example", "--role", "admin"] + place, input: "short\n")
        #expect(run.status != 0)
        #expect(run.stderr.contains("a password has at least 12 characters"))
        #expect(try await store.users().isEmpty)
    }

    @Test func aSupplierUserNeedsItsSupplier() throws {
        let (_, place) = try Self.store(.sqlite)
        let run = try Self.run(["users", "add", "s@x.example", "--role", "supplier"] + place, input: "a long enough passphrase\n")
        #expect(run.status != 0)
        #expect(run.stderr.contains("a supplier user needs --supplier NAME"))
    }

    @Test(arguments: TestStores.kinds)
    func tokensAddPrintsTheTokenAloneAndStoresItsHash(_ kind: StoreKind) async throws {
        let (store, place) = try Self.store(kind)
        try await store.addUser(User(email: "int@portal.example", role: .officer), passwordHash: "h")
        let run = try Self.run(["tokens", "add", "int@portal.example"] + place)
        #expect(run.status == 0, "\(run.stderr)")
        let token = String(run.stdout.dropLast())
        #expect(run.stdout == token + "\n")
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit))
        #expect(try await store.user(tokenSHA256: Tokens.sha256(token))?.email == "int@portal.example")
        let kept = try await store.backend.read { tx in try tx.rows("SELECT token_sha256 FROM api_tokens", []).map { try $0.text(0) } }
        #expect(kept == [Tokens.sha256(token)])
    }

    @Test(arguments: TestStores.kinds)
    func tokensAddForNobodyIsRefused(_ kind: StoreKind) async throws {
        let (store, place) = try Self.store(kind)
        let run = try Self.run(["tokens", "add", "nobody@x.example"] + place)
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("no user nobody@x.example"))
        #expect(try await store.backend.read { tx in try tx.row("SELECT count(*) FROM api_tokens")?.int(0) } == 0)
    }
}
