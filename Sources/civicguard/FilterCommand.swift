import ArgumentParser
import CivicGuard

struct FilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Screen messages from standard input before they are published.",
        discussion: """
            Text mode (default): all of standard input is one message. Exit 0: publish what is on standard \
            output (redacted where needed; a flag is reported on standard error). Exit 1: blocked. Exit 3: held \
            for review. Exit 2: usage, configuration or input error. On 1, 2 and 3 standard output is empty.

            JSON Lines mode (--jsonl): one object per input line, {"id", "text", "direction", "channel", \
            "department", "author", "in_reply_to"} (only "text" is required), and exactly one output line per \
            input line, in order. Exit 0 when every line was answered, 2 for configuration errors.

            Flagged, held and blocked messages are recorded in the review store (see 'civicguard review'): \
            --store, $CIVICGUARD_STORE, else $XDG_DATA_HOME/civicguard/review.sqlite. The original text is \
            kept only sealed, and only when $CIVICGUARD_SEAL_KEY or $CIVICGUARD_SEAL_KEY_FILE is set.
            """)

    @OptionGroup var configuration: ConfigurationOptions

    @Flag(name: .long, help: "Read and write JSON Lines, one message per line.")
    var jsonl = false

    @Option(name: .long, help: "Direction of the message(s): incoming or outgoing.")
    var direction: Direction = .outgoing

    @Option(name: .long, help: "Channel the message is published on (twitter, facebook, …).")
    var channel: String?

    @Option(name: .long, help: "Department that writes or receives the message.")
    var department: String?

    @Flag(name: .long, help: "Explain each finding on standard error, with personal data masked.")
    var explain = false

    @Option(name: .long, help: "Review store to record flagged, held and blocked messages in.")
    var store: String?

    @Flag(name: .long, help: "Record nothing for review.")
    var noStore = false

    func run() throws {
        let ruleSet = try configuration.loadRuleSet()
        let screener = Screener(ruleSet: ruleSet)
        let recorder = try makeRecorder(ruleSet)
        if jsonl {
            let defaults = JSONLFilter.Defaults(direction: direction, channel: channel, department: department)
            var filter = JSONLFilter(screener: screener, defaults: defaults)
            filter.recorder = recorder
            if explain { filter.observer = Self.explainRecord }
            Interruption.install()
            let summary: JSONLFilter.Summary
            do {
                summary = try filter.run(input: 0, output: 1)
            } catch {
                throw CommandFailure(status: 2, message: error.description)
            }
            Standard.finish(status: summary.interrupted.map(Interruption.exitStatus) ?? 0)
        }
        let limit = ruleSet.policy.limits.maximumMessageBytes
        let input: (bytes: [UInt8], truncated: Bool)
        do {
            input = try FileSystem.readPrefix(0, path: "standard input", limit: limit)
        } catch {
            throw CommandFailure(status: 2, message: "cannot read \(error)")
        }
        let template = Message(text: "", direction: direction, channel: channel, department: department)
        let outcome = TextFilter(screener: screener, recorder: recorder).run(
            input.bytes, truncated: input.truncated, message: template)
        switch outcome {
        case .publish(let text, let verdict):
            report(verdict, input.bytes)
            Standard.output(text)
            if verdict.findings.contains(where: { $0.action == .flag }) {
                Standard.error("civicguard: published and flagged for review")
            }
            Standard.finish(status: 0)
        case .blocked(let verdict):
            report(verdict, input.bytes)
            throw CommandFailure(status: outcome.exitCode, message: "blocked: \(summary(verdict, .block))")
        case .held(let verdict):
            report(verdict, input.bytes)
            throw CommandFailure(status: outcome.exitCode, message: "held for review: \(summary(verdict, .hold))")
        case .rejected(let reason):
            throw CommandFailure(status: outcome.exitCode, message: reason)
        }
    }

    /// The review recorder, unless `--no-store`. The store opens only when a message needs recording; a seal
    /// key that is set but unusable is a configuration error now rather than a surprise later.
    private func makeRecorder(_ ruleSet: RuleSet) throws -> ReviewRecorder? {
        if noStore { return nil }
        let sealer = try Sealer.fromEnvironment(FileSystem.environment)
        let path = store ?? ReviewStore.defaultPath()
        let recorder = ReviewRecorder(ruleSet: ruleSet, sealer: sealer) { () throws(ReviewError) in
            try ReviewStore(path: path)
        }
        var reported: Set<String> = []
        recorder.failed = { error in
            guard reported.insert(error.description).inserted else { return }
            Standard.error("civicguard: review store: \(error); flagged messages are held instead")
        }
        return recorder
    }

    /// `--explain` in JSON Lines mode: a heading per record, then its findings, on standard error.
    static func explainRecord(line: Int, id: JSONValue?, outcome: Result<(Verdict, Message), JSONLFilter.Failure>) {
        var writer = JSONWriter()
        writer.value(id ?? .null)
        let name = id == nil ? "" : " (id \(String(decoding: writer.bytes, as: UTF8.self)))"
        switch outcome {
        case .failure(let failure):
            Standard.error("line \(line)\(name): block: \(failure.reason)")
        case .success(let (verdict, message)):
            Standard.error("line \(line)\(name): \(message.direction.rawValue) \(verdict.decision.rawValue)")
            if !verdict.findings.isEmpty {
                let text = Explanation.render(verdict, text: message.text)
                Standard.error(text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            }
        }
    }

    private func report(_ verdict: Verdict, _ bytes: [UInt8]) {
        guard explain, !verdict.findings.isEmpty else { return }
        Standard.error(Explanation.render(verdict, text: String(decoding: bytes, as: UTF8.self)))
    }

    private func summary(_ verdict: Verdict, _ action: Action) -> String {
        var seen: [String] = []
        for finding in verdict.findings where finding.action == action && !seen.contains(finding.rule.id) {
            seen.append(finding.rule.id)
        }
        return seen.joined(separator: ", ")
    }
}
