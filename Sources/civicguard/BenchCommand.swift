import ArgumentParser
import CivicGuard

#if canImport(Glibc)
    import Glibc
#endif

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure screening throughput on a JSONL corpus and show the most expensive rules.",
        discussion: "Build in release mode first (make release); debug builds are 10-50x slower.")

    @OptionGroup var configuration: ConfigurationOptions

    @Option(name: .long, help: "JSON Lines corpus with a \"text\" (and optional \"direction\") per line.")
    var corpus: String

    @Option(name: .long, help: "Also time loading the rules and policy this many times (median).")
    var loads: Int = 0

    @Option(name: .long, help: "Direction for lines that have none.")
    var direction: Direction = .incoming

    @Option(name: .long, help: "How many times to screen the corpus.")
    var `repeat`: Int = 5

    @Option(name: .long, help: "How many rules to list.")
    var top: Int = 10

    @Option(
        name: .long,
        help: "Also measure throughput by message length: comma-separated lengths in code points (200,1000,60000).",
        transform: { text in
            try text.split(separator: ",").map { part in
                guard let length = Int(part.filter { $0 != " " }), length > 0 else {
                    throw ValidationError("--sizes takes positive lengths separated by commas, e.g. 200,1000,60000")
                }
                return length
            }
        })
    var sizes: [Int] = []

    func run() throws {
        let paths = try configuration.paths()
        let ruleSet = try RuleSet.load(rulesDirectory: paths.rulesDirectory, policyFile: paths.policyFile)
        if loads > 0 {
            let fresh = try Benchmark.loadTime(
                rulesDirectory: paths.rulesDirectory, policyFile: paths.policyFile, count: loads)
            Standard.output(
                "load:        \((fresh * 1000).formatted(decimals: 2)) ms median to load rules and policy from YAML (\(loads) loads)\n"
            )
            let directory = "/tmp/civicguard-bench-\(getpid())"
            defer { _ = try? FileSystem.removeTree(directory) }
            let cache = RuleSnapshotCache(directory: directory)
            _ = try RuleSet.load(rulesDirectory: paths.rulesDirectory, policyFile: paths.policyFile, cache: cache)
            let cached = try Benchmark.loadTime(
                rulesDirectory: paths.rulesDirectory, policyFile: paths.policyFile, count: loads, cache: cache)
            Standard.output(
                "             \((cached * 1000).formatted(decimals: 2)) ms median from a rule snapshot\n")
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(corpus)
        } catch {
            throw CommandFailure(status: 2, message: error.description)
        }
        let messages = CorpusReader.messages(bytes, direction: direction)
        guard !messages.isEmpty else { throw CommandFailure(status: 2, message: "\(corpus): no messages") }
        let result = Benchmark(ruleSet: ruleSet).run(messages, repeat: max(1, self.repeat), profile: top > 0)
        let rules = ruleSet.rules.count
        Standard.output(
            """
            corpus:      \(corpus) (\(messages.count) messages, \(result.bytes / max(1, self.repeat)) bytes)
            rules:       \(rules) in \(ruleSet.packs.count) packs, policy \(ruleSet.policy.id); \(ruleSet.patterns.count) patterns, \(ruleSet.patterns.filter { $0.prepare() }.count) JIT-compiled
            screened:    \(result.messages) messages in \(self.repeat) passes on one thread (median pass counts)
            throughput:  \((result.messagesPerSecond).formatted(decimals: 0)) messages/s, \((result.megabytesPerSecond).formatted(decimals: 2)) MB/s (median pass; fastest pass \((result.bestMessagesPerSecond).formatted(decimals: 0)) messages/s)
            normalised:  \((Benchmark.normalisationTime(messages, count: self.repeat) * 1_000_000).formatted(decimals: 2)) µs per message to build the normalised view (paid only when a normalised rule runs; included above)
            per message: \((result.setupSeconds * 1000).formatted(decimals: 2)) ms in the instrumented pass for the keyword index and digit counts, before any rule (not in the rules' times)
            slowest rules (one instrumented pass):

            """)
        for entry in result.rules.prefix(top) {
            Standard.output(
                "  \((entry.share * 100).formatted(decimals: 1).leftPadded(5))%  \((entry.seconds * 1000).formatted(decimals: 2).leftPadded(8)) ms  "
                    + "runs on \((entry.runs * 100).formatted(decimals: 0).leftPadded(3))%  \(entry.id)\n"
            )
        }
        guard !sizes.isEmpty else { return }
        Standard.output("by length (screened and encoded as output records, best of 3 passes of about 2 MB):\n")
        for point in Benchmark(ruleSet: ruleSet).sizeSweep(messages, lengths: sizes) {
            Standard.output(
                "  \(String(point.length).leftPadded(7)) code points: \(point.megabytesPerSecond.formatted(decimals: 2).leftPadded(6)) MB/s, "
                    + "\((point.secondsPerMessage * 1_000_000).formatted(decimals: 1).leftPadded(9)) µs per message (\(point.messages) messages)\n"
            )
        }
    }

}
