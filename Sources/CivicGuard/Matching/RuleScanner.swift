/// A rule's match in a message, before the policy decides what it means.
struct RuleMatch {
    let rule: Rule
    /// UTF-8 byte offsets into the message text.
    let byteRange: Range<Int>
}

/// Runs rules over a message's text: gates, clauses, exceptions. One per thread.
///
/// A rule whose pattern hits the match limit yields a `BuiltInRule.matchLimit` match covering the whole text,
/// so the message fails closed instead of passing unchecked.
final class RuleScanner {
    let engine: MatchEngine
    private var keywordBytes: [ObjectIdentifier: [[UInt8]]] = [:]

    init(limits: MatchEngine.Limits) {
        engine = MatchEngine(limits: limits)
    }

    func scan(_ text: ScanText, rules: [Rule]) -> [RuleMatch] {
        var matches: [RuleMatch] = []
        var limitHit = false
        for rule in rules where passesGate(rule, text) {
            let (spans, hit) = self.spans(of: rule, in: text)
            limitHit = limitHit || hit
            for span in spans { matches.append(RuleMatch(rule: rule, byteRange: span)) }
        }
        if limitHit { matches.append(RuleMatch(rule: BuiltInRule.matchLimit, byteRange: 0..<text.bytes.count)) }
        return matches
    }

    func passesGate(_ rule: Rule, _ text: ScanText) -> Bool {
        let gate = rule.gate
        if gate.minimumDigits > 0, text.digitCount < gate.minimumDigits { return false }
        if gate.keywords.isEmpty { return true }
        let keywords = keywordList(rule)
        return keywords.contains { text.contains(keyword: $0) }
    }

    private func keywordList(_ rule: Rule) -> [[UInt8]] {
        let key = ObjectIdentifier(rule)
        if let cached = keywordBytes[key] { return cached }
        let list = rule.gate.keywords.map { Array($0.utf8) }
        keywordBytes[key] = list
        return list
    }

    /// The spans `rule` matches in `text`, merged where they overlap, after exceptions; and whether a limit
    /// was hit.
    func spans(of rule: Rule, in text: ScanText) -> ([Range<Int>], Bool) {
        var limitHit = false
        var spans = collect(rule.clauses, in: text, limitHit: &limitHit)
        if spans.isEmpty { return ([], limitHit) }
        for exception in rule.exceptions where !spans.isEmpty {
            let cancelling = collect(exception.patterns, in: text, limitHit: &limitHit)
            if cancelling.isEmpty { continue }
            spans.removeAll { span in
                cancelling.contains { Self.within(exception.window, span, $0, text) }
            }
        }
        return (spans, limitHit)
    }

    /// Every match of every pattern in `set`, sorted and with overlapping spans merged.
    func collect(_ set: PatternSet, in text: ScanText, limitHit: inout Bool) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        for pattern in set.patterns {
            let outcome = engine.forEachMatch(of: pattern, in: text.bytes) { span in
                spans.append(span)
                return true
            }
            if outcome == .limitExceeded { limitHit = true }
        }
        return Self.merged(spans)
    }

    static func merged(_ spans: [Range<Int>]) -> [Range<Int>] {
        guard spans.count > 1 else { return spans }
        let sorted = spans.sorted { ($0.lowerBound, $1.upperBound) < ($1.lowerBound, $0.upperBound) }
        var result: [Range<Int>] = [sorted[0]]
        for span in sorted.dropFirst() {
            let last = result[result.count - 1]
            if span.lowerBound < last.upperBound || (span.isEmpty && span.lowerBound == last.upperBound) {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                result.append(span)
            }
        }
        return result
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
