import Crypto

/// What happened to a record, as the audit trail names it.
public enum AuditEvent: String, CaseIterable, Sendable {
    case recorded, claimed, revealed, approved, rejected, escalated, expired, purged, forgotten
}

/// One entry of the append-only audit trail.
///
/// Each entry's `hash` is SHA-256 over its own fields and the previous entry's hash, so changing, removing or
/// reordering any entry breaks every hash after it. `detail` is a JSON object (notes, reasons, the digest of a
/// recorded message); it never holds message text or personal data.
public struct AuditEntry: Sendable, Equatable {
    public var sequence: Int64
    public var time: Int64
    public var event: AuditEvent
    public var recordID: Int64?
    /// Who did it: a reviewer's name, or `civicguard filter` / `civicguard` for the tool itself.
    public var actor: String
    public var detail: String
    public var previous: String
    public var hash: String
}

/// The hashing behind the audit trail, and the digest that ties a record's content to its `recorded` entry.
public enum AuditTrail {
    /// The `previous` of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of an entry from its fields (its own `hash` is not an input).
    ///
    /// Every field is length-prefixed, so no two different entries serialise alike.
    public static func hash(of entry: AuditEntry) -> String {
        var hasher = SHA256()
        for field in [
            entry.previous, String(entry.sequence), String(entry.time), entry.event.rawValue,
            entry.recordID.map { String($0) } ?? "", entry.actor, entry.detail,
        ] {
            hasher.update(data: Array("\(field.utf8.count):".utf8) + Array(field.utf8))
        }
        return Hex.encode(hasher.finalize())
    }

    /// SHA-256 over the fields of a record that never change after recording.
    public static func digest(of record: ReviewRecord) -> String {
        var hasher = SHA256()
        let fields: [String] = [
            record.reference, String(record.time), record.policy, record.rulesVersion, record.direction.rawValue,
            record.channel ?? "\u{0}", record.department ?? "\u{0}", record.author ?? "\u{0}",
            record.messageID ?? "\u{0}", record.decision.rawValue, record.severity.rawValue,
            StoredFinding.encode(record.findings), record.text, record.sealed.map { Hex.encode($0) } ?? "\u{0}",
            record.sealKeyID ?? "\u{0}", record.expires.map { String($0) } ?? "\u{0}", String(record.approvalsNeeded),
        ]
        for field in fields { hasher.update(data: Array("\(field.utf8.count):".utf8) + Array(field.utf8)) }
        return Hex.encode(hasher.finalize())
    }
}

/// The result of `review verify`.
public struct AuditReport: Sendable {
    public var entries = 0
    public var records = 0
    /// The hash of the last entry: keep it elsewhere to notice the trail being cut short later.
    public var head = AuditTrail.genesis
    /// The first problem found, naming the entry or record; nil when everything checks out.
    public var problem: String?
}
