/// Checksum validators. Each is tested with published valid and invalid examples
/// (`Tests/CivicGuardTests/Validation/ChecksumTests.swift`).
enum Checksum {
    /// Dutch BSN (burgerservicenummer) 11-test: exactly 9 digits, 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by
    /// 11, and not all zeros. (Eight-digit numbers, which a leading zero would make valid one time in eleven,
    /// are dates and order numbers far more often than BSNs.)
    /// Valid: 111222333, 123456782. Invalid: 123456789, 27.12.2025.
    static func elfproef(_ text: String) -> Bool {
        let digits = Validator.digits(text)
        guard digits.count == 9, digits.contains(where: { $0 != 0 }) else { return false }
        var sum = 0
        for (index, digit) in digits.enumerated() { sum += digit * (index == 8 ? -1 : 9 - index) }
        return sum % 11 == 0
    }

    /// Luhn (mod 10) over all digits.
    static func luhn(_ digits: [Int]) -> Bool {
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            if index % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    /// A payment card number: a known issuer prefix with its lengths, and the Luhn checksum.
    /// Valid: 4111 1111 1111 1111 (Visa), 5500 0000 0000 0004 (Mastercard), 3782 822463 10005 (Amex).
    /// Invalid: 4111 1111 1111 1112 (Luhn), 9111 1111 1111 1111 (no issuer).
    static func paymentCard(_ text: String) -> Bool {
        let digits = Validator.digits(text)
        guard (12...19).contains(digits.count), luhn(digits) else { return false }
        func prefix(_ count: Int) -> Int { digits.prefix(count).reduce(0) { $0 * 10 + $1 } }
        let length = digits.count
        switch true {
        case prefix(1) == 4: return [13, 16, 19].contains(length)
        case (51...55).contains(prefix(2)), (2221...2720).contains(prefix(4)): return length == 16
        case prefix(2) == 34, prefix(2) == 37: return length == 15
        case prefix(2) == 36, (300...305).contains(prefix(3)), prefix(2) == 38, prefix(2) == 39:
            return (14...16).contains(length)
        case prefix(4) == 6011, prefix(2) == 65, (644...649).contains(prefix(3)): return (16...19).contains(length)
        case (3528...3589).contains(prefix(4)): return (16...19).contains(length)
        case prefix(2) == 62, (8100...8171).contains(prefix(4)): return (16...19).contains(length)
        case (2200...2204).contains(prefix(4)): return (16...19).contains(length)
        case prefix(1) == 1: return length == 15
        case prefix(2) == 50, (56...69).contains(prefix(2)): return (12...19).contains(length)
        default: return false
        }
    }

    /// IBAN lengths of every country in the IBAN registry (ISO 13616), SEPA and beyond.
    static let ibanLengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
        "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
        "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
        "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
        "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
        "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28,
        "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
        "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
        "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
    ]

    /// IBAN: a registered country code, that country's length, and mod 97 = 1 over the rearranged number.
    /// Grouped or not, any case. Valid: NL91 ABNA 0417 1643 00, DE89370400440532013000, be68539007547034.
    /// Invalid: NL91ABNA0417164301 (checksum), NL91ABNA041716430 (length).
    static func iban(_ text: String) -> Bool {
        let characters = Validator.compact(text)
        guard characters.count >= 15, characters.allSatisfy({ $0 &- 0x30 < 10 || $0 &- 0x41 < 26 }) else {
            return false
        }
        let country = String(decoding: characters.prefix(2), as: UTF8.self)
        guard let length = ibanLengths[country], characters.count == length,
            characters[2] &- 0x30 < 10, characters[3] &- 0x30 < 10, longestDigitRun(characters[4...]) >= 10
        else { return false }
        let rearranged = characters[4...] + characters[..<4]
        var remainder = 0
        for character in rearranged {
            if character &- 0x30 < 10 {
                remainder = (remainder * 10 + Int(character - 0x30)) % 97
            } else {
                remainder = (remainder * 100 + Int(character - 0x41 + 10)) % 97
            }
        }
        return remainder == 1
    }

    /// The longest run of digits in `characters`. Every registered country's account number has ten or more
    /// digits in a row, which the IBAN rule's gate (`min_digit_group: 10`) relies on.
    static func longestDigitRun(_ characters: ArraySlice<UInt8>) -> Int {
        var longest = 0
        var run = 0
        for character in characters {
            run = character &- 0x30 < 10 ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    /// Belgian national register number (rijksregisternummer): 11 digits YYMMDD SSS CC where
    /// CC = 97 − (first nine digits mod 97), with a 2 put before them for people born from 2000.
    /// Valid: 85.07.30-033.28. Invalid: 85073003329.
    static func belgianNationalNumber(_ text: String) -> Bool {
        let digits = Validator.digits(text)
        guard digits.count == 11 else { return false }
        let base = digits.prefix(9).reduce(0) { $0 * 10 + $1 }
        let check = digits[9] * 10 + digits[10]
        guard (1...12).contains(digits[2] * 10 + digits[3]) || digits[2] * 10 + digits[3] == 0 else { return false }
        return 97 - base % 97 == check || 97 - (2_000_000_000 + base) % 97 == check
    }

    /// German tax identification number (Steuer-ID): 11 digits, first not 0; among the first ten, exactly one
    /// digit occurs twice or three times and the rest at most once; the last digit is the ISO 7064 mod 11,10
    /// check digit. Valid: 65929970489, 26954371827. Invalid: 65929970488.
    static func germanTaxID(_ text: String) -> Bool {
        let digits = Validator.digits(text)
        guard digits.count == 11, digits[0] != 0 else { return false }
        var counts = [Int](repeating: 0, count: 10)
        for digit in digits.prefix(10) { counts[digit] += 1 }
        let repeated = counts.filter { $0 > 1 }
        guard repeated.count == 1, repeated[0] <= 3 else { return false }
        var product = 10
        for digit in digits.prefix(10) {
            var sum = (digit + product) % 10
            if sum == 0 { sum = 10 }
            product = (sum * 2) % 11
        }
        let check = (11 - product) % 10
        return check == digits[10]
    }

    /// UK NHS number: 10 digits, the last a mod 11 check over the first nine with weights 10..2
    /// (11 → 0, 10 → invalid). Valid: 943 476 5919. Invalid: 9434765918.
    static func nhsNumber(_ text: String) -> Bool {
        let digits = Validator.digits(text)
        guard digits.count == 10 else { return false }
        var sum = 0
        for index in 0..<9 { sum += digits[index] * (10 - index) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == digits[9]
    }

    /// French social-security number (NIR): 13 characters (sex, year, month, department, commune, order) and a
    /// two-digit key = 97 − (number mod 97), with Corsica's 2A and 2B read as 19 and 18.
    /// Valid: 2 55 08 14 168 025 38. Invalid: 255081416802539.
    static func frenchNIR(_ text: String) -> Bool {
        var characters = Validator.compact(text)
        guard characters.count == 15 else { return false }
        var offset = 0
        if characters[5] == UInt8(ascii: "2"), characters[6] == UInt8(ascii: "A") {
            characters[6] = UInt8(ascii: "0")
            offset = 1_000_000
        } else if characters[5] == UInt8(ascii: "2"), characters[6] == UInt8(ascii: "B") {
            characters[6] = UInt8(ascii: "0")
            offset = 2_000_000
        }
        guard characters.allSatisfy({ $0 &- 0x30 < 10 }), characters[0] == 0x31 || characters[0] == 0x32 else {
            return false
        }
        let number = characters.prefix(13).reduce(0) { $0 * 10 + Int($1 - 0x30) } - offset
        let key = Int(characters[13] - 0x30) * 10 + Int(characters[14] - 0x30)
        return 97 - number % 97 == key
    }
}
