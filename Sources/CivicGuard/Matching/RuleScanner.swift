/// A rule's match in a message, before the policy decides what it means.
struct RuleMatch {
    let rule: Rule
    /// UTF-8 byte offsets into the original message text.
    let byteRange: Range<Int>
    /// Confidence from 0 to 1 (see `Scoring`).
    let score: Double
    /// True when the value failed its validator but a context word made it likely: flag it, do not redact.
    let demoted: Bool
    let evidence: Evidence
    /// The personal-data entity: the rule's, or for an echo, the entity of the value echoed.
    let entity: String?

    init(rule: Rule, byteRange: Range<Int>, score: Double, demoted: Bool, evidence: Evidence, entity: String? = nil) {
        self.rule = rule
        self.byteRange = byteRange
        self.score = score
        self.demoted = demoted
        self.evidence = evidence
        self.entity = entity ?? rule.entity
    }

    /// Whether the value passed a checksum (not only a check of its form).
    var passedChecksum: Bool {
        evidence.validator?.passed == true && rule.validation.validate?.isChecksum == true
    }
}

/// Why a rule matched, for `--explain`. Holds no message content except the context word, which is one of
/// the rule's own keywords.
public struct Evidence: Sendable {
    /// The pattern that matched (the word-list trie for literal clauses).
    public var pattern: String?
    /// The validator that ran, and whether the value passed it.
    public var validator: (name: String, passed: Bool)?
    /// The context word that raised the score or kept a failed value.
    public var context: String?
    /// The metric clause that fired.
    public var metric: String?
    /// For an echo: which value of the post the reply repeats, and in what form (never the value).
    public var echo: String?

    public init() {}
}

/// Runs rules over a message: gates, clauses, proximity, exceptions, validators and scores. One per thread.
///
/// A rule whose pattern hits the match limit yields a `BuiltInRule.matchLimit` match covering the whole text,
/// so the message fails closed instead of passing unchecked.
final class RuleScanner {
    let engine: MatchEngine

    init(limits: MatchEngine.Limits) {
        engine = MatchEngine(limits: limits)
    }

    func scan(_ message: MessageScan, ruleSet: RuleSet, direction: Direction) -> [RuleMatch] {
        engine.startMessage()
        var matches: [RuleMatch] = []
        var limitHit = false
        let indexes = ruleSet.keywordIndexes
        // Through the buffer, entry by entry: copying an entry out (as `for entry in`) retains its rule, and the
        // gates of most rules close on the entry's own facts.
        ruleSet.rules(for: direction).withUnsafeBufferPointer { entries in
            for index in entries.indices where gateOpen(entries[index], message, indexes) {
                limitHit = matchRule(entries[index].rule, in: message, into: &matches) || limitHit
            }
        }
        if limitHit {
            matches.append(
                RuleMatch(
                    rule: BuiltInRule.matchLimit, byteRange: 0..<message.original.bytes.count, score: 1, demoted: false,
                    evidence: Evidence()))
        }
        return matches
    }

    /// Whether the rule's gate lets it run on `message`: its digit facts and keywords are tested on the rule's
    /// own view (so a gate is never narrower than the patterns it guards), keywords through `keywordIndexes`
    /// (by `TextView.keywordIndex`, as `RuleSet.gate` builds them), then the prefilter.
    func gateOpen(_ entry: RuleSet.GatedRule, _ message: MessageScan, _ keywordIndexes: [KeywordIndex]) -> Bool {
        if entry.minimumDigits > 0 || entry.minimumDigitGroup > 0,
            !message.hasDigits(entry.minimumDigits, group: entry.minimumDigitGroup, in: entry.view)
        {
            return false
        }
        if entry.slot >= 0, !message.keywordHit(entry.slot, view: entry.view, in: keywordIndexes) {
            return false
        }
        return passesPrefilter(entry.rule, message)
    }

    /// Whether `text` holds the digits a gate asks for (`Gate.minimumDigits`, `Gate.minimumDigitGroup`).
    static func hasGateDigits(_ digits: Int, _ group: Int, _ text: ScanText) -> Bool {
        (digits == 0 || text.digitCount >= digits) && (group == 0 || text.longestDigitGroup >= group)
    }

    /// Whether the rule's prefilter, if it has one, matches its view of `message`. A prefilter that hits the
    /// match limit lets the rule run, so its own patterns decide under their own limits.
    func passesPrefilter(_ rule: Rule, _ message: MessageScan) -> Bool {
        guard let prefilter = rule.gate.prefilter else { return true }
        let text = message.text(for: rule.view)
        for pattern in prefilter.patterns {
            var found = false
            let outcome = engine.forEachMatch(of: pattern, in: text.bytes) { _ in
                found = true
                return false
            }
            if found || outcome == .limitExceeded { return true }
        }
        return false
    }

    /// Appends the matches of `rule`; returns whether a limit was hit.
    func matchRule(_ rule: Rule, in message: MessageScan, into matches: inout [RuleMatch]) -> Bool {
        var limitHit = false
        let text = message.text(for: rule.view)
        var spans = collect(rule.clauses, in: text, limitHit: &limitHit)
        if let fuzzy = rule.clauses.fuzzy {
            spans = Self.merged(spans + message.fuzzyMatches(fuzzy, in: rule.view).map { ($0, Self.fuzzyPattern) })
        }
        // Not `[:]`, which builds its (empty) list of literal pairs on every call.
        var metricNames = [Int: String]()
        for metric in rule.metrics {
            for span in Self.measure(metric, message.original) {
                metricNames[spans.count] = metric.description
                spans.append((span, -1))
            }
        }
        // A span with no part of the value's length can become nothing: it is dropped before companions,
        // exceptions and context words are searched for it (most digit runs a BSN rule sees are phone numbers).
        if let validate = rule.validation.validate, validate.extent != nil {
            spans.removeAll { span, _ in !validate.mayHoldValue(text.bytes, in: span) }
        }
        if spans.isEmpty { return limitHit }
        // Companions, exceptions and context words count only near a span, so their search stops where a match
        // would start too far after the last span (`searchLimit`).
        for proximity in rule.proximity where !spans.isEmpty {
            let limit = Self.searchLimit(
                near: spans.lazy.map(\.0), window: .words(proximity.window), proximity.side, text)
            let companions = collect(proximity.patterns, in: text, startingBy: limit, limitHit: &limitHit).map(\.0)
            spans.removeAll { span, _ in
                !companions.contains { Self.isNear($0, span, proximity, text) }
            }
        }
        for exception in rule.exceptions where !spans.isEmpty {
            let limit = Self.searchLimit(near: spans.lazy.map(\.0), window: exception.window, exception.side, text)
            let cancelling = collect(exception.patterns, in: text, startingBy: limit, limitHit: &limitHit).map(\.0)
            if cancelling.isEmpty { continue }
            spans.removeAll { span, _ in
                cancelling.contains { other in
                    Self.onSide(exception.side, of: span, other) && Self.within(exception.window, span, other, text)
                }
            }
        }
        if spans.isEmpty { return limitHit }
        let contextLimit = Self.searchLimit(
            near: spans.lazy.map(\.0), window: .words(rule.scoring.window), .either, text)
        let contexts =
            rule.scoring.context.map { collect($0, in: text, startingBy: contextLimit, limitHit: &limitHit).map(\.0) }
            ?? []
        for (index, (span, patternIndex)) in spans.enumerated() {
            var evidence = Evidence()
            evidence.pattern =
                patternIndex >= 0
                ? rule.clauses.patterns[patternIndex].source
                : patternIndex == Self.fuzzyPattern ? "a word-list entry misspelt (edit distance 1)" : nil
            evidence.metric = metricNames[index]
            let context = contexts.first {
                !$0.overlaps(span) && Self.within(.words(rule.scoring.window), span, $0, text)
            }
            if let context {
                evidence.context = text.text(context).lowercased()
            } else if rule.scoring.required {
                continue
            }
            let base = context == nil ? rule.scoring.base : min(1, rule.scoring.base + rule.scoring.boost)
            // Validators read the value in the rule's view: digits in any script are ASCII there.
            let value = text.text(span)
            if let invalidate = rule.validation.invalidate, invalidate(value) { continue }
            guard let validate = rule.validation.validate else {
                matches.append(
                    RuleMatch(
                        rule: rule, byteRange: message.originalRange(span, in: rule.view), score: base, demoted: false,
                        evidence: evidence))
                continue
            }
            if validate(value) {
                evidence.validator = (validate.name, true)
                matches.append(
                    RuleMatch(
                        rule: rule, byteRange: message.originalRange(span, in: rule.view), score: 1, demoted: false,
                        evidence: evidence))
                continue
            }
            let passing = validate.validParts(of: text.bytes, in: span)
            evidence.validator = (validate.name, !passing.isEmpty)
            if passing.isEmpty {
                // A failed value with a context word nearby is kept, demoted to a flag, when it has the value's
                // shape: a length the format allows, and the digits the rule's gate asks for.
                if context != nil, let part = validate.shapedPart(of: text.bytes, in: span),
                    Self.hasGateDigits(
                        rule.gate.minimumDigits, rule.gate.minimumDigitGroup, ScanText(Array(text.bytes[part])))
                {
                    matches.append(
                        RuleMatch(
                            rule: rule, byteRange: message.originalRange(part, in: rule.view), score: base,
                            demoted: true, evidence: evidence))
                }
                continue
            }
            for part in passing {
                if let invalidate = rule.validation.invalidate, invalidate(text.text(part)) { continue }
                matches.append(
                    RuleMatch(
                        rule: rule, byteRange: message.originalRange(part, in: rule.view), score: 1, demoted: false,
                        evidence: evidence))
            }
        }
        return limitHit
    }

    /// The spans `rule` matches in `text`, after proximity and exceptions, for tests of a single rule.
    func spans(of rule: Rule, in message: MessageScan) -> [Range<Int>] {
        var matches: [RuleMatch] = []
        _ = matchRule(rule, in: message, into: &matches)
        return matches.map(\.byteRange)
    }

    /// Every match of every pattern in `set`, sorted, with overlapping spans merged; each with the index of the
    /// pattern that found it.
    func collect(_ set: PatternSet, in text: ScanText, startingBy limit: Int? = nil, limitHit: inout Bool)
        -> [(Range<Int>, Int)]
    {
        var spans: [(Range<Int>, Int)] = []
        for (index, pattern) in set.patterns.enumerated() {
            let outcome = engine.forEachMatch(of: pattern, in: text.bytes, startingBy: limit) { span in
                spans.append((span, index))
                return true
            }
            if outcome == .limitExceeded { limitHit = true }
        }
        return Self.merged(spans)
    }

    /// The pattern index of a span that a fuzzy entry found.
    static let fuzzyPattern = -2

    static func merged(_ spans: [(Range<Int>, Int)]) -> [(Range<Int>, Int)] {
        guard spans.count > 1 else { return spans }
        let sorted = spans.sorted {
            ($0.0.lowerBound, $1.0.upperBound) < ($1.0.lowerBound, $0.0.upperBound)
        }
        var result: [(Range<Int>, Int)] = [sorted[0]]
        for (span, index) in sorted.dropFirst() {
            let last = result[result.count - 1].0
            if span.lowerBound < last.upperBound || (span.isEmpty && span.lowerBound == last.upperBound) {
                result[result.count - 1].0 = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                result.append((span, index))
            }
        }
        return result
    }

    /// The last byte offset at which a match searched near `spans` (a companion, an exception, a context word)
    /// can start and still count for one of them under `window` and `side`; nil when any offset can.
    ///
    /// - `overlap`, and any window on the `before` side: the end of the last span (a match that starts later
    ///   neither overlaps nor precedes it).
    /// - `words(n)` after a span: the start of the word with `n` words between it and the span's end
    ///   (`within` counts the word starts between the two); nil when the text has no such word, or when its word
    ///   starts are not known yet: finding them costs more than the shorter search saves.
    /// - `message`: nil.
    static func searchLimit(
        near spans: some Sequence<Range<Int>>, window: Exception.Window, _ side: Proximity.Side, _ text: ScanText
    ) -> Int? {
        guard let last = spans.lazy.map(\.upperBound).max() else { return nil }
        switch window {
        case .message:
            return nil
        case .overlap:
            return last
        case .words(let count):
            if side == .before { return last }
            var limit = last
            for span in spans {
                guard let start = text.wordStart(count, wordsAfter: span.upperBound) else { return nil }
                limit = max(limit, start)
            }
            return limit
        }
    }

    /// Whether `companion` lies on the allowed side of `span`, within the window.
    static func isNear(_ companion: Range<Int>, _ span: Range<Int>, _ proximity: Proximity, _ text: ScanText) -> Bool {
        if companion.overlaps(span) { return false }
        let before = companion.upperBound <= span.lowerBound
        switch proximity.side {
        case .before where !before, .after where before: return false
        default: break
        }
        guard within(.words(proximity.window), span, companion, text) else { return false }
        guard proximity.sameClause else { return true }
        return before
            ? !text.hasClauseBoundary(from: companion.upperBound, to: span.lowerBound)
            : !text.hasClauseBoundary(from: span.upperBound, to: companion.lowerBound)
    }

    /// Whether `other` lies on `side` of `span` (overlapping counts as either side).
    static func onSide(_ side: Proximity.Side, of span: Range<Int>, _ other: Range<Int>) -> Bool {
        switch side {
        case .either: return true
        case .before: return other.lowerBound < span.lowerBound || other.overlaps(span)
        case .after: return other.upperBound > span.upperBound || other.overlaps(span)
        }
    }

    /// Whether `other` lies within `window` of `span`.
    static func within(_ window: Exception.Window, _ span: Range<Int>, _ other: Range<Int>, _ text: ScanText) -> Bool {
        switch window {
        case .message:
            return true
        case .overlap:
            return span.overlaps(other) || (span.isEmpty && other.contains(span.lowerBound))
        case .words(let count):
            if span.overlaps(other) { return true }
            return other.upperBound <= span.lowerBound
                ? text.wordsBetween(other.upperBound, span.lowerBound) <= count
                : text.wordsBetween(span.upperBound, other.lowerBound) <= count
        }
    }
}
