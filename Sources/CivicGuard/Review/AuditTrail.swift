import Crypto

/// What happened to a record, as the audit trail names it.
public enum AuditEvent: String, CaseIterable, Sendable {
    case recorded, claimed, revealed, approved, rejected, escalated, expired, purged, forgotten
}

/// One entry of the append-only audit trail.
///
/// Each entry's `hash` is SHA-256 over its own fields and the previous entry's hash, so changing, removing or
/// reordering any entry breaks every hash after it. With an audit key (`AuditTrail.key(from:)`) it is an
/// HMAC-SHA-256 under that key instead, so rewriting the whole chain needs the key, which is kept outside the
/// store. `detail` is a JSON object (notes, reasons, the digest of a
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

    /// The hash of an entry from its fields (its own `hash` is not an input): SHA-256, or HMAC-SHA-256 under
    /// `key`.
    ///
    /// Every field is length-prefixed, so no two different entries serialise alike.
    public static func hash(of entry: AuditEntry, key: SymmetricKey? = nil) -> String {
        let serialised = lengthPrefixed([
            entry.previous, String(entry.sequence), String(entry.time), entry.event.rawValue,
            entry.recordID.map { String($0) } ?? "", entry.actor, entry.detail,
        ])
        guard let key else { return Hex.encode(SHA256.hash(data: serialised)) }
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: serialised, using: key))
    }

    /// `fields`, each as its UTF-8 length, a colon and its bytes: no two different lists serialise alike.
    static func lengthPrefixed(_ fields: [String]) -> [UInt8] {
        fields.flatMap { Array("\($0.utf8.count):".utf8) + Array($0.utf8) }
    }

    /// The audit key the environment gives: `CIVICGUARD_AUDIT_KEY` (64 hexadecimal characters), or the file
    /// `CIVICGUARD_AUDIT_KEY_FILE` holding them, which must be private to this user. Nil when neither is set.
    public static func key(from environment: (String) -> String?) throws(ReviewError) -> SymmetricKey? {
        let text: String
        if let value = environment("CIVICGUARD_AUDIT_KEY"), !value.isEmpty {
            text = value
        } else if let path = environment("CIVICGUARD_AUDIT_KEY_FILE"), !path.isEmpty {
            let bytes: [UInt8]?
            do {
                bytes = try FileSystem.readPrivate(path)
            } catch {
                throw .configuration("cannot read the audit key file: \(error)")
            }
            guard let bytes else { throw .configuration("the audit key file \(path) does not exist") }
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            return nil
        }
        let trimmed = text.filter { !$0.isWhitespace }
        guard trimmed.count == 64, let bytes = Hex.decode(trimmed) else {
            throw ReviewError.configuration("the audit key is not 64 hexadecimal characters (32 bytes)")
        }
        return SymmetricKey(data: bytes)
    }

    /// The fingerprint a store keeps of its audit key.
    static func fingerprint(_ key: SymmetricKey) -> String { key.fingerprint("civicguard audit key") }

    /// SHA-256 over the fields of a record that never change after recording.
    public static func digest(of record: ReviewRecord) -> String {
        let fields: [String] = [
            record.reference, String(record.time), record.policy, record.rulesVersion, record.direction.rawValue,
            record.channel ?? "\u{0}", record.department ?? "\u{0}", record.author ?? "\u{0}",
            record.messageID ?? "\u{0}", record.decision.rawValue, record.severity.rawValue,
            StoredFinding.encode(record.findings), record.text, record.sealed.map { Hex.encode($0) } ?? "\u{0}",
            record.sealKeyID ?? "\u{0}", record.expires.map { String($0) } ?? "\u{0}", String(record.approvalsNeeded),
        ]
        return Hex.encode(SHA256.hash(data: lengthPrefixed(fields)))
    }
}

extension AuditTrail {
    /// SHA-256 over the fields of a record that a state change sets: status, claimer, approvers, decider and
    /// decision time. Every entry that changes a record carries it (`"state"`), so `verify` finds a changed
    /// claimer, approver or decider, not only a changed status.
    public static func stateDigest(of record: ReviewRecord) -> String {
        let fields: [String] = [
            record.status.rawValue, record.claimedBy ?? "\u{0}", record.approvals.joined(separator: "\u{1}"),
            record.decidedBy ?? "\u{0}", record.decidedAt.map { String($0) } ?? "\u{0}",
        ]
        return Hex.encode(SHA256.hash(data: lengthPrefixed(fields)))
    }
}

/// The result of `review verify`.
public struct AuditReport: Sendable {
    public var entries = 0
    public var records = 0
    /// The hash of the last entry: keep it elsewhere, with `entries`, to notice the trail being cut short later.
    public var head = AuditTrail.genesis
    /// Whether the entries are HMACs under the audit key (otherwise plain SHA-256, which anyone can recompute).
    public var keyed = false
    /// The first problem found, naming the entry or record; nil when everything checks out.
    public var problem: String?
}
