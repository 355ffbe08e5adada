import Testing

@testable import CivicGuard

@Suite("Format validators")
struct FormatTests {
    @Test(arguments: [
        ("uk-nino", "AB 12 34 56 C", true), ("uk-nino", "QQ123456C", false), ("uk-nino", "AB123456E", false),
        ("postcode-nl", "3511 AB", true), ("postcode-nl", "3511ab", true), ("postcode-nl", "3511 AB 12", true),
        ("postcode-nl", "0123 AB", false), ("postcode-nl", "3511 SS", false), ("postcode-nl", "3511 SA", false),
        ("ipv4", "192.168.1.20", true), ("ipv4", "256.1.1.1", false), ("ipv4", "01.2.3.4", false),
        ("ipv6", "2001:db8::1", true), ("ipv6", "FE80:0000:0000:0000:0202:B3FF:FE1E:8329", true),
        ("ipv6", "::ffff:192.0.2.1", true), ("ipv6", "2001:db8::1::2", false), ("ipv6", "12345::1", false),
        ("date", "29-02-2000", true), ("date", "3 mei 1978", true), ("date", "March 12th, 1975", true),
        ("date", "12. März 1985", true), ("date", "31-04-1990", false), ("date", "29-02-1999", false),
        ("date", "05/31/1990", true), ("date", "13/13/1990", false), ("date", "3 juil. 1982", true),
        ("date", "31 juil 1982", true), ("date", "31 juin 1982", false), ("date", "5-MAY-2021", true),
        ("ipv6", "fe80::1%eth0", true), ("ipv6", "fe80::1%", false), ("ipv6", "64:ff9b::198.51.100.7", true),
        ("phone", "+31 (0)6 1234 5678", true), ("phone", "0470/12.34.56", true), ("phone", "020 7946 0123", true),
        ("phone", "+44 7700 900123", true), ("phone", "+31 6 1234 567", false), ("phone", "14020", false),
        ("plate-nl", "12-BCD-3", true), ("plate-nl", "GB-123-X", true), ("plate-nl", "1bcd23", true),
        ("plate-nl", "1234-AB", false), ("plate-nl", "12-ABC-3", false), ("plate-nl", "AB-12-34", true),
        ("repeated-digits", "111.111.111", true), ("repeated-digits", "123456782", false),
    ])
    func format(validator: String, value: String, valid: Bool) throws {
        let check = try #require(Validator.named(validator))
        #expect(check(value) == valid)
    }

    @Test(arguments: [
        ("12-bcd-3", "12BCD3"), ("NL91 abna\t0417.1643/00", "NL91ABNA0417164300"), ("ab\u{00A0}12", "AB12"),
        ("ß-1", "ß1"),
    ])
    func compactDropsSeparatorsAndUpperCasesASCII(written: String, compact: String) {
        #expect(Validator.compact(written) == Array(compact.utf8))
    }
}
