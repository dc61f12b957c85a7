import Hummingbird
import NIOCore
import Store

extension Service {
    typealias PageHandler = @Sendable (Request, ServiceContext, Caller) async throws -> Response

    /// Registers a page: like an API route, but a GET without a session goes to the sign-in
    /// page, and a refusal is shown as a page.
    func onPage(_ router: Router<ServiceContext>, _ method: HTTPRequest.Method, _ path: RouterPath, _ permission: Permission?,
                _ handler: @escaping PageHandler) {
        on(router, method, path, permission, handler)
    }

    func addPages(to router: Router<ServiceContext>) {
        router.get("/static/style.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: Self.stylesheet)))
        }
        router.get("/") { [self] _, context in
            guard let caller = context.caller else { return redirect(to: "/sign-in") }
            return redirect(to: home(for: caller.user.role))
        }
        addSignInPages(to: router)
        addTenderPages(to: router)
        addRankingPages(to: router)
        addSchemePages(to: router)
        addContractPages(to: router)
        addOversightPages(to: router)
    }

    func home(for role: Role) -> String {
        switch role {
        case .officer: "/tenders"
        case .contractManager, .supplier: "/contracts"
        case .admin: "/users"
        case .auditor: "/audit"
        }
    }

    func addSignInPages(to router: Router<ServiceContext>) {
        router.get("/sign-in") { [self] request, context in
            signInPage(next: request.uri.queryParameters["next"].map(String.init), error: nil, caller: context.caller)
        }
        router.post("/sign-in") { [self] request, context in
            // No session yet, so no CSRF token: a sign-in posted from another site (to sign a
            // person in as someone else) is refused by what the browser says of its origin.
            if request.headers[.secFetchSite] == "cross-site" { throw ServiceError.csrf }
            let fields = Forms.fields(of: request, body: context.body)
            let next = fields["next"]
            do {
                let (user, session) = try await signIn(email: fields["email"] ?? "", password: fields["password"] ?? "",
                                                       note: context.note)
                var target = home(for: user.role)
                // Only a path on this site: never an address elsewhere.
                if let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next != "/sign-in" { target = next }
                return Response(status: .seeOther, headers: [.location: target, .setCookie: sessionCookie(session.id)])
            } catch let error as ServiceError {
                return signInPage(next: next, error: error, caller: nil, email: fields["email"])
            }
        }
        router.post("/sign-out") { [self] request, context in
            let caller = try authorize(request, context, nil)
            if let session = caller.session { try await store.deleteSession(idSHA256: session.idSHA256) }
            return Response(status: .seeOther, headers: [.location: "/sign-in", .setCookie: clearedSessionCookie()])
        }
    }

    func signInPage(next: String?, error: ServiceError?, caller: Caller?, email: String? = nil) -> Response {
        var body = "<header class=\"report\"><p class=\"kicker\">cbscore</p><h1>Sign in</h1>"
        body += "<p class=\"meta\">Community benefits: tenders, rankings, contracts and delivery returns.</p></header>"
        if let error { body += errorBox(error) }
        body += """
        <form class="panel" method="post" action="/sign-in">
        <input type="hidden" name="next" value="\(h(next ?? ""))">
        <div class="field"><label for="email">Email</label>
        <input type="email" id="email" name="email" autocomplete="username" required value="\(h(email ?? ""))"></div>
        <div class="field"><label for="password">Password</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required></div>
        <button class="primary" type="submit">Sign in</button>
        </form>
        """
        return page("Sign in", caller: caller, status: error?.status ?? .ok, body: body)
    }
}
