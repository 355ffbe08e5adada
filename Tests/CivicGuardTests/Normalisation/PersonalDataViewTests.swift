import Testing

@testable import CivicGuard

@Suite("Personal-data view")
struct PersonalDataViewTests {
    @Test(arguments: [
        ("bsn 123\u{00A0}456\u{202F}782", "bsn 123 456 782"),  // no-break and narrow no-break spaces
        ("1\u{2009}2\u{3000}3\t4", "1 2 3 4"),  // thin, ideographic space, tab
        ("06\n1234\r\n5678\u{2028}9", "06 1234 5678 9"),  // LF, CRLF as one, line separator
        ("111\u{200B}222\u{200C}333\u{200D}", "111222333"),  // zero-width characters
        ("12\u{00AD}34\u{2060}56\u{FEFF}", "123456"),  // soft hyphen, word joiner, BOM
        ("1\u{0301}2\u{0308}3", "123"),  // combining marks
        ("１２３", "123"), ("١٢٣", "123"), ("۱۲۳", "123"), ("१२३", "123"), ("𝟏𝟐𝟑", "123"),
        ("jan＠ziggo.nl", "jan@ziggo.nl"), ("jan﹫ziggo.nl", "jan@ziggo.nl"),
        ("&#49;&#x32;3", "123"), ("jan&commat;ziggo&period;nl", "jan@ziggo.nl"), ("a&nbsp;b", "a b"),
        ("jan%40ziggo.nl %31", "jan@ziggo.nl 1"),
        ("bel \u{202E}8765432160\u{202C} nu", "bel 0612345678 nu"),  // right-to-left override
        ("jan @ ziggo.nl", "jan@ziggo.nl"), ("jan.devries\n@ziggo.nl", "jan.devries@ziggo.nl"),
        ("0 6 1 2 3 4 5 6 7 8", "0612345678"),
        ("O6-l2345678", "06-12345678"), ("4lll llll llll llll", "4111 1111 1111 1111"),
        ("BE68 539O O754 7O34", "BE68 5390 0754 7034"),
        // What stays: case, accents, separators, words with letters that look like digits.
        ("Café Müller", "Café Müller"), ("12-03-1985 om 14:30", "12-03-1985 om 14:30"),
        ("Il 12345678", "Il 12345678"), ("lol 0612345678", "lol 0612345678"), ("RABO0417", "RABO0417"),
        ("Dank @gemeente", "Dank @gemeente"), ("a b c", "a b c"), ("50% korting &", "50% korting &"),
        ("&#0; &bogus; &#xZZ;", "&#0; &bogus; &#xZZ;"),
    ])
    func undoesFormatting(input: String, expected: String) {
        #expect(PersonalDataView.build(input).text == expected)
    }

    /// A value with invisible characters inside maps back to all of them: redacting it removes them too.
    @Test func mapsBackOverRemovedCharacters() {
        let text = "bsn 111\u{200B}222\u{00AD}333 ok"
        let view = PersonalDataView.build(text)
        let start = view.text.utf8.count - "111222333 ok".utf8.count
        let original = view.originalRange(start..<(start + 9))
        #expect(String(decoding: Array(text.utf8)[original], as: UTF8.self) == "111\u{200B}222\u{00AD}333")
    }

    @Test func mapsBackAReversedValue() {
        let text = "nr \u{202E}333222111\u{202C}."
        let view = PersonalDataView.build(text)
        #expect(view.text == "nr 111222333.")
        let original = view.originalRange(3..<12)
        #expect(String(decoding: Array(text.utf8)[original], as: UTF8.self) == "333222111")
    }

    @Test func mapsBackAnEntity() {
        let text = "x &#49;23"
        let view = PersonalDataView.build(text)
        #expect(view.text == "x 123")
        #expect(view.originalRange(2..<5) == 2..<9)
    }

    /// Ordinary text takes the one-pass way, which must give what the six steps give.
    @Test(arguments: [
        "Wanneer wordt het grofvuil opgehaald? Het staat er al een week.",
        "Bel 06-12345678 of mail jan@voorbeeld.nl", "Dat is echt\tniet oke\nToch?", "a b c d e", "I 12",
        "Il 12345678", "lol 0612345678", "RABO0417164300", "Dank @gemeente", "10 11 12 13 14",
        "Café Müller aan de Straße 12", "é 1 2 3 4", "Ø12345678",
    ])
    func plainTextTakesTheShortWay(text: String) throws {
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            let fast = try #require(PersonalDataView.plainView(buffer))
            let full = PersonalDataView.buildStepByStep(buffer)
            #expect(fast.bytes == full.bytes)
            #expect(fast.originalRange(0..<fast.bytes.count) == full.originalRange(0..<full.bytes.count))
        }
    }

    /// Text that any step changes never takes the short way.
    @Test(arguments: [
        "a&#49;", "50%31", "jan @ ziggo.nl", "0 6 1 2 3 4 5 6", "O6-l2345678", "x\r\ny", "jan\n@ziggo.nl", "a\u{200B}b",
        "１",
        "BE68 539O",
    ])
    func formattedTextTakesTheLongWay(text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(PersonalDataView.plainView(buffer) == nil)
        }
    }

    /// Random text of digits, letters, separators and formatting characters: the short way, when taken, agrees
    /// with the six steps.
    @Test(arguments: 1...4)
    func shortWayAgreesOnGeneratedText(seed: UInt64) {
        var generator = SplitMix(seed: seed)
        let pieces = [
            "0", "1", "7", "O", "l", "I", "a", "B", " ", " ", "\n", "\r\n", "\t", "@", ".", "-", "_", "x", "é", "€",
            "ß",
        ]
        var shortWays = 0
        for _ in 0..<10_000 {
            let text = (0..<Int.random(in: 1...24, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                guard let fast = PersonalDataView.plainView(buffer) else { return }
                shortWays += 1
                #expect(fast.bytes == PersonalDataView.buildStepByStep(buffer).bytes, "\(text.debugDescription)")
            }
        }
        #expect(shortWays > 500)
    }
}
