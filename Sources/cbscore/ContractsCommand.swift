import ArgumentParser
import Documents
import Foundation
import Hashing
import Monitoring
import Reports
import Store

/// `cbscore contracts award|list|statement`: the contracts whose delivery is monitored.
struct Contracts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contracts",
        abstract: "Record awarded contracts, list them, and write the award notice's statement of benefits.",
        subcommands: [ContractsAward.self, ContractsList.self, ContractsStatement.self]
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
            let winner = try MonitorInputs.readBid(at: bidFile, id: bid)
            let tenderValue = try MonitorInputs.readTender(at: tender)
            // A bid answering another tender is never this tender's winner.
            guard winner.tenderID == tenderValue.id else {
                throw DiagnosticsError([Diagnostic(
                    MonitoringDiagnostic.awardOtherTender, at: winner.location,
                    message: "bid \(winner.id) answers tender \(winner.tenderID), not \(tenderValue.id) (\(tender))",
                    hint: "name the bid's own tender with --tender, or the winning bid of \(tenderValue.id)")])
            }
            let lookup = try areas.loadDirectory()
            let loaded = try MonitorInputs.scheme(at: scheme)
            let (schemeRef, scorer) = try MonitorInputs.scorer(scheme: scheme, tender: tenderValue, areas: lookup)
            // A bid excluded at a gate is awarded only on an explicit, recorded reason.
            let failed = try MonitorInputs.failedGates(of: winner, tender: tenderValue, scheme: loaded, areas: lookup)
            if !failed.isEmpty, (override ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw DiagnosticsError([Diagnostic(
                    MonitoringDiagnostic.awardExcluded, at: winner.location,
                    message: "bid \(winner.id) fails \(failed.map { "\($0.title) (\($0.explanation))" }.joined(separator: "; ")), so the scheme excludes it",
                    hint: "award it all the same only with --override REASON; the reason is recorded with the contract")])
            }
            let stored = try await store.open(creating: true).award(Award(
                contractID: contract, bid: winner, tender: tenderValue, start: start, end: end, bidFile: bidFile,
                bidSHA256: try SHA256.hexOfFile(atPath: bidFile), scheme: schemeRef,
                committedPoints: try scorer.points(for: winner.commitments, like: winner),
                details: AwardDetails(awarded: awarded, overrideReason: failed.isEmpty ? nil : override),
                priorityGroups: loaded.priorityGroups), areas: lookup)
            if !failed.isEmpty, let override {
                print("awarded despite failing \(failed.map(\.id).joined(separator: ", ")): \(override) (recorded)")
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
                  + (c.details.overrideReason.map { "  awarded despite failing a gate: \($0)" } ?? ""))
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
