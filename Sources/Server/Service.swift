import Areas
import Credentials
import DocumentReading
import Foundation
import Hummingbird
import Logging
import Scoring
import Store

/// The shared service: the store, the area tables and the readers behind every route and page.
/// It keeps no state of its own between requests (sessions, documents, rankings and locks all
/// live in the store), so any number of processes can serve one PostgreSQL database.
public final class Service: Sendable {
    let store: EvaluationStore
    let areas: any AreaLookup
    let reader: DocumentReader
    let configuration: ServiceConfiguration
    let clock: ServiceClock
    /// The bundled reference scheme's id: the default when a ranking names none.
    let defaultSchemeID: String
    let logger: Logger

    /// Opens the service over `store`, adding the bundled schemes to it when they are missing.
    public init(store: EvaluationStore, areas: any AreaLookup, configuration: ServiceConfiguration = ServiceConfiguration(),
                clock: @escaping ServiceClock = SystemClock.now, logger: Logger = Logger(label: "cbscore-server")) async throws {
        self.store = store
        self.areas = areas
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        reader = try DocumentReader()
        let bundled = try Scheme.bundled()
        for scheme in bundled {
            try await store.addScheme(StoredScheme(sha256: scheme.reference.sha256, name: scheme.reference.name,
                                                   version: scheme.reference.version, file: scheme.reference.file,
                                                   text: scheme.sourceText))
        }
        defaultSchemeID = try Scheme.bundledDefault().reference.sha256
    }

    /// The UTC instant `seconds` from now, as the store writes instants.
    func instant(after seconds: Int = 0) -> String {
        EvaluationStore.instant(epochSeconds: clock() + seconds)
    }

    /// Runs `body` (bcrypt, a quarter of a second) on a thread of its own, so the server's
    /// event loops and the concurrency pool keep serving.
    func offload<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: body()) }
        }
    }

    /// The router with every API route and page.
    public func router() -> Router<ServiceContext> {
        let router = Router(context: ServiceContext.self)
        router.add(middleware: FrontDoor(service: self))
        addHealthRoute(to: router)
        addSessionRoutes(to: router)
        addSchemeRoutes(to: router)
        addTenderRoutes(to: router)
        addRankingRoutes(to: router)
        addContractRoutes(to: router)
        addReportRoutes(to: router)
        addAuditRoutes(to: router)
        addUserRoutes(to: router)
        addPages(to: router)
        return router
    }

    /// The HTTP server on the configured host and port; SIGTERM (or SIGINT) lets the requests
    /// in flight finish, then it returns.
    public func application() -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: nil), logger: logger)
    }
}
