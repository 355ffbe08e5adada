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
        /// The fastest pass, scaled to all passes: what the machine does when nothing else competes for it.
        public var bestSeconds: Double
        /// Rules by the time they took in the instrumented pass, most expensive first, with their share and the
        /// share of messages their gate let them run on.
        public var rules: [(id: String, seconds: Double, share: Double, runs: Double)]
        /// The time, in the instrumented pass, of the work every message needs before any rule: its keyword index
        /// and digit counts (and its normalised view, when a rule reads that view). Shown apart, so it does not
        /// land on whichever rule asks first.
        public var setupSeconds: Double = 0

        public var messagesPerSecond: Double { Double(messages) / seconds }
        public var megabytesPerSecond: Double { Double(bytes) / seconds / 1_000_000 }
        /// The rate of the fastest pass.
        public var bestMessagesPerSecond: Double { Double(messages) / bestSeconds }
    }

    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    /// Screens `messages` `repeat` times and reports the rate of the median pass.
    public func run(_ messages: [Message], repeat count: Int, profile: Bool = true) -> Result {
        let screener = Screener(ruleSet: ruleSet)
        for message in messages.prefix(200) { _ = screener.screen(message) }
        // Each pass over the corpus is timed on its own and the median pass counts: a machine that is busy
        // for a moment slows one pass, not the figure.
        var passes: [Double] = []
        var findings = 0
        for _ in 0..<count {
            let start = Self.now()
            for message in messages { findings &+= screener.screen(message).findings.count }
            passes.append(Self.now() - start)
        }
        let sorted = passes.sorted()
        let seconds = sorted[passes.count / 2] * Double(count)
        let bytes = messages.reduce(0) { $0 + $1.text.utf8.count } * count
        let (rules, setup) = profile ? profileRules(messages) : ([], 0)
        return Result(
            messages: messages.count * count, bytes: bytes, seconds: seconds, bestSeconds: sorted[0] * Double(count),
            rules: rules, setupSeconds: setup)
    }

    /// Time per rule over one pass of `messages`, gate included, and the time of the work before any rule.
    func profileRules(_ messages: [Message]) -> (
        rules: [(id: String, seconds: Double, share: Double, runs: Double)], setup: Double
    ) {
        let scanner = RuleScanner(limits: ruleSet.policy.limits.match)
        var totals: [String: Double] = [:]
        var runs: [String: Int] = [:]
        var seen: [String: Int] = [:]
        var setup = 0.0
        let views = Set(ruleSet.rules.map(\.view))
        for message in messages {
            let scan = MessageScan(Array(message.text.utf8))
            let start = Self.now()
            _ = scan.original.digitCount
            for view in views { scan.indexKeywords(of: view, in: ruleSet.keywordIndexes) }
            setup += Self.now() - start
            for entry in ruleSet.rules(for: message.direction) {
                let start = Self.now()
                if scanner.gateOpen(entry, scan, ruleSet.keywordIndexes) {
                    _ = scanner.spans(of: entry.rule, in: scan)
                    runs[entry.rule.id, default: 0] += 1
                }
                totals[entry.rule.id, default: 0] += Self.now() - start
                seen[entry.rule.id, default: 0] += 1
            }
        }
        let sum = max(totals.values.reduce(0, +), 1e-12)
        let rules = totals.map { id, seconds in
            (
                id: id, seconds: seconds, share: seconds / sum,
                runs: Double(runs[id] ?? 0) / Double(max(1, seen[id] ?? 0))
            )
        }.sorted { $0.seconds > $1.seconds }
        return (rules, setup)
    }

    /// One message length of `sizeSweep`.
    public struct SizePoint: Sendable {
        public var length: Int
        public var messages: Int
        public var megabytesPerSecond: Double
        public var secondsPerMessage: Double
    }

    /// Throughput by message length: for each of `lengths` (code points), about `bytes` of messages cut from
    /// `messages`' texts run together, directions alternating, each screened and its output record written as
    /// the JSON Lines filter writes it (so per-finding work in the output counts too). The best of three
    /// passes counts. A cost that grows faster than the text shows as falling MB/s.
    public func sizeSweep(_ messages: [Message], lengths: [Int], bytes: Int = 2_000_000) -> [SizePoint] {
        let corpus = Array(messages.map(\.text).joined(separator: " ").unicodeScalars)
        guard !corpus.isEmpty else { return [] }
        let screener = Screener(ruleSet: ruleSet)
        return lengths.filter { $0 > 0 }.map { length in
            var windows: [Message] = []
            var total = 0
            var position = 0
            while total < bytes {
                if position + length > corpus.count { position = 0 }
                let end = min(corpus.count, position + length)
                var text = ""
                text.unicodeScalars.append(contentsOf: corpus[position..<end])
                position = end
                total += text.utf8.count
                windows.append(Message(text: text, direction: windows.count % 2 == 0 ? .incoming : .outgoing))
            }
            var best = Double.infinity
            var writer = JSONWriter()
            for _ in 0..<3 {
                let start = Self.now()
                for message in windows {
                    RecordEncoder.verdict(
                        screener.screen(message), id: nil, text: message.text, ruleSet: ruleSet, into: &writer)
                    writer.reset()
                }
                best = min(best, Self.now() - start)
            }
            return SizePoint(
                length: length, messages: windows.count, megabytesPerSecond: Double(total) / best / 1_000_000,
                secondsPerMessage: best / Double(windows.count))
        }
    }

    /// The median time to build the normalised view of one message of `messages`, over `count` passes.
    public static func normalisationTime(_ messages: [Message], count: Int) -> Double {
        let texts = messages.map { Array($0.text.utf8) }
        var passes: [Double] = []
        var size = 0
        for _ in 0..<max(1, count) {
            let start = now()
            for text in texts { size &+= text.withUnsafeBufferPointer { Normaliser.normalise($0) }.bytes.count }
            passes.append(now() - start)
        }
        return passes.sorted()[passes.count / 2] / Double(max(1, texts.count))
    }

    /// Loads the rules and policy `count` times and returns the median time of one load, in seconds: the part
    /// of start-up that grows with the rule packs.
    public static func loadTime(
        rulesDirectory: String, policyFile: String, count: Int, cache: RuleSnapshotCache? = nil
    ) throws(ConfigurationError) -> Double {
        var times: [Double] = []
        for _ in 0..<count {
            let start = now()
            _ = try RuleSet.load(rulesDirectory: rulesDirectory, policyFile: policyFile, cache: cache)
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
