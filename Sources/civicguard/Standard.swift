#if canImport(Glibc)
    import Glibc
#endif

/// Writing to the standard streams without buffering surprises: each call is written out at once.
enum Standard {
    static func output(_ text: String) {
        write(Array(text.utf8), to: 1)
    }

    /// Writes `text` and a newline to standard error.
    static func error(_ text: String) {
        write(Array((text + "\n").utf8), to: 2)
    }

    static func write(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    /// Ends the process now. Everything has been written (each call above writes at once), and tearing down
    /// a loaded rule set object by object only costs time the caller is waiting for.
    static func finish(status: Int32) -> Never {
        exit(status)
    }

    /// Reads standard input up to `limit` bytes; `truncated` says there was more.
    static func readInput(limit: Int) -> (bytes: [UInt8], truncated: Bool) {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return (bytes, false) }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return (Array(bytes.prefix(limit)), true)
    }
}
