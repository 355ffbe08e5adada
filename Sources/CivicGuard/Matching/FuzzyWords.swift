/// The entries of a rule's word lists that also match misspelt: a word of the text at edit distance 1 from an
/// entry (one letter deleted, inserted, substituted, or two neighbours swapped), when the word is not itself an
/// ordinary word of the language (`WordList`).
///
/// What takes part:
/// - single-word entries of five or more ASCII letters, without `*`; phrases and shorter entries match exactly
///   only (a short word has too many real neighbours: `rat` is one edit from `rot`, `rad`, `bat`);
/// - words of the text of ASCII letters, at most 24 and within one letter of an entry's length; a word with other
///   characters is left to the exact lists.
///
/// Two words written one space apart that spell an entry together (`onge dierte`, `para sites`) match too.
///
/// Candidates are found through deletion neighbourhoods: an entry is indexed by itself and by each of its
/// one-letter deletions, and a word of the text is looked up by itself and by each of its deletions, so every
/// word within one edit of an entry shares a key with it. Keys are 64-bit polynomial hashes, computed for all of
/// a word's deletions from its prefix hashes in O(length); a candidate is then checked by its real edit
/// distance, so a hash collision costs a comparison, never a false match.
///
/// - Complexity: O(n) hash look-ups for a text of n letters; the word list is read on the first candidate only.
final class FuzzyWords: Sendable {
    /// The entries that take part, lower case.
    let entries: [[UInt8]]
    /// Entry indices by the hash of the entry or of one of its deletions.
    private let index: [UInt64: [Int32]]
    /// One bit per low 16 bits of every key: most words' keys miss it, and cost one load instead of a look-up.
    private let filter: [UInt64]
    /// The shortest and longest word of the text that can be one edit from an entry.
    private let wordLengths: ClosedRange<Int>
    /// Entry indices by the hash of the entry, for two words of the text written apart (`para sites`).
    private let whole: [UInt64: Int32]

    static let minimumEntryLength = 5
    static let longestWord = 24

    /// Nil when no entry takes part.
    init?(entries written: [String]) {
        var entries: [[UInt8]] = []
        for entry in written {
            let bytes = Array(entry.lowercased().utf8)
            guard bytes.count >= Self.minimumEntryLength, bytes.count < Self.longestWord,
                bytes.allSatisfy({ $0 &- 0x61 < 26 })
            else { continue }
            entries.append(bytes)
        }
        guard !entries.isEmpty else { return nil }
        var index: [UInt64: [Int32]] = [:]
        var filter = [UInt64](repeating: 0, count: 1 << 10)
        for (number, entry) in entries.enumerated() {
            entry.withUnsafeBufferPointer { bytes in
                Self.forEachKey(of: bytes) { key in
                    if index[key]?.last != Int32(number) { index[key, default: []].append(Int32(number)) }
                    filter[Int(key & 0xFFFF) >> 6] |= 1 << (key & 63)
                }
            }
        }
        let lengths = entries.map(\.count)
        var whole: [UInt64: Int32] = [:]
        for (number, entry) in entries.enumerated() { whole[WordList.hash(entry)] = Int32(number) }
        self.whole = whole
        self.entries = entries
        self.index = index
        self.filter = filter
        wordLengths = (lengths.min()! - 1)...(lengths.max()! + 1)
    }

    /// The byte ranges of `text`'s words that are one edit away from an entry and are no ordinary word
    /// (`isWord`, the system's word lists by default).
    func matches(in text: [UInt8], isWord: ([UInt8]) -> Bool = WordList.contains) -> [Range<Int>] {
        var result: [Range<Int>] = []
        text.withUnsafeBufferPointer { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.longestWord + 1) { word in
                var start = 0
                // The word before, when it is ASCII letters and one space before this one.
                var previous: Range<Int>?
                while start < bytes.count {
                    guard Self.isLetter(bytes[start]) else {
                        if bytes[start] != 0x20 || start == 0 || !Self.isLetter(bytes[start - 1]) { previous = nil }
                        start += 1
                        continue
                    }
                    var end = start
                    var ascii = true
                    while end < bytes.count, Self.isLetter(bytes[end]) || bytes[end] >= 0x80 {
                        if bytes[end] >= 0x80 { ascii = false }
                        end += 1
                    }
                    let length = end - start
                    if ascii, wordLengths.contains(length), length <= Self.longestWord {
                        for offset in 0..<length { word[offset] = bytes[start + offset] | 0x20 }
                        let lowered = UnsafeBufferPointer(rebasing: word[0..<length])
                        if isVariant(lowered), !isWord(Array(lowered)) { result.append(start..<end) }
                    }
                    if ascii, let before = previous, before.upperBound + 1 == start,
                        isSplitEntry(bytes, before.lowerBound..<end)
                    {
                        result.append(before.lowerBound..<end)
                    }
                    previous = ascii ? start..<end : nil
                    start = end
                }
            }
        }
        return result
    }

    /// Whether the two words of `range` (one space between them) spell an entry when written together.
    private func isSplitEntry(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var joined: [UInt8] = []
        joined.reserveCapacity(range.count)
        for index in range where bytes[index] != 0x20 { joined.append(bytes[index] | 0x20) }
        guard joined.count <= Self.longestWord, let entry = whole[WordList.hash(joined)] else { return false }
        return entries[Int(entry)] == joined
    }

    /// Whether `word` (lower case) is one edit away from an entry.
    private func isVariant(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var found = false
        Self.forEachKey(of: word) { key in
            guard !found, filter[Int(key & 0xFFFF) >> 6] & (1 << (key & 63)) != 0, let candidates = index[key]
            else { return }
            for candidate in candidates where Self.isOneEdit(word, entries[Int(candidate)]) {
                found = true
                return
            }
        }
        return found
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    private static let base: UInt64 = 1_000_003

    /// Calls `body` with the hash of `word` and of each of its one-letter deletions, without allocating.
    private static func forEachKey(of word: UnsafeBufferPointer<UInt8>, _ body: (UInt64) -> Void) {
        let count = word.count
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * (count + 1)) { buffer in
            // prefix[i]: hash of the first i bytes; power[i]: base^i.
            let prefix = UnsafeMutableBufferPointer(rebasing: buffer[0...count])
            let power = UnsafeMutableBufferPointer(rebasing: buffer[(count + 1)...])
            prefix[0] = 0
            power[0] = 1
            for index in 0..<count {
                prefix[index + 1] = prefix[index] &* base &+ UInt64(word[index])
                power[index + 1] = power[index] &* base
            }
            let whole = prefix[count]
            body(whole)
            for deleted in 0..<count {
                // The bytes after `deleted`, as a hash of their own: whole minus the prefix through `deleted`.
                let suffix = whole &- prefix[deleted + 1] &* power[count - deleted - 1]
                body(prefix[deleted] &* power[count - deleted - 1] &+ suffix)
            }
        }
    }

    /// Whether `a` and `b` are exactly one edit apart (optimal string alignment: a swap of neighbours is one).
    static func isOneEdit(_ a: some Collection<UInt8>, _ b: [UInt8]) -> Bool {
        let a = Array(a)
        if a == b { return false }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        switch long.count - short.count {
        case 0:
            var first = -1
            for index in 0..<short.count where short[index] != long[index] {
                if first < 0 {
                    first = index
                } else {
                    // A second difference: only a swap of the two neighbours is one edit.
                    return index == first + 1 && short[first] == long[index] && short[index] == long[first]
                        && short[(index + 1)...] == long[(index + 1)...]
                }
            }
            return true
        case 1:
            var index = 0
            while index < short.count, short[index] == long[index] { index += 1 }
            return short[index...] == long[(index + 1)...]
        default:
            return false
        }
    }
}
