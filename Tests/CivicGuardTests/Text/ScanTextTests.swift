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

    /// The digit count and longest digit group (digits with up to two separators between them), as the gates
    /// read them, against a plain reading of the definition; texts put digits at every alignment.
    @Test(arguments: 0..<200)
    func digitStatisticsAgreeWithAPlainCount(seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        let pieces = ["a", "Z", " ", "0", "5", "9", "/", ".", "-", "(", ")", ":", "é", "🙂", "\n", "1 2", "//"]
        let text = (0..<Int(generator.next() % 40)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
            .joined()
        let bytes = Array(text.utf8)
        var count = 0
        var longest = 0
        var digits = 0
        var separators = 0
        for byte in bytes {
            if (0x30...0x39).contains(byte) {
                count += 1
                digits += 1
                separators = 0
                longest = max(longest, digits)
            } else if digits > 0, separators < 3, " .-/()".utf8.contains(byte) {
                separators += 1
            } else {
                digits = 0
                separators = 0
            }
        }
        let scan = ScanText(bytes)
        #expect(scan.digitCount == count, "\(text)")
        #expect(scan.longestDigitGroup == longest, "\(text)")
    }

    /// A clause ends at sentence punctuation and at a conjunction that starts a new clause, not at a comma or at
    /// a word that merely contains one ("maart", "button").
    @Test(arguments: [
        ("moslims zijn ratten", false), ("moslims zijn welkom. ratten", true), ("moslims, die zijn ratten", false),
        ("moslims zijn welkom maar ratten", true), ("refugees are welcome but rats", true),
        ("refugees are welcome; rats", true), ("in maart waren de ratten", false), ("the button rats", false),
        ("ik haat ze omdat ratten", true), ("wow what! rats", true),
    ])
    func clauseBoundaries(text: String, boundary: Bool) {
        let scan = ScanText(Array(text.utf8))
        let first =
            text.utf8.firstIndex(of: UInt8(ascii: " ")).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) }
            ?? 0
        let last = text.utf8.count - "rats".utf8.count - (text.hasSuffix("ratten") ? 2 : 0)
        #expect(scan.hasClauseBoundary(from: first, to: last) == boundary, "\(text)")
    }

    @Test func holdsDigitOnlyForDigitBytes() {
        for byte in UInt8.min...UInt8.max {
            for position in 0..<8 {
                let word = UInt64(byte) << (8 * UInt64(position)) | (position == 0 ? 0 : 0x41)
                #expect(ScanText.holdsDigit(word) == (0x30...0x39).contains(byte), "\(byte) at \(position)")
            }
        }
        var generator = SplitMix(seed: 42)
        for _ in 0..<20_000 {
            let word = generator.next()
            let expected = (0..<8).contains { (0x30...0x39).contains(UInt8(truncatingIfNeeded: word >> (8 * $0))) }
            #expect(ScanText.holdsDigit(word) == expected, "\(word)")
        }
    }
}
