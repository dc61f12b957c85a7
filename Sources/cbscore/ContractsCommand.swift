import ArgumentParser
import Documents
import Foundation
import Hashing
import Monitoring
import Store

/// `cbscore contracts award|list`: the contracts whose delivery is monitored.
struct Contracts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contracts",
        abstract: "Record awarded contracts and list them.",
        subcommands: [ContractsAward.self, ContractsList.self]
    )
}

struct ContractsAward: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "award",
        abstract: "Record the winning bid's commitments, scheme and committed points as a contract."
    )

    @Argument(help: "The bid file (one <Bid>, or <Bids> with --bid).") var bidFile: String
    @Option(help: "The contract id returns will name.") var contract: String
    @Option(help: "First day of the contract (YYYY-MM-DD).") var start: CalendarDate
    @Option(help: "Last day of the contract (YYYY-MM-DD).") var end: CalendarDate
    @Option(help: "Which bid of the file won, when it holds several.") var bid: String?
    @Option(help: "The tender the bid answered (its fields may be read by the scheme).") var tender: String
    @Option(help: "The scheme the bid was scored with (default: the bundled reference scheme).") var scheme: String?
    @OptionGroup var areas: AreaOptions
    @OptionGroup var store: MonitorStoreOptions

    func run() async throws {
        do {
            let winner = try MonitorInputs.readBid(at: bidFile, id: bid)
            let tenderValue = try MonitorInputs.readTender(at: tender)
            let lookup = try areas.loadDirectory()
            let (schemeRef, scorer) = try MonitorInputs.scorer(scheme: scheme, tender: tenderValue, areas: lookup)
            let stored = try await store.open().award(Award(
                contractID: contract, bid: winner, tender: tenderValue, start: start, end: end, bidFile: bidFile,
                bidSHA256: try SHA256.hexOfFile(atPath: bidFile), scheme: schemeRef,
                committedPoints: try scorer.points(for: winner.commitments, like: winner)), areas: lookup)
            print("awarded contract \(stored.summary.contractID) to \(stored.summary.supplier) (bid \(stored.summary.bidID)): "
                  + "\(stored.terms.commitments.count) commitments, \(stored.summary.committedPoints.total.formatted(places: 2)) committed points")
        } catch let error as DiagnosticsError {
            printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

struct ContractsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List awarded contracts.")

    @OptionGroup var store: MonitorStoreOptions

    func run() async throws {
        let contracts = try await store.open().contracts()
        if contracts.isEmpty { print("no contracts"); return }
        for c in contracts {
            print("\(c.contractID)  \(c.supplier)  bid \(c.bidID) (tender \(c.tenderID))  \(c.start) to \(c.end)  "
                  + "\(c.commitments) commitments  \(c.returns) periods returned  "
                  + "\(c.committedPoints.total.formatted(places: 2)) committed points  scheme \(c.scheme.name) \(c.scheme.sha256.prefix(12))")
        }
    }
}
