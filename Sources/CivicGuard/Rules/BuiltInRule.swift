/// Rules the engine itself raises, which a policy can map like any other (but never below their floor).
public enum BuiltInRule {
    /// A rule's regex hit the PCRE2 match or depth limit on a message, so the message could not be checked
    /// fully. It fails closed: its action is at least `hold`.
    public static let matchLimit = make(
        id: "engine.match-limit", category: "engine", severity: .high,
        message: "a rule's pattern hit the regex match limit on this message, so it could not be fully checked",
        suggestion: "have a reviewer look at the message; ask the rule's author to simplify its pattern")

    /// Personal data from the post a reply answers, repeated in the reply (see `EchoDetector`). Its findings
    /// carry the entity of the value in the post.
    public static let echo = make(
        id: "pii.echo", category: "personal-data", severity: .high,
        message: "the reply repeats personal data from the post it answers",
        suggestion: "never repeat a citizen's data in a public reply; continue in a direct message",
        source: "AVG/GDPR art. 5(1)(c) data minimisation; code of conduct §3 personal_data (repeating personal data)")

    /// A flagged message could not be written to the review store, so no moderator would see it: it is held
    /// instead (the filter fails closed). Raised by `ReviewRecorder`, never by a policy.
    public static let storeUnavailable = make(
        id: "engine.store-unavailable", category: "engine", severity: .high,
        message: "the review store could not record this flagged message, so it is held instead",
        suggestion: "fix the review store (see the filter's error output), then review the message",
        source: "civicguard: nothing flagged goes out unseen")

    /// Every built-in rule, for policy validation.
    public static let all = [matchLimit, echo]

    /// The action of a built-in rule's finding: `hold` unless the policy names the rule itself with a stronger
    /// action; its severity and category never decide it, and nothing weakens it below `hold`.
    static func action(for rule: Rule, named: Action?) -> Action? {
        guard rule === matchLimit else { return nil }
        return max(named ?? .hold, .hold)
    }

    private static func make(
        id: String, category: String, severity: Severity, message: String, suggestion: String,
        source: String = "civicguard: regexes are untrusted"
    ) -> Rule {
        Rule.builtIn(
            id: id, pack: "engine", category: category, severity: severity, message: message, suggestion: suggestion,
            source: source)
    }
}

extension Rule {
    /// A rule the tool raises itself rather than one loaded from a pack: it has no patterns and no examples,
    /// applies to both directions, and points at `<built-in>`.
    static func builtIn(
        id: String, pack: String, category: String, severity: Severity, message: String, suggestion: String,
        source: String
    ) -> Rule {
        Rule(
            id: id, pack: pack, category: category, severity: severity, directions: Set(Direction.allCases),
            message: message, suggestion: suggestion, source: source, entity: nil,
            mark: SourceMark(file: "<built-in>", line: 1, column: 1),
            examples: RuleExamples(matching: [], nonMatching: []), parts: Rule.Parts())
    }
}
