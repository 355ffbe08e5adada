#if canImport(Glibc)
    import Glibc
#endif

/// Reads newline-separated records from a file descriptor without ever holding more than the size limit of one
/// line in memory.
///
/// - A line is everything up to `\n`; a trailing `\r` is dropped. The last line needs no `\n`.
/// - A line longer than `limit` bytes is not kept: its first `limit` bytes are returned as `.oversized`, the
///   rest is read and discarded up to the next newline.
/// - A read error ends the input and is kept in `failure`: it is not the end of the input, and the caller
///   must say so. A read interrupted by SIGINT or SIGTERM (`Interruption`) ends the input too.
public struct LineReader {
    public enum Line {
        case complete([UInt8])
        /// The line's first bytes, and its full length.
        case oversized(prefix: [UInt8], length: Int)
    }

    private let descriptor: Int32
    private let limit: Int
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// Why reading stopped before the end of the input, if it did.
    public private(set) var failure: FileSystem.Error?

    public init(descriptor: Int32, limit: Int) {
        self.descriptor = descriptor
        self.limit = limit
        buffer = [UInt8](repeating: 0, count: max(1 << 16, min(limit + 1, 1 << 22)))
    }

    /// Whether a whole line is already buffered, so reading it will not wait for input. The filter flushes its
    /// output only when this is false: interactive callers get every answer at once, piped bulk input is
    /// written in large blocks.
    public var hasBufferedLine: Bool {
        buffer[start..<end].contains(0x0A)
    }

    public mutating func next() -> Line? {
        var length = 0
        var kept: [UInt8]? = nil
        while true {
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                let piece = start..<newline
                start = newline + 1
                return finish(piece, length: &length, kept: &kept)
            }
            if atEOF {
                if start == end && length == 0 && kept == nil { return nil }
                let piece = start..<end
                start = end
                return finish(piece, length: &length, kept: &kept)
            }
            if end - start > limit || kept != nil {
                // The line is already too long: keep its prefix, drop what is buffered, and read on.
                if kept == nil { kept = Array(buffer[start..<(start + limit)]) }
                length += end - start
                start = end
            }
            refill()
        }
    }

    private func strip(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        bytes.last == 0x0D ? bytes.dropLast() : bytes
    }

    private mutating func finish(_ piece: Range<Int>, length: inout Int, kept: inout [UInt8]?) -> Line {
        let bytes = strip(buffer[piece])
        let total = length + bytes.count
        if let prefix = kept { return .oversized(prefix: prefix, length: total) }
        if total > limit { return .oversized(prefix: Array(bytes.prefix(limit)), length: total) }
        return .complete(Array(bytes))
    }

    private mutating func refill() {
        if start > 0 {
            let count = end - start
            if count > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    _ = memmove(raw.baseAddress!, raw.baseAddress! + start, count)
                }
            }
            start = 0
            end = count
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress! + end, raw.count - end)
            }
            if count < 0 {
                let code = errno
                if code == EINTR && Interruption.signal == nil { continue }
                if code != EINTR { failure = FileSystem.Error("standard input", errno: code) }
                atEOF = true
            } else if count == 0 {
                atEOF = true
            } else {
                end += count
            }
            return
        }
    }
}
