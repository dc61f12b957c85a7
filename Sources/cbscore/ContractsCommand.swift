import ArgumentParser
import DocumentReading
import Engine
import Documents
import Foundation
import Hashing
import Monitoring
import Reports
import Store

/// `cbscore contracts award|withdraw|list|statement|ocds`: the contracts whose delivery is monitored.
struct Contracts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contracts",
        abstract: "Record awarded contracts, withdraw one awarded by mistake, list them, write the award notice's statement of benefits, and publish one as OCDS.",
        subcommands: [ContractsAward.self, ContractsWithdraw.self, ContractsList.self, ContractsStatement.self, ContractsOCDS.self]
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
    @Option(help: "The award date (YYYY-MM-DD; default: the start date).") var awarded: CalendarDate?
    @Option(help: "Which bid of the file won, when it holds several.") var bid: String?
    @Option(help: "The tender the bid answered (its fields may be read by the scheme).") var tender: String
    @Option(help: "The scheme the bid was scored with (default: the bundled reference scheme).") var scheme: String?
    @Option(help: ArgumentHelp("Award a bid that fails a gate of the scheme all the same; the reason is recorded with the contract.",
                               valueName: "reason"))
    var override: String?
    @OptionGroup var areas: AreaOptions
    @OptionGroup var store: MonitorStoreOptions

    func run() async throws {
        do {
            let reader = try DocumentReader()
            let winner = try Awarding.readBid(.file(bidFile), id: bid, reader: reader)
            let tenderValue = try reader.readTender(at: tender)
            let lookup = try areas.loadDirectory()
            let (award, failed) = try Awarding.award(
                contractID: contract, bid: winner, tender: tenderValue, tenderName: tender, scheme: try MonitorInputs.scheme(at: scheme),
                areas: lookup, start: start, end: end, bidFile: bidFile, bidSHA256: try SHA256.hexOfFile(atPath: bidFile),
                override: override, details: AwardDetails(awarded: awarded))
            let stored = try await store.open(creating: true).award(award, areas: lookup)
            if !failed.isEmpty, let reason = stored.summary.details.overrideReason {
                print("awarded despite failing \(failed.map(\.id).joined(separator: ", ")): \(reason) (recorded)")
            }
            print("awarded contract \(stored.summary.contractID) to \(stored.summary.supplier) (bid \(stored.summary.bidID)): "
                  + (stored.terms.commitments.isEmpty ? "no commitments, so no community benefit requirements"
                     : "\(stored.terms.commitments.count) commitments, \(stored.summary.committedPoints.total.formatted(places: 2)) committed points"))
        } catch let error as DiagnosticsError {
            printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

struct ContractsWithdraw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw a contract awarded by mistake: recorded with who and why, and kept in the history.",
        discussion: "The award, its commitments and its returns stay in the store; the contract then takes no returns, owes none, and is left out of the portfolio and the annual report. A withdrawal cannot be undone or repeated."
    )

    @Argument(help: "The contract id.") var contract: String
    @Option(help: "Why the contract is withdrawn (recorded and shown wherever the contract is).") var reason: String
    @Option(help: "Who withdraws it (recorded in the store's audit log).") var by: String
    @OptionGroup var store: MonitorStoreOptions

    func run() async throws {
        do {
            let withdrawal = try await store.open().withdraw(contract: contract, reason: reason, by: by)
            print("withdrew contract \(contract): \(withdrawal.sentence) (recorded)")
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
        let contracts: [ContractSummary]
        do {
            contracts = try await store.open().contracts()
        } catch let error as DiagnosticsError {
            printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
        if contracts.isEmpty { print("no contracts"); return }
        for c in contracts {
            print("\(c.contractID)  \(c.supplier)  bid \(c.bidID) (tender \(c.tenderID))  \(c.start) to \(c.end)  "
                  + "\(c.commitments) commitments  \(c.returns) periods returned  "
                  + "\(c.committedPoints.total.formatted(places: 2)) committed points  scheme \(c.scheme.name) \(c.scheme.sha256.prefix(12))"
                  + (c.details.overrideReason.map { "  awarded despite failing a gate: \($0)" } ?? "")
                  + (c.withdrawal.map { "  WITHDRAWN \($0.at) by \($0.by): \($0.reason)" } ?? ""))
        }
    }
}

struct ContractsStatement: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "The award notice's statement of the benefits expected from a contract's community benefit requirements (s.25(4) of the 2014 Act).",
        discussion: "Plain sentences from the awarded bid's commitments, ready to paste into the notice, and whether the contract is at or above the £4,000,000 threshold."
    )

    @Argument(help: "The contract id.") var contract: String
    @Option(name: .shortAndLong, help: "Write the statement to this file instead of stdout.") var output: String?
    @OptionGroup var store: MonitorStoreOptions

    func run() async throws {
        do {
            guard let stored = try await store.open().contract(contract) else {
                printError("no contract '\(contract)'; `cbscore contracts list` shows them")
                throw ExitCode.failure
            }
            try emit(AwardStatement.render(stored), to: output)
        } catch let error as DiagnosticsError {
            printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
