/// Where a record stands in the queue.
public enum ReviewStatus: String, CaseIterable, Sendable {
    /// Waiting for a reviewer.
    case open
    /// A reviewer has taken it; only they act on it until they decide or escalate.
    case claimed
    /// Passed up for a senior reviewer; anyone other than the author may decide it.
    case escalated
    /// Approved: may be published as written (the finding did not warrant stopping it).
    case approved
    /// Rejected: must not be published (the finding was right).
    case rejected
    /// A hold nobody approved in time; it was never published.
    case expired

    /// Whether the record still waits for a decision.
    public var isPending: Bool { self == .open || self == .claimed || self == .escalated }
}

/// One finding as the store keeps it: where and which rule, with a masked preview, never the value.
public struct StoredFinding: Sendable, Equatable {
    public var rule: String
    public var category: String
    public var severity: Severity
    public var action: Action
    public var entity: String?
    /// Code-point offsets in the message, `end` exclusive.
    public var start: Int
    public var end: Int
    public var preview: String
}

/// A flagged, held or blocked message in the review queue.
///
/// What is stored: the message's context, the author as a keyed pseudonym, the findings with masked
/// previews, the text with every personal-data finding redacted, and the original sealed with AES-GCM (only
/// when a seal key is configured). The fields up to `approvalsNeeded` never change after recording; their
/// digest is written to the audit trail, so `review verify` notices when they do.
public struct ReviewRecord: Sendable {
    public var id: Int64 = 0
    /// A random reference, unique across stores: the seal's associated data.
    public var reference: String
    /// Milliseconds since 1970, UTC.
    public var time: Int64
    public var policy: String
    public var rulesVersion: String
    public var direction: Direction
    public var channel: String?
    public var department: String?
    /// The author's pseudonym (`a-…`).
    public var author: String?
    /// The `id` of the input record, as JSON text.
    public var messageID: String?
    public var decision: Action
    /// The highest severity among the findings.
    public var severity: Severity
    public var findings: [StoredFinding]
    /// The text with every personal-data finding redacted: what approval publishes.
    public var text: String
    public var sealed: [UInt8]?
    public var sealKeyID: String?
    /// When a hold expires, in milliseconds since 1970; nil for flags and blocks.
    public var expires: Int64?
    public var approvalsNeeded: Int

    public var status: ReviewStatus = .open
    public var claimedBy: String?
    /// Reviewers who approved so far, in order.
    public var approvals: [String] = []
    public var decidedBy: String?
    public var decidedAt: Int64?

    /// The rule ids of the findings, each once, in order.
    public var rules: [String] {
        var seen: [String] = []
        for finding in findings where !seen.contains(finding.rule) { seen.append(finding.rule) }
        return seen
    }
}
