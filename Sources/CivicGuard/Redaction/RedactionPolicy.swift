import Crypto

/// How personal data is replaced when a finding's action is `redact`, per entity.
///
/// ```yaml
/// redaction:
///   language: nl                        # labels' language when a message does not say
///   default: {operator: replace}
///   entities:
///     PHONE: {operator: mask, char: "*", keep_last: 2}
///     EMAIL: {operator: hash}
///     NL_BSN: {operator: replace, label: {nl: "[BSN]", en: "[BSN]"}}
///     PERSON: {operator: remove}
/// ```
public struct RedactionPolicy: Sendable {
    /// One way to replace a value.
    public enum Operator: Sendable {
        /// A label per language (`[telefoonnummer]`, `[phone number]`); `labels` overrides the built-in ones.
        case replace(labels: [String: String])
        /// Every letter and digit becomes `character`, except the last `keepLast`; separators stay.
        case mask(character: Character, keepLast: Int)
        /// A keyed pseudonym: the same value always gives the same `[EMAIL:3f9a1c2e]`, and nobody without the
        /// key can tell which value it was (HMAC-SHA-256).
        case hash
        /// The value disappears; doubled spaces left behind are closed up.
        case remove
    }

    public var language = "nl"
    public var defaultOperator = Operator.replace(labels: [:])
    public var entities: [String: Operator] = [:]
    /// The HMAC key for `hash`; a policy that uses `hash` without one does not load.
    public var hashKey: SymmetricKey?

    public init() {}

    /// Every value replaced by its entity's name (`[PHONE]`), whatever the language: how rule examples state
    /// their expected redaction, independent of any policy.
    public static let entityNames: RedactionPolicy = {
        var policy = RedactionPolicy()
        policy.language = "entity"
        return policy
    }()

    public func `operator`(for entity: String?) -> Operator {
        entity.flatMap { entities[$0] } ?? defaultOperator
    }

    /// Whether any entity is redacted with `hash`.
    public var usesHash: Bool {
        if case .hash = defaultOperator { return true }
        return entities.values.contains { if case .hash = $0 { return true } else { return false } }
    }

    /// The replacement text for `value`, a finding of `entity`, in a message written in `language`. `value` is read
    /// only by the operators that need it (`mask`, `hash`).
    public func replacement(for value: @autoclosure () -> String, entity: String?, language: String?) -> String {
        switch self.operator(for: entity) {
        case .replace(let labels):
            if self.language == "entity" { return "[\(entity ?? "REDACTED")]" }
            let language = language ?? self.language
            return labels[language] ?? labels[self.language] ?? EntityLabels.label(for: entity, language: language)
        case .mask(let character, let keepLast):
            // The last `keepLast` letters and digits stay; every other one becomes `character`.
            let value = value()
            let scalars = Array(value.unicodeScalars)
            var kept = 0
            var firstKept = scalars.count
            while firstKept > 0, kept < keepLast {
                firstKept -= 1
                if Preview.isAlphanumeric(scalars[firstKept]) { kept += 1 }
            }
            let mask = Array(String(character).utf8)
            var output: [UInt8] = []
            output.reserveCapacity(value.utf8.count * mask.count)
            for (index, scalar) in scalars.enumerated() {
                if index < firstKept, Preview.isAlphanumeric(scalar) {
                    output += mask
                } else {
                    Unicode.UTF8.encode(scalar) { output.append($0) }
                }
            }
            return String(decoding: output, as: UTF8.self)
        case .hash:
            return "[\(entity ?? "REDACTED"):\(Pseudonym.make(value(), entity: entity, key: hashKey))]"
        case .remove:
            return ""
        }
    }
}

/// Keyed pseudonyms of personal data: stable for a value under one key, meaningless without it.
public enum Pseudonym {
    /// The first 8 bytes of HMAC-SHA-256(key, entity ∥ 0 ∥ canonical value) in hex. The value is canonicalised
    /// (letters and digits only, lower case) so `06-1234 5678` and `0612345678` get the same pseudonym.
    public static func make(_ value: String, entity: String?, key: SymmetricKey?) -> String {
        guard let key else { return "unkeyed" }
        var message = Array((entity ?? "").utf8)
        message.append(0)
        for scalar in value.lowercased().unicodeScalars where Preview.isAlphanumeric(scalar) {
            message.append(contentsOf: String(scalar).utf8)
        }
        let code = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return Hex.encode(Array(code).prefix(8))
    }
}
