/// The entries of a rule's word lists that also match misspelt: a word of the text at edit distance 1 from an
/// entry (one letter deleted, inserted, substituted, or two neighbours swapped), when the word is not itself an
/// ordinary word of the language (`WordList`).
///
/// What takes part:
/// - single-word entries of five or more ASCII letters, without `*`; phrases and shorter entries match exactly
///   only (a short word has too many real neighbours: `rat` is one edit from `rot`, `rad`, `bat`);
/// - words of the text of four to 24 ASCII letters; a word with other characters is left to the exact lists.
///
/// Candidates are found through deletion neighbourhoods: an entry is indexed by itself and by each of its
/// one-letter deletions, and a word of the text is looked up by itself and by each of its deletions, so every
/// word within one edit of an entry shares a key with it. Keys are 64-bit polynomial hashes, computed for all of
/// a word's deletions from its prefix hashes in O(length); a candidate is then checked by its real edit
/// distance, so a hash collision costs a comparison, never a false match.
///
/// - Complexity: O(n) hash look-ups for a text of n letters; the word list is read on the first candidate only.
struct FuzzyWords: Sendable {
    /// The entries that take part, lower case.
    let entries: [[UInt8]]
    /// Entry indices by the hash of the entry or of one of its deletions.
    private let index: [UInt64: [Int32]]

    static let minimumEntryLength = 5
    static let wordLengths = 4...24

    /// Nil when no entry takes part.
    init?(entries written: [String]) {
        var entries: [[UInt8]] = []
        for entry in written {
            let bytes = Array(entry.lowercased().utf8)
            guard bytes.count >= Self.minimumEntryLength, bytes.count <= Self.wordLengths.upperBound + 1,
                bytes.allSatisfy({ $0 &- 0x61 < 26 })
            else { continue }
            entries.append(bytes)
        }
        guard !entries.isEmpty else { return nil }
        var index: [UInt64: [Int32]] = [:]
        for (number, entry) in entries.enumerated() {
            Self.forEachKey(of: entry[...]) { key in
                if index[key]?.last != Int32(number) { index[key, default: []].append(Int32(number)) }
            }
        }
        self.entries = entries
        self.index = index
    }

    /// The byte ranges of `text`'s words that are one edit away from an entry and are no ordinary word
    /// (`isWord`, the system's word lists by default).
    func matches(in text: [UInt8], isWord: ([UInt8]) -> Bool = WordList.contains) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        while start < text.count {
            guard Self.isLetter(text[start]) else {
                start += 1
                continue
            }
            var end = start
            var ascii = true
            while end < text.count, Self.isLetter(text[end]) || text[end] >= 0x80 {
                if text[end] >= 0x80 { ascii = false }
                end += 1
            }
            if ascii, Self.wordLengths.contains(end - start), isVariant(text[start..<end], isWord: isWord) {
                result.append(start..<end)
            }
            start = end
        }
        return result
    }

    /// Whether `word` is one edit away from an entry and no word of the language.
    private func isVariant(_ word: ArraySlice<UInt8>, isWord: ([UInt8]) -> Bool) -> Bool {
        let lowered = word.map { $0 | 0x20 }
        var found = false
        Self.forEachKey(of: lowered[...]) { key in
            guard !found, let candidates = index[key] else { return }
            for candidate in candidates where Self.isOneEdit(lowered, entries[Int(candidate)]) {
                found = true
                return
            }
        }
        return found && !isWord(lowered)
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    private static let base: UInt64 = 1_000_003

    /// Calls `body` with the hash of `word` and of each of its one-letter deletions.
    private static func forEachKey(of word: ArraySlice<UInt8>, _ body: (UInt64) -> Void) {
        let bytes = Array(word)
        let count = bytes.count
        // prefix[i]: hash of the first i bytes; power[i]: base^i.
        var prefix = [UInt64](repeating: 0, count: count + 1)
        var power = [UInt64](repeating: 1, count: count + 1)
        for index in 0..<count {
            prefix[index + 1] = prefix[index] &* base &+ UInt64(bytes[index])
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

    /// Whether `a` and `b` are exactly one edit apart (optimal string alignment: a swap of neighbours is one).
    static func isOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
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
