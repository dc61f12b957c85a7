import Hummingbird
import Store
import Synchronization

/// Who is asking: a user signed in with a session cookie, or an integrator with a token.
struct Caller: Sendable {
    var user: User
    /// The session when signed in by cookie; nil with a bearer token (no CSRF then: a token is
    /// never sent by a browser on its own).
    var session: SessionRecord?
}

/// What one request's audit entry needs that only its route knows: the id acted on, the
/// document's SHA-256, and (at sign-in) who signed in. Shared by reference between the front
/// door, which writes the entry, and the route.
final class AuditNote: Sendable {
    private let state = Mutex<(target: String?, sha256: String?, user: String?)>((nil, nil, nil))

    var target: String? {
        get { state.withLock { $0.target } }
        set { state.withLock { $0.target = newValue } }
    }

    var sha256: String? {
        get { state.withLock { $0.sha256 } }
        set { state.withLock { $0.sha256 = newValue } }
    }

    var user: String? {
        get { state.withLock { $0.user } }
        set { state.withLock { $0.user = newValue } }
    }
}

/// The request context: Hummingbird's core, the caller, the body as read (within the limit)
/// and the audit note.
public struct ServiceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var caller: Caller?
    var body: [UInt8] = []
    let note = AuditNote()

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The front door reads the body itself, within the service's limit; Hummingbird's own
    /// decoders are not used.
    public var maxUploadSize: Int { Int.max }
}
