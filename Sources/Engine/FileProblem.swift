import Foundation

/// A file error in words, naming the path: "the folder out does not exist", never a raw
/// `NSCocoaErrorDomain Code=4`. Used wherever a command reads or writes a file it was named.
public enum FileProblem {
    /// What went wrong writing `path` (errno `code`).
    public static func writing(_ path: String, errno code: Int32) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let shownFolder = folder.isEmpty ? "." : folder
        switch code {
        case ENOENT: return "cannot write \(path): the folder \(shownFolder) does not exist"
        case ENOTDIR: return "cannot write \(path): \(shownFolder) is not a folder"
        case EISDIR: return "cannot write \(path): it is a folder"
        case EACCES, EPERM: return "cannot write \(path): permission denied"
        case EROFS: return "cannot write \(path): the file system is read-only"
        case ENOSPC: return "cannot write \(path): the disk is full"
        default: return "cannot write \(path): \(String(cString: strerror(code)).lowercased())"
        }
    }

    /// What went wrong reading `path`, from any error Foundation or the system gives.
    public static func reading(_ path: String, _ error: any Error) -> String {
        "cannot read \(path): " + reason(error)
    }

    /// The reason in words: the POSIX error behind a Cocoa error when there is one.
    public static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))).lowercased() }
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
            case .fileReadInapplicableStringEncoding: return "not UTF-8 text"
            default: break
            }
        }
        return "\(error)"
    }
}
