#if canImport(Glibc)
    import Glibc
#endif

/// Measures how fast a rule set screens a corpus, and which rules the time goes to.
///
/// Throughput is measured on one thread without per-rule timing; a second, instrumented pass attributes time
/// to rules, so the timers do not distort the throughput figure.
public struct Benchmark {
    public struct Result: Sendable {
        public var messages: Int
        public var bytes: Int
        public var seconds: Double
        /// Rules by the time they took in the instrumented pass, most expensive first, with their share.
        public var rules: [(id: String, seconds: Double, share: Double)]

        public var messagesPerSecond: Double { Double(messages) / seconds }
        public var megabytesPerSecond: Double { Double(bytes) / seconds / 1_000_000 }
    }

    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    /// Screens `messages` `repeat` times and reports the rate.
    public func run(_ messages: [Message], repeat count: Int, profile: Bool = true) -> Result {
        let screener = Screener(ruleSet: ruleSet)
        for message in messages.prefix(200) { _ = screener.screen(message) }
        let start = Self.now()
        var decisions = 0
        for _ in 0..<count {
            for message in messages { decisions &+= screener.screen(message).findings.count }
        }
        let seconds = Self.now() - start
        let bytes = messages.reduce(0) { $0 + $1.text.utf8.count } * count
        let rules = profile ? profileRules(messages) : []
        return Result(messages: messages.count * count, bytes: bytes, seconds: seconds, rules: rules)
    }

    /// Time per rule over one pass of `messages`, gate included.
    func profileRules(_ messages: [Message]) -> [(id: String, seconds: Double, share: Double)] {
        let scanner = RuleScanner(limits: ruleSet.policy.limits.match)
        var totals: [String: Double] = [:]
        for message in messages {
            let scan = MessageScan(Array(message.text.utf8))
            for rule in ruleSet.rules(for: message.direction).map(\.rule) {
                let start = Self.now()
                if scanner.passesGate(rule, scan) { _ = scanner.spans(of: rule, in: scan) }
                totals[rule.id, default: 0] += Self.now() - start
            }
        }
        let sum = max(totals.values.reduce(0, +), 1e-12)
        return totals.map { (id: $0.key, seconds: $0.value, share: $0.value / sum) }.sorted { $0.seconds > $1.seconds }
    }

    /// Loads the rules and policy `count` times and returns the median time of one load, in seconds: the part
    /// of start-up that grows with the rule packs.
    public static func loadTime(rulesDirectory: String, policyFile: String, count: Int) throws(ConfigurationError)
        -> Double
    {
        var times: [Double] = []
        for _ in 0..<count {
            let start = now()
            _ = try RuleSet.load(rulesDirectory: rulesDirectory, policyFile: policyFile)
            times.append(now() - start)
        }
        return times.sorted()[times.count / 2]
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
