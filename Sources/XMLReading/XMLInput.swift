#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader's bytes come from: a file it opened, or bytes already in memory (an upload,
/// an attachment decoded from base64). Both go through the same parser with the same limits
/// and refusals; only the reading of the next chunk differs.
struct XMLInput {
    private enum Source {
        case file(Int32)
        case memory([UInt8])
    }

    private let source: Source
    /// Memory: the next byte to hand over.
    private var offset = 0

    static func file(_ descriptor: Int32) -> XMLInput { XMLInput(source: .file(descriptor)) }
    static func memory(_ bytes: [UInt8]) -> XMLInput { XMLInput(source: .memory(bytes)) }

    private init(source: Source) {
        self.source = source
    }

    /// Reads up to `count` bytes, again after an interrupted call; `fully` keeps reading until
    /// `count` or the end (a pipe may hand over fewer bytes than asked). -1 on an error.
    mutating func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int, fully: Bool) -> Int {
        switch source {
        case .memory(let bytes):
            let taken = min(count, bytes.count - offset)
            guard taken > 0 else { return 0 }
            bytes.withUnsafeBufferPointer { all in
                buffer.update(from: all.baseAddress! + offset, count: taken)
            }
            offset += taken
            return taken
        case .file(let file):
            var total = 0
            while total < count {
                #if canImport(Glibc)
                let got = Glibc.read(file, buffer + total, count - total)
                #else
                let got = Darwin.read(file, buffer + total, count - total)
                #endif
                if got < 0 {
                    if errno == EINTR { continue }
                    return total > 0 ? total : -1
                }
                if got == 0 { break }
                total += got
                if !fully { break }
            }
            return total
        }
    }

    /// Reads up to `count` bytes from `offset`, without moving on (to look at the whole
    /// document again), again after an interrupted call. -1 on an error.
    func read(at offset: Int, into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        switch source {
        case .memory(let bytes):
            let taken = min(count, max(bytes.count - offset, 0))
            guard taken > 0 else { return 0 }
            bytes.withUnsafeBufferPointer { all in
                buffer.update(from: all.baseAddress! + offset, count: taken)
            }
            return taken
        case .file(let file):
            while true {
                let got = pread(file, buffer, count, off_t(offset))
                if got < 0 && errno == EINTR { continue }
                return got
            }
        }
    }

    func close() {
        if case .file(let file) = source {
            #if canImport(Glibc)
            _ = Glibc.close(file)
            #else
            _ = Darwin.close(file)
            #endif
        }
    }
}
