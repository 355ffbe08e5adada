/// One rule of a code of conduct or one personal-data recogniser, compiled and ready to match.
///
/// Immutable and shared by every thread; `RuleScanner` runs it. A rule produces a finding for every span that:
/// 1. a `regex`, `words`, `phrases` or `lexicons` clause matches, or a metric clause (`caps_ratio`,
///    `punctuation_run`, `emoji_count`) fires on;
/// 2. in the text view the rule asks for: the original, or the normalised view (`normalise: true`) that undoes
///    evasive spellings;
/// 3. that has every `near` companion within its window;
/// 4. that no `unless` exception cancels;
/// 5. whose value passes `validate` and does not pass `invalidate` (a failed `validate` with a context word
///    nearby is kept, demoted to a flag);
/// 6. whose score (`score`, raised by a `context` word nearby, 1.0 once validated) reaches the policy's
///    minimum.
/// The rule's gate (`keywords`, `min_digits`, `min_digit_group`, `prefilter`) decides cheaply whether it runs on
/// a message at all.
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

    let view: TextView
    let clauses: PatternSet
    let metrics: [Metric]
    let proximity: [Proximity]
    let exceptions: [Exception]
    let validation: Validation
    let scoring: Scoring
    let gate: Gate

    struct Parts {
        var view: TextView = .original
        var clauses = PatternSet.empty
        var metrics: [Metric] = []
        var proximity: [Proximity] = []
        var exceptions: [Exception] = []
        var validation = Validation()
        var scoring = Scoring()
        var gate = Gate.open
    }

    init(
        id: String, pack: String, category: String, severity: Severity, directions: Set<Direction>,
        message: String, suggestion: String?, source: String, entity: String?, mark: SourceMark,
        examples: RuleExamples, parts: Parts
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
        view = parts.view
        clauses = parts.clauses
        metrics = parts.metrics
        proximity = parts.proximity
        exceptions = parts.exceptions
        validation = parts.validation
        scoring = parts.scoring
        gate = parts.gate
    }

    /// Whether findings of this rule concern personal data, whose values our own output must never show.
    public var concernsPersonalData: Bool { entity != nil }

    /// Every pattern of the rule: its clauses, proximity, exceptions and context.
    var allPatterns: [Pattern] {
        clauses.patterns + proximity.flatMap(\.patterns.patterns) + exceptions.flatMap(\.patterns.patterns)
            + (scoring.context?.patterns ?? []) + (gate.prefilter?.patterns ?? [])
    }

    /// Whether the rule runs on every message: no keywords, digit count or prefilter gate it.
    public var isUngated: Bool {
        gate.keywords.isEmpty && gate.minimumDigits == 0 && gate.minimumDigitGroup == 0 && gate.prefilter == nil
    }
}

/// Which text a rule matches against. Each view is built from the original on first use, with a map back to the
/// original bytes, so findings and redactions always cover what the author wrote.
enum TextView: Int, CaseIterable, Hashable, Sendable {
    /// The message as written.
    case original
    /// The code-of-conduct view (`Normaliser`): folded look-alikes, leetspeak, masks, separators and repeats
    /// undone, lower-cased. YAML: `view: conduct`, or `normalise: true`.
    case normalised
    /// The personal-data view (`PersonalDataView`): compatibility forms, Unicode digits, spaces, invisible
    /// characters and character escapes undone, case and leetspeak-like digits kept. YAML: `view: personal-data`.
    case personalData

    /// The name rule files use for the view.
    var name: String {
        switch self {
        case .original: return "original"
        case .normalised: return "conduct"
        case .personalData: return "personal-data"
        }
    }

    /// Whether literal entries are folded like the view before they are matched (`kut` matches `K.U.T`).
    var foldsEntries: Bool { self == .normalised }

    /// Whether a masked word in the view (`f*ck`) may stand for any keyword, so keyword gates cannot close.
    var hasMasks: Bool { self == .normalised }

    /// Which keyword index gates the view's rules. The original and the personal-data view share one: for most
    /// messages the two are the same bytes, and one pass of the shared index then answers for both.
    var keywordIndex: Int { self == .normalised ? 1 : 0 }

    /// How many keyword indexes a rule set has.
    static let keywordIndexCount = 2
}

/// The regexes and literal lists of one clause, each compiled once.
struct PatternSet: Sendable {
    /// Every regex of the clause, and the literal trie as one more pattern.
    let patterns: [Pattern]
    /// The text each literal entry must contain (its stem for `kanker*`, its ending for `*lijer`).
    let literalKeywords: [String]
    let hasRegex: Bool
    /// The literal entries that also match misspelt (a rule's `fuzzy: true`), nil for exact matching only.
    var fuzzy: FuzzyWords?

    static let empty = PatternSet(patterns: [], literalKeywords: [], hasRegex: false)

    /// The literals that gate the clause when it has only literals (empty otherwise: a regex can match
    /// anything).
    var keywords: [String] { hasRegex ? [] : literalKeywords }

    var isEmpty: Bool { patterns.isEmpty }
}

/// A clause that measures the message rather than matching words.
enum Metric: Sendable {
    /// At least `minimum` of the letters are capitals, among at least `letters` letters: shouting. Fires on the
    /// whole message.
    case capsRatio(minimum: Double, letters: Int)
    /// A run of at least this many `!` and `?`. Fires on each run.
    case punctuationRun(Int)
    /// At least this many emoji in the message. Fires on the span from the first to the last.
    case emojiCount(Int)
}

extension Metric: CustomStringConvertible {
    var description: String {
        switch self {
        case .capsRatio(let minimum, let letters): return "caps_ratio >= \(minimum) of \(letters)+ letters"
        case .punctuationRun(let length): return "punctuation_run >= \(length)"
        case .emojiCount(let count): return "emoji_count >= \(count)"
        }
    }
}

/// A `near` condition: a match is kept only when one of `patterns` matches within `window` words (and, with
/// `sameClause`, in the same clause: no sentence punctuation or clause-starting conjunction between them).
struct Proximity: Sendable {
    enum Side: String, CaseIterable, Sendable {
        case before, after, either
    }

    let patterns: PatternSet
    let window: Int
    let side: Side
    var sameClause = false
}

/// An `unless` exception: a match of `patterns` cancels a finding it overlaps or that lies within `window`.
struct Exception: Sendable {
    enum Window: Sendable, Equatable {
        /// Cancels findings whose span it overlaps.
        case overlap
        /// Cancels findings with at most this many words between them and the exception (0: adjacent).
        case words(Int)
        /// Cancels every finding of the rule in the message.
        case message
    }

    let patterns: PatternSet
    let window: Window
    /// Where the exception must be, relative to the finding, for a `words` window.
    let side: Proximity.Side
}

/// Validators run on a match's original text.
struct Validation: Sendable {
    /// Keep the match only when this passes.
    var validate: Validator?
    /// Drop the match when this passes.
    var invalidate: Validator?
}

/// Presidio-style confidence: a base score, raised by a context word near the match.
struct Scoring: Sendable {
    var base = 1.0
    var context: PatternSet?
    var window = 5
    var boost = 0.35
    /// Without a context word nearby there is no match at all (a compact plate, a date that may be a birth date).
    var required = false
}

/// Cheap tests that decide whether a rule runs on a message at all.
struct Gate: Sendable {
    /// The rule runs only when one of these occurs in its view of the text (ASCII letters compared without
    /// case, with the word boundaries each needs). Empty: no such test.
    let keywords: [KeywordIndex.Keyword]
    /// The rule runs only when its view of the text holds at least this many ASCII digits.
    let minimumDigits: Int
    /// The rule runs only when the text holds a group of at least this many digits, written together or with
    /// up to three spaces, dots, dashes, slashes, underscores or brackets between them (`06 - 1234 5678` is one
    /// group of 10). Like the keywords, counted on the rule's view.
    var minimumDigitGroup = 0
    /// The rule runs only when one of these patterns matches somewhere in its view of the text: a cheap
    /// necessary condition for an expensive regex (`@[\w-]+\.` before an e-mail regex that PCRE2 would
    /// otherwise try at every letter). Nil: no such test.
    var prefilter: PatternSet?

    static let open = Gate(keywords: [], minimumDigits: 0)
}
