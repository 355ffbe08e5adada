/// Reads back what a `SnapshotWriter` wrote, checking every length against the bytes that are left.
///
/// Any inconsistency (a read past the end, a count larger than what remains, a string that is not UTF-8, an
/// unknown tag) throws `SnapshotReader.Corrupt`: a damaged snapshot is never half-trusted, the caller loads
/// the YAML instead.
struct SnapshotReader {
    /// The snapshot does not hold what its reader expects.
    struct Corrupt: Error {}

    private let bytes: [UInt8]
    private var position: Int
    /// Fuzzy entry indexes read so far, by their entries: rules that shared one before share it again.
    var fuzzyWords: [String: FuzzyWords] = [:]

    init(_ bytes: [UInt8], from position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var isAtEnd: Bool { position == bytes.count }

    mutating func byte() throws(Corrupt) -> UInt8 {
        guard position < bytes.count else { throw Corrupt() }
        defer { position += 1 }
        return bytes[position]
    }

    /// A count of things that each take at least `minimumSize` bytes, so a corrupt count cannot make the caller
    /// reserve more than the snapshot could hold.
    mutating func count(minimumSize: Int = 1) throws(Corrupt) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift <= 63 else { throw Corrupt() }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { break }
            shift += 7
        }
        guard value <= UInt64(Int.max) else { throw Corrupt() }
        if minimumSize > 0, value > UInt64((bytes.count - position) / minimumSize) { throw Corrupt() }
        return Int(value)
    }

    mutating func integer() throws(Corrupt) -> Int {
        let zigzag = UInt(try count(minimumSize: 0))
        return Int(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
    }

    mutating func bool() throws(Corrupt) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Corrupt()
        }
    }

    mutating func double() throws(Corrupt) -> Double { Double(bitPattern: try fixedWidth(UInt64.self)) }

    mutating func string() throws(Corrupt) -> String {
        let length = try count()
        defer { position += length }
        guard let text = String(validating: bytes[position..<position + length], as: UTF8.self) else {
            throw Corrupt()
        }
        return text
    }

    mutating func optionalString() throws(Corrupt) -> String? {
        try bool() ? try string() : nil
    }

    mutating func byteArray() throws(Corrupt) -> [UInt8] {
        let length = try count()
        defer { position += length }
        return Array(bytes[position..<position + length])
    }

    mutating func array<Element>(_ read: (inout SnapshotReader) throws(Corrupt) -> Element) throws(Corrupt)
        -> [Element]
    {
        let length = try count()
        var result: [Element] = []
        result.reserveCapacity(length)
        for _ in 0..<length { result.append(try read(&self)) }
        return result
    }

    /// A count in `range`, for indexes, flags and enumeration tags.
    mutating func count(in range: Range<Int>) throws(Corrupt) -> Int {
        let value = try count(minimumSize: 0)
        guard range.contains(value) else { throw Corrupt() }
        return value
    }

    /// A table written by `SnapshotWriter.table`.
    mutating func table<Cell: FixedWidthInteger>(_ type: Cell.Type) throws(Corrupt) -> [Cell] {
        let width = Cell.bitWidth / 8
        let length = try count(minimumSize: width)
        var cells = [Cell](repeating: 0, count: length)
        cells.withUnsafeMutableBytes { target in
            bytes.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<position + length * width]))
            }
        }
        position += length * width
        if Cell.bitWidth > 8, 1.littleEndian != 1 {
            for index in cells.indices { cells[index] = Cell(littleEndian: cells[index]) }
        }
        return cells
    }

    private mutating func fixedWidth<Value: FixedWidthInteger>(_ type: Value.Type) throws(Corrupt) -> Value {
        let width = Value.bitWidth / 8
        guard bytes.count - position >= width else { throw Corrupt() }
        var value: Value = 0
        for index in 0..<width { value |= Value(bytes[position + index]) << (8 * index) }
        position += width
        return value
    }
}
