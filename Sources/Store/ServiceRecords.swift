import Foundation

/// What the shared service keeps besides contracts and returns (service.md). Instants are UTC
/// text, `YYYY-MM-DDThh:mm:ssZ`, so they order as text and read back as written.

public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case admin, officer
    case contractManager = "contract-manager"
    case supplier, auditor
}

public struct User: Sendable, Hashable, Codable {
    /// Lower-cased: one person, one account, however the address is typed.
    public var email: String
    public var role: Role
    /// A supplier user's bidder name (or company number); nil for every other role.
    public var supplier: String?
    public var createdAt: String

    public init(email: String, role: Role, supplier: String? = nil, createdAt: String = "") {
        self.email = User.normalised(email)
        self.role = role
        self.supplier = supplier
        self.createdAt = createdAt
    }

    public static func normalised(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

public struct SessionRecord: Sendable, Hashable, Codable {
    /// SHA-256 of the cookie's value; the value itself is never stored.
    public var idSHA256: String
    public var email: String
    public var csrf: String
    public var createdAt: String
    public var expiresAt: String

    public init(idSHA256: String, email: String, csrf: String, createdAt: String, expiresAt: String) {
        self.idSHA256 = idSHA256
        self.email = User.normalised(email)
        self.csrf = csrf
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// One line of the append-only audit log.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// Given by the store, in the order entries were written.
    public var id: Int64
    public var at: String
    /// The email; nil when nobody was signed in.
    public var user: String?
    /// The method and route, `POST /api/v1/tenders`.
    public var action: String
    /// The id acted on.
    public var target: String?
    /// The status code answered.
    public var outcome: Int
    /// The SHA-256 of the document sent, if any.
    public var sha256: String?

    public init(id: Int64 = 0, at: String, user: String?, action: String, target: String?, outcome: Int,
                sha256: String?) {
        self.id = id
        self.at = at
        self.user = user
        self.action = action
        self.target = target
        self.outcome = outcome
        self.sha256 = sha256
    }
}

public struct StoredScheme: Sendable, Hashable, Codable {
    /// The scheme's id.
    public var sha256: String
    public var name: String
    public var version: String?
    /// The name it was uploaded (or loaded) as.
    public var file: String
    public var text: String
    public var addedAt: String
    public var addedBy: String?

    public init(sha256: String, name: String, version: String?, file: String, text: String, addedAt: String = "",
                addedBy: String? = nil) {
        self.sha256 = sha256
        self.name = name
        self.version = version
        self.file = file
        self.text = text
        self.addedAt = addedAt
        self.addedBy = addedBy
    }
}

/// A document as received: its bytes, unchanged, and their SHA-256.
public struct StoredDocument: Sendable, Hashable {
    public var sha256: String
    public var bytes: [UInt8]

    public init(sha256: String, bytes: [UInt8]) {
        self.sha256 = sha256
        self.bytes = bytes
    }
}

public struct TenderRecord: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    /// The name it was uploaded as.
    public var name: String
    public var documentSHA256: String
    public var addedAt: String
    public var addedBy: String?

    public init(id: String, title: String, name: String, documentSHA256: String, addedAt: String = "",
                addedBy: String? = nil) {
        self.id = id
        self.title = title
        self.name = name
        self.documentSHA256 = documentSHA256
        self.addedAt = addedAt
        self.addedBy = addedBy
    }
}

public struct BidRecord: Sendable, Hashable, Codable {
    public var tenderID: String
    public var bidID: String
    public var bidder: String
    /// The bid's submission instant as written in it.
    public var submitted: String
    /// The name of the document it came in (a bid, a batch, an envelope).
    public var name: String
    public var documentSHA256: String
    public var addedAt: String
    public var addedBy: String?

    public init(tenderID: String, bidID: String, bidder: String, submitted: String, name: String,
                documentSHA256: String, addedAt: String = "", addedBy: String? = nil) {
        self.tenderID = tenderID
        self.bidID = bidID
        self.bidder = bidder
        self.submitted = submitted
        self.name = name
        self.documentSHA256 = documentSHA256
        self.addedAt = addedAt
        self.addedBy = addedBy
    }
}

/// A ranking: a decision record, never changed once stored.
public struct RankingRecord: Sendable, Hashable, Codable {
    public var id: String
    public var tenderID: String
    public var schemeSHA256: String
    /// The documents ranked, `[{"name","sha256"}]` as JSON.
    public var documentsJSON: String
    /// The inputs given (panel scores…), as JSON.
    public var inputsJSON: String
    public var excludeInvalid: Bool
    /// The `cbscore.result/1` JSON, byte for byte as produced.
    public var resultJSON: String
    public var madeBy: String?
    public var madeAt: String

    public init(id: String, tenderID: String, schemeSHA256: String, documentsJSON: String, inputsJSON: String,
                excludeInvalid: Bool, resultJSON: String, madeBy: String?, madeAt: String = "") {
        self.id = id
        self.tenderID = tenderID
        self.schemeSHA256 = schemeSHA256
        self.documentsJSON = documentsJSON
        self.inputsJSON = inputsJSON
        self.excludeInvalid = excludeInvalid
        self.resultJSON = resultJSON
        self.madeBy = madeBy
        self.madeAt = madeAt
    }
}
