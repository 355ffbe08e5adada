import Testing

@testable import CivicGuard

@Suite("Structured numbers chosen by their validator")
struct ValidatorPartsTests {
    func parts(_ validator: String, _ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return Validator.named(validator)!.validParts(of: bytes, in: 0..<bytes.count).map {
            String(decoding: bytes[$0], as: UTF8.self)
        }
    }

    @Test(arguments: [
        // An IBAN whose length is a multiple of four, followed by a word of four letters.
        ("iban", "BE68 5390 0754 7034 voor", ["BE68 5390 0754 7034"]),
        ("iban", "NL91ABNA0417164300 t.n.v", ["NL91ABNA0417164300"]),
        ("iban", "DE89 3704 0044 0532 0130 00 bitte", ["DE89 3704 0044 0532 0130 00"]),
        ("iban", "NL91ABNA0417164301 niet", []),
        ("elfproef", "2023 111222333", ["111222333"]),
        ("elfproef", "111222333 123456782", ["111222333", "123456782"]),
        ("elfproef", "BSN111222333", ["111222333"]),
        ("elfproef", "06 12345678", []),
        ("be-rrn", "85.07.30-033.28 en 12", ["85.07.30-033.28"]),
        // Cards are anchored: a Luhn-valid run inside a longer number is no card.
        ("luhn", "4111 1111 1111 1111 99", ["4111 1111 1111 1111"]),
        ("luhn", "99 4111 1111 1111 1111", []),
        ("ipv4", "192.168.1.1 2", []),
    ])
    func picksTheValidPart(validator: String, text: String, expected: [String]) {
        #expect(parts(validator, text) == expected)
    }

    @Test(arguments: [
        ("elfproef", "0612345678", false), ("elfproef", "06 123 456 789", true), ("elfproef", "06 123 456 78", false),
        ("elfproef", "2023 111222333", true),
        ("elfproef", "12-03-1985", false), ("luhn", "1234 5678", false), ("luhn", "4111 1111 1111 1111", true),
        ("iban", "NL91 ABNA", true),
    ])
    func knowsWhenNoPartCanBeAValue(validator: String, text: String, expected: Bool) {
        let bytes = Array(text.utf8)
        #expect(Validator.named(validator)!.mayHoldValue(bytes, in: 0..<bytes.count) == expected)
    }
}
