/// A named check that a matched value really is what its pattern suggests: a checksum, a length or a range.
///
/// Rules name validators in YAML: `validate: elfproef` keeps a match only when the check passes,
/// `invalidate: repeated-digits` drops a match when the check passes. A value that fails `validate` is not
/// personal data (it is a case or order number) unless context words make it likely; then it is flagged, not
/// redacted.
///
/// Every validator receives the matched text as written (with spaces, dots and dashes) and extracts what it
/// needs.
public struct Validator: Sendable {
    public let name: String
    /// One line for `--explain` and the README.
    public let summary: String
    let check: @Sendable (String) -> Bool
    /// How long a valid value is, for cutting a longer candidate down to the part that validates; nil when the
    /// validator judges the whole match only.
    let extent: Extent?
    /// Whether the check is a checksum, which a random number passes rarely: where two recognisers claim the
    /// same span, a value whose checksum passed is taken for what its checksum says.
    let isChecksum: Bool

    /// The length of a valid value, counted in its significant characters.
    enum Extent: Sendable {
        /// A number with so many digits; letters, spaces and punctuation between them do not count. An
        /// `anchored` number starts where its candidate starts (a card's issuer prefix is its first digits, and
        /// a Luhn-valid run can be found inside almost any long number).
        case digits(ClosedRange<Int>, anchored: Bool = false)
        /// An IBAN: as many letters and digits as its country's IBAN has.
        case iban
    }

    init(
        name: String, summary: String, extent: Extent? = nil, isChecksum: Bool = false,
        check: @escaping @Sendable (String) -> Bool
    ) {
        self.name = name
        self.summary = summary
        self.extent = extent
        self.isChecksum = isChecksum
        self.check = check
    }

    public func callAsFunction(_ value: String) -> Bool { check(value) }

    /// Every validator a rule can name.
    public static let all: [Validator] = [
        Validator(
            name: "elfproef", summary: "Dutch BSN 11-test (weights 9..2, last digit -1)", extent: .digits(9...9),
            isChecksum: true, check: Checksum.elfproef),
        Validator(
            name: "luhn", summary: "payment card: Luhn checksum and a known issuer prefix and length",
            extent: .digits(12...19, anchored: true), isChecksum: true, check: Checksum.paymentCard),
        Validator(
            name: "iban", summary: "IBAN: registered country, its length, ten digits in a row, ISO 7064 mod 97-10",
            extent: .iban,
            isChecksum: true, check: Checksum.iban),
        Validator(
            name: "be-rrn", summary: "Belgian rijksregisternummer: mod 97 check (born before or from 2000)",
            extent: .digits(11...11), isChecksum: true, check: Checksum.belgianNationalNumber),
        Validator(
            name: "de-steuer-id", summary: "German Steuer-ID: ISO 7064 mod 11,10 and its digit-repetition rule",
            extent: .digits(11...11), isChecksum: true, check: Checksum.germanTaxID),
        Validator(
            name: "uk-nino", summary: "UK National Insurance number: allowed prefix letters and suffix A-D",
            check: Format.ukNationalInsurance),
        Validator(
            name: "nhs", summary: "UK NHS number: mod 11 (weights 10..2)", extent: .digits(10...10), isChecksum: true,
            check: Checksum.nhsNumber),
        Validator(
            name: "fr-nir", summary: "French NIR: key = 97 - (number mod 97), Corsica 2A/2B", isChecksum: true,
            check: Checksum.frenchNIR),
        Validator(
            name: "postcode-nl", summary: "Dutch postcode: 1000-9999 and letters other than SA, SD, SS",
            check: Format.dutchPostcode),
        Validator(name: "ipv4", summary: "IPv4: four octets of at most 255, no leading zeros", check: Format.ipv4),
        Validator(name: "ipv6", summary: "IPv6: eight groups, or fewer with one ::", check: Format.ipv6),
        Validator(
            name: "date", summary: "a calendar date (day, month, 4- or 2-digit year) that exists", check: Format.date),
        Validator(
            name: "phone", summary: "phone number: national length for NL, BE, DE, FR and UK forms", check: Format.phone
        ),
        Validator(
            name: "plate-nl", summary: "Dutch licence plate: one of the side codes 1-14 (no vowels from 4)",
            check: Format.dutchPlate),
        Validator(
            name: "plate-nl-modern", summary: "Dutch licence plate of side code 4-14 (issued from 1978)",
            check: Format.modernDutchPlate),
        Validator(
            name: "repeated-digits", summary: "all digits the same (000000000, 111-11-111)",
            check: Format.repeatedDigits),
    ]

    public static func named(_ name: String) -> Validator? {
        all.first { $0.name == name }
    }

    /// The ASCII digits of `text`, as numbers.
    static func digits(_ text: String) -> [Int] {
        var digits: [Int] = []
        digits.reserveCapacity(text.utf8.count)
        for byte in text.utf8 where byte &- 0x30 < 10 { digits.append(Int(byte &- 0x30)) }
        return digits
    }

    /// `text` without white space, dots, dashes, slashes and underscores, ASCII letters upper-cased; other characters as
    /// their UTF-8 bytes.
    static func compact(_ text: String) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                // ASCII white space is tab to carriage return and space.
                if value == 0x20 || value &- 0x09 < 5 || value == 0x2E || value == 0x2D || value == 0x2F
                    || value == 0x5F
                {
                    continue
                }
                result.append(value &- 0x61 < 26 ? UInt8(value) - 0x20 : UInt8(value))
            } else if !scalar.properties.isWhitespace {
                result.append(contentsOf: String(scalar).utf8)
            }
        }
        return result
    }
}
