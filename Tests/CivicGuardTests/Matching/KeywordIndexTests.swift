import Testing

@testable import CivicGuard

@Suite("Keyword index: which gates open, against a brute-force search")
struct KeywordIndexTests {
    func hits(_ slots: [[String]], _ text: String) -> [Bool] {
        KeywordIndex(keywords: slots.map { $0.map(KeywordIndex.Keyword.init) }).hits(in: Array(text.utf8))
    }

    @Test(arguments: [
        ("hi", "this is it", false), ("hi", "oh hi there", true), ("wait*", "waiting", true), ("wait*", "await", false),
        ("*lijer", "kankerlijer", true), ("*lijer", "lijers", false), ("@", "mail@voorbeeld.nl", true),
        ("café", "CAFÉ open", true), ("straat", "straße straat", true), ("hi", "hié", true),
        ("café", "cafè", true), ("straße", "STRASSE", false),
    ])
    func boundariesAndFolding(keyword: String, text: String, hit: Bool) {
        #expect(hits([[keyword]], text) == [hit])
    }

    /// Whether `keyword` occurs in `text` with the boundaries the index promises (ASCII lower-case texts).
    static func occurs(_ keyword: KeywordIndex.Keyword, in text: [UInt8]) -> Bool {
        let length = keyword.bytes.count
        guard length <= text.count else { return false }
        for start in 0...(text.count - length) where Array(text[start..<(start + length)]) == keyword.bytes {
            let before = start == 0 || !KeywordIndex.isWordByte(text[start - 1])
            let after = start + length == text.count || !KeywordIndex.isWordByte(text[start + length])
            if (!keyword.needsBoundaryBefore || before) && (!keyword.needsBoundaryAfter || after) { return true }
        }
        return false
    }

    /// Small (every state dense), middling (dense and deep states, 16-bit cells) and large (32-bit cells).
    @Test(arguments: [(60, 4, "abcde "), (1600, 8, "abcdefgh "), (12000, 14, "abcdefghijklmnopqrst ")])
    func agreesWithBruteForce(keywordCount: Int, length: Int, alphabet: String) {
        var generator = SplitMix(seed: UInt64(keywordCount))
        let slots = RandomKeywords.slots(keywordCount, length: length, alphabet: alphabet, using: &generator)
        let index = KeywordIndex(keywords: slots)
        if keywordCount > 10000 { #expect(index.states >= 1 << 15) }
        if keywordCount > 1000 { #expect(index.states > KeywordIndex.denseBudget / 20) }
        for _ in 0..<(keywordCount > 1000 ? 25 : 200) {
            let text = RandomKeywords.text(alphabet: alphabet, using: &generator)
            let expected = slots.map { keywords in keywords.contains { Self.occurs($0, in: text) } }
            #expect(index.hits(in: text) == expected)
        }
    }
}

/// Random keyword lists and texts over a small alphabet, so keywords occur in texts often.
enum RandomKeywords {
    static func word(_ count: Int, _ letters: [UInt8], using generator: inout SplitMix) -> String {
        String(decoding: (0..<count).map { _ in letters[Int(generator.next() % UInt64(letters.count))] }, as: UTF8.self)
    }

    /// Eight slots of `count / 8` keywords of 2 to `length` letters; a third are prefixes (`abc*`), a third
    /// suffixes (`*abc`).
    static func slots(_ count: Int, length: Int, alphabet: String, using generator: inout SplitMix)
        -> [[KeywordIndex.Keyword]]
    {
        let letters = Array(alphabet.utf8.filter { $0 != 0x20 })
        return (0..<8).map { _ in
            (0..<(count / 8)).map { index in
                let text = word(2 + Int(generator.next() % UInt64(length - 1)), letters, using: &generator)
                return KeywordIndex.Keyword(index % 3 == 0 ? text + "*" : index % 3 == 1 ? "*" + text : text)
            }
        }
    }

    /// Twenty words of 1 to 8 letters.
    static func text(alphabet: String, using generator: inout SplitMix) -> [UInt8] {
        let letters = Array(alphabet.utf8.filter { $0 != 0x20 })
        return Array(
            (0..<20).map { _ in word(1 + Int(generator.next() % 8), letters, using: &generator) }
                .joined(separator: " ").utf8)
    }
}

/// A small deterministic generator, so a failing case can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
