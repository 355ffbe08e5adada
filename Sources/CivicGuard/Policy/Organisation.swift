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

    /// Whether `value`, a finding of `entity`, is one of the organisation's own contact details.
    public func isOwnContact(entity: String, value: String) -> Bool {
        switch entity {
        case "EMAIL": return emails.contains(value.lowercased())
        case "PHONE": return phones.contains(Self.phoneKey(value))
        case "URL_PERSONAL":
            let url = Self.urlKey(value)
            return !url.contains("?") && websites.contains { url == $0 || url.hasPrefix($0 + "/") }
        case "STREET_ADDRESS", "POSTCODE_NL":
            let key = Self.addressKey(value)
            return !key.isEmpty && addresses.contains { $0.hasPrefix(key) || key.hasPrefix($0) }
        default: return false
        }
    }

    static func phoneKey(_ value: String) -> String {
        var digits = String(value.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
        for prefix in ["0031", "31"] where value.contains("+") || prefix == "0031" {
            if digits.hasPrefix(prefix) {
                digits = "0" + digits.dropFirst(prefix.count).drop { $0 == "0" }
                break
            }
        }
        return digits
    }

    static func urlKey(_ value: String) -> String {
        var text = Substring(value.lowercased())
        for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        if text.hasPrefix("www.") { text = text.dropFirst(4) }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }

    static func addressKey(_ value: String) -> String {
        String(value.lowercased().unicodeScalars.filter { Preview.isAlphanumeric($0) }.map(Character.init))
    }
}
