import Diagnostics
import DocumentReading
import Documents
import Foundation
import Hashing

/// A document to read: a file named on a command line, or the bytes of one received or
/// stored (an upload) with the name it was given, which stands for the file in every
/// diagnostic and position. Both are read by the same hardened reader with the same limits.
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

    /// Runs `body` with a path holding the document. Bytes are written to a private temporary
    /// file that is removed afterwards; the reader is then told the document's name, so nothing
    /// of the temporary path reaches a diagnostic or a position.
    func withPath<T>(_ body: (String, String?) throws -> T) throws -> T {
        switch self {
        case .file(let path):
            return try body(path, nil)
        case .bytes(let bytes, let name):
            let folder = try PrivateFolder()
            defer { folder.remove() }
            let path = folder.path + "/document.xml"
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw DiagnosticsError([Diagnostic(XMLDiagnostic.unreadable, at: SourceLocation(file: name, line: 1, column: 1),
                                                   message: "the document cannot be held for reading (no temporary space)")])
            }
            return try body(path, name)
        }
    }
}

/// A folder only this process may read (mode 0700), made by mkdtemp.
struct PrivateFolder {
    let path: String

    init() throws {
        let base = (ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
        var template = Array((base + "/cbscore-upload-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

extension DocumentReader {
    public func readTender(_ input: DocumentInput) throws(DiagnosticsError) -> Tender {
        do {
            return try input.withPath { path, name in try readTender(at: path, displayPath: name) }
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            throw DiagnosticsError([Diagnostic(XMLDiagnostic.unreadable, at: SourceLocation(file: input.name, line: 1, column: 1),
                                               message: "cannot read the document: \(error)")])
        }
    }

    public func readReturn(_ input: DocumentInput) throws(DiagnosticsError) -> DeliveryReturn {
        do {
            return try input.withPath { path, name in try readReturn(at: path, displayPath: name) }
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            throw DiagnosticsError([Diagnostic(XMLDiagnostic.unreadable, at: SourceLocation(file: input.name, line: 1, column: 1),
                                               message: "cannot read the document: \(error)")])
        }
    }

    /// Every bid of a `<Bid>`, a `<Bids>` batch or a UBL envelope. Bytes are read where they
    /// are, by the same hardened reader as a file (`DocumentReader.readBids(bytes:name:…)`).
    public func readBids(_ input: DocumentInput, tenderIDs: Set<String>?,
                         _ body: (BidReadResult) throws -> Void) throws {
        switch input {
        case .file(let path): try readBids(at: path, tenderIDs: tenderIDs, body)
        case .bytes(let bytes, let name): try readBids(bytes: bytes, name: name, tenderIDs: tenderIDs, body)
        }
    }
}
