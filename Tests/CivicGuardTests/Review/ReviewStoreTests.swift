import GRDB
import Synchronization
import Testing

@testable import CivicGuard

/// A clock the tests move by hand.
final class TestClock: Sendable {
    let now = Mutex<Int64>(Timestamp.parse("2026-11-26T09:00:00Z")!)

    func advance(hours: Int64) { now.withLock { $0 += hours * 3_600_000 } }
    func read() -> Int64 { now.withLock { $0 } }
}

/// A store in a temporary directory with a test clock, and records made by the filter's recorder.
struct StoreFixture {
    let directory = TemporaryDirectory()
    let clock = TestClock()
    let store: ReviewStore
    let recorder: ReviewRecorder
    let screener = Screener(ruleSet: Repository.ruleSet)

    init(sealer: Sealer? = nil) throws {
        let clock = clock
        store = try ReviewStore(
            path: directory.path + "/review.sqlite", environment: { _ in nil }, clock: { clock.read() })
        let store = store
        recorder = ReviewRecorder(ruleSet: Repository.ruleSet, sealer: sealer) { () throws(ReviewError) in store }
    }

    /// Screens `text` and records it; returns its id.
    @discardableResult
    func record(
        _ text: String, _ direction: Direction = .outgoing, author: String? = "Sanne", department: String? = nil
    ) throws -> Int64 {
        var message = Message(text: text, direction: direction, department: department, author: author)
        message.channel = "twitter"
        let verdict = screener.screen(message)
        _ = recorder.process(verdict, message: message, id: .string("m"))
        return try #require(try store.list(ReviewFilter(), limit: 1).first?.id)
    }
}

@Suite("Review store: decisions, four eyes, expiry, retention and the audit trail", .serialized)
struct ReviewStoreTests {
    static let promise = "We beloven dat het morgen klaar is!!!"
    static let critical = "Uw BSN 111222333 staat in ons systeem."

    @Test func recordsWhatThePolicyRecordsWithoutRawValues() throws {
        let fixture = try StoreFixture()
        try fixture.record(Self.critical)
        let record = try #require(try fixture.store.list(ReviewFilter(), limit: 10).first)
        #expect(record.decision == .block)
        #expect(record.text == "Uw BSN [BSN] staat in ons systeem.")
        #expect(record.findings.map(\.preview) == ["•••••••33"])
        #expect(record.author == fixture.store.pseudonym("sanne "))
        #expect(record.sealed == nil && record.expires == nil)
        #expect(record.messageID == #""m""#)
        let allowed = Message(text: "Dank voor je melding.", direction: .outgoing)
        _ = fixture.recorder.process(fixture.screener.screen(allowed), message: allowed, id: nil)
        #expect(try fixture.store.list(ReviewFilter(), limit: 10).count == 1)
    }

    @Test func authorsCannotApproveTheirOwnMessage() throws {
        let fixture = try StoreFixture()
        let id = try fixture.record(Self.promise, author: "Sanne")
        #expect(
            throws: ReviewError.refused(
                "four eyes: SANNE wrote record \(id) and cannot approve it; ask another reviewer")
        ) {
            try fixture.store.act(.approve, id: id, reviewer: "SANNE", note: nil)
        }
        let approved = try fixture.store.act(.approve, id: id, reviewer: "Bram", note: nil)
        #expect(approved.status == .approved && approved.decidedBy == "Bram")
    }

    /// A swap of the pseudonym key let an author approve her own record: under another key her pseudonym no
    /// longer matches. The store keeps the first key's fingerprint and refuses any other.
    @Test func anotherPseudonymKeyIsRefused() throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/review.sqlite"
        func open(_ key: String?) throws(ReviewError) -> ReviewStore {
            try ReviewStore(path: path, environment: { $0 == "CIVICGUARD_PSEUDONYM_KEY" ? key : nil })
        }
        let first = try open("key one")
        let author = first.pseudonym("Sanne")
        #expect(try open("key one").pseudonym("Sanne") == author)
        for other in ["key two", nil] {
            #expect {
                _ = try open(other)
            } throws: { error in
                "\(error)".contains("is not the one \(path) was used with")
            }
        }
    }

    /// With an audit key, entries are HMACs: a full rewrite of the chain with fresh SHA-256 hashes, which the
    /// plain chain cannot tell from the original, is found. A store is signed from its first entry or not at
    /// all, and refuses a missing or other key.
    @Test func aKeyedTrailNeedsTheKeyToRewrite() throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/review.sqlite"
        let key = String(repeating: "ab", count: 32)
        func open(_ audit: String?) throws(ReviewError) -> ReviewStore {
            try ReviewStore(path: path, environment: { $0 == "CIVICGUARD_AUDIT_KEY" ? audit : nil })
        }
        let store = try open(key)
        let screener = Screener(ruleSet: Repository.ruleSet)
        let recorder = ReviewRecorder(ruleSet: Repository.ruleSet, sealer: nil) { () throws(ReviewError) in store }
        let message = Message(text: "Uw BSN 111222333 staat genoteerd.", direction: .outgoing, author: "Sanne")
        #expect(recorder.process(screener.screen(message), message: message, id: nil).outcome != .notNeeded)
        let report = try store.verify()
        #expect(report.problem == nil && report.keyed && report.entries == 1)
        // Rewrite the chain as someone without the key would: fresh SHA-256 hashes throughout.
        try store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS audit_no_update")
            for row in try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY sequence") {
                var entry = try #require(ReviewStore.entry(row))
                entry.actor = "someone else"
                entry.hash = AuditTrail.hash(of: entry)
                try db.execute(
                    sql: "UPDATE audit SET actor = ?, hash = ? WHERE sequence = ?",
                    arguments: [entry.actor, entry.hash, entry.sequence])
            }
        }
        #expect(
            try open(key).verify().problem
                == "audit entry 1 (recorded): its content does not match its HMAC under the audit key")
        #expect(try open(nil).verify().problem?.contains("signed with an audit key") == true)
        #expect(try open(String(repeating: "cd", count: 32)).verify().problem?.contains("is not the one") == true)
    }

    /// A changed decider, claimer or approver name went unnoticed: every state change now carries a digest of
    /// the columns it set, and verify compares the record with the last one.
    @Test(arguments: [
        "UPDATE record SET decided_by = 'Eva'", "UPDATE record SET claimed_by = 'Eva'",
        #"UPDATE record SET approvals = '["Eva"]'"#, "UPDATE record SET decided_at = decided_at + 1",
    ])
    func verificationCoversEveryColumnAStateChangeSets(tampering: String) throws {
        let fixture = try StoreFixture()
        let id = try fixture.record(Self.promise, author: "Sanne")
        try fixture.store.act(.approve, id: id, reviewer: "Bram", note: "ok")
        #expect(try fixture.store.verify().problem == nil)
        try fixture.store.pool.write { db in try db.execute(sql: tampering) }
        #expect(
            try fixture.store.verify().problem
                == "record \(id): its status, claimer, approvers or decider differ from what its last audit entry says")
    }

    @Test func criticalFindingsNeedTwoDifferentApprovers() throws {
        let fixture = try StoreFixture()
        let id = try fixture.record(Self.critical)
        #expect(try fixture.store.record(id: id).approvalsNeeded == 2)
        let first = try fixture.store.act(.approve, id: id, reviewer: "Bram", note: nil)
        #expect(first.status == .open && first.approvals == ["Bram"])
        #expect(throws: ReviewError.self) { try fixture.store.act(.approve, id: id, reviewer: "Bram", note: nil) }
        let second = try fixture.store.act(.approve, id: id, reviewer: "Eva", note: nil)
        #expect(second.status == .approved && second.approvals == ["Bram", "Eva"])
    }

    @Test func aClaimIsTheClaimersUntilTheyDecideOrEscalate() throws {
        let fixture = try StoreFixture()
        let id = try fixture.record(Self.promise)
        try fixture.store.act(.claim, id: id, reviewer: "Bram", note: nil)
        #expect(throws: ReviewError.refused("record \(id) is claimed by Bram")) {
            try fixture.store.act(.reject, id: id, reviewer: "Eva", note: nil)
        }
        try fixture.store.act(.escalate, id: id, reviewer: "Bram", note: "juridisch advies nodig")
        let rejected = try fixture.store.act(.reject, id: id, reviewer: "Eva", note: nil)
        #expect(rejected.status == .rejected)
        #expect(throws: ReviewError.self) { try fixture.store.act(.approve, id: id, reviewer: "Eva", note: nil) }
    }

    @Test func heldMessagesExpireUnpublished() throws {
        let fixture = try StoreFixture()
        let hold = try fixture.record(Self.promise)
        let block = try fixture.record(Self.critical)
        fixture.clock.advance(hours: 71)
        #expect(try fixture.store.expireDue() == 0)
        fixture.clock.advance(hours: 2)
        #expect(throws: ReviewError.self) { try fixture.store.act(.approve, id: hold, reviewer: "Bram", note: nil) }
        #expect(try fixture.store.record(id: hold).status == .expired)
        #expect(try fixture.store.record(id: block).status == .open)
        let events = try fixture.store.audit(record: hold).map(\.event)
        #expect(events == [.recorded, .expired])
    }

    @Test func batchesAreAllOrNothing() throws {
        let fixture = try StoreFixture()
        let first = try fixture.record(Self.promise)
        let second = try fixture.record(Self.promise)
        try fixture.store.act(.claim, id: second, reviewer: "Eva", note: nil)
        #expect(throws: ReviewError.self) {
            try fixture.store.act(.reject, ids: [first, second], reviewer: "Bram", note: nil)
        }
        #expect(try fixture.store.record(id: first).status == .open)
    }

    @Test func revealNeedsTheKeyItWasSealedWithAndIsAudited() throws {
        let sealer = try #require(Sealer(hexKey: String(repeating: "ab", count: 32)))
        let fixture = try StoreFixture(sealer: sealer)
        let id = try fixture.record(Self.critical)
        let other = try #require(Sealer(hexKey: String(repeating: "cd", count: 32)))
        #expect(throws: ReviewError.self) {
            try fixture.store.reveal(id: id, reviewer: "Eva", reason: "r", sealer: other)
        }
        #expect(throws: ReviewError.self) {
            try fixture.store.reveal(id: id, reviewer: "Eva", reason: "r", sealer: nil)
        }
        let text = try fixture.store.reveal(id: id, reviewer: "Eva", reason: "politie vraagt", sealer: sealer)
        #expect(text == Self.critical)
        let reveal = try #require(try fixture.store.audit(record: id).last)
        #expect(reveal.event == .revealed && reveal.actor == "Eva" && reveal.detail == #"{"reason":"politie vraagt"}"#)
    }

    @Test func listFiltersAndOrder() throws {
        let fixture = try StoreFixture()
        let parking = try fixture.record(Self.promise, department: "parkeren")
        let other = try fixture.record(Self.critical, department: "afval")
        try fixture.store.act(.reject, id: other, reviewer: "Bram", note: nil)
        let store = fixture.store
        #expect(try store.list(ReviewFilter(), limit: 10).map(\.id) == [other, parking])
        #expect(
            try store.list(ReviewFilter(statuses: [.open, .claimed, .escalated]), limit: 10).map(\.id) == [parking])
        #expect(try store.list(ReviewFilter(department: "afval"), limit: 10).map(\.id) == [other])
        #expect(try store.list(ReviewFilter(rule: "pii.nl.bsn"), limit: 10).map(\.id) == [other])
        #expect(try store.list(ReviewFilter(decisions: [.hold]), limit: 10).map(\.id) == [parking])
        #expect(try store.list(ReviewFilter(since: fixture.clock.read() + 1), limit: 10).isEmpty)
    }

    @Test func statisticsEstimateEachRulesFalseAlarms() throws {
        let fixture = try StoreFixture()
        for index in 0..<4 {
            let id = try fixture.record(Self.promise, department: "wegen")
            try fixture.store.act(index == 0 ? .reject : .approve, id: id, reviewer: "Bram", note: nil)
        }
        try fixture.record(Self.promise)
        let statistics = try fixture.store.statistics()
        let promise = try #require(statistics.rules.first { $0.rule == "conduct.nl.staff-promise" })
        #expect((promise.records, promise.approved, promise.rejected) == (5, 3, 1))
        #expect(promise.falseAlarmShare == 0.75)
        #expect(statistics.departments.first { $0.0 == "wegen" }?.1 == 4)
        #expect(statistics.weeks.map(\.0) == ["2026-W48"])
    }

    @Test func purgeAndForgetLeaveAuditEntriesAndAValidTrail() throws {
        let fixture = try StoreFixture()
        let old = try fixture.record(Self.critical, author: "Piet")
        fixture.clock.advance(hours: 24 * 100)
        let recent = try fixture.record(Self.critical, author: "Piet")
        let kept = try fixture.record(Self.critical, author: "Ans")
        #expect(try fixture.store.purge(before: fixture.clock.read() - 90 * 86_400_000, actor: "retention") == 1)
        #expect(try fixture.store.forget(author: fixture.store.pseudonym("Piet"), actor: "FG") == 1)
        #expect(try fixture.store.list(ReviewFilter(), limit: 10).map(\.id) == [kept])
        #expect(try fixture.store.audit(record: old).last?.event == .purged)
        let forgotten = try #require(try fixture.store.audit(record: recent).last)
        #expect(forgotten.event == .forgotten && !forgotten.detail.contains("a-"))
        let report = try fixture.store.verify()
        #expect(report.problem == nil && report.entries == 5 && report.records == 1)
    }

    @Test func verificationNamesTheFirstBrokenEntry() throws {
        var previous = AuditReport()
        var entry = AuditEntry(
            sequence: 1, time: 5, event: .recorded, recordID: 1, actor: "civicguard filter", detail: "{}",
            previous: AuditTrail.genesis, hash: "")
        entry.hash = AuditTrail.hash(of: entry)
        #expect(ReviewStore.chainProblem(entry, after: previous) == nil)
        previous.entries = 1
        previous.head = entry.hash
        var next = entry
        next.sequence = 2
        next.previous = entry.hash
        next.event = .approved
        next.hash = AuditTrail.hash(of: next)
        var altered = next
        altered.actor = "Mallory"
        #expect(
            ReviewStore.chainProblem(altered, after: previous)
                == "audit entry 2 (approved): its content does not match its hash")
        var skipped = next
        skipped.sequence = 3
        #expect(ReviewStore.chainProblem(skipped, after: previous) == "audit entry 2: missing (the next entry is 3)")
        var reordered = next
        reordered.previous = AuditTrail.genesis
        reordered.hash = AuditTrail.hash(of: reordered)
        #expect(
            ReviewStore.chainProblem(reordered, after: previous)
                == "audit entry 2 (approved): does not follow the entry before it (previous hash differs)")
    }
}
