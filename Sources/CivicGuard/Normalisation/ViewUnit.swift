/// A code point of a view being built, with the original bytes it came from: the material both views
/// (`Normaliser` for conduct, `PersonalDataView` for personal data) pass through their steps.
///
/// Whether it is a letter is worked out once, when it is made.
struct ViewUnit {
    var scalar: Unicode.Scalar
    var origin: Range<Int32>
    var isLetter: Bool

    init(_ scalar: Unicode.Scalar, _ origin: Range<Int32>) {
        self.scalar = scalar
        self.origin = origin
        let value = scalar.value
        if value < 0x80 {
            isLetter = (value | 0x20) &- 0x61 < 26
        } else {
            isLetter = scalar.properties.isAlphabetic
        }
    }

    var isSpace: Bool { scalar == " " }
    var ascii: UInt8 { scalar.value < 0x80 ? UInt8(scalar.value) : 0 }
    var isDigit: Bool { scalar.value &- 0x30 < 10 }

    /// The view the units spell, as UTF-8 with each byte's origin. `monotonic` says whether the units are in
    /// the order of their origins (a step that reorders them, such as undoing a right-to-left override, clears
    /// it).
    static func emit(_ units: [ViewUnit], monotonic: Bool = true) -> NormalisedText {
        var output: [UInt8] = []
        var origins: [Range<Int32>] = []
        output.reserveCapacity(units.count + 8)
        origins.reserveCapacity(units.count + 8)
        for unit in units {
            let value = unit.scalar.value
            if value < 0x80 {
                output.append(UInt8(value))
                origins.append(unit.origin)
            } else {
                for byte in String(unit.scalar).utf8 {
                    output.append(byte)
                    origins.append(unit.origin)
                }
            }
        }
        return NormalisedText(bytes: output, origins: origins, monotonic: monotonic)
    }

    /// What a step that joins spaced-out characters does with one run of them (see `joinSpacedRuns`).
    enum SpacedRun {
        /// The run's characters without the gaps between them.
        case join
        /// The run as written.
        case keep
        /// The first `count` units as written; the rest of the run is looked at again.
        case keepFirst(Int)
    }

    /// `units` with every run of single characters one gap apart (`k a n k e r`, `0 6 1 2`) handled as
    /// `decide` says, given the run's first and last unit and how many characters it has. Each view has its
    /// own idea of a single character (`isSingle`) and of the gap between two (`isGap`).
    @inline(__always)
    static func joinSpacedRuns(
        _ units: [ViewUnit], isSingle: (Int) -> Bool, isGap: (Int) -> Bool,
        decide: (_ first: Int, _ last: Int, _ count: Int) -> SpacedRun
    ) -> [ViewUnit] {
        var result: [ViewUnit] = []
        result.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            guard isSingle(index) else {
                result.append(units[index])
                index += 1
                continue
            }
            var last = index
            var count = 1
            while last + 2 < units.count, isGap(last + 1), isSingle(last + 2) {
                last += 2
                count += 1
            }
            switch decide(index, last, count) {
            case .join:
                for position in stride(from: index, through: last, by: 2) { result.append(units[position]) }
                index = last + 1
            case .keep:
                result.append(contentsOf: units[index...last])
                index = last + 1
            case .keepFirst(let kept):
                result.append(contentsOf: units[index..<(index + kept)])
                index += kept
            }
        }
        return result
    }

    /// The packed replacement of a non-ASCII code point in a generated folding table (`FoldingTable`,
    /// `PersonalDataFolding`): up to three ASCII bytes little-endian, 0 for deletion, nil when it has none.
    static func lookup(_ value: UInt32, keys: [UInt32], values: [UInt32]) -> UInt32? {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) >> 1
            if keys[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == value ? values[low] : nil
    }

    /// Appends the units of a packed replacement (see `lookup`), each with `origin`.
    static func appendPacked(_ packed: UInt32, origin: Range<Int32>, to units: inout [ViewUnit]) {
        var packed = packed
        while packed != 0 {
            units.append(ViewUnit(Unicode.Scalar(UInt8(packed & 0xFF)), origin))
            packed >>= 8
        }
    }
}
