/// How serious a rule's finding is; policies map severities to actions.
public enum Severity: String, CaseIterable, Comparable, Sendable {
    case info, low, medium, high, critical

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Which way a message travels: a citizen's post to the municipality, or a staff reply before it is published.
public enum Direction: String, CaseIterable, Sendable {
    case incoming, outgoing
}
