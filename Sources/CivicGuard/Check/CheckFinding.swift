import Crypto

/// A finding of `civicguard check`, placed in its file.
///
/// It carries positions, the rule, the action the policy gives it and a masked preview; never the text.
public struct CheckFinding: Sendable {
    public let path: String
    /// The key path of the catalogue value it is in; nil for a whole-file template.
    public let keyPath: String?
    public let rule: Rule
    public let entity: String?
    public let action: Action
    public let start: FilePosition
    /// Exclusive: the position just after the last code point.
    public let end: FilePosition
    public let preview: String
    /// A keyed hash of where and what the finding is, stable when lines move: for baselines and SARIF.
    public var fingerprint: String = ""

    /// How CI systems rank it: `error` for block, `warning` for hold, redact and flag, `note` for allow.
    public var level: String {
        switch action {
        case .block: return "error"
        case .hold, .redact, .flag: return "warning"
        case .allow: return "note"
        }
    }
}

/// Rules `check` raises itself.
public enum CheckRule {
    /// A placeholder whose name denotes personal data in an outgoing template: every message made from it
    /// would publish that data.
    public static let personalDataPlaceholder = make(
        id: "check.personal-data-placeholder", category: "personal-data", severity: .high,
        message: "this placeholder fills in personal data, which the template would publish",
        suggestion: "never put personal data in a public reply; refer to a direct message or a secure form",
        source: "AVG/GDPR art. 5(1)(c); code of conduct §3 personal_data")
    /// A suppression comment without a reason: it suppresses nothing.
    public static let missingReason = make(
        id: "check.suppression-without-reason", category: "check", severity: .high,
        message: "a suppression needs a reason after ' -- '; this one suppresses nothing",
        suggestion: "write why the finding is acceptable: civicguard-disable-next-line RULE -- reason",
        source: "civicguard check: suppressions are reviewed like code")
    /// A suppression comment that suppressed nothing.
    public static let unusedSuppression = make(
        id: "check.unused-suppression", category: "check", severity: .low,
        message: "this suppression suppresses nothing",
        suggestion: "remove it, or correct the rule id or the line it stands before",
        source: "civicguard check: stale suppressions hide future findings")
    /// A file that could not be read as UTF-8, YAML or JSON: not checked, so it fails the gate.
    public static let unreadable = make(
        id: "check.unreadable", category: "check", severity: .high,
        message: "the file could not be read, so none of it was checked",
        suggestion: "fix the file so it is valid UTF-8, YAML or JSON",
        source: "civicguard check: what is not checked fails closed")

    public static let all = [personalDataPlaceholder, missingReason, unusedSuppression, unreadable]

    /// The fixed action of a `check.*` meta rule (its findings are about the file, not the message); nil for
    /// the personal-data placeholder, which the policy decides like any personal data.
    static func fixedAction(_ rule: Rule) -> Action? {
        if rule === missingReason || rule === unreadable { return .block }
        if rule === unusedSuppression { return .flag }
        return nil
    }

    /// Placeholder names (lower case, one part of a name like `citizen.bsn`) that denote personal data, with
    /// the entity they fill in.
    static let personalNames: [String: String] = [
        "bsn": "NL_BSN", "burgerservicenummer": "NL_BSN", "sofinummer": "NL_BSN", "iban": "IBAN",
        "rekeningnummer": "IBAN", "bankrekening": "IBAN", "bankrekeningnummer": "IBAN", "accountnumber": "IBAN",
        "adres": "STREET_ADDRESS", "address": "STREET_ADDRESS", "huisadres": "STREET_ADDRESS",
        "woonadres": "STREET_ADDRESS", "straat": "STREET_ADDRESS", "street": "STREET_ADDRESS",
        "huisnummer": "STREET_ADDRESS", "postcode": "POSTCODE_NL", "zipcode": "POSTCODE_NL",
        "telefoon": "PHONE", "telefoonnummer": "PHONE", "phone": "PHONE", "phonenumber": "PHONE", "tel": "PHONE",
        "mobiel": "PHONE", "mobile": "PHONE", "gsm": "PHONE", "email": "EMAIL", "emailadres": "EMAIL",
        "mail": "EMAIL", "mailadres": "EMAIL", "geboortedatum": "DATE_OF_BIRTH", "dob": "DATE_OF_BIRTH",
        "birthdate": "DATE_OF_BIRTH", "dateofbirth": "DATE_OF_BIRTH", "kenteken": "LICENSE_PLATE_NL",
        "licenseplate": "LICENSE_PLATE_NL", "licenceplate": "LICENSE_PLATE_NL", "achternaam": "PERSON",
        "surname": "PERSON", "lastname": "PERSON", "fullname": "PERSON", "volledigenaam": "PERSON",
        "ip": "IP_ADDRESS", "ipadres": "IP_ADDRESS", "creditcard": "CREDIT_CARD", "kaartnummer": "CREDIT_CARD",
        "cardnumber": "CREDIT_CARD", "rijksregisternummer": "BE_NATIONAL_NUMBER", "nino": "UK_NINO",
    ]

    /// The entity a placeholder name fills in: the whole name or one of its parts (`klant.bsn`,
    /// `citizen_phone`), ignoring case, dashes and underscores within a part.
    static func entity(forPlaceholder name: String) -> String? {
        let lower = name.lowercased()
        let whole = lower.filter { $0 != "_" && $0 != "-" && $0 != "." && $0 != " " }
        if let entity = personalNames[whole] { return entity }
        for part in lower.split(whereSeparator: { "._- ".contains($0) }) {
            if let entity = personalNames[String(part)] { return entity }
        }
        return nil
    }

    private static func make(
        id: String, category: String, severity: Severity, message: String, suggestion: String, source: String
    )
        -> Rule
    {
        Rule.builtIn(
            id: id, pack: "check", category: category, severity: severity, message: message, suggestion: suggestion,
            source: source)
    }
}

/// Keyed fingerprints of findings: stable while lines move, free of message text.
///
/// HMAC-SHA-256 over the file's path, the key path, the rule and the finding's masked preview, numbered when
/// the same finding occurs more than once. The key comes from `CIVICGUARD_FINGERPRINT_KEY`; without it a
/// fixed key is used, which is safe because no input contains more than the masked preview.
public struct Fingerprinter: Sendable {
    let key: SymmetricKey

    public init(environment: (String) -> String? = FileSystem.environment) {
        let secret = environment("CIVICGUARD_FINGERPRINT_KEY") ?? "civicguard fingerprint v1"
        key = SymmetricKey(data: Array(secret.utf8))
    }

    /// Fingerprints for `findings` of one file, in order.
    func fingerprints(_ findings: [CheckFinding]) -> [String] {
        var seen: [String: Int] = [:]
        return findings.map { finding in
            let identity = [finding.path, finding.keyPath ?? "", finding.rule.id, finding.preview].joined(
                separator: "\u{0}")
            let occurrence = seen[identity, default: 0]
            seen[identity] = occurrence + 1
            let code = HMAC<SHA256>.authenticationCode(for: Array((identity + "\u{0}\(occurrence)").utf8), using: key)
            return Hex.encode(Array(code).prefix(16))
        }
    }
}
