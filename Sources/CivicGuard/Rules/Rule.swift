/// One rule of a code of conduct or one personal-data recogniser, compiled and ready to match.
///
/// Immutable and shared by every thread; `RuleScanner` runs it. A rule produces a finding for every span that:
/// 1. a `regex`, `words` or `phrases` clause matches (or a metric clause fires on the whole message),
/// 2. in the text view the rule asks for (the original, or the normalised view for evasion-resistant rules),
/// 3. that has the required company within the `near` window, if the rule has one,
/// 4. and that no `unless` exception cancels.
/// The rule's gate (`keywords`, `min_digits`) decides cheaply whether it runs on a message at all.
public final class Rule: Sendable {
    public let id: String
    /// The id of the pack that defines it.
    public let pack: String
    public let category: String
    public let severity: Severity
    public let directions: Set<Direction>
    /// What the author of the message is told.
    public let message: String
    public let suggestion: String?
    /// The article of the code of conduct or the law the rule enforces.
    public let source: String
    /// The personal-data entity the rule recognises (`NL_BSN`, `EMAIL`, …); nil for conduct rules.
    public let entity: String?
    /// Where the rule is written.
    public let mark: SourceMark
    public let examples: RuleExamples

    let clauses: PatternSet
    let exceptions: [Exception]
    let gate: Gate

    init(
        id: String, pack: String, category: String, severity: Severity, directions: Set<Direction>,
        message: String, suggestion: String?, source: String, entity: String?, mark: SourceMark,
        examples: RuleExamples, clauses: PatternSet, exceptions: [Exception], gate: Gate
    ) {
        self.id = id
        self.pack = pack
        self.category = category
        self.severity = severity
        self.directions = directions
        self.message = message
        self.suggestion = suggestion
        self.source = source
        self.entity = entity
        self.mark = mark
        self.examples = examples
        self.clauses = clauses
        self.exceptions = exceptions
        self.gate = gate
    }

    /// Whether findings of this rule concern personal data, whose values our own output must never show.
    public var concernsPersonalData: Bool { entity != nil }
}

/// The regexes and literal lists of one clause, each compiled once.
struct PatternSet: Sendable {
    /// Every regex of the clause, and the literal trie as one more pattern.
    let patterns: [Pattern]
    /// The literals that gate the clause, when it has only literals.
    let keywords: [String]

    var isEmpty: Bool { patterns.isEmpty }
}

/// An `unless` exception: a match of `patterns` cancels a finding it overlaps or that lies within `window`.
struct Exception: Sendable {
    enum Window: Sendable, Equatable {
        /// Cancels findings whose span it overlaps.
        case overlap
        /// Cancels findings no more than this many words away.
        case words(Int)
        /// Cancels every finding of the rule in the message.
        case message
    }

    let patterns: PatternSet
    let window: Window
}

/// Cheap tests that decide whether a rule runs on a message at all.
struct Gate: Sendable {
    /// The rule runs only when one of these occurs in the text (compared in lower case). Empty: no such test.
    let keywords: [String]
    /// The rule runs only when the text holds at least this many ASCII digits.
    let minimumDigits: Int

    static let open = Gate(keywords: [], minimumDigits: 0)
}
