/// What the review queue does with the filter's decisions: the policy's `review:` section.
///
/// ```yaml
/// review:
///   record: [flag, hold, block]      # decisions the filter records in the store
///   hold_expires_after: 72h          # a hold nobody approved by then expires, never published
///   two_approvals: [critical]        # severities whose messages need two different approvers
/// ```
public struct ReviewPolicy: Sendable {
    /// Decisions the filter records.
    public var record: Set<Action> = [.flag, .hold, .block]
    /// How long a held message waits for a decision before it expires.
    public var holdExpiry: TimeSpan = TimeSpan("72h")!
    /// Severities whose messages need approvals from two different reviewers.
    public var twoApprovals: Set<Severity> = [.critical]

    public init() {}

    /// How many approvals a message with findings up to `severity` needs.
    public func approvalsNeeded(for severity: Severity) -> Int {
        twoApprovals.contains(severity) ? 2 : 1
    }
}
