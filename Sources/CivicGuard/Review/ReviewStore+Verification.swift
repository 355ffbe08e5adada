import Crypto
import GRDB

extension ReviewStore {
    /// Checks the whole audit trail and every record against it, stopping at the first problem.
    ///
    /// - Entries: numbered 1, 2, 3… without gaps, each `previous` the hash of the entry before, each `hash` the
    ///   hash of its own fields.
    /// - Records: each one present has a `recorded` entry whose digest matches its content, its status is the
    ///   one its entries lead to, and no record whose entries say it was purged or forgotten is still there
    ///   (nor one missing that was not).
    ///
    /// The trail cannot prove that its newest entries were not cut off: compare `entries` and `head` with a copy
    /// kept elsewhere. With an audit key, every entry must carry its HMAC, so a rewrite of the whole chain needs
    /// the key.
    public func verify() throws(ReviewError) -> AuditReport {
        try read { db in
            var report = AuditReport()
            report.keyed = auditKey != nil
            if let auditKeyProblem {
                report.problem = auditKeyProblem
                return report
            }
            var expected: [Int64: Expected] = [:]
            let entries = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY sequence")
            while let row = try entries.next() {
                let sequence: Int64 = row["sequence"]
                guard let entry = Self.entry(row) else {
                    report.problem = "audit entry \(sequence): unknown event \"\(row["event"] as String)\""
                    return report
                }
                if let problem = Self.chainProblem(entry, after: report, key: auditKey) {
                    report.problem = problem
                    return report
                }
                report.entries += 1
                report.head = entry.hash
                if let id = entry.recordID { Self.replay(entry, on: id, into: &expected) }
            }
            let records = try Row.fetchCursor(db, sql: "SELECT * FROM record ORDER BY id")
            while let row = try records.next() {
                let record = Self.record(row)
                report.records += 1
                guard let state = expected.removeValue(forKey: record.id) else {
                    report.problem = "record \(record.id): not in the audit trail"
                    return report
                }
                guard let status = state.status else {
                    report.problem = "record \(record.id): the audit trail says it was deleted, but it is still there"
                    return report
                }
                if AuditTrail.digest(of: record) != state.digest {
                    report.problem = "record \(record.id): its content does not match the digest in its recorded entry"
                    return report
                }
                if let digest = state.state, AuditTrail.stateDigest(of: record) != digest {
                    report.problem =
                        "record \(record.id): its status, claimer, approvers or decider differ from what its last audit entry says"
                    return report
                }
                if record.status != status || record.approvals.count != state.approvals {
                    report.problem =
                        "record \(record.id): status \(record.status.rawValue) with \(record.approvals.count) approvals, but the audit trail says \(status.rawValue) with \(state.approvals)"
                    return report
                }
            }
            if let missing = expected.filter({ $0.value.status != nil }).keys.min() {
                report.problem = "record \(missing): in the audit trail but missing from the store"
            }
            return report
        }
    }

    /// What is wrong with `entry` as the successor of the entries verified so far, if anything.
    static func chainProblem(_ entry: AuditEntry, after report: AuditReport, key: SymmetricKey? = nil) -> String? {
        let name = "audit entry \(entry.sequence) (\(entry.event.rawValue))"
        if entry.sequence != Int64(report.entries) + 1 {
            return "audit entry \(report.entries + 1): missing (the next entry is \(entry.sequence))"
        }
        if entry.previous != report.head {
            return "\(name): does not follow the entry before it (previous hash differs)"
        }
        if AuditTrail.hash(of: entry, key: key) != entry.hash {
            return key == nil
                ? "\(name): its content does not match its hash"
                : "\(name): its content does not match its HMAC under the audit key"
        }
        return nil
    }

    /// What a record's entries say of it: the digest of its unchanging fields, its status (nil once deleted),
    /// its number of approvals, and the digest of its changing fields after the last entry that carries one.
    struct Expected {
        var digest: String
        var status: ReviewStatus?
        var approvals: Int
        var state: String?
    }

    /// The state a record's entries lead to: nil status once it is deleted.
    static func replay(_ entry: AuditEntry, on id: Int64, into expected: inout [Int64: Expected]) {
        let detail = JSONValue(parsing: entry.detail)
        if entry.event != .recorded, let state = detail?["state"]?.string { expected[id]?.state = state }
        switch entry.event {
        case .recorded:
            expected[id] = Expected(
                digest: detail?["digest"]?.string ?? "", status: .open, approvals: 0, state: detail?["state"]?.string)
        case .claimed: expected[id]?.status = .claimed
        case .escalated: expected[id]?.status = .escalated
        case .rejected: expected[id]?.status = .rejected
        case .expired: expected[id]?.status = .expired
        case .approved:
            guard var state = expected[id] else { return }
            state.approvals += 1
            let parts = detail?["approval"]?.string?.split(separator: " ") ?? []
            let needed = parts.count == 3 ? Int(parts[2]) ?? 1 : 1
            state.status = state.approvals >= needed ? .approved : .open
            expected[id] = state
        case .purged, .forgotten: expected[id]?.status = nil
        case .revealed: break
        }
    }
}
