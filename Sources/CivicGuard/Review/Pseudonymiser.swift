import Crypto

/// Keyed pseudonyms for authors, so the store can tell whose message it is without holding the name.
///
/// - A pseudonym is `a-` and 20 hexadecimal digits of HMAC-SHA-256 over the name, trimmed and lower-cased:
///   `Alice` and ` alice` are the same author.
/// - The key is `CIVICGUARD_PSEUDONYM_KEY` when set, otherwise a random key the store generates once and keeps.
///   Anyone holding the key can test a guess of a name, which is why the pseudonym is not an anonymisation.
public struct Pseudonymiser: Sendable {
    let key: SymmetricKey

    public init(key: [UInt8]) {
        self.key = SymmetricKey(data: key)
    }

    public func pseudonym(_ name: String) -> String {
        let normalised = String(name.trimmingWhitespace()).lowercased()
        let code = HMAC<SHA256>.authenticationCode(for: Array(normalised.utf8), using: key)
        return "a-" + Hex.encode(Array(code).prefix(10))
    }

    /// The fingerprint a store keeps of the pseudonym key (`SymmetricKey.fingerprint`).
    public var fingerprint: String { key.fingerprint("civicguard pseudonym key") }

    /// Whether `text` has the shape of a pseudonym, so commands can accept either a pseudonym or a name.
    public static func isPseudonym(_ text: String) -> Bool {
        text.hasPrefix("a-") && text.count == 22 && Hex.decode(String(text.dropFirst(2))) != nil
    }
}
