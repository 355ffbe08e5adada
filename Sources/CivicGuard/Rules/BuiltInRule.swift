/// Rules the engine itself raises, which a policy can map like any other (but never below their floor).
public enum BuiltInRule {
    /// A rule's regex hit the PCRE2 match or depth limit on a message, so the message could not be checked
    /// fully. It fails closed: its action is at least `hold`.
    public static let matchLimit = make(
        id: "engine.match-limit",
        message: "a rule's pattern hit the regex match limit on this message, so it could not be fully checked",
        suggestion: "have a reviewer look at the message; ask the rule's author to simplify its pattern")

    /// Every built-in rule, for policy validation.
    public static let all = [matchLimit]

    /// The action of a built-in rule's finding: `hold` unless the policy names the rule itself with a stronger
    /// action; its severity and category never decide it, and nothing weakens it below `hold`.
    static func action(for rule: Rule, named: Action?) -> Action? {
        guard rule === matchLimit else { return nil }
        return max(named ?? .hold, .hold)
    }

    private static func make(id: String, message: String, suggestion: String) -> Rule {
        Rule(
            id: id, pack: "engine", category: "engine", severity: .high, directions: Set(Direction.allCases),
            message: message, suggestion: suggestion, source: "civicguard: regexes are untrusted", entity: nil,
            mark: SourceMark(file: "<built-in>", line: 1, column: 1),
            examples: RuleExamples(matching: [], nonMatching: []), parts: Rule.Parts())
    }
}
