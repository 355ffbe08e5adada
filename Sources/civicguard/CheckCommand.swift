import ArgumentParser
import CivicGuard

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check reply templates in files and directories (CI gate); exit 1 when a finding fails the gate.",
        discussion: """
            Reads plain-text and Markdown templates, and YAML and JSON catalogues whose string values are \
            templates; '-' reads standard input. Templates are screened as outgoing messages by the policy. \
            Exit 0: no finding at or above --fail-on; 1: findings at or above it; 2: usage or configuration error.
            Defaults come from the 'check:' section of .civicguard.yaml (paths, include, exclude, format, fail_on, \
            baseline, direction).
            """)

    @OptionGroup var configuration: ConfigurationOptions

    @Argument(help: "Files and directories to check ('-' for standard input).")
    var paths: [String] = []

    @Option(name: .long, help: "Output format: text, json, sarif, junit or github.")
    var format: String?

    @Option(
        name: .customLong("fail-on"),
        help: "The weakest action that fails: allow, flag, redact, hold, block (default hold).")
    var failOn: String?

    @Option(name: .long, help: "Direction of the templates: outgoing (default) or incoming.")
    var direction: String?

    @Option(name: .long, help: "Channel the templates are published on.")
    var channel: String?

    @Option(name: .long, help: "Department that owns the templates.")
    var department: String?

    @Option(name: .long, help: "Only check files matching this glob (repeatable).")
    var include: [String] = []

    @Option(name: .long, help: "Skip files matching this glob (repeatable).")
    var exclude: [String] = []

    @Option(name: .long, help: "Report only findings that are not in this baseline file.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Record today's findings in this file (keyed hashes, no text).")
    var writeBaseline: String?

    @Option(name: .long, help: "Write the report to this file instead of standard output.")
    var output: String?

    func run() throws {
        let settings = try ConfigurationLocator().checkSettings()
        guard let format = CheckFormatter.Format(rawValue: format ?? settings.format ?? "text") else {
            throw CommandFailure(
                status: 2, message: "unknown format; expected one of: text, json, sarif, junit, github")
        }
        guard let threshold = Action(rawValue: failOn ?? settings.failOn ?? "hold") else {
            throw CommandFailure(
                status: 2, message: "unknown --fail-on; expected one of: allow, flag, redact, hold, block")
        }
        guard let direction = Direction(rawValue: direction ?? settings.direction ?? "outgoing") else {
            throw CommandFailure(status: 2, message: "unknown direction; expected incoming or outgoing")
        }
        let ruleSet = try configuration.loadRuleSet()
        var options = CheckRunner.Options()
        options.direction = direction
        options.channel = channel
        options.department = department
        options.include = (include.isEmpty ? settings.include : include).map(Glob.init)
        options.exclude = (exclude.isEmpty ? settings.exclude : exclude).map(Glob.init)
        if let baselineFile = baseline ?? settings.baseline, writeBaseline == nil {
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.read(baselineFile)
            } catch {
                throw CommandFailure(status: 2, message: "cannot read the baseline: \(error)")
            }
            switch Baseline.read(bytes) {
            case .success(let fingerprints): options.baseline = fingerprints
            case .failure(let error): throw CommandFailure(status: 2, message: "\(baselineFile): \(error)")
            }
        }
        let runner = CheckRunner(ruleSet: ruleSet, options: options)
        let targets = paths.isEmpty ? (settings.paths.isEmpty ? ["."] : settings.paths) : paths
        let files: [String]
        do {
            files = try runner.discover(targets)
        } catch {
            throw CommandFailure(status: 2, message: error.description)
        }
        let report = runner.run(files) { () throws(FileSystem.Error) in
            try FileSystem.readPrefix(0, path: "standard input", limit: 16 << 20).bytes
        }
        if let writeBaseline {
            do {
                try FileSystem.write(Array(Baseline.write(report.fingerprints).utf8), to: writeBaseline)
            } catch {
                throw CommandFailure(status: 2, message: "cannot write the baseline: \(error)")
            }
            Standard.error("civicguard: recorded \(Set(report.fingerprints).count) findings in \(writeBaseline)")
        }
        let rendered = CheckFormatter.render(report, as: format, ruleSet: ruleSet)
        if let output {
            do {
                try FileSystem.write(Array(rendered.utf8), to: output)
            } catch {
                throw CommandFailure(status: 2, message: "cannot write the report: \(error)")
            }
        } else {
            Standard.output(rendered)
        }
        let failing = writeBaseline == nil && report.findings.contains { $0.action >= threshold && $0.action != .allow }
        Standard.finish(status: failing ? 1 : 0)
    }
}
