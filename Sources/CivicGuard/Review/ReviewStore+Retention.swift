import GRDB

extension ReviewStore {
    /// Deletes records recorded before `cutoff` (milliseconds since 1970), each leaving a `purged` audit entry;
    /// returns how many.
    @discardableResult
    public func purge(before cutoff: Int64, actor: String) throws(ReviewError) -> Int {
        let count = try write { db in
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM record WHERE time < ? ORDER BY id", arguments: [cutoff])
            var detail = JSONWriter()
            detail.raw("{\"older_than\":")
            detail.string(Timestamp.iso(cutoff))
            detail.raw("}")
            for id in ids { try delete(id, event: .purged, actor: actor, detail: detail, db) }
            return ids.count
        }
        try checkpoint()
        return count
    }

    /// Erasure: deletes every record of the author with this pseudonym, each leaving a `forgotten` audit entry
    /// that does not name the author; returns how many.
    @discardableResult
    public func forget(author: String, actor: String) throws(ReviewError) -> Int {
        let count = try write { db in
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM record WHERE author = ? ORDER BY id", arguments: [author])
            var detail = JSONWriter()
            detail.raw("{\"request\":\"erasure\"}")
            for id in ids { try delete(id, event: .forgotten, actor: actor, detail: detail, db) }
            return ids.count
        }
        try checkpoint()
        return count
    }

    private func delete(_ id: Int64, event: AuditEvent, actor: String, detail: JSONWriter, _ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM record_rule WHERE record_id = ?").execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM record WHERE id = ?").execute(arguments: [id])
        try appendAudit(event, record: id, actor: actor, detail: detail, db)
    }

    /// Moves the WAL into the database file and truncates it, so deleted pages do not linger in the WAL.
    private func checkpoint() throws(ReviewError) {
        do {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw ReviewError.configuration("review store \(path): \(error)")
        }
    }
}
