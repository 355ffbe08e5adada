/// The organisation's own public contact details, which are never personal data: its switchboard and 14 0xx
/// number, its general e-mail address, its website and social profiles, its town-hall address.
///
/// Values are compared canonically: phone numbers by their digits (`+31`/`0031` read as a leading `0`),
/// e-mail addresses without case, websites by host and path without scheme, `www.` or a trailing slash,
/// addresses by letters and digits only.
public struct Organisation: Sendable {
    public var name: String = ""
    public var emails: Set<String> = []
    public var phones: Set<String> = []
    public var websites: [String] = []
    public var addresses: [String] = []

    public init() {}

    /// Whether any contact detail of `entity`'s kind is declared: when not, `isOwnContact` is false for every
    /// value, and a caller can skip building the value.
    public func declaresContacts(of entity: String) -> Bool {
        switch entity {
        case "EMAIL": return !emails.isEmpty
        case "PHONE": return !phones.isEmpty
        case "URL_PERSONAL": return !websites.isEmpty
        case "STREET_ADDRESS", "POSTCODE_NL": return !addresses.isEmpty
        default: return false
        }
    }

    /// Whether `value`, a finding of `entity`, is one of the organisation's own contact details.
    public func isOwnContact(entity: String, value: String) -> Bool {
        switch entity {
        case "EMAIL": return !emails.isEmpty && emails.contains(value.lowercased())
        case "PHONE": return !phones.isEmpty && phones.contains(Self.phoneKey(value))
        case "URL_PERSONAL":
            guard !websites.isEmpty else { return false }
            let url = Self.urlKey(value)
            return !url.utf8.contains(UInt8(ascii: "?")) && websites.contains { url == $0 || url.hasPrefix($0 + "/") }
        case "STREET_ADDRESS", "POSTCODE_NL":
            guard !addresses.isEmpty else { return false }
            let key = Self.addressKey(value)
            return !key.isEmpty && addresses.contains { $0.hasPrefix(key) || key.hasPrefix($0) }
        default: return false
        }
    }

    /// The digits of a phone number, with the Dutch country code (`0031`, or `31` after a `+`) turned into the
    /// trunk prefix `0`: `+31 (0)6-1234 5678` and `06 12345678` share a key.
    static func phoneKey(_ value: String) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var plus = false
        for byte in value.utf8 {
            if byte &- UInt8(ascii: "0") < 10 {
                digits.append(byte)
            } else if byte == UInt8(ascii: "+") {
                plus = true
            }
        }
        let zero = UInt8(ascii: "0")
        var country = 0
        if digits.starts(with: [zero, zero, UInt8(ascii: "3"), UInt8(ascii: "1")]) {
            country = 4
        } else if plus, digits.starts(with: [UInt8(ascii: "3"), UInt8(ascii: "1")]) {
            country = 2
        }
        guard country > 0 else { return String(decoding: digits, as: UTF8.self) }
        return "0" + String(decoding: digits[country...].drop { $0 == zero }, as: UTF8.self)
    }

    static func urlKey(_ value: String) -> String {
        var text = Substring(value.lowercased())
        for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        if text.hasPrefix("www.") { text = text.dropFirst(4) }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }

    /// An address's letters and digits in lower case, so spacing and punctuation do not matter.
    static func addressKey(_ value: String) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            let value = scalar.value
            if value >= 0x80 {
                for lower in String(scalar).lowercased().unicodeScalars where Preview.isAlphanumeric(lower) {
                    key.append(contentsOf: String(lower).utf8)
                }
            } else if value &- 0x41 < 26 {
                key.append(UInt8(value | 0x20))
            } else if Preview.isAlphanumeric(scalar) {
                key.append(UInt8(value))
            }
        }
        return String(decoding: key, as: UTF8.self)
    }
}
