/// What `civicguard validate` does: loads rule packs and policies exactly as the filter would and reports every
/// problem in all of them.
///
/// A YAML file whose top level has a `packs` key is a policy; any other is a rule pack. Policies are checked
/// against the packs given (or, when none is given, against the configured rules directory).
public enum ConfigurationValidator {
    public struct Summary: Sendable {
        public var packs = 0
        public var rules = 0
        public var policies = 0
        /// Rules with no gate (no keywords, digit count or prefilter): they run on every message, which is
        /// right for a few and a slip for most (a regex without `keywords:`).
        public var ungated: [String] = []
    }

    public static func validate(paths: [String], rulesDirectory: String) throws(ConfigurationError) -> Summary {
        var packFiles: [String] = []
        var policyFiles: [String] = []
        var diagnostics: [Diagnostic] = []
        // A file under two of the paths (the rules directory inside the policies' folder) is checked once.
        var seen = Set<String>()
        for path in paths {
            do {
                for file in try FileSystem.files(under: path, extensions: [".yaml", ".yml"])
                where seen.insert(FileSystem.canonicalPath(file)).inserted {
                    if isPolicy(file) { policyFiles.append(file) } else { packFiles.append(file) }
                }
            } catch {
                diagnostics.append(Diagnostic(SourceMark(file: path, line: 1, column: 1), error.reason))
            }
        }
        var summary = Summary()
        var packs: [RulePack] = []
        do {
            if packFiles.isEmpty {
                packs = try RulePackLoader.load(
                    files: (try? FileSystem.files(under: rulesDirectory, extensions: [".yaml", ".yml"])) ?? [])
            } else {
                packs = try RulePackLoader.load(files: packFiles)
                try RulePackLoader.compileAll(packs)
                summary.packs = packs.count
                summary.rules = packs.reduce(0) { $0 + $1.rules.count }
                summary.ungated = packs.flatMap(\.rules).filter(\.isUngated).map(\.id)
            }
        } catch {
            diagnostics += error.diagnostics
        }
        for file in policyFiles {
            do {
                _ = try PolicyLoader.load(file: file, packs: packs)
                summary.policies += 1
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw ConfigurationError(diagnostics) }
        return summary
    }

    /// Whether the YAML file's top-level mapping has a `packs` key. Unreadable files count as packs, whose
    /// loader then reports what is wrong.
    static func isPolicy(_ file: String) -> Bool {
        guard let bytes = try? FileSystem.read(file), let root = try? YAMLParser.parse(bytes, file: file),
            case .mapping(let pairs) = root.content
        else { return false }
        return pairs.contains { $0.key.scalar == "packs" }
    }
}
