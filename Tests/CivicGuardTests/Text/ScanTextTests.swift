import Testing

@testable import CivicGuard

@Suite("Scan text: word counts for windows")
struct ScanTextTests {
    static let texts = [
        "Bel me, op 06-12345678 of mail: jan@voorbeeld.nl!", "  café   Ünïcode—woorden_en 42 ", "één",
        "x", "", "🙂 emoji 🙂 tussen 🙂", "t.n.v. J. de Vries", "ça va? très bien.",
    ]

    /// `wordStart(_:wordsAfter:)` finds the word with exactly `count` word starts between the offset and it,
    /// once the word starts are known (and answers nil before).
    @Test(arguments: texts)
    func wordStartAgreesWithWordsBetween(text: String) {
        let bytes = Array(text.utf8)
        let known = ScanText(bytes)
        #expect(known.wordStart(0, wordsAfter: 0) == nil)
        _ = known.wordsBetween(0, bytes.count)
        for offset in 0...bytes.count where offset == bytes.count || bytes[offset] & 0xC0 != 0x80 {
            for count in 0..<5 {
                if let start = known.wordStart(count, wordsAfter: offset) {
                    #expect(known.wordsBetween(offset, start) == count)
                    #expect(known.wordsBetween(start, start + 1) == 1)
                } else {
                    #expect(known.wordsBetween(offset, bytes.count) <= count)
                }
            }
        }
    }
}
