import Foundation

/// Runs the built `civicguard` executable with real standard input and output.
enum Binary {
    static let path = Repository.root + "/.build/debug/civicguard"

    struct Result {
        let status: Int32
        let stdout: Data
        let stderr: String
        var output: String { String(decoding: stdout, as: UTF8.self) }
        var lines: [String] {
            output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        }
    }

    /// Runs the binary with `stdin` as its standard input; output and errors go through files, so no pipe can
    /// fill up and block. With `outputFile`, standard output is that file (`/dev/full`), and `stdout` is empty.
    static func run(
        _ arguments: [String], stdin: Data = Data(), environment: [String: String] = [:],
        directory: String = Repository.root, outputFile: String? = nil
    ) throws -> Result {
        let scratch = TemporaryDirectory()
        let inputFile = scratch.path + "/stdin"
        let capture = outputFile == nil
        let outputFile = outputFile ?? scratch.path + "/stdout"
        let errorFile = scratch.path + "/stderr"
        try stdin.write(to: URL(fileURLWithPath: inputFile))
        if capture { _ = FileManager.default.createFile(atPath: outputFile, contents: nil) }
        _ = FileManager.default.createFile(atPath: errorFile, contents: nil)
        let process = Self.process(arguments, environment: environment, scratch: scratch, directory: directory)
        process.standardInput = FileHandle(forReadingAtPath: inputFile)
        process.standardOutput = FileHandle(forWritingAtPath: outputFile)
        process.standardError = FileHandle(forWritingAtPath: errorFile)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: capture ? try Data(contentsOf: URL(fileURLWithPath: outputFile)) : Data(),
            stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errorFile)), as: UTF8.self))
    }

    /// The binary as a process not yet started, with the test environment: a scratch review store in `scratch`
    /// unless `environment` names one, and the test run's snapshot directory.
    static func process(
        _ arguments: [String], environment: [String: String] = [:], scratch: TemporaryDirectory,
        directory: String = Repository.root
    ) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var variables = ProcessInfo.processInfo.environment
        // A run records into its own scratch store unless the test names one: never the user's.
        variables["CIVICGUARD_STORE"] = scratch.path + "/review.sqlite"
        // Rule snapshots go to one directory for the whole test run, so most runs read one: never the user's.
        variables["CIVICGUARD_CACHE"] = Repository.root + "/.build/test-snapshots"
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        return process
    }

    static func run(_ arguments: [String], input: String, directory: String = Repository.root) throws -> Result {
        try run(arguments, stdin: Data(input.utf8), directory: directory)
    }
}
