import Testing

@testable import CivicGuard

@Suite("Fuzzy words: entries matched at edit distance 1")
struct FuzzyWordsTests {
    let fuzzy = FuzzyWords(entries: ["ongedierte", "vermin", "kakkerlakken", "rat", "kut*", "in de fik"])!

    /// Words of the text found, with no word list (every misspelling counts).
    func found(_ text: String, words: Set<String> = []) -> [String] {
        let bytes = Array(text.utf8)
        return fuzzy.matches(in: bytes) { words.contains(String(decoding: $0, as: UTF8.self)) }.map {
            String(decoding: bytes[$0], as: UTF8.self)
        }
    }

    @Test(arguments: [
        ("zijn ongedirte", ["ongedirte"]),  // a letter deleted
        ("zijn ongediertte", ["ongediertte"]),  // a letter inserted
        ("zijn ongedierta", ["ongedierta"]),  // a letter substituted
        ("zijn ongedeirte", ["ongedeirte"]),  // neighbours swapped
        ("are VREMIN now", ["VREMIN"]),  // case does not matter
        ("kakkerlkaken!", ["kakkerlkaken"]),
        ("zijn ongedierte", []),  // the entry itself is the exact lists' work
        ("zijn ongdierta", []),  // two edits
        ("a rot and a rut", []),  // entries under five letters match exactly only
        ("ongedirte-achtig", ["ongedirte"]),  // a word is a run of letters
        ("café ongedirté", []),  // a word with a letter outside ASCII is left to the exact lists
        ("zijn onge dierte", ["onge dierte"]),  // written apart
        ("zijn kakker lakken!", ["kakker lakken"]),
        ("zijn onge  dierte", []),  // two spaces: two words
    ])
    func matchesOneEdit(text: String, expected: [String]) {
        #expect(found(text) == expected)
    }

    @Test func anOrdinaryWordIsNoMisspelling() {
        #expect(found("een vermis bericht", words: ["vermis"]) == [])
        #expect(found("een vermis bericht") == ["vermis"])
    }

    @Test(arguments: [
        ("abcdef", "abcdef", false), ("abcdef", "abcdxf", true), ("abcdef", "abcde", true), ("abcdef", "abcdeff", true),
        ("abcdef", "bacdef", true), ("abcdef", "badcef", false), ("abcdef", "acbdfe", false), ("abc", "abcde", false),
    ])
    func oneEdit(a: String, b: String, expected: Bool) {
        #expect(FuzzyWords.isOneEdit(Array(a.utf8), Array(b.utf8)) == expected)
        #expect(FuzzyWords.isOneEdit(Array(b.utf8), Array(a.utf8)) == expected)
    }
}
