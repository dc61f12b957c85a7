import Hummingbird
import Monitoring
import Store

extension Service {
    typealias Handler = @Sendable (Request, ServiceContext, Caller) async throws -> Response

    /// Who may call a route, checked in service.md's order: no caller 401; a change made with a
    /// session cookie but without its CSRF token 403; a role without the permission 403. A
    /// supplier asking for another supplier's contract gets 404 from the route itself.
    func authorize(_ request: Request, _ context: ServiceContext, _ permission: Permission?) throws -> Caller {
        guard let caller = context.caller else { throw ServiceError.unauthenticated }
        if request.method.isUnsafe, let session = caller.session {
            let sent = request.headers[.xCSRFToken] ?? Forms.field("csrf", of: request, body: context.body)
            guard let sent, Self.constantTimeEqual(sent, session.csrf) else { throw ServiceError.csrf }
        }
        if let permission, !permission.allows(caller.user.role) { throw ServiceError.forbidden(caller.user.role.rawValue) }
        return caller
    }

    /// Registers a route that needs a caller (and, when given, a permission).
    func on(_ router: Router<ServiceContext>, _ method: HTTPRequest.Method, _ path: RouterPath, _ permission: Permission?,
            _ handler: @escaping Handler) {
        router.on(path, method: method) { [self] request, context in
            let caller = try authorize(request, context, permission)
            return try await handler(request, context, caller)
        }
    }

    /// Compares without stopping at the first difference, so timing tells nothing of the token.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    /// A contract the caller may see: any for roles that read contracts, only its own for a
    /// supplier (another supplier's is 404, as if it did not exist).
    func visibleContract(_ id: String, to caller: Caller) async throws -> StoredContract {
        guard let contract = try await store.contract(id), caller.maySee(contract) else {
            throw ServiceError.notFound("contract \(id)")
        }
        return contract
    }
}

extension Caller {
    /// A supplier user is bound to the bidder name (or company number) its contracts were
    /// awarded from; every other role that reads contracts sees them all.
    func maySee(_ contract: StoredContract) -> Bool {
        guard user.role == .supplier else { return true }
        guard let supplier = user.supplier, !supplier.isEmpty else { return false }
        return contract.summary.supplier == supplier || contract.bid.bidder.companyNumber == supplier
    }
}
