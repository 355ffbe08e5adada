/// Validators of form and range rather than checksum. Tested in
/// `Tests/CivicGuardTests/Validation/FormatTests.swift`.
enum Format {
    /// UK National Insurance number: two prefix letters (first not D, F, I, Q, U, V; second not D, F, I, O, Q,
    /// U, V; not BG, GB, KN, NK, NT, TN, ZZ), six digits and a suffix A-D.
    /// Valid: AB 12 34 56 C. Invalid: QQ123456C (prefix), AB123456E (suffix).
    static func ukNationalInsurance(_ text: String) -> Bool {
        let characters = Array(String(decoding: Validator.compact(text), as: UTF8.self).unicodeScalars)
        guard characters.count == 9 else { return false }
        let first = characters[0]
        let second = characters[1]
        guard ("A"..."Z").contains(first), ("A"..."Z").contains(second), !"DFIQUV".unicodeScalars.contains(first),
            !"DFIOQUV".unicodeScalars.contains(second),
            !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].contains(String(first) + String(second)),
            characters[2..<8].allSatisfy({ ("0"..."9").contains($0) }), ("A"..."D").contains(characters[8])
        else { return false }
        return true
    }

    /// Dutch postcode: four digits from 1000 and two letters, not SA, SD or SS; a house number after it is
    /// ignored. Valid: 3511 AB, 3511ab. Invalid: 0123 AB, 3511 SS.
    static func dutchPostcode(_ text: String) -> Bool {
        let characters = Validator.compact(text)
        guard characters.count >= 6, characters[0] != 0x30, characters[0..<4].allSatisfy({ $0 &- 0x30 < 10 }),
            characters[4] &- 0x41 < 26, characters[5] &- 0x41 < 26
        else { return false }
        let letters = String(decoding: characters[4..<6], as: UTF8.self)
        return !["SA", "SD", "SS"].contains(letters)
    }

    /// IPv4 dotted quad: four numbers 0-255 without leading zeros. Valid: 192.168.1.20. Invalid: 256.1.1.1,
    /// 01.2.3.4.
    static func ipv4(_ text: String) -> Bool {
        var parts = 0
        var value = 0
        var length = 0
        var leadingZero = false
        for byte in text.utf8 {
            if byte &- 0x30 < 10 {
                if length == 0 { leadingZero = byte == 0x30 }
                value = value * 10 + Int(byte &- 0x30)
                length += 1
                guard length <= 3 else { return false }
            } else if byte == UInt8(ascii: ".") {
                guard length > 0, value <= 255, length == 1 || !leadingZero else { return false }
                parts += 1
                (value, length) = (0, 0)
            } else {
                return false
            }
        }
        return parts == 3 && length > 0 && value <= 255 && (length == 1 || !leadingZero)
    }

    /// IPv6 (RFC 4291, RFC 5952): eight groups of one to four hex digits, or fewer with a single `::`; an IPv4
    /// tail and a zone id are allowed.
    /// Valid: 2001:db8::1, FE80:0000:0000:0000:0202:B3FF:FE1E:8329. Invalid: 2001:db8::1::2, 12345::1.
    static func ipv6(_ text: String) -> Bool {
        var body = Substring(text)
        // A zone id (`fe80::1%eth0`) names the interface, not the address.
        if let percent = body.firstIndex(of: "%") {
            guard body.index(after: percent) < body.endIndex else { return false }
            body = body[..<percent]
        }
        var tailGroups = 0
        if let lastColon = body.lastIndex(of: ":"), body[body.index(after: lastColon)...].contains(".") {
            guard ipv4(String(body[body.index(after: lastColon)...])) else { return false }
            body = body[...lastColon]
            if body.hasSuffix(":") && !body.hasSuffix("::") { body = body.dropLast() }
            tailGroups = 2
        }
        let halves = body.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return false }
        func groups(_ part: Substring) -> [Substring]? {
            if part.isEmpty { return [] }
            let items = part.split(separator: ":", omittingEmptySubsequences: false)
            guard items.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(\.isHexDigit) }) else { return nil }
            return items
        }
        guard let head = groups(halves[0]) else { return false }
        if halves.count == 1 { return head.count + tailGroups == 8 }
        guard let tail = groups(halves[1]) else { return false }
        return head.count + tail.count + tailGroups <= 7
    }

    static let monthNames: [String: Int] = {
        let lists: [[String]] = [
            [
                "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                "november", "december",
            ],
            [
                "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december",
            ],
            [
                "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
                "november", "dezember",
            ],
            [
                "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre",
            ],
        ]
        var names: [String: Int] = [
            "jän": 1, "maerz": 3, "fevrier": 2, "aout": 8, "decembre": 12, "sept": 9, "mrt": 3, "janv": 1, "févr": 2,
            "fevr": 2, "avr": 4, "juil": 7, "déc": 12, "mär": 3,
        ]
        for list in lists {
            for (index, name) in list.enumerated() {
                names[name] = index + 1
                names[String(name.prefix(3))] = names[String(name.prefix(3))] ?? index + 1
            }
        }
        return names
    }()

    /// A date that exists: numeric day-month-year or year-month-day with `-`, `/`, `.` or spaces, or with a
    /// month name in Dutch, English, German or French (`12 maart 1985`, `March 12, 1985`, `12. März 1985`,
    /// `1er mars 1985`, `5-MAY-2021`). Numbers are read day first, or month first (the US order) when the second
    /// cannot be a month. Two-digit years are allowed. Valid: 29-02-2000, 3 mei 1978, 05/31/1990. Invalid:
    /// 31-04-1990, 29-02-1999.
    static func date(_ text: String) -> Bool {
        var numbers: [Int] = []
        var month: Int?
        var word = String.UnicodeScalarView()
        var number = 0
        var digits = 0
        func flush() {
            if digits > 0 { numbers.append(digits > 9 ? -1 : number) }
            if !word.isEmpty {
                let lowered = String(word).lowercased()
                if let value = monthNames[lowered] ?? monthNames[String(lowered.prefix(3))] { month = value }
            }
            (number, digits) = (0, 0)
            word = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value &- 0x30 < 10 {
                if !word.isEmpty { flush() }
                number = number * 10 + Int(value &- 0x30)
                digits += 1
            } else if value < 0x80
                ? (value | 0x20) &- 0x61 < 26
                : scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
            {
                if digits > 0 { flush() }
                word.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        var day: Int
        var monthValue: Int
        var year: Int
        if let month {
            guard numbers.count == 2 else { return false }
            monthValue = month
            (day, year) = numbers[0] > 31 ? (numbers[1], numbers[0]) : (numbers[0], numbers[1])
        } else {
            guard numbers.count == 3 else { return false }
            if numbers[0] > 31 {
                (year, monthValue, day) = (numbers[0], numbers[1], numbers[2])
            } else {
                (day, monthValue, year) = (numbers[0], numbers[1], numbers[2])
            }
        }
        // The US order, month first, where the day cannot be a month: 05/31/1990.
        if monthValue > 12, day <= 12 { (day, monthValue) = (monthValue, day) }
        if year < 100 { year += year > 30 ? 1900 : 2000 }
        guard (1900...2030).contains(year), (1...12).contains(monthValue), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[monthValue - 1]
    }

    /// A phone number of a length its country allows. International (`+` or `00`, an optional `(0)` trunk
    /// digit): +31 and +33 take 9 digits, +32 8 or 9, +44 9 or 10, +49 6 to 12. National (a leading 0):
    /// 9 to 12 digits (German mobile numbers have up to 12). Valid: +31 (0)6 1234 5678, 0470/12.34.56,
    /// 020 7946 0123. Invalid: +31 6 1234 567.
    static func phone(_ text: String) -> Bool {
        var text = Substring(text)
        if text.utf8.contains(UInt8(ascii: "(")), let trunk = text.firstRange(of: "(0)") { text.removeSubrange(trunk) }
        var digits = Validator.digits(String(text))
        let international = text.first == "+" || (digits.count > 2 && digits[0] == 0 && digits[1] == 0)
        if !international {
            return digits.first == 0 && (9...12).contains(digits.count)
        }
        if digits.first == 0 { digits.removeFirst(2) }
        func rest(_ code: Int) -> Int {
            var count = digits.count - code
            if digits.count > code, digits[code] == 0 { count -= 1 }
            return count
        }
        switch (digits.first ?? 0, digits.count > 1 ? digits[1] : -1) {
        case (3, 1), (3, 3): return rest(2) == 9
        case (3, 2): return (8...9).contains(rest(2))
        case (4, 4): return (9...10).contains(rest(2))
        case (4, 9): return (6...12).contains(rest(2))
        default: return false
        }
    }

    /// The letter/digit shapes of the Dutch side codes 1-14 (L letter, D digit), with their groups.
    static let sideCodes: [String: [Int]] = [
        "LLDDDD": [2, 2, 2], "DDDDLL": [2, 2, 2], "DDLLDD": [2, 2, 2], "LLDDLL": [2, 2, 2], "LLLLDD": [2, 2, 2],
        "DDLLLL": [2, 2, 2], "DDLLLD": [2, 3, 1], "DLLLDD": [1, 3, 2], "LLDDDL": [2, 3, 1], "LDDDLL": [1, 3, 2],
        "LLLDDL": [3, 2, 1], "LDDLLL": [1, 2, 3], "DLLDDD": [1, 2, 3], "DDDLLD": [3, 2, 1],
    ]

    /// Side codes 1-3 (`XX-99-99`, `99-99-XX`, `99-XX-99`), issued before 1978; the later ones use no vowels.
    static let oldSideCodes: Set<String> = ["LLDDDD", "DDDDLL", "DDLLDD"]

    /// Dutch licence plate in one of the side codes 1-14 (`XX-99-99` … `999-XX-9`), with dashes, spaces or
    /// none, any case. When separators are written, the groups must be the side code's. Side codes 4-14
    /// contain no vowels (A, E, I, O, U), which tells `94-XH-07` from the words in "us on 14".
    /// Valid: 12-BCD-3, 1bcd23, GB-123-X. Invalid: 1234-AB (no side code), 12-AB-CD-3, 12-ABC-3 (vowel).
    static func dutchPlate(_ text: String) -> Bool {
        plateShape(text) != nil
    }

    /// A plate of side code 4 to 14 (no vowels, issued from 1978): shapes that are rarely anything else.
    static func modernDutchPlate(_ text: String) -> Bool {
        guard let shape = plateShape(text) else { return false }
        return !oldSideCodes.contains(shape)
    }

    /// The side code's shape (`LLDDDD`) of a valid plate, or nil.
    private static func plateShape(_ text: String) -> String? {
        let characters = Validator.compact(text)
        guard characters.count == 6 else { return nil }
        let shape = String(
            decoding: characters.map { $0 &- 0x30 < 10 ? 0x44 : ($0 &- 0x41 < 26 ? 0x4C : 0x3F) }, as: UTF8.self)
        guard let groups = sideCodes[shape] else { return nil }
        let vowels: [UInt8] = [0x41, 0x45, 0x49, 0x4F, 0x55]
        if !oldSideCodes.contains(shape), characters.contains(where: vowels.contains) { return nil }
        // The groups as written, split at dashes, spaces and no-break spaces (C2 A0).
        var written: [Int] = []
        var length = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x2D || byte == 0x20 || (previous == 0xC2 && byte == 0xA0) {
                if length > 0 { written.append(length) }
                length = 0
            } else if byte != 0xC2 {
                length += 1
            }
            previous = byte
        }
        if length > 0 { written.append(length) }
        return written.count == 1 || written == groups ? shape : nil
    }

    /// All digits the same (`000000000`, `111.111.111`): placeholders, not real numbers.
    static func repeatedDigits(_ text: String) -> Bool {
        var first: UInt8?
        for byte in text.utf8 where byte &- 0x30 < 10 {
            if first == nil { first = byte } else if byte != first { return false }
        }
        return first != nil
    }
}

extension Substring {
    /// Splits at `::`, keeping empty pieces: `a::b` → [a, b], `::1` → ["", 1].
    func components(separatedByDoubleColon: Void) -> [Substring] {
        var pieces: [Substring] = []
        var rest = self
        while let range = rest.firstRange(of: "::") {
            pieces.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        pieces.append(rest)
        return pieces
    }
}
