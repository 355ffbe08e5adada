/// Loads a policy from YAML and checks it against the rule packs it names.
///
/// Beyond the YAML checks every loader makes, it reports pack patterns that select nothing, rule ids,
/// categories and entities no selected rule has (with did-you-mean), and directions whose severity map is
/// incomplete.
public struct PolicyLoader {
    static let policyKeys = ["id", "description", "packs", "limits", "incoming", "outgoing"]
    static let limitKeys = ["max_message_bytes", "match_limit", "depth_limit"]
    static let mapKeys = ["severity", "category", "entity", "rule"]
    static let directionKeys = mapKeys + ["channels", "departments"]

    private let log = DiagnosticLog()
    private let available: [RulePack]

    /// Loads `file`, selecting from `available` the packs it names.
    public static func load(file: String, packs available: [RulePack]) throws(ConfigurationError) -> Policy {
        let loader = PolicyLoader(available: available)
        let policy = loader.load(file: file)
        try loader.log.check()
        return policy!
    }

    private init(available: [RulePack]) {
        self.available = available
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
        guard let id, let incoming, let outgoing else { return nil }
        return Policy(
            id: id, description: description, file: file, packs: packs, incoming: incoming, outgoing: outgoing,
            limits: limits)
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
                        log.report(entry.keyMark, "no selected rule has \(what) \"\(entry.key)\"; did you mean \"\(guess)\"?")
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

    /// Whether `pattern`, in which `*` matches any run of characters, matches all of `text`.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let pattern = Array(pattern.unicodeScalars)
        let text = Array(text.unicodeScalars)
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
