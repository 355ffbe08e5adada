/// Runs every rule's own examples, the way a test runner runs tests: each `match` example must make the rule
/// fire, each `no_match` example must not, and a `redacted` expectation must equal the text the filter would
/// publish when only that rule redacts.
public struct RuleTester {
    /// One example that did not behave as written.
    public struct Failure: Sendable, CustomStringConvertible {
        public let mark: SourceMark
        public let rule: String
        public let problem: String
        public var description: String { "\(mark): \(rule): \(problem)" }
    }

    public struct Report: Sendable {
        public var rules = 0
        public var examples = 0
        public var failures: [Failure] = []

        /// `12 rules, 48 examples: all passed` or `…: 2 failed`.
        public var summary: String {
            let outcome = failures.isEmpty ? "all passed" : "\(failures.count) failed"
            return "\(rules) rules, \(examples) examples: \(outcome)"
        }
    }

    let scanner = RuleScanner(limits: .default)

    public init() {}

    public func run(_ packs: [RulePack]) -> Report {
        var report = Report()
        // The gates the filter builds for these rules: the tester checks the gate that runs.
        let (gated, keywords) = RuleSet.gate(packs.flatMap(\.rules))
        let indexes = keywords.map { KeywordIndex(keywords: $0) }
        for entry in gated {
            let rule = entry.rule
            report.rules += 1
            for example in rule.examples.matching {
                report.examples += 1
                let spans = matches(entry, example.text, indexes)
                if spans.isEmpty {
                    let message = MessageScan(Array(example.text.utf8))
                    let hidden =
                        !scanner.passesPrefilter(rule, message) && !scanner.spans(of: rule, in: message).isEmpty
                    let problem =
                        hidden
                        ? "the prefilter does not match this example, so it hides a match of the rule"
                        : "example did not match"
                    report.failures.append(Failure(mark: example.mark, rule: rule.id, problem: problem))
                } else if let expected = example.redacted {
                    let actual = redacted(example.text, rule: rule, spans: spans)
                    if actual != expected {
                        report.failures.append(
                            Failure(
                                mark: example.mark, rule: rule.id,
                                problem: "redacted text differs: expected \"\(expected)\", got \"\(actual)\""))
                    }
                }
            }
            for example in rule.examples.nonMatching {
                report.examples += 1
                if !matches(entry, example.text, indexes).isEmpty {
                    report.failures.append(
                        Failure(mark: example.mark, rule: rule.id, problem: "example matched but should not"))
                }
            }
        }
        return report
    }

    /// The byte spans the rule of `entry` matches in `text`, gate included.
    func matches(_ entry: RuleSet.GatedRule, _ text: String, _ indexes: [KeywordIndex]) -> [Range<Int>] {
        let message = MessageScan(Array(text.utf8))
        guard scanner.gateOpen(entry, message, indexes) else { return [] }
        return scanner.spans(of: entry.rule, in: message)
    }

    private func redacted(_ text: String, rule: Rule, spans: [Range<Int>]) -> String {
        let findings = spans.map { Finding(rule: rule, start: 0, end: 0, byteRange: $0, action: .redact) }
        return Redactor(policy: .entityNames).redact(text, findings: findings, language: nil)
    }
}
