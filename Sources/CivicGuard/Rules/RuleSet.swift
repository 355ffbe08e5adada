import Crypto

/// The packs a policy selects, compiled, with the policy: everything a filter needs, immutable and shared by
/// every thread.
public struct RuleSet: Sendable {
    public let policy: Policy
    public let packs: [RulePack]
    /// A short digest of every loaded rule file and the policy, reported with each decision so a reviewer
    /// knows exactly which rules decided.
    public let version: String
    /// Whether the packs came from a rule snapshot (`RuleSnapshotCache`) rather than their YAML.
    public private(set) var fromSnapshot = false
    let incoming: [GatedRule]
    let outgoing: [GatedRule]
    /// The gate keywords of every rule, one index per `TextView.keywordIndex`: one scan of a view tells which
    /// of its rules may match.
    let keywordIndexes: [KeywordIndex]

    /// Each rule's action in a message whose channel and department have no map of their own, for its own
    /// entity, by direction: what nearly every finding needs, without hashing rule ids per finding.
    let generalActions: [ObjectIdentifier: (incoming: Action, outgoing: Action)]

    /// A rule with its slot in its view's keyword index (-1: the rule has no keywords and always runs), and
    /// copies of the gate's digit facts and view: the gates of most rules close on these, which a scan reads
    /// from the rule set's array without retaining the rule.
    struct GatedRule {
        let rule: Rule
        let slot: Int
        let view: TextView
        let minimumDigits: Int
        let minimumDigitGroup: Int

        init(rule: Rule, slot: Int) {
            self.rule = rule
            self.slot = slot
            view = rule.view
            minimumDigits = rule.gate.minimumDigits
            minimumDigitGroup = rule.gate.minimumDigitGroup
        }
    }

    public init(policy: Policy, packs allPacks: [RulePack], fileContents: [[UInt8]]) {
        self.init(policy: policy, packs: allPacks, version: Self.version(of: fileContents), keywords: nil)
    }

    /// The rule set of the packs `policy` selects among `allPacks`, with `keywords` as its keyword indexes when
    /// they were built for exactly those packs (read from a snapshot), or new ones.
    init(
        policy: Policy, packs allPacks: [RulePack], version: String,
        keywords prebuilt: [KeywordIndex]?
    ) {
        self.policy = policy
        self.version = version
        packs = allPacks.filter { Self.selects(policy, $0) }
        let rules = packs.flatMap(\.rules)
        let (gated, keywords) = Self.gate(rules)
        if let prebuilt, prebuilt.map(\.slotCount) == keywords.map(\.count) {
            keywordIndexes = prebuilt
        } else {
            keywordIndexes = keywords.map { KeywordIndex(keywords: $0) }
        }
        incoming = gated.filter { $0.rule.directions.contains(.incoming) }
        outgoing = gated.filter { $0.rule.directions.contains(.outgoing) }
        var actions: [ObjectIdentifier: (incoming: Action, outgoing: Action)] = [:]
        for rule in rules {
            actions[ObjectIdentifier(rule)] = (
                policy.incoming.action(for: rule, in: [policy.incoming.general]),
                policy.outgoing.action(for: rule, in: [policy.outgoing.general])
            )
        }
        generalActions = actions
    }

    /// `rules` with their keyword slots, and the keywords of each index's slots (by `TextView.keywordIndex`):
    /// what the keyword indexes are built from. The filter and `civicguard test` gate rules the same way
    /// through it.
    static func gate(_ rules: [Rule]) -> (rules: [GatedRule], keywords: [[[KeywordIndex.Keyword]]]) {
        var keywords = [[[KeywordIndex.Keyword]]](repeating: [], count: TextView.keywordIndexCount)
        var gated: [GatedRule] = []
        gated.reserveCapacity(rules.count)
        for rule in rules {
            if rule.gate.keywords.isEmpty {
                gated.append(GatedRule(rule: rule, slot: -1))
            } else {
                gated.append(GatedRule(rule: rule, slot: keywords[rule.view.keywordIndex].count))
                keywords[rule.view.keywordIndex].append(rule.gate.keywords)
            }
        }
        return (gated, keywords)
    }

    static func selects(_ policy: Policy, _ pack: RulePack) -> Bool {
        policy.packs.contains { PolicyLoader.glob($0, matches: pack.id) }
    }

    /// The first six bytes of the SHA-256 of every loaded file, in hexadecimal.
    static func version(of fileContents: [[UInt8]]) -> String {
        var hasher = SHA256()
        for content in fileContents { hasher.update(data: content) }
        return Hex.encode(hasher.finalize().prefix(6))
    }

    public var rules: [Rule] { packs.flatMap(\.rules) }

    /// Every compiled pattern of the selected rules: clauses, proximity, exceptions and context.
    public var patterns: [Pattern] { rules.flatMap(\.allPatterns) }

    func rules(for direction: Direction) -> [GatedRule] {
        direction == .incoming ? incoming : outgoing
    }

    func keywords(for view: TextView) -> KeywordIndex {
        keywordIndexes[view.keywordIndex]
    }

    /// Loads the rule packs under `rulesDirectory` and the policy at `policyFile`.
    ///
    /// With a `cache`, the packs (and the keyword indexes, when the policy selects the same packs) come from a
    /// snapshot of an earlier load of exactly these files by this executable when there is one, and a load from
    /// the YAML writes one. The policy is always read from its file.
    public static func load(
        rulesDirectory: String, policyFile: String, cache: RuleSnapshotCache? = nil
    ) throws(ConfigurationError) -> RuleSet {
        let files: [String]
        do {
            files = try FileSystem.files(under: rulesDirectory, extensions: [".yaml", ".yml"])
        } catch {
            throw ConfigurationError(
                Diagnostic(
                    SourceMark(file: rulesDirectory, line: 1, column: 1), "cannot read the rules: \(error.reason)"))
        }
        let contents = files.map { try? FileSystem.read($0) }
        // One pass over the rule files serves both the snapshot key and the version (which adds the policy).
        var hasher = SHA256()
        for content in contents { hasher.update(data: content ?? []) }
        var key: [UInt8]?
        if let cache, !contents.contains(where: { $0 == nil }) {
            key = cache.key(files: files, sizes: contents.map { $0?.count ?? 0 }, digest: Array(hasher.finalize()))
        }
        let snapshot = key.flatMap { cache?.snapshot(for: $0) }
        let allPacks: [RulePack]
        if let snapshot {
            allPacks = snapshot.packs
        } else {
            allPacks = try RulePackLoader.load(files: files)
            // Every pattern compiled now: a rule that cannot be used stops the tool, never runs as no rule. A
            // snapshot is written only of packs that passed, so one read later needs no second check.
            try RulePackLoader.compileAll(allPacks)
        }
        let policy = try PolicyLoader.load(file: policyFile, packs: allPacks)
        let selection = allPacks.filter { selects(policy, $0) }.map(\.id)
        hasher.update(data: (try? FileSystem.read(policyFile)) ?? [])
        let version = Hex.encode(hasher.finalize().prefix(6))
        let prebuilt = snapshot?.selection == selection ? snapshot?.keywords : nil
        var ruleSet = RuleSet(policy: policy, packs: allPacks, version: version, keywords: prebuilt)
        ruleSet.fromSnapshot = snapshot != nil
        if let cache, let key, prebuilt == nil {
            cache.store(RuleSnapshot(packs: allPacks, selection: selection, keywords: ruleSet.keywordIndexes), for: key)
        }
        return ruleSet
    }
}
