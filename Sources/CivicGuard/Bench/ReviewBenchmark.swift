import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Times the review store at scale: filling it, recording one message, the reviewers' list queries and
/// statistics.
///
/// The store is filled with records made the filter's way (`ReviewRecorder`) from a corpus's flagged, held and
/// blocked messages, spread over the past year across departments and channels; all but the newest 5% are
/// decided through `act` an hour after they were recorded (a third approved, the rest rejected), so the queue
/// looks like one in use. A store that already holds enough records is reused as it is.
public struct ReviewBenchmark {
    /// A timed query: its name and median milliseconds.
    public typealias Timing = (name: String, milliseconds: Double)

    public struct Result: Sendable {
        public var records = 0
        /// Seconds spent filling the store in this run (0 when it was reused).
        public var fillSeconds = 0.0
        /// Median milliseconds to record one message, in its own transaction, as the filter does.
        public var recordMilliseconds = 0.0
        public var queries: [Timing] = []
    }

    let store: ReviewStore
    /// The same store on a clock that runs through the past year while it is filled.
    let filling: ReviewStore
    let simulatedNow: SimulatedClock
    let recorder: ReviewRecorder
    let screener: Screener

    public init(path: String, ruleSet: RuleSet) throws(ReviewError) {
        let store = try ReviewStore(path: path)
        let simulatedNow = SimulatedClock()
        self.store = store
        self.simulatedNow = simulatedNow
        self.filling = try ReviewStore(path: path, clock: { simulatedNow.now.withLock { $0 } })
        self.screener = Screener(ruleSet: ruleSet)
        self.recorder = ReviewRecorder(ruleSet: ruleSet, sealer: nil) { () throws(ReviewError) in store }
    }

    public func run(messages: [Message], records target: Int, repeat count: Int, progress: (String) -> Void)
        throws(ReviewError) -> Result
    {
        let samples = try recordable(messages)
        var result = Result()
        let existing = try store.count()
        if existing < target {
            let start = Self.clock()
            try fill(from: samples, count: target - existing, progress: progress)
            result.fillSeconds = Self.clock() - start
        }
        try store.expireDue()
        let statistics = try store.statistics()
        result.records = statistics.records
        result.recordMilliseconds = try median(200) { () throws(ReviewError) in
            var record = samples[Int.random(in: 0..<samples.count)]
            record.reference = ReviewRecorder.newReference()
            try store.record([record])
        }
        let common = statistics.rules.first?.rule ?? ""
        let department = "dept-03"
        let queries: [(String, ReviewFilter)] = [
            ("list (pending)", ReviewFilter(statuses: [.open, .claimed, .escalated])),
            ("list --status all", ReviewFilter()),
            ("list --rule \(common)", ReviewFilter(statuses: [.open, .claimed, .escalated], rule: common)),
            ("list --rule \(common) --status rejected", ReviewFilter(statuses: [.rejected], rule: common)),
            (
                "list --department \(department)",
                ReviewFilter(statuses: [.open, .claimed, .escalated], department: department)
            ),
            ("list --decision hold --status approved", ReviewFilter(statuses: [.approved], decisions: [.hold])),
            ("list --since 7d --status all", ReviewFilter(since: Timestamp.now() - 7 * 86_400_000)),
            ("list --since 2000-01-01 --channel webform", ReviewFilter(channel: "webform", since: 946_684_800_000)),
        ]
        for (name, filter) in queries {
            let milliseconds = try median(count) { () throws(ReviewError) in _ = try store.list(filter, limit: 50) }
            result.queries.append((name, milliseconds))
        }
        let stats = try median(count) { () throws(ReviewError) in _ = try store.statistics() }
        result.queries.append(("stats", stats))
        return result
    }

    /// Records made from the corpus's messages that the policy records.
    private func recordable(_ messages: [Message]) throws(ReviewError) -> [ReviewRecord] {
        var samples: [ReviewRecord] = []
        for message in messages {
            let verdict = screener.screen(message)
            let recorded = recorder.ruleSet.policy.review.record
            guard verdict.findings.contains(where: { recorded.contains($0.action) }) else { continue }
            samples.append(try recorder.makeRecord(verdict, message: message, id: nil, store: store))
        }
        guard !samples.isEmpty else {
            throw ReviewError.configuration("the corpus has no message the policy records; use a realistic corpus")
        }
        return samples
    }

    private func fill(from samples: [ReviewRecord], count: Int, progress: (String) -> Void) throws(ReviewError) {
        let now = Timestamp.now()
        let year: Int64 = 365 * 86_400_000
        let channels = ["twitter", "facebook", "instagram", "webform"]
        let reviewers = ["reviewer-1", "reviewer-2", "reviewer-3", "reviewer-4"]
        // About one simulated day per batch, so that every hold is decided well before it would expire.
        let batch = max(100, count / 365)
        var made = 0
        while made < count {
            var records: [ReviewRecord] = []
            for index in made..<min(count, made + batch) {
                let sample = samples[index % samples.count]
                var record = sample
                record.reference = ReviewRecorder.newReference()
                record.time = now - year + year * Int64(index) / Int64(count)
                record.department = "dept-" + (index % 12 < 10 ? "0" : "") + String(index % 12)
                record.channel = channels[index % channels.count]
                record.author = store.pseudonym("author-\(index % 500)")
                if let expires = sample.expires { record.expires = record.time + (expires - sample.time) }
                records.append(record)
            }
            simulatedNow.now.withLock { $0 = records[records.count - 1].time + 3_600_000 }
            let ids = try filling.record(records)
            let decided = ids.enumerated().filter { Int64(made + $0.offset) < Int64(count) * 95 / 100 }.map(\.element)
            let reviewer = reviewers[(made / batch) % reviewers.count]
            let second = reviewers[(made / batch + 1) % reviewers.count]
            let approve = decided.filter { $0 % 3 == 0 }
            try filling.act(.reject, ids: decided.filter { $0 % 3 != 0 }, reviewer: reviewer, note: nil)
            let once = try filling.act(.approve, ids: approve, reviewer: reviewer, note: nil)
            try filling.act(
                .approve, ids: once.filter { $0.status != .approved }.map(\.id), reviewer: second, note: nil)
            made += records.count
            if made / batch % 50 == 0 || made == count { progress("filled \(made) of \(count)") }
        }
    }

    private func median(_ count: Int, _ body: () throws(ReviewError) -> Void) throws(ReviewError) -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, count) {
            let start = Self.clock()
            try body()
            times.append((Self.clock() - start) * 1000)
        }
        return times.sorted()[times.count / 2]
    }

    static func clock() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

/// A clock the benchmark sets, shared with the store that reads it.
final class SimulatedClock: Sendable {
    let now = Mutex<Int64>(0)
}
