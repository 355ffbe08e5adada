import Testing

@testable import CivicGuard

@Suite("Literal lists compiled into trie alternations")
struct LiteralTrieTests {
    func matches(_ entries: [String], _ text: String, evasive: Bool = false) -> [String] {
        let pattern = try! Pattern(LiteralTrie.pattern(for: entries.map { LiteralTrie.Entry($0) }, evasive: evasive)!)
        let bytes = Array(text.utf8)
        var found: [String] = []
        MatchEngine().forEachMatch(of: pattern, in: bytes) { span in
            found.append(String(decoding: bytes[span], as: UTF8.self))
            return true
        }
        return found
    }

    @Test func prefixesAreFactored() {
        let pattern = LiteralTrie.pattern(for: ["kut", "kanker", "kankerlijer"].map { LiteralTrie.Entry($0) })
        #expect(pattern == "(?<![\\p{L}\\p{M}\\p{N}_])(?:k(?:anker(?:lijer)?|ut))(?![\\p{L}\\p{M}\\p{N}_])")
    }

    @Test func wholeWordsOnlyAndCaseless() {
        #expect(matches(["kut", "cunt"], "Kut! Scunthorpe, kutje, KUT") == ["Kut", "KUT"])
    }

    @Test func longestEntryWins() {
        #expect(matches(["kanker", "kankerlijer"], "jij kankerlijer") == ["kankerlijer"])
    }

    @Test func prefixAndSuffixEntriesMatchCompounds() {
        #expect(
            matches(["kanker*", "*lijer"], "kankerzooi en tyfuslijer maar niet lijertje") == [
                "kankerzooi", "tyfuslijer",
            ])
    }

    @Test func phrasesMatchAnyWhiteSpace() {
        #expect(matches(["stem op"], "Stem\n op ons") == ["Stem\n op"])
    }

    @Test func emojiEntriesNeedNoBoundary() {
        #expect(matches(["🖕"], "hier🖕🏻") == ["🖕"])
    }

    @Test func evasiveFormAllowsRepeatsAndMasks() {
        #expect(matches(["kanker", "fuck", "zak"], "kanker f*ck zaak f**", evasive: true) == ["kanker", "f*ck"])
    }
}
