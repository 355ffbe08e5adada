import ArgumentParser
import CivicGuard

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check rule packs and policies; report every problem as path:line:col (exit 2 if any).",
        discussion: "Without paths, checks the configured rules directory and every policy beside it.")

    @OptionGroup var configuration: ConfigurationOptions

    @Argument(help: "Rule pack and policy files or directories.")
    var paths: [String] = []

    func run() throws {
        let located = try configuration.paths()
        var targets = paths
        if targets.isEmpty {
            targets = [located.rulesDirectory]
            let policies = FileSystem.parent(of: located.policyFile)
            if FileSystem.isDirectory(policies) { targets.append(policies) } else { targets.append(located.policyFile) }
        }
        let summary = try ConfigurationValidator.validate(paths: targets, rulesDirectory: located.rulesDirectory)
        var parts: [String] = []
        if summary.packs > 0 { parts.append("\(summary.packs) packs with \(summary.rules) rules") }
        if summary.policies > 0 { parts.append("\(summary.policies) policies") }
        Standard.output("ok: \(parts.isEmpty ? "nothing to check" : parts.joined(separator: ", "))\n")
        if !summary.ungated.isEmpty {
            Standard.output(
                "note: \(summary.ungated.count) rules run on every message (no keywords, digit count or prefilter):"
                    + " \(summary.ungated.joined(separator: ", "))\n")
        }
    }
}
