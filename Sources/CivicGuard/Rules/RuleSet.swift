import Crypto

/// The packs a policy selects, compiled, with the policy: everything a filter needs, immutable and shared by
/// every thread.
public struct RuleSet: Sendable {
    public let policy: Policy
    public let packs: [RulePack]
    /// A short digest of every loaded rule file and the policy, reported with each decision so a reviewer
    /// knows exactly which rules decided.
    public let version: String
    let incoming: [Rule]
    let outgoing: [Rule]

    public init(policy: Policy, packs allPacks: [RulePack], fileContents: [[UInt8]]) {
        self.policy = policy
        packs = allPacks.filter { pack in policy.packs.contains { PolicyLoader.glob($0, matches: pack.id) } }
        let rules = packs.flatMap(\.rules)
        incoming = rules.filter { $0.directions.contains(.incoming) }
        outgoing = rules.filter { $0.directions.contains(.outgoing) }
        var hasher = SHA256()
        for content in fileContents { hasher.update(data: content) }
        version = hasher.finalize().prefix(6).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
    }

    public var rules: [Rule] { packs.flatMap(\.rules) }

    func rules(for direction: Direction) -> [Rule] {
        direction == .incoming ? incoming : outgoing
    }

    /// Loads the rule packs under `rulesDirectory` and the policy at `policyFile`.
    public static func load(rulesDirectory: String, policyFile: String) throws(ConfigurationError) -> RuleSet {
        let files: [String]
        do {
            files = try FileSystem.files(under: rulesDirectory, extensions: [".yaml", ".yml"])
        } catch {
            throw ConfigurationError(
                Diagnostic(
                    SourceMark(file: rulesDirectory, line: 1, column: 1), "cannot read the rules: \(error.reason)"))
        }
        let packs = try RulePackLoader.load(files: files)
        let policy = try PolicyLoader.load(file: policyFile, packs: packs)
        var contents: [[UInt8]] = []
        for file in files + [policyFile] { contents.append((try? FileSystem.read(file)) ?? []) }
        return RuleSet(policy: policy, packs: packs, fileContents: contents)
    }
}
