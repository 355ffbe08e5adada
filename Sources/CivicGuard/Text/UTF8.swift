/// UTF-8 primitives on raw bytes: validation, decoding and code-point counting, without building Strings.
enum UTF8Bytes {
    /// The offset of the first byte that is not part of well-formed UTF-8, or nil when all of `bytes` is valid.
    ///
    /// Rejects overlong forms, surrogates, code points above U+10FFFF and truncated sequences.
    /// - Complexity: O(n), with a fast path for ASCII.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= lower, second <= upper else { return index }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }

    /// The code point starting at `index` and the index after it. `bytes` must be valid UTF-8.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), index + 1) }
        if lead < 0xE0 {
            let value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            return (Unicode.Scalar(value)!, index + 2)
        }
        if lead < 0xF0 {
            let value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", index + 3)
        }
        let value =
            (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
            | UInt32(bytes[index + 3] & 0x3F)
        return (Unicode.Scalar(value) ?? "\u{FFFD}", index + 4)
    }

    /// The number of code points in `bytes[from..<to]`.
    @inline(__always)
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, from: Int = 0, to: Int) -> Int {
        var count = 0
        var index = from
        while index < to {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }
}
