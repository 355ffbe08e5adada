import GRDB

/// What a reviewer does to a record.
public enum ReviewAction: String, CaseIterable, Sendable {
    case claim, approve, reject, escalate

    /// The audit event the action writes, which is also its past tense.
    public var event: AuditEvent {
        switch self {
        case .claim: return .claimed
        case .approve: return .approved
        case .reject: return .rejected
        case .escalate: return .escalated
        }
    }
}

extension ReviewStore {
    /// Applies a reviewer's action, after expiring overdue holds, and writes it to the audit trail.
    ///
    /// The queue's rules, each refused with `ReviewError.refused`:
    /// - a decided or expired record takes no further action;
    /// - a record claimed by someone else is theirs until they decide or escalate it;
    /// - four eyes: nobody approves a message whose author pseudonym is their own, and a message that needs two
    ///   approvals needs two different reviewers.
    ///
    /// Returns the record as it is afterwards.
    @discardableResult
    public func act(_ action: ReviewAction, id: Int64, reviewer: String, note: String?) throws(ReviewError)
        -> ReviewRecord
    {
        try act(action, ids: [id], reviewer: reviewer, note: note)[0]
    }

    /// The same action on several records in one transaction: all of them, or none when one is refused.
    @discardableResult
    public func act(_ action: ReviewAction, ids: [Int64], reviewer: String, note: String?) throws(ReviewError)
        -> [ReviewRecord]
    {
        // Expiring is its own transaction: a refusal below rolls back the action, never the expiry.
        try expireDue()
        let now = clock()
        let reviewerPseudonym = pseudonym(reviewer)
        return try write { db in
            try expireDue(now: now, db)
            return try ids.map { id in
                try apply(action, id: id, reviewer: reviewer, pseudonym: reviewerPseudonym, note: note, now: now, db)
            }
        }
    }

    private func apply(
        _ action: ReviewAction, id: Int64, reviewer: String, pseudonym reviewerPseudonym: String, note: String?,
        now: Int64, _ db: Database
    ) throws -> ReviewRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM record WHERE id = ?", arguments: [id]) else {
            throw ReviewError.notFound(id)
        }
        var record = Self.record(row)
        try Self.check(action, on: record, reviewer: reviewer, pseudonym: reviewerPseudonym)
        var detail = JSONWriter()
        detail.raw("{")
        switch action {
        case .claim:
            record.status = .claimed
            record.claimedBy = reviewer
        case .escalate:
            record.status = .escalated
            record.claimedBy = nil
        case .reject:
            record.status = .rejected
            record.decidedBy = reviewer
            record.decidedAt = now
        case .approve:
            record.approvals.append(reviewer)
            detail.raw("\"approval\":")
            detail.string("\(record.approvals.count) of \(record.approvalsNeeded)")
            if record.approvals.count >= record.approvalsNeeded {
                record.status = .approved
                record.decidedBy = reviewer
                record.decidedAt = now
            } else {
                record.status = .open
                record.claimedBy = nil
            }
        }
        if let note {
            if action == .approve { detail.raw(",") }
            detail.raw("\"note\":")
            detail.string(note)
        }
        if action == .approve || note != nil { detail.raw(",") }
        detail.raw("\"state\":")
        detail.string(AuditTrail.stateDigest(of: record))
        detail.raw("}")
        try update(record, db)
        try appendAudit(action.event, record: id, actor: reviewer, detail: detail, db)
        return record
    }

    static func check(_ action: ReviewAction, on record: ReviewRecord, reviewer: String, pseudonym: String)
        throws(ReviewError)
    {
        switch record.status {
        case .approved, .rejected:
            let by = record.decidedBy.map { " by \($0)" } ?? ""
            let at = record.decidedAt.map { " at \(Timestamp.iso($0))" } ?? ""
            throw ReviewError.refused("record \(record.id) was already \(record.status.rawValue)\(by)\(at)")
        case .expired:
            let at = record.expires.map { " at \(Timestamp.iso($0))" } ?? ""
            throw ReviewError.refused(
                "record \(record.id) expired\(at) without a decision; it was not published and cannot be \(action.event.rawValue) now"
            )
        case .open, .claimed, .escalated:
            break
        }
        if let holder = record.claimedBy, holder != reviewer {
            throw ReviewError.refused("record \(record.id) is claimed by \(holder)")
        }
        if action == .claim, record.claimedBy == reviewer {
            throw ReviewError.refused("record \(record.id) is already claimed by you")
        }
        guard action == .approve else { return }
        if record.author == pseudonym {
            throw ReviewError.refused(
                "four eyes: \(reviewer) wrote record \(record.id) and cannot approve it; ask another reviewer")
        }
        if record.approvals.contains(reviewer) {
            throw ReviewError.refused(
                "four eyes: \(reviewer) already approved record \(record.id); the second approval must come from someone else"
            )
        }
    }

    /// Writes a record's mutable fields, and its status to its rule rows (which `stats` reads).
    func update(_ record: ReviewRecord, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                UPDATE record SET status = ?, claimed_by = ?, approvals = ?, decided_by = ?, decided_at = ?
                WHERE id = ?
                """
        ).execute(arguments: [
            record.status.rawValue, record.claimedBy, Self.encodeNames(record.approvals), record.decidedBy,
            record.decidedAt, record.id,
        ])
        try db.cachedStatement(sql: "UPDATE record_rule SET status = ? WHERE record_id = ?").execute(arguments: [
            record.status.rawValue, record.id,
        ])
    }

    /// The original text of a record, decrypted with `sealer`. The reveal, who did it and why, is in the audit
    /// trail before the text is returned.
    public func reveal(id: Int64, reviewer: String, reason: String, sealer: Sealer?) throws(ReviewError) -> String {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM record WHERE id = ?", arguments: [id]) else {
                throw ReviewError.notFound(id)
            }
            let record = Self.record(row)
            guard let sealed = record.sealed else {
                throw ReviewError.refused(
                    "record \(id) has no sealed original: no seal key was configured when it was recorded")
            }
            guard let sealer else {
                throw ReviewError.refused(
                    "revealing needs the seal key \(record.sealKeyID ?? ""): set CIVICGUARD_SEAL_KEY or CIVICGUARD_SEAL_KEY_FILE"
                )
            }
            if let keyID = record.sealKeyID, keyID != sealer.keyID {
                throw ReviewError.refused("record \(id) was sealed with key \(keyID), not \(sealer.keyID)")
            }
            let text = try sealer.open(sealed, reference: record.reference)
            var detail = JSONWriter()
            detail.raw("{\"reason\":")
            detail.string(reason)
            detail.raw("}")
            try appendAudit(.revealed, record: id, actor: reviewer, detail: detail, db)
            return text
        }
    }

    /// Marks every pending hold whose time is up as expired; returns how many.
    @discardableResult
    public func expireDue() throws(ReviewError) -> Int {
        let now = clock()
        return try write { db in try expireDue(now: now, db) }
    }

    @discardableResult
    func expireDue(now: Int64, _ db: Database) throws -> Int {
        let due = try Row.fetchAll(
            db,
            sql: "SELECT * FROM record WHERE \(Self.pending) AND expires IS NOT NULL AND expires <= ? ORDER BY id",
            arguments: [now])
        for row in due {
            var record = Self.record(row)
            record.status = .expired
            record.claimedBy = nil
            record.decidedAt = record.expires
            try update(record, db)
            var detail = JSONWriter()
            detail.raw("{\"expired_at\":")
            detail.string(Timestamp.iso(record.expires ?? now))
            detail.raw(",\"state\":")
            detail.string(AuditTrail.stateDigest(of: record))
            detail.raw("}")
            try appendAudit(.expired, record: record.id, actor: "civicguard", detail: detail, db)
        }
        return due.count
    }
}
