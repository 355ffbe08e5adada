/// Screens messages: scans them with the rule set, decides by policy and redacts. The filter's pipeline:
/// read record → screen (match → decide → redact) → write record.
///
/// Holds per-thread matching state: use one per thread, all sharing one `RuleSet`.
///
/// ```swift
/// let screener = Screener(ruleSet: try RuleSet.load(rulesDirectory: "rules", policyFile: "policies/default.yaml"))
/// let verdict = screener.screen(Message(text: "Bel me op 06-12345678", direction: .incoming))
/// ```
public final class Screener {
    public let ruleSet: RuleSet
    let scanner: RuleScanner

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        scanner = RuleScanner(limits: ruleSet.policy.limits.match)
    }

    public func screen(_ message: Message) -> Verdict {
        let matches = match(message)
        let findings = decide(matches, for: message)
        let decision = findings.map(\.action).max() ?? .allow
        let publishable = decision > .redact ? nil : Redactor.redact(message.text, findings: findings)
        return Verdict(decision: decision, findings: findings, publishableText: publishable)
    }

    /// Every rule match of the message's direction, in text order, with code-point offsets.
    func match(_ message: Message) -> [(RuleMatch, Range<Int>)] {
        var text = message.text
        return text.withUTF8 { bytes in
            let scanText = ScanText(bytes)
            let matches = scanner.scan(scanText, rules: ruleSet.rules(for: message.direction))
                .sorted { ($0.byteRange.lowerBound, $0.byteRange.upperBound) < ($1.byteRange.lowerBound, $1.byteRange.upperBound) }
            var result: [(RuleMatch, Range<Int>)] = []
            result.reserveCapacity(matches.count)
            var byteCursor = 0
            var scalarCursor = 0
            for match in matches {
                let start = advance(bytes, &byteCursor, &scalarCursor, to: match.byteRange.lowerBound)
                let end = start + UTF8Bytes.scalarCount(bytes, from: match.byteRange.lowerBound, to: match.byteRange.upperBound)
                result.append((match, start..<end))
            }
            return result
        }
    }

    private func advance(_ bytes: UnsafeBufferPointer<UInt8>, _ byte: inout Int, _ scalar: inout Int, to target: Int) -> Int {
        if target < byte {
            byte = 0
            scalar = 0
        }
        scalar += UTF8Bytes.scalarCount(bytes, from: byte, to: target)
        byte = target
        return scalar
    }

    /// The policy's action for each match.
    func decide(_ matches: [(RuleMatch, Range<Int>)], for message: Message) -> [Finding] {
        let policy = ruleSet.policy.rules(for: message.direction)
        return matches.map { match, scalars in
            var action = policy.action(for: match.rule, channel: message.channel, department: message.department)
            if let floor = BuiltInRule.floor(for: match.rule) { action = max(action, floor) }
            return Finding(
                rule: match.rule, start: scalars.lowerBound, end: scalars.upperBound, byteRange: match.byteRange,
                action: action)
        }
    }
}
