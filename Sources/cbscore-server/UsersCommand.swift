import ArgumentParser
import Credentials
import Foundation
import Store

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Add and list the service's users.", subcommands: [UsersAdd.self, UsersList.self])
}

extension Role: ExpressibleByArgument {}

struct UsersAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a user; the password is read from standard input (its first line).",
        discussion: "Roles: admin, officer, contract-manager, supplier (with --supplier), auditor.")

    @Argument(help: "The user's email.") var email: String
    @Option(help: "admin, officer, contract-manager, supplier or auditor.") var role: Role
    @Option(help: "For a supplier user: the bidder name (or company number) of its contracts.") var supplier: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if role == .supplier, (supplier ?? "").isEmpty { throw ValidationError("a supplier user needs --supplier NAME") }
        if role != .supplier, supplier != nil { throw ValidationError("--supplier is for supplier users only") }
        if !email.contains("@") { throw ValidationError("'\(email)' is not an email address") }
    }

    func run() async throws {
        guard let line = readLine(strippingNewline: true) else {
            printError("no password on standard input (e.g. `printf '%s\\n' \"$PASSWORD\" | cbscore-server users add …`)")
            throw ExitCode.failure
        }
        if let problem = Passwords.problem(with: line) {
            printError("password refused: \(problem)")
            throw ExitCode.failure
        }
        let opened = try store.open()
        do {
            try await opened.addUser(User(email: email, role: role, supplier: supplier), passwordHash: Passwords.hash(line))
        } catch let error as StoreError {
            printError("\(error)")
            throw ExitCode.failure
        }
        print("added \(User.normalised(email)) (\(role.rawValue)\(supplier.map { ", supplier \($0)" } ?? ""))")
        try await opened.close()
    }
}

struct UsersList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List users.")
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let opened = try store.open()
        for user in try await opened.users() {
            print("\(user.email)  \(user.role.rawValue)\(user.supplier.map { "  supplier \($0)" } ?? "")  since \(user.createdAt)")
        }
        try await opened.close()
    }
}
