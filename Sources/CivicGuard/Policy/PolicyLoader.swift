import Crypto

/// Loads a policy from YAML and checks it against the rule packs it names.
///
/// Beyond the YAML checks every loader makes, it reports pack patterns that select nothing, rule ids,
/// categories and entities no selected rule has (with did-you-mean), and directions whose severity map is
/// incomplete.
public struct PolicyLoader {
    static let policyKeys = [
        "id", "description", "packs", "limits", "min_score", "organisation", "redaction", "review", "incoming",
        "outgoing",
    ]
    static let reviewKeys = ["record", "hold_expires_after", "two_approvals"]
    static let organisationKeys = ["name", "emails", "phones", "websites", "addresses"]
    static let redactionKeys = ["language", "default", "entities", "key_env", "key_file"]
    static let operatorKeys = ["operator", "label", "char", "keep_last"]
    static let limitKeys = ["max_message_bytes", "match_limit", "depth_limit", "message_time_ms"]
    static let mapKeys = ["severity", "category", "entity", "rule"]
    static let directionKeys = mapKeys + ["channels", "departments"]

    private let log = DiagnosticLog()
    private let available: [RulePack]
    private let environment: (String) -> String?

    /// Loads `file`, selecting from `available` the packs it names. `environment` provides the hash key
    /// (`CIVICGUARD_HASH_KEY`, or the file named by `CIVICGUARD_HASH_KEY_FILE`) when the policy does not name
    /// its own variable or file.
    public static func load(
        file: String, packs available: [RulePack], environment: @escaping (String) -> String? = FileSystem.environment
    ) throws(ConfigurationError) -> Policy {
        let loader = PolicyLoader(available: available, environment: environment)
        let policy = loader.load(file: file)
        try loader.log.check()
        return policy!
    }

    private init(available: [RulePack], environment: @escaping (String) -> String?) {
        self.available = available
        self.environment = environment
    }

    private func load(file: String) -> Policy? {
        let start = SourceMark(file: file, line: 1, column: 1)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(file)
        } catch {
            log.report(start, "cannot read the policy: \(error)")
            return nil
        }
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(bytes, file: file)
        } catch {
            log.append(contentsOf: error.diagnostics)
            return nil
        }
        guard let root else {
            log.report(start, "empty policy: expected id, packs, incoming and outgoing")
            return nil
        }
        guard let fields = YAMLMapping(root, keys: Self.policyKeys, log: log) else { return nil }
        let id = fields.string("id", required: true)
        let description = fields.string("description") ?? ""
        let packs = loadPacks(fields)
        let selected = available.filter { pack in packs.contains { Self.glob($0, matches: pack.id) } }
        let rules = selected.flatMap(\.rules)
        let limits = loadLimits(fields)
        let incoming = fields.value("incoming", required: true).flatMap { loadDirection($0, rules: rules) }
        let outgoing = fields.value("outgoing", required: true).flatMap { loadDirection($0, rules: rules) }
        let organisation = fields.value("organisation").map(loadOrganisation) ?? Organisation()
        let redaction = loadRedaction(fields, rules: rules)
        let review = fields.value("review").map(loadReview) ?? ReviewPolicy()
        guard let id, let incoming, let outgoing else { return nil }
        return Policy(
            id: id, description: description, file: file, packs: packs, incoming: incoming, outgoing: outgoing,
            limits: limits, minimumScore: fields.number("min_score", in: 0...1) ?? 0.5, redaction: redaction,
            organisation: organisation, review: review)
    }

    private func loadReview(_ node: YAMLNode) -> ReviewPolicy {
        var review = ReviewPolicy()
        guard let fields = YAMLMapping(node, keys: Self.reviewKeys, log: log) else { return review }
        if let actions: [Action] = fields.choices("record") { review.record = Set(actions) }
        if let value = fields.value("hold_expires_after") {
            if let text = value.scalar, let span = TimeSpan(text) {
                review.holdExpiry = span
            } else {
                log.report(value.mark, "hold_expires_after: \(TimeSpan.expected)")
            }
        }
        if let severities: [Severity] = fields.choices("two_approvals") { review.twoApprovals = Set(severities) }
        return review
    }

    private func loadOrganisation(_ node: YAMLNode) -> Organisation {
        var organisation = Organisation()
        guard let fields = YAMLMapping(node, keys: Self.organisationKeys, log: log) else { return organisation }
        organisation.name = fields.string("name") ?? ""
        organisation.emails = Set((fields.strings("emails") ?? []).map { $0.0.lowercased() })
        organisation.phones = Set((fields.strings("phones") ?? []).map { Organisation.phoneKey($0.0) })
        organisation.websites = (fields.strings("websites") ?? []).map { Organisation.urlKey($0.0) }
        organisation.addresses = (fields.strings("addresses") ?? []).map { Organisation.addressKey($0.0) }
        return organisation
    }

    private func loadRedaction(_ fields: YAMLMapping, rules: [Rule]) -> RedactionPolicy {
        var redaction = RedactionPolicy()
        guard let node = fields.value("redaction"), let map = YAMLMapping(node, keys: Self.redactionKeys, log: log)
        else { return redaction }
        if let language = map.string("language") { redaction.language = language }
        if let value = map.value("default"), let op = loadOperator(value) { redaction.defaultOperator = op }
        let entities = Array(Set(rules.compactMap(\.entity)))
        var hashMark: SourceMark?
        if case .hash = redaction.defaultOperator { hashMark = map.value("default")?.mark }
        for entry in map.entries("entities") ?? [] {
            if !entities.contains(entry.key) {
                let guess = Suggestion.closest(to: entry.key, among: entities).map { "; did you mean \"\($0)\"?" } ?? ""
                log.report(entry.keyMark, "no selected rule has entity \"\(entry.key)\"\(guess)")
            }
            guard let op = loadOperator(entry.value) else { continue }
            if case .hash = op, hashMark == nil { hashMark = entry.value.mark }
            redaction.entities[entry.key] = op
        }
        if let hashMark {
            let variable = map.string("key_env") ?? "CIVICGUARD_HASH_KEY"
            let file = map.string("key_file") ?? environment("CIVICGUARD_HASH_KEY_FILE")
            if let text = environment(variable) {
                redaction.hashKey = SymmetricKey(data: Array(text.utf8))
            } else if let file {
                do {
                    let bytes = try FileSystem.read(file)
                    redaction.hashKey = SymmetricKey(data: bytes)
                } catch {
                    log.report(hashMark, "the hash operator needs a key, and the key file cannot be read: \(error)")
                }
            } else {
                log.report(
                    hashMark,
                    "the hash operator needs a key: set \(variable) or CIVICGUARD_HASH_KEY_FILE, or give redaction.key_file"
                )
            }
            if let key = redaction.hashKey, key.bitCount < 128 {
                log.report(hashMark, "the hash key is shorter than 16 bytes; use a long random key")
            }
        }
        return redaction
    }

    private func loadOperator(_ node: YAMLNode) -> RedactionPolicy.Operator? {
        guard let fields = YAMLMapping(node, keys: Self.operatorKeys, log: log) else { return nil }
        enum Name: String, CaseIterable { case replace, mask, hash, remove }
        guard let name: Name = fields.choice("operator", required: true) else { return nil }
        switch name {
        case .replace:
            var labels: [String: String] = [:]
            if let value = fields.value("label") {
                if let text = value.scalar {
                    for language in ["nl", "en", "de", "fr"] { labels[language] = text }
                } else {
                    for entry in YAMLMapping.entries(value, log: log) ?? [] {
                        if let text = entry.value.scalar { labels[entry.key] = text }
                    }
                }
            }
            return .replace(labels: labels)
        case .mask:
            let character = fields.string("char") ?? "*"
            guard character.count == 1 else {
                log.report(fields.value("char")!.mark, "expected one mask character, found \"\(character)\"")
                return nil
            }
            return .mask(character: character.first!, keepLast: fields.integer("keep_last", in: 0...8) ?? 0)
        case .hash: return .hash
        case .remove: return .remove
        }
    }

    private func loadPacks(_ fields: YAMLMapping) -> [String] {
        guard let patterns = fields.strings("packs", required: true) else { return [] }
        for (pattern, mark) in patterns where !available.contains(where: { Self.glob(pattern, matches: $0.id) }) {
            if let guess = Suggestion.closest(to: pattern, among: available.map(\.id)) {
                log.report(mark, "no rule pack matches \"\(pattern)\"; did you mean \"\(guess)\"?")
            } else {
                log.report(mark, "no rule pack matches \"\(pattern)\"")
            }
        }
        return patterns.map(\.0)
    }

    private func loadLimits(_ fields: YAMLMapping) -> Policy.Limits {
        var limits = Policy.Limits.default
        guard let node = fields.value("limits"), let map = YAMLMapping(node, keys: Self.limitKeys, log: log) else {
            return limits
        }
        if let bytes = map.integer("max_message_bytes", in: 1...(64 << 20)) { limits.maximumMessageBytes = bytes }
        if let value = map.integer("match_limit", in: 1_000...100_000_000) { limits.match.matchLimit = UInt32(value) }
        if let value = map.integer("depth_limit", in: 100...10_000_000) { limits.match.depthLimit = UInt32(value) }
        if let value = map.integer("message_time_ms", in: 10...600_000) { limits.match.messageMilliseconds = value }
        return limits
    }

    private func loadDirection(_ node: YAMLNode, rules: [Rule]) -> Policy.DirectionPolicy? {
        guard let fields = YAMLMapping(node, keys: Self.directionKeys, log: log) else { return nil }
        guard let general = loadMap(fields, rules: rules) else { return nil }
        let missing = Severity.allCases.filter { general.severities[$0] == nil }
        if !missing.isEmpty {
            log.report(
                fields.keyMark("severity") ?? node.mark,
                "every severity needs an action; missing: \(missing.map(\.rawValue).joined(separator: ", "))")
        }
        var result = Policy.DirectionPolicy(general: general, channels: [:], departments: [:])
        for (key, store) in [("channels", \Policy.DirectionPolicy.channels), ("departments", \.departments)] {
            for entry in fields.entries(key) ?? [] {
                guard let map = YAMLMapping(entry.value, keys: Self.mapKeys, log: log) else { continue }
                if let actions = loadMap(map, rules: rules) { result[keyPath: store][entry.key] = actions }
            }
        }
        return result
    }

    private func loadMap(_ fields: YAMLMapping, rules: [Rule]) -> Policy.ActionMap? {
        var map = Policy.ActionMap()
        for entry in fields.entries("severity") ?? [] {
            let key = YAMLNode(.scalar(entry.key, isPlain: false), at: entry.keyMark)
            if let severity: Severity = YAMLMapping.choice(key, log: log), let action = action(entry.value) {
                map.severities[severity] = action
            }
        }
        let known: [(String, [String], WritableKeyPath<Policy.ActionMap, [String: Action]>)] = [
            ("category", Array(Set(rules.map(\.category))), \.categories),
            ("entity", Array(Set(rules.compactMap(\.entity))), \.entities),
            ("rule", rules.map(\.id) + BuiltInRule.all.map(\.id), \.rules),
        ]
        for (key, names, store) in known {
            for entry in fields.entries(key) ?? [] {
                if !names.contains(entry.key) {
                    let what = key == "rule" ? "rule id" : key
                    if let guess = Suggestion.closest(to: entry.key, among: names) {
                        log.report(
                            entry.keyMark, "no selected rule has \(what) \"\(entry.key)\"; did you mean \"\(guess)\"?")
                    } else {
                        log.report(entry.keyMark, "no selected rule has \(what) \"\(entry.key)\"")
                    }
                }
                if let action = action(entry.value) { map[keyPath: store][entry.key] = action }
            }
        }
        return map
    }

    private func action(_ node: YAMLNode) -> Action? {
        YAMLMapping.choice(node, log: log)
    }

    /// Whether `pattern`, in which `*` matches any run of characters, matches all of `text` (a pack id).
    static func glob(_ pattern: String, matches text: String) -> Bool {
        Glob.matchComponent(Array(pattern.unicodeScalars), Array(text.unicodeScalars), questionMark: false)
    }
}
