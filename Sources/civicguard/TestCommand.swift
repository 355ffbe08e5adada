import ArgumentParser
import CivicGuard

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every rule's own examples (match, no_match, redacted); exit 1 if any fails.")

    @OptionGroup var configuration: ConfigurationOptions

    @Argument(help: "Rule pack files or directories (default: the configured rules directory).")
    var paths: [String] = []

    func run() throws {
        var files: [String] = []
        for path in paths.isEmpty ? [try configuration.paths().rulesDirectory] : paths {
            do {
                files += try FileSystem.files(under: path, extensions: [".yaml", ".yml"])
            } catch {
                throw CommandFailure(status: 2, message: error.description)
            }
        }
        let packs = try RulePackLoader.load(files: files)
        try RulePackLoader.compileAll(packs)
        let report = RuleTester().run(packs)
        for failure in report.failures { Standard.output("\(failure)\n") }
        Standard.output(report.summary + "\n")
        if !report.failures.isEmpty { throw CommandFailure(status: 1, message: "") }
    }
}
