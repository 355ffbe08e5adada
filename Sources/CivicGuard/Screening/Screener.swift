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
    let redactor: Redactor

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        scanner = RuleScanner(limits: ruleSet.policy.limits.match)
        redactor = Redactor(policy: ruleSet.policy.redaction)
    }

    public func screen(_ message: Message) -> Verdict {
        let bytes = Array(message.text.utf8)
        var matches = scanner.scan(MessageScan(bytes), ruleSet: ruleSet, direction: message.direction)
        if let post = message.inReplyTo, !post.isEmpty { matches = echoes(of: post, in: bytes) + matches }
        let findings = decide(matches, bytes: bytes, for: message)
        let decision = findings.reduce(Action.allow) { max($0, $1.action) }
        let publishable =
            decision > .redact
            ? nil : redactor.redact(message.text, bytes: bytes, findings: findings, language: message.language)
        return Verdict(decision: decision, findings: findings, publishableText: publishable)
    }

    /// Matches of `BuiltInRule.echo`: personal data of `post` repeated in `reply`.
    func echoes(of post: String, in reply: [UInt8]) -> [RuleMatch] {
        let postMatches = scanner.scan(MessageScan(Array(post.utf8)), ruleSet: ruleSet, direction: .incoming)
            .filter { $0.entity != nil }
        let needles = EchoDetector.needles(post: post, matches: Self.resolveOverlaps(postMatches))
        return EchoDetector.find(needles, in: reply).map { needle, range in
            var evidence = Evidence()
            evidence.echo = "\(needle.entity) from the post, \(needle.form)"
            return RuleMatch(
                rule: BuiltInRule.echo, byteRange: range, score: 1, demoted: false, evidence: evidence,
                entity: needle.entity)
        }
    }

    /// The policy's action for each match that reaches the minimum score, in text order, with code-point
    /// offsets.
    func decide(_ matches: [RuleMatch], bytes: [UInt8], for message: Message) -> [Finding] {
        guard !matches.isEmpty else { return [] }
        let policy = ruleSet.policy.rules(for: message.direction)
        let minimum = ruleSet.policy.minimumScore
        let organisation = ruleSet.policy.organisation
        // Indices, not copies: a match carries several strings, and every copy of it costs their reference counts.
        var kept = matches.indices.selecting { index in
            guard matches[index].demoted || matches[index].score >= minimum else { return false }
            guard let entity = matches[index].entity, organisation.declaresContacts(of: entity) else { return true }
            let value = String(decoding: bytes[matches[index].byteRange], as: UTF8.self)
            return !organisation.isOwnContact(entity: entity, value: value)
        }
        kept = Self.survivors(of: matches, among: kept)
        kept.sort {
            (matches[$0].byteRange.lowerBound, matches[$0].byteRange.upperBound, $0)
                < (matches[$1].byteRange.lowerBound, matches[$1].byteRange.upperBound, $1)
        }
        let general = policy.isGeneral(channel: message.channel, department: message.department)
        var scopes: [Policy.ActionMap] = []
        var byteCursor = 0
        var scalarCursor = 0
        return bytes.withUnsafeBufferPointer { buffer in
            kept.map { index in
                let match = matches[index]
                scalarCursor += UTF8Bytes.scalarCount(buffer, from: byteCursor, to: match.byteRange.lowerBound)
                byteCursor = match.byteRange.lowerBound
                let start = scalarCursor
                let end =
                    start
                    + UTF8Bytes.scalarCount(buffer, from: match.byteRange.lowerBound, to: match.byteRange.upperBound)
                var action: Action
                if general, match.entity == match.rule.entity,
                    let actions = ruleSet.generalActions[ObjectIdentifier(match.rule)]
                {
                    action = message.direction == .incoming ? actions.incoming : actions.outgoing
                } else {
                    if scopes.isEmpty {
                        scopes = policy.scopes(channel: message.channel, department: message.department)
                    }
                    action = policy.action(for: match.rule, entity: match.entity, in: scopes)
                }
                if match.demoted { action = min(action, .flag) }
                if match.rule === BuiltInRule.matchLimit,
                    let fixed = BuiltInRule.action(for: match.rule, named: policy.namedAction(for: match.rule))
                {
                    action = fixed
                }
                return Finding(
                    rule: match.rule, start: start, end: end, byteRange: match.byteRange, action: action,
                    score: match.score, evidence: match.evidence, entity: match.entity)
            }
        }
    }

    /// Where personal-data matches overlap, only the one that explains most of the text stays (the longer span;
    /// for the same span of two validated values, the one whose checksum passed; then the higher score; then the earlier rule): a
    /// postcode inside an address is part of the address, a phone-shaped tail of a mistyped IBAN part of the
    /// IBAN, a Belgian national number that starts with 0 is no phone number, and two recognisers finding the
    /// same name report it once. Conduct matches are never dropped.
    static func resolveOverlaps(_ matches: [RuleMatch]) -> [RuleMatch] {
        survivors(of: matches, among: Array(matches.indices)).map { matches[$0] }
    }

    /// `resolveOverlaps` on the indices `candidates` of `matches`: those that stay, in the order given.
    static func survivors(of matches: [RuleMatch], among candidates: [Int]) -> [Int] {
        let personal = candidates.selecting { matches[$0].entity != nil }
        guard personal.count > 1 else { return candidates }
        func beats(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (matches[a].byteRange, matches[b].byteRange)
            if x.count != y.count { return x.count > y.count }
            if x == y, matches[a].evidence.validator != nil, matches[b].evidence.validator != nil,
                matches[a].passedChecksum != matches[b].passedChecksum
            {
                return matches[a].passedChecksum
            }
            if matches[a].score != matches[b].score { return matches[a].score > matches[b].score }
            return a < b
        }
        return candidates.selecting { index in
            guard matches[index].entity != nil else { return true }
            let span = matches[index].byteRange
            return !personal.contains { other in
                other != index && matches[other].byteRange.overlaps(span) && beats(other, index)
            }
        }
    }
}
