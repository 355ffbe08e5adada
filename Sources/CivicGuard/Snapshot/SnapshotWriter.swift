/// Appends values to a snapshot in a compact binary form that `SnapshotReader` reads back.
///
/// - Integers are LEB128 variable-length, signed ones zig-zag encoded first, so small numbers take one byte.
/// - Strings and byte arrays are a length followed by their bytes (strings as UTF-8).
/// - Tables of fixed-width integers (a DFA's cells) are a length followed by their little-endian bytes.
/// - A snapshot carries no type tags: the reader must ask for exactly what the writer wrote, in the same order.
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []

    mutating func count(_ value: Int) {
        precondition(value >= 0, "a count is never negative")
        var rest = UInt64(value)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func integer(_ value: Int) {
        count(Int(bitPattern: UInt(bitPattern: value << 1) ^ UInt(bitPattern: value >> (Int.bitWidth - 1))))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func double(_ value: Double) { fixedWidth(value.bitPattern) }

    mutating func string(_ value: String) {
        count(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func byteArray(_ value: [UInt8]) {
        count(value.count)
        bytes.append(contentsOf: value)
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout SnapshotWriter, Element) -> Void) {
        count(elements.count)
        for element in elements { write(&self, element) }
    }

    /// A table of fixed-width integers, little-endian.
    mutating func table<Cell: FixedWidthInteger>(_ cells: [Cell]) {
        count(cells.count)
        bytes.reserveCapacity(bytes.count + cells.count * Cell.bitWidth / 8)
        for cell in cells { fixedWidth(cell) }
    }

    private mutating func fixedWidth<Value: FixedWidthInteger>(_ value: Value) {
        var little = value.littleEndian
        withUnsafeBytes(of: &little) { bytes.append(contentsOf: $0) }
    }
}
