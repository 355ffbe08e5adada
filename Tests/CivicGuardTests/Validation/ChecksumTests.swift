import Testing

@testable import CivicGuard

/// Published valid and invalid examples for every checksum validator.
@Suite("Checksum validators")
struct ChecksumTests {
    @Test(arguments: [
        ("elfproef", "111222333", true), ("elfproef", "123456782", true), ("elfproef", "123.456.782", true),
        ("elfproef", "1234 56 782", true), ("elfproef", "123456789", false), ("elfproef", "000000000", false),
        ("elfproef", "27.12.2025", false),
        ("luhn", "4111 1111 1111 1111", true), ("luhn", "5500000000000004", true), ("luhn", "378282246310005", true),
        ("luhn", "4111111111111112", false), ("luhn", "9111111111111111", false),
        ("iban", "NL91 ABNA 0417 1643 00", true), ("iban", "DE89370400440532013000", true),
        ("iban", "be68539007547034", true), ("iban", "GB82 WEST 1234 5698 7654 32", true),
        ("iban", "FR1420041010050500013M02606", true), ("iban", "NL91ABNA0417164301", false),
        ("iban", "NL91ABNA041716430", false), ("iban", "XX91ABNA0417164300", false),
        ("be-rrn", "85.07.30-033.28", true), ("be-rrn", "85073003329", false),
        ("de-steuer-id", "65929970489", true), ("de-steuer-id", "26954371827", true),
        ("de-steuer-id", "65929970488", false), ("de-steuer-id", "11111111111", false),
        ("nhs", "943 476 5919", true), ("nhs", "9434765918", false),
        ("fr-nir", "2 55 08 14 168 025 38", true), ("fr-nir", "255081416802539", false),
    ])
    func checksum(validator: String, value: String, valid: Bool) throws {
        let check = try #require(Validator.named(validator))
        #expect(check(value) == valid)
    }
}
