/// One place where a rule matched a message, and what the policy does about it.
///
/// Offsets are Unicode code-point offsets into the message text, `end` exclusive.
public struct Finding: Sendable {
    public let rule: Rule
    public let start: Int
    public let end: Int
    /// The same span in UTF-8 bytes of the message text.
    public let byteRange: Range<Int>
    public var action: Action
    /// Confidence from 0 to 1.
    public let score: Double
    /// Why the rule matched, for `--explain`.
    public let evidence: Evidence
    /// The personal-data entity (`PHONE`, `NL_BSN`, …): the rule's, or for an echo the entity of the value
    /// echoed; nil for conduct findings.
    public let entity: String?

    public init(
        rule: Rule, start: Int, end: Int, byteRange: Range<Int>, action: Action, score: Double = 1,
        evidence: Evidence = Evidence(), entity: String? = nil
    ) {
        self.entity = entity ?? rule.entity
        self.rule = rule
        self.start = start
        self.end = end
        self.byteRange = byteRange
        self.action = action
        self.score = score
        self.evidence = evidence
    }
}

extension Finding {
    /// Whether the finding concerns personal data, whose value our own output never shows.
    public var concernsPersonalData: Bool { entity != nil }
}

/// The outcome of screening one message.
public struct Verdict: Sendable {
    /// The strongest action among the findings; `allow` when there are none.
    public let decision: Action
    /// In text order.
    public let findings: [Finding]
    /// What may be published: the text with redactions applied, or nil when the message is held or blocked.
    public let publishableText: String?
}
