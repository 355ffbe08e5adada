/// What happens to a message because of a finding, and so to the message as a whole.
///
/// Ordered by strength: a message's decision is the strongest action among its findings,
/// `block > hold > redact > flag > allow`.
public enum Action: String, CaseIterable, Comparable, Sendable {
    /// Publish as written.
    case allow
    /// Publish, and queue for review.
    case flag
    /// Publish the text with the finding's span replaced.
    case redact
    /// Do not publish until a reviewer approves.
    case hold
    /// Never publish.
    case block

    public static func < (lhs: Action, rhs: Action) -> Bool {
        lhs.strength < rhs.strength
    }

    private var strength: Int {
        switch self {
        case .allow: 0
        case .flag: 1
        case .redact: 2
        case .hold: 3
        case .block: 4
        }
    }
}
