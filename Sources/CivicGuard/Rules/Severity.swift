/// How serious a rule's finding is; policies map severities to actions.
public enum Severity: String, CaseIterable, Comparable, Sendable {
    case info, low, medium, high, critical

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }
}

/// Which way a message travels: a citizen's post to the municipality, or a staff reply before it is published.
public enum Direction: String, CaseIterable, Sendable {
    case incoming, outgoing
}
