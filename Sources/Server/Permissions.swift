import Store

/// What a role may do (service.md, "Roles"). A supplier's reading and returns are limited to
/// its own contracts by the routes, which answer 404 for any other.
enum Permission: Sendable, CaseIterable {
    case readSchemes, addSchemes
    case readTenders
    /// Add tenders and bids, rank, award.
    case evaluate
    case readContracts
    case submitReturns
    /// The portfolio and the annual report.
    case portfolio
    case audit
    case users

    var roles: Set<Role> {
        switch self {
        case .readSchemes: [.admin, .officer, .contractManager, .auditor]
        case .addSchemes: [.admin, .officer]
        case .readTenders: [.admin, .officer, .contractManager, .auditor]
        case .evaluate: [.officer]
        case .readContracts: [.admin, .officer, .contractManager, .supplier, .auditor]
        case .submitReturns: [.contractManager, .supplier]
        case .portfolio: [.admin, .officer, .contractManager, .auditor]
        case .audit: [.admin, .auditor]
        case .users: [.admin]
        }
    }

    func allows(_ role: Role) -> Bool { roles.contains(role) }
}
