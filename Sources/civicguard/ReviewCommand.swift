import ArgumentParser
import CivicGuard

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "The review queue: decide on flagged, held and blocked messages; audit the decisions.",
        discussion: """
            The filter records what the policy's review section names (by default every flag, hold and block) \
            in the store: --store, $CIVICGUARD_STORE, else $XDG_DATA_HOME/civicguard/review.sqlite.

            approve: the message may be published as written (the finding was a false alarm); for a held \
            outgoing message it prints the publishable text, and exits 3 while a second approval is missing. \
            reject: it must not be published (the finding was right). Nobody approves their own message, and \
            holds expire after the policy's hold_expires_after, unpublished.

            Exit 0: done; 1: refused (four eyes, claimed by someone else, expired, no such record) or, for \
            verify, a broken trail; 2: usage or store error.
            """,
        subcommands: [
            List.self, Show.self, Claim.self, Approve.self, Reject.self, Escalate.self, Stats.self, Export.self,
            Purge.self, Forget.self, Verify.self, Keygen.self, Bench.self,
        ])
}

extension ReviewCommand {
    /// `record 12` or `records 12, 13, 14`.
    static func name(_ ids: [Int64]) -> String {
        (ids.count == 1 ? "record " : "records ") + ids.map(String.init).joined(separator: ", ")
    }
}

/// Where the store is. Reviewer commands never create one: a missing store is a mistake in the path.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long, help: "Review store (default: $CIVICGUARD_STORE, else $XDG_DATA_HOME/civicguard/review.sqlite).")
    var store: String?

    func open() throws -> ReviewStore {
        let path = store ?? ReviewStore.defaultPath()
        guard FileSystem.isFile(path) else {
            throw ReviewError.configuration(
                "no review store at \(path); the filter creates it when it first records a message (see --store)")
        }
        return try ReviewStore(path: path)
    }
}

/// The filters `list` and `export` share.
struct RecordFilterOptions: ParsableArguments {
    @Option(name: .long, help: "pending (open, claimed, escalated), all, or a status (repeatable).")
    var status: [String] = []

    @Option(name: .long, help: "flag, hold or block (repeatable).")
    var decision: [Action] = []

    @Option(name: .long, help: "Only this department.")
    var department: String?

    @Option(name: .long, help: "Only this channel.")
    var channel: String?

    @Option(name: .long, help: "Only records with a finding of this rule.")
    var rule: String?

    @Option(name: .long, help: "Only records from this time on: a date (2026-11-01) or a span back from now (7d).")
    var since: String?

    func filter(defaultStatuses: [ReviewStatus]) throws -> ReviewFilter {
        var statuses: [ReviewStatus] = status.isEmpty ? defaultStatuses : []
        for name in status {
            switch name {
            case "pending": statuses += [.open, .claimed, .escalated]
            case "all": statuses = []
            default:
                guard let value = ReviewStatus(rawValue: name) else {
                    let names = ["pending", "all"] + ReviewStatus.allCases.map(\.rawValue)
                    throw ValidationError(
                        "unknown status \"\(name)\"; expected one of \(names.joined(separator: ", "))")
                }
                statuses.append(value)
            }
        }
        var cutoff: Int64?
        if let since {
            if let span = TimeSpan(since) {
                cutoff = Timestamp.now() - span.milliseconds
            } else if let time = Timestamp.parse(since) {
                cutoff = time
            } else {
                throw ValidationError("--since: expected a date like 2026-11-01 or a span; \(TimeSpan.expected)")
            }
        }
        return ReviewFilter(
            statuses: Array(Set(statuses)).sorted { $0.rawValue < $1.rawValue }, decisions: decision,
            department: department, channel: channel, rule: rule, since: cutoff)
    }
}

/// A reviewer's name and note. Notes pass through the personal-data recognisers before they are stored.
struct ReviewerOptions: ParsableArguments {
    @Option(name: .long, help: "Who acts (as the author field of messages names people, for the four-eyes check).")
    var reviewer: String

    @Option(name: .long, help: "A note for the audit trail (personal data in it is redacted).")
    var note: String?

    @OptionGroup var configuration: ConfigurationOptions

    /// Applies `action` to the records `ids` and says so on standard error.
    func apply(_ action: ReviewAction, to ids: [Int64], in store: StoreOptions) throws {
        try store.open().act(action, ids: ids, reviewer: reviewer, note: try redactedNote())
        Standard.error("civicguard: \(ReviewCommand.name(ids)) \(action.event.rawValue) by \(reviewer)")
    }

    func redactedNote() throws -> String? {
        guard let note else { return nil }
        return ReviewRecorder.redactingPersonalData(note, screener: Screener(ruleSet: try configuration.loadRuleSet()))
    }
}

extension Action: ExpressibleByArgument {}

extension ReviewCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List records, newest first (pending by default).")

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var filterOptions: RecordFilterOptions

        @Option(name: .long, help: "table, json or csv.")
        var format: ListFormat = .table

        @Option(name: .long, help: "At most this many records.")
        var limit: Int = 50

        enum ListFormat: String, ExpressibleByArgument { case table, json, csv }

        func run() throws {
            let store = try storeOptions.open()
            try store.expireDue()
            let records = try store.list(
                filterOptions.filter(defaultStatuses: [.open, .claimed, .escalated]), limit: limit)
            switch format {
            case .table: Standard.output(ReviewFormatter.table(records))
            case .json: Standard.output("[" + records.map(ReviewFormatter.json).joined(separator: ",\n") + "]\n")
            case .csv: Standard.output(ReviewFormatter.csvHeader + records.map(ReviewFormatter.csv).joined())
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a record: findings, redacted text, audit entries; --reveal decrypts the original.")

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The record's id.")
        var id: Int64

        @Flag(name: .long, help: "Decrypt the sealed original (needs the seal key, --reviewer and --reason).")
        var reveal = false

        @Option(name: .long, help: "Who reveals the original (written to the audit trail).")
        var reviewer: String?

        @Option(name: .long, help: "Why the original is needed (written to the audit trail).")
        var reason: String?

        @OptionGroup var configuration: ConfigurationOptions

        func validate() throws {
            guard reveal else { return }
            guard let reviewer, !reviewer.trimmingCharactersIsEmpty else {
                throw ValidationError("--reveal needs --reviewer: who reads the original is written to the audit trail")
            }
            guard let reason, !reason.trimmingCharactersIsEmpty else {
                throw ValidationError(
                    "--reveal needs --reason: why the original is needed is written to the audit trail")
            }
        }

        func run() throws {
            let store = try storeOptions.open()
            try store.expireDue()
            var original: String?
            if reveal, let reviewer, let reason {
                let screener = Screener(ruleSet: try configuration.loadRuleSet())
                original = try store.reveal(
                    id: id, reviewer: reviewer,
                    reason: ReviewRecorder.redactingPersonalData(reason, screener: screener),
                    sealer: try Sealer.fromEnvironment(FileSystem.environment))
            }
            Standard.output(ReviewFormatter.show(try store.record(id: id), audit: try store.audit(record: id)))
            if let original {
                Standard.output("original (revealed; the reveal is in the audit trail)\n" + original + "\n")
            }
        }
    }

    struct Claim: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "claim",
            abstract: "Take records: only you act on them until you decide.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The records' ids (all or none are claimed).") var ids: [Int64]
        @OptionGroup var reviewer: ReviewerOptions

        func run() throws {
            try reviewer.apply(.claim, to: ids, in: storeOptions)
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
            abstract: "Approve a record for publication; prints a held outgoing message's publishable text.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The record's id.") var id: Int64
        @OptionGroup var reviewer: ReviewerOptions

        func run() throws {
            let record = try storeOptions.open().act(
                .approve, id: id, reviewer: reviewer.reviewer, note: try reviewer.redactedNote())
            guard record.status == .approved else {
                throw CommandFailure(
                    status: 3,
                    message:
                        "record \(record.id): approval \(record.approvals.count) of \(record.approvalsNeeded); another reviewer must approve it too"
                )
            }
            Standard.error("civicguard: record \(record.id) approved by \(record.approvals.joined(separator: " and "))")
            if record.direction == .outgoing, record.decision == .hold { Standard.output(record.text + "\n") }
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reject", abstract: "Reject records: they must not be published.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The records' ids (all or none are rejected).") var ids: [Int64]
        @OptionGroup var reviewer: ReviewerOptions

        func run() throws {
            try reviewer.apply(.reject, to: ids, in: storeOptions)
        }
    }

    struct Escalate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "escalate", abstract: "Pass records up to a senior reviewer.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The records' ids (all or none are escalated).") var ids: [Int64]
        @OptionGroup var reviewer: ReviewerOptions

        func run() throws {
            try reviewer.apply(.escalate, to: ids, in: storeOptions)
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Counts per status, decision, rule, category, department and week; false alarms per rule.")
        @OptionGroup var storeOptions: StoreOptions

        @Option(name: .long, help: "text or json.")
        var format: StatsFormat = .text

        enum StatsFormat: String, ExpressibleByArgument { case text, json }

        func run() throws {
            let store = try storeOptions.open()
            try store.expireDue()
            let statistics = try store.statistics()
            Standard.output(
                format == .json
                    ? ReviewFormatter.statisticsJSON(statistics) : ReviewFormatter.statistics(statistics))
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export records (all by default) as JSON or CSV; never the sealed originals.")
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var filterOptions: RecordFilterOptions

        @Option(name: .long, help: "json or csv.")
        var format: ExportFormat = .json

        enum ExportFormat: String, ExpressibleByArgument { case json, csv }

        func run() throws {
            let store = try storeOptions.open()
            try store.expireDue()
            var buffer = format == .json ? "[" : ReviewFormatter.csvHeader
            var first = true
            try store.export(try filterOptions.filter(defaultStatuses: [])) { record in
                if format == .json {
                    buffer += (first ? "\n" : ",\n") + ReviewFormatter.json(record)
                } else {
                    buffer += ReviewFormatter.csv(record)
                }
                first = false
                if buffer.utf8.count >= 1 << 16 {
                    Standard.output(buffer)
                    buffer = ""
                }
            }
            if format == .json { buffer += "\n]\n" }
            Standard.output(buffer)
        }
    }

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Delete records older than a retention period; each leaves an audit entry.")
        @OptionGroup var storeOptions: StoreOptions

        @Option(name: .long, help: "Retention period: records recorded longer ago are deleted (90d, 26w).")
        var olderThan: String

        @Option(name: .long, help: "Who runs the purge (written to the audit trail).")
        var reviewer: String = "retention"

        func run() throws {
            guard let span = TimeSpan(olderThan) else { throw ValidationError("--older-than: \(TimeSpan.expected)") }
            let count = try storeOptions.open().purge(before: Timestamp.now() - span.milliseconds, actor: reviewer)
            Standard.error("civicguard: purged \(count) record\(count == 1 ? "" : "s") older than \(span)")
        }
    }

    struct Forget: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "forget",
            abstract: "Erasure request: delete every record of one author; the audit entries do not name them.")
        @OptionGroup var storeOptions: StoreOptions

        @Option(name: .long, help: "The author's pseudonym (a-…) or name, as the filter's author field gave it.")
        var author: String

        @Option(name: .long, help: "Who carries out the request (written to the audit trail).")
        var reviewer: String

        func run() throws {
            let store = try storeOptions.open()
            let pseudonym = Pseudonymiser.isPseudonym(author) ? author : store.pseudonym(author)
            let count = try store.forget(author: pseudonym, actor: reviewer)
            Standard.error("civicguard: deleted \(count) record\(count == 1 ? "" : "s") of \(pseudonym)")
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the audit trail's hash chain and every record against it; exit 1 if broken.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let report = try storeOptions.open().verify()
            Standard.output(ReviewFormatter.verification(report))
            if report.problem != nil { throw CommandFailure(status: 1, message: "") }
        }
    }

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen",
            abstract:
                "Make a random key (64 hexadecimal characters) for CIVICGUARD_SEAL_KEY_FILE or CIVICGUARD_AUDIT_KEY_FILE."
        )

        @Option(name: .long, help: "Write the key to this file (readable only by you) instead of standard output.")
        var output: String?

        func run() throws {
            let key = Sealer.generateKey() + "\n"
            guard let output else { return Standard.output(key) }
            if FileSystem.isFile(output) {
                throw ValidationError("\(output) exists; a new key would make its sealed originals unreadable")
            }
            do {
                try FileSystem.write(Array(key.utf8), to: output, mode: 0o600)
            } catch {
                throw ReviewError.configuration("cannot write the key: \(error)")
            }
            Standard.error("civicguard: wrote a seal key to \(output); keep a copy where the store is not")
        }
    }
}

extension ReviewCommand {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Time the review store at scale: recording, list queries and stats (release build).",
            discussion: """
                Fills --store (never your real store) up to --records with records made from the corpus's \
                flagged, held and blocked messages, 95% of them decided; a store that holds enough is reused.
                """)

        @OptionGroup var configuration: ConfigurationOptions

        @Option(name: .long, help: "A scratch store to fill and time (reused when it holds enough records).")
        var store: String

        @Option(name: .long, help: "How many records the store should hold.")
        var records: Int = 1_000_000

        @Option(name: .long, help: "JSON Lines corpus the records are made from.")
        var corpus: String = "samples/bench.jsonl"

        @Option(name: .long, help: "How many times to run each query (median).")
        var `repeat`: Int = 5

        func run() throws {
            if store == ReviewStore.defaultPath() {
                throw ValidationError("--store names your review store; give a scratch file")
            }
            let ruleSet = try configuration.loadRuleSet()
            let messages = CorpusReader.messages(try FileSystem.read(corpus), direction: .incoming)
            let benchmark = try ReviewBenchmark(path: store, ruleSet: ruleSet)
            let result = try benchmark.run(messages: messages, records: records, repeat: self.repeat) { line in
                Standard.error("civicguard: \(line)")
            }
            var lines = [
                "store:    \(store), \(result.records) records"
                    + (result.fillSeconds > 0 ? " (filled in \(result.fillSeconds.formatted(decimals: 2)) s)" : ""),
                "record:   \(result.recordMilliseconds.formatted(decimals: 2)) ms median per message (one transaction each)",
            ]
            for query in result.queries {
                lines.append(
                    "\(query.name.rightPadded(56)) \(query.milliseconds.formatted(decimals: 2)) ms median")
            }
            Standard.output(lines.joined(separator: "\n") + "\n")
        }
    }
}

extension String {
    fileprivate var trimmingCharactersIsEmpty: Bool { allSatisfy(\.isWhitespace) }
}
