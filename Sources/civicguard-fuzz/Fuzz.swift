import CivicGuard

#if canImport(Glibc)
    import Glibc
#endif

/// A libFuzzer target for the two parsers that read untrusted bytes: the YAML loader (rule packs, policies,
/// templates from a pull request) and the JSON Lines filter (posts from the internet).
///
/// `CIVICGUARD_FUZZ=yaml` or `jsonl` chooses the target. Built with `make fuzz` (`-sanitize=fuzzer,address`
/// and `-DFUZZING`), libFuzzer drives it; built normally, it replays the files named on its command line, so
/// a crash libFuzzer found can be reproduced and debugged in an ordinary build. A broken contract is a crash:
/// - YAML: a file loads or fails with diagnostics that name it, at `fuzz.yaml:line:col`;
/// - JSON Lines: every line gets exactly one output line, which is a JSON object with a `decision`.
enum FuzzTarget {
    static let kind = FileSystem.environment("CIVICGUARD_FUZZ") ?? "jsonl"

    /// The filter over the bundled rules and default policy, loaded once. libFuzzer calls the target from one
    /// thread.
    nonisolated(unsafe) static let filter: JSONLFilter = {
        do {
            let paths = try ConfigurationLocator().locate(rules: nil, policy: nil)
            let ruleSet = try RuleSet.load(rulesDirectory: paths.rulesDirectory, policyFile: paths.policyFile)
            return JSONLFilter(screener: Screener(ruleSet: ruleSet), defaults: .init(direction: .incoming))
        } catch {
            fatalError("cannot load the bundled rules: \(error)")
        }
    }()

    static func run(_ bytes: [UInt8]) {
        kind == "yaml" ? yaml(bytes) : jsonl(bytes)
    }

    static func yaml(_ bytes: [UInt8]) {
        do throws(ConfigurationError) {
            _ = try YAMLParser.parse(bytes, file: "fuzz.yaml")
        } catch {
            precondition(!error.diagnostics.isEmpty, "an error without a diagnostic")
            for diagnostic in error.diagnostics {
                precondition(diagnostic.description.hasPrefix("fuzz.yaml:"), "a diagnostic without its position")
            }
        }
    }

    static func jsonl(_ bytes: [UInt8]) {
        var writer = JSONWriter()
        for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let before = writer.bytes.count
            _ = filter.process(.complete(Array(line)), number: number + 1, into: &writer)
            let answer = writer.bytes[before...]
            precondition(answer.last == 0x0A && answer.dropLast().allSatisfy { $0 != 0x0A }, "not one line")
            let record = Array(answer.dropLast()).withUnsafeBufferPointer { buffer in
                var parser = JSONParser(buffer)
                return try? parser.parseDocument()
            }
            precondition(record?["decision"] != nil, "an answer that is not a JSON object with a decision")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

#if FUZZING
    /// libFuzzer's driver, for a main of our own: SwiftPM links an executable's entry point as
    /// `civicguard_fuzz_main`, so libFuzzer's own `main` is not the one that runs.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    @_cdecl("civicguard_fuzz_main")
    func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return runDriver(&count, &arguments, fuzzOneInput)
    }
#else
    /// Without libFuzzer: replays the files given as arguments.
    @main
    enum Replay {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                do {
                    FuzzTarget.run(try FileSystem.read(path))
                } catch {
                    print("civicguard-fuzz: \(error)")
                    exit(2)
                }
            }
        }
    }
#endif
