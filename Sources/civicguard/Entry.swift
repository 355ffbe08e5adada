import ArgumentParser
import CivicGuard

#if canImport(Glibc)
    import Glibc
#endif

/// Maps every outcome to the documented exit status: usage and configuration errors are 2, not
/// ArgumentParser's 64, so a posting workflow has one code meaning "nothing was checked".
@main
enum Entry {
    static func main() {
        Standard.reportWriteFailures()
        do {
            var command = try CivicGuardCommand.parseAsRoot()
            try command.run()
        } catch let error as ConfigurationError {
            Standard.error(error.description)
            exit(2)
        } catch let error as ReviewError {
            Standard.error("civicguard: \(error)")
            if case .configuration = error { exit(2) }
            exit(1)
        } catch let error as CommandFailure {
            if !error.message.isEmpty { Standard.error("civicguard: \(error.message)") }
            Standard.finish(status: error.status)
        } catch {
            let code = CivicGuardCommand.exitCode(for: error)
            let message = CivicGuardCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Standard.output(message + "\n") }
                exit(0)
            }
            if !message.isEmpty { Standard.error(message) }
            exit(code == .failure || code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

struct CivicGuardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civicguard",
        abstract: "Keeps a public body's social-media conversation inside its code of conduct and privacy law.",
        version: "0.1.0",
        subcommands: [
            FilterCommand.self, CheckCommand.self, ReviewCommand.self, ValidateCommand.self, TestCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: nil)
}

/// An exit with a given status and an optional one-line message for standard error.
struct CommandFailure: Error {
    let status: Int32
    let message: String
}
