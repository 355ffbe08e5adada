import Testing

@testable import CivicGuard

@Suite("Normalised view")
struct NormaliserTests {
    @Test(arguments: [
        ("ｋａｎｋｅｒ", "kanker"),  // fullwidth
        ("kаnkеr", "kanker"),  // Cyrillic а and е
        ("k\u{200B}an\u{00AD}ker", "kanker"),  // zero-width space, soft hyphen
        ("KaNkEr", "kanker"),
        ("k4nk3r", "kanker"), ("1d10t", "idiot"), ("sh!t", "shit"), ("k@nker", "kanker"),
        ("k.u.t", "kut"), ("f-u-c-k", "fuck"), ("id.iot", "idiot"),
        ("k a n k e r op", "kanker op"),
        ("kankerrrrr", "kanker"), ("zaak", "zaak"), ("fuuuuck", "fuck"),
        ("f*ck", "f*ck"), ("k🤬t", "k*t"),
        ("café", "cafe"),
        ("bel 06-12345678", "bel 06-12345678"),  // numbers stay numbers
        ("@gemeente 3 vragen!", "@gemeente 3 vragen!"),
        ("Scunthorpe", "scunthorpe"),
    ])
    func normalises(input: String, expected: String) {
        #expect(Normaliser.normalise(input).text == expected)
    }

    @Test func mapsBackToTheOriginal() {
        let text = "jij k a n k e r!"
        let view = Normaliser.normalise(text)
        let start = view.text.utf8.count - "kanker!".utf8.count
        let original = view.originalRange(start..<(start + 6))
        #expect(String(decoding: Array(text.utf8)[original], as: UTF8.self) == "k a n k e r")
    }

    @Test func mapsDecomposedAndWideCharacters() {
        let text = "😀 ｋｕｔ"
        let view = Normaliser.normalise(text)
        let start = view.bytes.count - 3
        let original = view.originalRange(start..<view.bytes.count)
        #expect(String(decoding: Array(text.utf8)[original], as: UTF8.self) == "ｋｕｔ")
    }

    /// The one-pass view of plain messages must equal what the seven steps produce.
    @Test(arguments: [
        "Wanneer wordt het grofvuil opgehaald? Het staat er al een week.",
        "Thanks for your report, we'll look into it today.",
        "Bel ons op 14 020 of kijk op www.voorbeeld.nl/afval",
        "Dat is echt  niet oke\nToch?",
        "a b test", "x y", "it's 3 o'clock", "500 euro per jaar", "Het staat er al. Morgen?", "ja! nee.",
        "e-mail", "k.u.t", "sh!t", "f*ck", "K4nker", "kankerrrr", "k a n k e r", "3 vragen!", "24/7 open.",
    ])
    func plainMessagesTakeTheShortWay(text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            let full = Normaliser.normaliseStepByStep(buffer)
            let fast = Normaliser.lowercasedIfPlain(buffer)
            // Ordinary sentences must take it (else the test would pass with no short way at all); when any
            // text takes it, the result must be the long way's.
            if Self.ordinary.contains(text) { #expect(fast != nil, "\(text.debugDescription) took the long way") }
            if let fast {
                #expect(fast.bytes == full.bytes)
                #expect(fast.originalRange(0..<fast.bytes.count) == full.originalRange(0..<full.bytes.count))
            }
        }
    }

    static let ordinary: Set = [
        "Wanneer wordt het grofvuil opgehaald? Het staat er al een week.",
        "Thanks for your report, we'll look into it today.", "Het staat er al. Morgen?", "ja! nee.",
    ]
}
