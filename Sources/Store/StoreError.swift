/// The store holds something this version cannot read back, or cannot be opened as asked.
public enum StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    case corrupt(String)
    /// The store has migrations this version does not know: a newer cbscore wrote it.
    case newerVersion(migrations: [String])
    /// An id, email or token already in use.
    case conflict(String)
    /// A URL or path that names no store this version can open.
    case unusable(String)

    public var description: String {
        switch self {
        case .corrupt(let what): "the store holds an unreadable \(what)"
        case .newerVersion(let migrations):
            "the store was written by a newer cbscore (schema \(migrations.joined(separator: ", "))); "
                + "open it with that version"
        case .conflict(let what): "\(what) is already in use; nothing changed"
        case .unusable(let why): why
        }
    }
}
