import Crypto

/// The packs a policy selects, compiled, with the policy: everything a filter needs, immutable and shared by
/// every thread.
public struct RuleSet: Sendable {
    public let policy: Policy
    public let packs: [RulePack]
    /// A short digest of every loaded rule file and the policy, reported with each decision so a reviewer
    /// knows exactly which rules decided.
    public let version: String
    let incoming: [GatedRule]
    let outgoing: [GatedRule]
    /// The gate keywords of every rule, for each view: one scan of a message tells which rules may match.
    let originalKeywords: KeywordIndex
    let normalisedKeywords: KeywordIndex

    /// A rule with its slot in its view's keyword index (-1: the rule has no keywords and always runs).
    struct GatedRule {
        let rule: Rule
        let slot: Int
    }

    public init(policy: Policy, packs allPacks: [RulePack], fileContents: [[UInt8]]) {
        self.policy = policy
        packs = allPacks.filter { pack in policy.packs.contains { PolicyLoader.glob($0, matches: pack.id) } }
        let rules = packs.flatMap(\.rules)
        var slots: [ObjectIdentifier: Int] = [:]
        var keywords: [TextView: [[KeywordIndex.Keyword]]] = [.original: [], .normalised: []]
        for rule in rules where !rule.gate.keywords.isEmpty {
            slots[ObjectIdentifier(rule)] = keywords[rule.view]!.count
            keywords[rule.view]!.append(rule.gate.keywords)
        }
        originalKeywords = KeywordIndex(keywords: keywords[.original]!)
        normalisedKeywords = KeywordIndex(keywords: keywords[.normalised]!)
        let gated = rules.map { GatedRule(rule: $0, slot: slots[ObjectIdentifier($0)] ?? -1) }
        incoming = gated.filter { $0.rule.directions.contains(.incoming) }
        outgoing = gated.filter { $0.rule.directions.contains(.outgoing) }
        var hasher = SHA256()
        for content in fileContents { hasher.update(data: content) }
        version = hasher.finalize().prefix(6).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
    }

    public var rules: [Rule] { packs.flatMap(\.rules) }

    /// Every compiled pattern of the selected rules: clauses, proximity, exceptions and context.
    public var patterns: [Pattern] { rules.flatMap(\.allPatterns) }

    func rules(for direction: Direction) -> [GatedRule] {
        direction == .incoming ? incoming : outgoing
    }

    func keywords(for view: TextView) -> KeywordIndex {
        view == .original ? originalKeywords : normalisedKeywords
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
