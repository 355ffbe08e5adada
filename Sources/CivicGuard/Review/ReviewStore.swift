import Crypto
import Foundation
import GRDB

/// The review queue: an embedded SQLite database (WAL mode) of flagged, held and blocked messages and the
/// append-only audit trail of everything that happens to them.
///
/// - Several processes may write at once: each change is one `IMMEDIATE` transaction that also appends its
///   audit entry, so entries chain in commit order and nothing is lost (writers wait up to 30 s for the lock).
/// - Deleted rows are overwritten (`secure_delete`), and purges and erasures checkpoint the WAL, so removed
///   personal data does not linger in the file.
/// - Nothing outside the sealed original holds a raw value from a message: see `ReviewRecorder`.
///
/// ```swift
/// let store = try ReviewStore(path: ReviewStore.defaultPath())
/// let held = try store.list(ReviewFilter(statuses: [.open]), limit: 50)
/// let text = try store.act(.approve, id: held[0].id, reviewer: "Bram", note: nil)
/// ```
public final class ReviewStore: Sendable {
    public let path: String
    let pool: DatabasePool
    let pseudonymiser: Pseudonymiser
    let clock: @Sendable () -> Int64
    /// The device and inode of the file opened: a write first checks that `path` is still this file, since
    /// SQLite goes on writing to a store deleted under it, and those records would be lost with no error.
    let identity: (device: Int, inode: Int)
    /// The key the audit trail is signed with (`AuditTrail.key(from:)`), if one is configured.
    let auditKey: SymmetricKey?
    /// Why this store's audit trail cannot be appended to with the key given (or without one), if it cannot:
    /// every write then fails, and `verify` reports it.
    let auditKeyProblem: String?

    /// `PRAGMA application_id` of a civicguard review store ("CGRV"): another application's SQLite file is
    /// refused, not migrated into.
    static let applicationID: Int32 = 0x4347_5256

    /// The store's location: `CIVICGUARD_STORE`, else `$XDG_DATA_HOME/civicguard/review.sqlite`, else
    /// `~/.local/share/civicguard/review.sqlite`.
    public static func defaultPath(environment: (String) -> String? = FileSystem.environment) -> String {
        if let path = environment("CIVICGUARD_STORE"), !path.isEmpty { return path }
        if let data = environment("XDG_DATA_HOME"), data.hasPrefix("/") { return data + "/civicguard/review.sqlite" }
        return (environment("HOME") ?? ".") + "/.local/share/civicguard/review.sqlite"
    }

    /// Opens the store at `path`, creating it (and its directory, readable only by its owner) when missing.
    public init(
        path: String, environment: (String) -> String? = FileSystem.environment,
        clock: @escaping @Sendable () -> Int64 = Timestamp.now
    ) throws(ReviewError) {
        self.path = path
        self.clock = clock
        do {
            try FileSystem.createDirectory(FileSystem.parent(of: path), mode: 0o700)
        } catch {
            throw ReviewError.configuration("cannot create the review store's directory: \(error)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON")
        }
        do {
            pool = try Self.retrying {
                let pool = try DatabasePool(path: path, configuration: configuration)
                let marked = try Self.checkOwnership(pool, path: path)
                try Self.migrator.migrate(pool)
                if !marked {
                    try pool.writeWithoutTransaction { db in
                        try db.execute(sql: "PRAGMA application_id = \(Self.applicationID)")
                    }
                }
                return pool
            }
            let chosen = environment("CIVICGUARD_PSEUDONYM_KEY").flatMap { $0.isEmpty ? nil : Array($0.utf8) }
            let auditKey = try AuditTrail.key(from: environment)
            self.auditKey = auditKey
            (pseudonymiser, auditKeyProblem) = try pool.writeWithoutTransaction { db in
                var opened: (Pseudonymiser, String?)?
                try db.inTransaction(.immediate) {
                    let made = Pseudonymiser(key: try chosen ?? Self.pseudonymKey(db))
                    try Self.checkPseudonymKey(made, db, path: path)
                    opened = (made, try Self.auditKeyProblem(auditKey, db))
                    return .commit
                }
                return opened!
            }
        } catch let error as ReviewError {
            throw error
        } catch {
            throw ReviewError.configuration("cannot open the review store \(path): \(error)")
        }
        guard let status = FileSystem.status(of: path) else {
            throw ReviewError.configuration("cannot open the review store \(path): it disappeared while opening")
        }
        identity = (status.device, status.inode)
    }

    /// Refuses a file that is not a civicguard review store, or one a newer civicguard wrote (its schema has
    /// migrations this build does not know): migrating either would damage it. Returns whether the file
    /// already carries civicguard's application id (a new store, or one made before it was set, does not).
    static func checkOwnership(_ pool: DatabasePool, path: String) throws -> Bool {
        try pool.read { db in
            let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            let ours = application == applicationID || (application == 0 && tables.contains("grdb_migrations"))
            guard ours || (application == 0 && tables.isEmpty) else {
                throw ReviewError.configuration(
                    "\(path) is not a civicguard review store (another application's SQLite file); refusing to use it")
            }
            guard tables.contains("grdb_migrations") else { return false }
            let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
            guard unknown.isEmpty else {
                throw ReviewError.configuration(
                    "\(path) was written by a newer civicguard (schema \(unknown.sorted().joined(separator: ", ")));"
                        + " refusing to use it with this one")
            }
            return application == applicationID
        }
    }

    /// Throws unless `path` is still the file this store opened.
    func checkIdentity() throws(ReviewError) {
        guard let status = FileSystem.status(of: path), status.device == identity.device,
            status.inode == identity.inode
        else {
            throw ReviewError.configuration(
                "the review store \(path) was removed or replaced while in use; nothing more is recorded in it")
        }
    }

    /// The pseudonym of an author or reviewer's name in this store.
    public func pseudonym(_ name: String) -> String { pseudonymiser.pseudonym(name) }

    // MARK: Schema

    static let pending = "status IN ('open', 'claimed', 'escalated')"

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
                    CREATE TABLE record (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        reference TEXT NOT NULL UNIQUE,
                        time INTEGER NOT NULL,
                        policy TEXT NOT NULL,
                        rules_version TEXT NOT NULL,
                        direction TEXT NOT NULL,
                        channel TEXT,
                        department TEXT,
                        author TEXT,
                        message_id TEXT,
                        decision TEXT NOT NULL,
                        severity TEXT NOT NULL,
                        findings TEXT NOT NULL,
                        text TEXT NOT NULL,
                        sealed BLOB,
                        seal_key_id TEXT,
                        expires INTEGER,
                        approvals_needed INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        claimed_by TEXT,
                        approvals TEXT NOT NULL DEFAULT '[]',
                        decided_by TEXT,
                        decided_at INTEGER
                    );
                    CREATE INDEX record_time ON record(time);
                    CREATE INDEX record_status ON record(status);
                    CREATE INDEX record_pending ON record(id) WHERE \(pending);
                    CREATE INDEX record_expiry ON record(expires) WHERE \(pending) AND expires IS NOT NULL;
                    CREATE INDEX record_department ON record(department);
                    CREATE INDEX record_channel ON record(channel);
                    CREATE INDEX record_author ON record(author);
                    CREATE INDEX record_decision ON record(decision, status);
                    CREATE TABLE record_rule (
                        rule TEXT NOT NULL,
                        record_id INTEGER NOT NULL,
                        category TEXT NOT NULL,
                        status TEXT NOT NULL,
                        PRIMARY KEY (rule, record_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX record_rule_record ON record_rule(record_id);
                    CREATE INDEX record_rule_category ON record_rule(category, record_id);
                    CREATE TABLE audit (
                        sequence INTEGER PRIMARY KEY,
                        time INTEGER NOT NULL,
                        event TEXT NOT NULL,
                        record_id INTEGER,
                        actor TEXT NOT NULL,
                        detail TEXT NOT NULL,
                        previous TEXT NOT NULL,
                        hash TEXT NOT NULL
                    );
                    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                    """)
        }
        return migrator
    }()

    /// Runs `body` again, up to five times, when it fails. Opening a store that other processes are creating
    /// at the same moment can fail in two harmless ways: switching to WAL mode reports the database as locked
    /// (SQLite's busy timeout does not cover it), and GRDB, which serialises migrations within a process only,
    /// may start a migration another process has just applied. Each migration is one transaction, so the
    /// loser's rolls back, and the next attempt finds it applied.
    static func retrying<T>(_ body: () throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try body()
            } catch  where attempt < 5 && !(error is ReviewError) {
                attempt += 1
                usleep(useconds_t(10_000 * attempt))
            }
        }
    }

    /// Refuses a pseudonym key other than the one the store's pseudonyms were made with: authors and reviewers
    /// are compared by pseudonym (an author may not approve her own record), and under another key no two
    /// match. The first key used is kept by its fingerprint (`Pseudonymiser.fingerprint`), never itself.
    static func checkPseudonymKey(_ pseudonymiser: Pseudonymiser, _ db: Database, path: String) throws {
        let fingerprint = pseudonymiser.fingerprint
        if let stored = try meta("pseudonym_key_fingerprint", db).map({ String(decoding: $0, as: UTF8.self) }) {
            guard stored == fingerprint else {
                throw ReviewError.configuration(
                    "the pseudonym key (CIVICGUARD_PSEUDONYM_KEY, or the store's own when it is unset) is not the one"
                        + " \(path) was used with (fingerprint \(fingerprint), expected \(stored)); refusing, since"
                        + " authors and reviewers are told apart by their pseudonyms")
            }
            return
        }
        try setMeta("pseudonym_key_fingerprint", Data(fingerprint.utf8), db)
    }

    /// The value of `name` in the store's `meta` table, if it has one.
    static func meta(_ name: String, _ db: Database) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [name])
    }

    /// Sets `name` in the `meta` table unless it is set already (then the first writer's value stands).
    static func setMeta(_ name: String, _ value: Data, _ db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", arguments: [name, value])
    }

    /// Why the audit trail cannot take entries signed with `key` (nil: without a key), or nil when it can. A
    /// trail is signed from its first entry or not at all, so no entry of one kind follows one of the other;
    /// the key is kept by fingerprint, the first time a keyed store is opened.
    static func auditKeyProblem(_ key: SymmetricKey?, _ db: Database) throws -> String? {
        let stored = try meta("audit_key_fingerprint", db).map { String(decoding: $0, as: UTF8.self) }
        switch (key, stored) {
        case (nil, nil):
            return nil
        case (nil, .some):
            return "the audit trail is signed with an audit key: set CIVICGUARD_AUDIT_KEY or CIVICGUARD_AUDIT_KEY_FILE"
        case (let key?, let stored?):
            let fingerprint = AuditTrail.fingerprint(key)
            return stored == fingerprint
                ? nil : "the audit key (fingerprint \(fingerprint)) is not the one the trail is signed with (\(stored))"
        case (let key?, nil):
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM audit") ?? 0 > 0 {
                return "the audit trail was begun without an audit key, so it cannot be signed now:"
                    + " unset CIVICGUARD_AUDIT_KEY, or start a new store with it set"
            }
            try setMeta("audit_key_fingerprint", Data(AuditTrail.fingerprint(key).utf8), db)
            return nil
        }
    }

    /// The store's own pseudonym key, made on first use.
    static func pseudonymKey(_ db: Database) throws -> [UInt8] {
        if let data = try meta("pseudonym_key", db) { return Array(data) }
        let key = Hex.decode(Sealer.generateKey()) ?? []
        try setMeta("pseudonym_key", Data(key), db)
        return Array(try meta("pseudonym_key", db) ?? Data(key))
    }

    // MARK: Writing

    /// Runs `body` in an `IMMEDIATE` transaction, mapping database errors to `ReviewError`; first checks that
    /// the store's file is still the one opened.
    func write<T>(_ body: (Database) throws -> T) throws(ReviewError) -> T {
        try checkIdentity()
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as ReviewError {
            throw error
        } catch {
            throw ReviewError.configuration("review store \(path): \(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(ReviewError) -> T {
        do {
            return try pool.read { db in try body(db) }
        } catch let error as ReviewError {
            throw error
        } catch {
            throw ReviewError.configuration("review store \(path): \(error)")
        }
    }

    /// Stores `records` and their `recorded` audit entries in one transaction; returns their ids.
    @discardableResult
    public func record(_ records: [ReviewRecord]) throws(ReviewError) -> [Int64] {
        try write { db in try records.map { try insert($0, db) } }
    }

    private func insert(_ record: ReviewRecord, _ db: Database) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO record (reference, time, policy, rules_version, direction, channel, department, author,
                    message_id, decision, severity, findings, text, sealed, seal_key_id, expires, approvals_needed,
                    status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            record.reference, record.time, record.policy, record.rulesVersion, record.direction.rawValue,
            record.channel, record.department, record.author, record.messageID, record.decision.rawValue,
            record.severity.rawValue, StoredFinding.encode(record.findings), record.text,
            record.sealed.map { Data($0) },
            record.sealKeyID, record.expires, record.approvalsNeeded, ReviewStatus.open.rawValue,
        ])
        let id = db.lastInsertedRowID
        let categories = Dictionary(record.findings.map { ($0.rule, $0.category) }, uniquingKeysWith: { a, _ in a })
        for rule in record.rules {
            try db.cachedStatement(
                sql: "INSERT INTO record_rule (record_id, rule, category, status) VALUES (?, ?, ?, 'open')"
            ).execute(arguments: [id, rule, categories[rule] ?? ""])
        }
        var detail = JSONWriter()
        detail.raw("{\"digest\":")
        detail.string(AuditTrail.digest(of: record))
        detail.raw(",\"decision\":")
        detail.string(record.decision.rawValue)
        detail.raw(",\"state\":")
        detail.string(AuditTrail.stateDigest(of: record))
        detail.raw("}")
        try appendAudit(.recorded, record: id, actor: "civicguard filter", detail: detail, db)
        return id
    }

    /// Appends an audit entry chained to the last one. Call inside a write transaction.
    func appendAudit(_ event: AuditEvent, record: Int64?, actor: String, detail: JSONWriter, _ db: Database) throws {
        if let auditKeyProblem { throw ReviewError.configuration("review store \(path): \(auditKeyProblem)") }
        let head = try Row.fetchOne(
            db, sql: "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1")
        var entry = AuditEntry(
            sequence: (head?["sequence"] as Int64? ?? 0) + 1, time: clock(), event: event, recordID: record,
            actor: actor, detail: String(decoding: detail.bytes, as: UTF8.self),
            previous: head?["hash"] as String? ?? AuditTrail.genesis, hash: "")
        entry.hash = AuditTrail.hash(of: entry, key: auditKey)
        try db.cachedStatement(
            sql: """
                INSERT INTO audit (sequence, time, event, record_id, actor, detail, previous, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            entry.sequence, entry.time, entry.event.rawValue, entry.recordID, entry.actor, entry.detail,
            entry.previous, entry.hash,
        ])
    }

    // MARK: Reading

    /// Records matching `filter`, newest first.
    public func list(_ filter: ReviewFilter, limit: Int) throws(ReviewError) -> [ReviewRecord] {
        try read { db in
            let (sql, arguments) = filter.query(columns: "record.*", newestFirst: true, limit: limit)
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.record)
        }
    }

    /// Every record matching `filter`, oldest first, one at a time.
    public func export(_ filter: ReviewFilter, each: (ReviewRecord) throws -> Void) throws(ReviewError) {
        try read { db in
            let (sql, arguments) = filter.query(columns: "record.*", newestFirst: false, limit: nil)
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() { try each(Self.record(row)) }
        }
    }

    /// How many records the store holds.
    public func count() throws(ReviewError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM record") ?? 0 }
    }

    public func record(id: Int64) throws(ReviewError) -> ReviewRecord {
        let found = try read { db in try Row.fetchOne(db, sql: "SELECT * FROM record WHERE id = ?", arguments: [id]) }
        guard let found else { throw ReviewError.notFound(id) }
        return Self.record(found)
    }

    /// The audit entries of one record, or of the whole store when `record` is nil, in order.
    public func audit(record: Int64?) throws(ReviewError) -> [AuditEntry] {
        try read { db in
            let rows =
                if let record {
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM audit WHERE record_id = ? ORDER BY sequence", arguments: [record])
                } else {
                    try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY sequence")
                }
            return rows.compactMap(Self.entry)
        }
    }

    static func record(_ row: Row) -> ReviewRecord {
        let sealed: Data? = row["sealed"]
        let approvals: String = row["approvals"]
        var record = ReviewRecord(
            reference: row["reference"], time: row["time"], policy: row["policy"], rulesVersion: row["rules_version"],
            direction: Direction(rawValue: row["direction"]) ?? .incoming, channel: row["channel"],
            department: row["department"], author: row["author"], messageID: row["message_id"],
            decision: Action(rawValue: row["decision"]) ?? .block,
            severity: Severity(rawValue: row["severity"]) ?? .info,
            findings: StoredFinding.decode(row["findings"]) ?? [], text: row["text"], sealed: sealed.map { Array($0) },
            sealKeyID: row["seal_key_id"], expires: row["expires"], approvalsNeeded: row["approvals_needed"])
        record.id = row["id"]
        record.status = ReviewStatus(rawValue: row["status"]) ?? .open
        record.claimedBy = row["claimed_by"]
        record.approvals = Self.decodeNames(approvals)
        record.decidedBy = row["decided_by"]
        record.decidedAt = row["decided_at"]
        return record
    }

    static func entry(_ row: Row) -> AuditEntry? {
        guard let event = AuditEvent(rawValue: row["event"]) else { return nil }
        return AuditEntry(
            sequence: row["sequence"], time: row["time"], event: event, recordID: row["record_id"], actor: row["actor"],
            detail: row["detail"], previous: row["previous"], hash: row["hash"])
    }

    static func encodeNames(_ names: [String]) -> String {
        JSONValue.array(names.map(JSONValue.string)).encoded
    }

    static func decodeNames(_ text: String) -> [String] {
        guard case .array(let items) = JSONValue(parsing: text) else { return [] }
        return items.compactMap(\.string)
    }
}
