import Diagnostics
import DocumentReading
import Documents
import Hashing

/// A document to read: a file named on a command line, or the bytes of one received or
/// stored (an upload) with the name it was given, which stands for the file in every
/// diagnostic and position. Both are read by the same hardened reader with the same limits;
/// bytes never go through a file.
public enum DocumentInput: Sendable, Hashable {
    case file(String)
    case bytes([UInt8], name: String)

    /// The path, or the name the bytes were given.
    public var name: String {
        switch self {
        case .file(let path): path
        case .bytes(_, let name): name
        }
    }

    /// SHA-256 of the file or the bytes, in hex; empty when a file cannot be read.
    public var sha256: String {
        switch self {
        case .file(let path): (try? SHA256.hexOfFile(atPath: path)) ?? ""
        case .bytes(let bytes, _): SHA256.hex(bytes)
        }
    }
}

extension DocumentReader {
    public func readTender(_ input: DocumentInput) throws(DiagnosticsError) -> Tender {
        switch input {
        case .file(let path): try readTender(at: path)
        case .bytes(let bytes, let name): try readTender(bytes: bytes, name: name)
        }
    }

    public func readReturn(_ input: DocumentInput) throws(DiagnosticsError) -> DeliveryReturn {
        switch input {
        case .file(let path): try readReturn(at: path)
        case .bytes(let bytes, let name): try readReturn(bytes: bytes, name: name)
        }
    }

    /// Every bid of a `<Bid>`, a `<Bids>` batch or a UBL tender envelope.
    public func readBids(_ input: DocumentInput, tenderIDs: Set<String>?,
                         _ body: (BidReadResult) throws -> Void) throws {
        switch input {
        case .file(let path): try readBids(at: path, tenderIDs: tenderIDs, body)
        case .bytes(let bytes, let name): try readBids(bytes: bytes, name: name, tenderIDs: tenderIDs, body)
        }
    }
}
