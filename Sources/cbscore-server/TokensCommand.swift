import ArgumentParser
import Credentials
import Store

struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "API tokens for integrators.", subcommands: [TokensAdd.self])
}

struct TokensAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Create an API token for a user and print it, alone, on standard output.",
        discussion: "Only its SHA-256 is stored: the token cannot be shown again.")

    @Argument(help: "The user's email.") var email: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let opened = try store.open()
        let token = Tokens.generate()
        do {
            try await opened.addToken(email: email, tokenSHA256: Tokens.sha256(token))
        } catch let error as StoreError {
            printError("\(error)")
            throw ExitCode.failure
        }
        print(token)
        try await opened.close()
    }
}
