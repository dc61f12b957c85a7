#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What identifies one version of a file without reading it: size, modification and status-
/// change times to the nanosecond, inode and device. The status-change time moves on every
/// write and cannot be set back by `touch`, so a file edited in place, replaced or restored
/// with its old modification time still gets a new fingerprint.
struct FileFingerprint: Sendable, Equatable {
    var size: UInt64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64
    var changedSeconds: Int64
    var changedNanoseconds: Int64
    var inode: UInt64
    var device: UInt64

    var fields: [UInt64] {
        [size, UInt64(bitPattern: modifiedSeconds), UInt64(bitPattern: modifiedNanoseconds),
         UInt64(bitPattern: changedSeconds), UInt64(bitPattern: changedNanoseconds), inode, device]
    }

    init(fields: [UInt64]) {
        size = fields[0]
        modifiedSeconds = Int64(bitPattern: fields[1])
        modifiedNanoseconds = Int64(bitPattern: fields[2])
        changedSeconds = Int64(bitPattern: fields[3])
        changedNanoseconds = Int64(bitPattern: fields[4])
        inode = fields[5]
        device = fields[6]
    }

    /// Nil when the path cannot be examined.
    static func of(path: String) -> (FileFingerprint, isDirectory: Bool)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec, changed = info.st_ctimespec
        #else
        let modified = info.st_mtim, changed = info.st_ctim
        #endif
        let fingerprint = FileFingerprint(fields: [
            UInt64(clamping: info.st_size),
            UInt64(bitPattern: Int64(modified.tv_sec)), UInt64(bitPattern: Int64(modified.tv_nsec)),
            UInt64(bitPattern: Int64(changed.tv_sec)), UInt64(bitPattern: Int64(changed.tv_nsec)),
            UInt64(info.st_ino), UInt64(truncatingIfNeeded: info.st_dev),
        ])
        return (fingerprint, (info.st_mode & S_IFMT) == S_IFDIR)
    }
}
