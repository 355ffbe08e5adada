/// A message's UTF-8 bytes while rules scan them, with the facts gates and windows need, computed once and
/// only when a rule asks.
///
/// Valid only inside the closure that provides the bytes; never store it.
final class ScanText {
    let bytes: UnsafeBufferPointer<UInt8>
    private var lowercased: [UInt8]?
    private var wordStarts: [Int]?
    private(set) lazy var digitCount: Int = {
        var count = 0
        for byte in bytes where byte &- 0x30 < 10 { count += 1 }
        return count
    }()

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Whether `keyword` (lower case) occurs in the text, comparing ASCII letters without regard to case.
    func contains(keyword: [UInt8]) -> Bool {
        let haystack = lowercasedBytes()
        guard let first = keyword.first, keyword.count <= haystack.count else { return keyword.isEmpty }
        let last = haystack.count - keyword.count
        var index = 0
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < keyword.count, haystack[index + offset] == keyword[offset] { offset += 1 }
                if offset == keyword.count { return true }
            }
            index += 1
        }
        return false
    }

    private func lowercasedBytes() -> [UInt8] {
        if let lowercased { return lowercased }
        let result = bytes.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
        lowercased = result
        return result
    }

    /// The number of words that lie entirely between byte offsets `from` and `to`.
    func wordsBetween(_ from: Int, _ to: Int) -> Int {
        guard from < to else { return 0 }
        let starts = words()
        return Self.lowerBound(starts, to) - Self.lowerBound(starts, from)
    }

    /// Start offsets of every word: a maximal run of letters, marks and digits.
    private func words() -> [Int] {
        if let wordStarts { return wordStarts }
        var starts: [Int] = []
        var index = 0
        var inWord = false
        while index < bytes.count {
            let (scalar, next) = UTF8Bytes.decode(bytes, at: index)
            let isWord = LiteralTrie.isWordCharacter(scalar)
            if isWord && !inWord { starts.append(index) }
            inWord = isWord
            index = next
        }
        wordStarts = starts
        return starts
    }

    static func lowerBound(_ values: [Int], _ target: Int) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
