/// Records the filter's flagged, held and blocked messages in the review store, as the policy's `review:`
/// section says.
///
/// - The store opens on the first message that needs recording: a run that records nothing never touches it.
/// - What is stored never holds a raw value: findings carry masked previews, the text has every personal-data
///   finding redacted (whatever the policy does with it), the author is a keyed pseudonym. The original is
///   stored only sealed, and only when a seal key is configured.
/// - It fails closed: when a flagged message cannot be recorded, it is held instead (`engine.store-unavailable`),
///   since no moderator would ever see it; a held or blocked message stays held or blocked.
public final class ReviewRecorder {
    let ruleSet: RuleSet
    let sealer: Sealer?
    let redactor: Redactor
    let open: () throws(ReviewError) -> ReviewStore
    private var store: ReviewStore?
    /// Told about every store failure; the filter reports it on standard error.
    public var failed: (ReviewError) -> Void = { _ in }

    public init(ruleSet: RuleSet, sealer: Sealer?, store open: @escaping () throws(ReviewError) -> ReviewStore) {
        self.ruleSet = ruleSet
        self.sealer = sealer
        self.redactor = Redactor(policy: ruleSet.policy.redaction)
        self.open = open
    }

    /// What became of a message's review record; every JSON Lines output record says it.
    public enum Outcome: Equatable, Sendable {
        /// The policy records none of the actions its findings have.
        case notNeeded
        /// Recorded under `reference`, which the review queue shows.
        case recorded(reference: String)
        /// The policy wanted a record and it could not be written: the message is held (or stays held or
        /// blocked), and `reason` says why. It never holds message content.
        case failed(reason: String)
    }

    /// Records `verdict` when one of its findings has an action the policy records (a post that is both
    /// flagged and redacted has the decision `redact`, and its flag still needs a moderator); returns the
    /// verdict to act on, which is the same unless a flagged message could not be recorded, and what became of
    /// the record.
    public func process(_ verdict: Verdict, message: Message, id: JSONValue?) -> (verdict: Verdict, outcome: Outcome) {
        let recorded = ruleSet.policy.review.record
        guard verdict.findings.contains(where: { recorded.contains($0.action) }) else { return (verdict, .notNeeded) }
        do throws(ReviewError) {
            let store: ReviewStore
            if let opened = self.store {
                store = opened
            } else {
                store = try open()
                self.store = store
            }
            let record = try makeRecord(verdict, message: message, id: id, store: store)
            try store.record([record])
            return (verdict, .recorded(reference: record.reference))
        } catch {
            failed(error)
            let acted = verdict.decision < .hold ? verdict.held(by: BuiltInRule.storeUnavailable) : verdict
            return (acted, .failed(reason: error.description))
        }
    }

    func makeRecord(_ verdict: Verdict, message: Message, id: JSONValue?, store: ReviewStore) throws(ReviewError)
        -> ReviewRecord
    {
        let reference = Self.newReference()
        let severity = verdict.findings.filter { $0.action != .allow }.map(\.rule.severity).max() ?? .info
        let time = store.clock()
        let findings = zip(verdict.findings, Preview.excerpts(of: verdict.findings, in: message.text)).map {
            finding, preview in
            StoredFinding(
                rule: finding.rule.id, category: finding.rule.category, severity: finding.rule.severity,
                action: finding.action, entity: finding.entity, start: finding.start, end: finding.end,
                preview: preview)
        }
        let review = ruleSet.policy.review
        return ReviewRecord(
            reference: reference, time: time, policy: ruleSet.policy.id, rulesVersion: ruleSet.version,
            direction: message.direction, channel: message.channel, department: message.department,
            author: message.author.map(store.pseudonym), messageID: id.map(\.encoded), decision: verdict.decision,
            severity: severity, findings: findings,
            text: Self.redactingPersonalData(
                message.text, findings: verdict.findings, redactor: redactor, language: message.language),
            sealed: try sealer?.seal(message.text, reference: reference), sealKeyID: sealer?.keyID,
            expires: verdict.decision == .hold ? time + review.holdExpiry.milliseconds : nil,
            approvalsNeeded: review.approvalsNeeded(for: severity))
    }

    /// `text` with every personal-data finding redacted by the policy's operators, whatever action the policy
    /// gives it: what the store may keep in the clear.
    public static func redactingPersonalData(
        _ text: String, findings: [Finding], redactor: Redactor, language: String?
    ) -> String {
        let personal = findings.filter(\.concernsPersonalData).map { finding -> Finding in
            var redacting = finding
            redacting.action = .redact
            return redacting
        }
        return redactor.redact(text, findings: personal, language: language)
    }

    /// A reviewer's note or reason with personal data redacted, so the audit trail stays free of it too.
    public static func redactingPersonalData(_ text: String, screener: Screener) -> String {
        let verdict = screener.screen(Message(text: text, direction: .incoming))
        return redactingPersonalData(
            text, findings: verdict.findings, redactor: Redactor(policy: screener.ruleSet.policy.redaction),
            language: nil)
    }

    static func newReference() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}

extension Verdict {
    /// The verdict with a finding of `rule` over the whole message that holds it.
    func held(by rule: Rule) -> Verdict {
        let finding = Finding(rule: rule, start: 0, end: 0, byteRange: 0..<0, action: .hold)
        return Verdict(decision: max(decision, .hold), findings: findings + [finding], publishableText: nil)
    }
}
