/// Loads rule packs from YAML, checking everything a rule author can get wrong and reporting it all at once.
///
/// Problems are `Diagnostic`s at the offending key or value: unknown keys (with did-you-mean), wrong types,
/// duplicate keys, duplicate rule ids across packs, invalid regexes (PCRE2's message and offset), missing
/// required keys and rules without examples. Nothing loads unless everything does.
public struct RulePackLoader {
    static let packKeys = ["id", "description", "languages", "rules"]
    static let ruleKeys = [
        "id", "category", "severity", "directions", "message", "suggestion", "source", "entity", "regex",
        "case_sensitive", "words", "phrases", "unless", "keywords", "min_digits", "examples",
    ]
    static let exceptionKeys = ["regex", "case_sensitive", "words", "phrases", "within"]
    static let exampleKeys = ["match", "no_match"]
    static let exampleItemKeys = ["text", "redacted"]

    private let log = DiagnosticLog()

    public init() {}

    /// Loads every pack in `files`, in the order given; rule ids must be unique across all of them.
    public static func load(files: [String]) throws(ConfigurationError) -> [RulePack] {
        let loader = RulePackLoader()
        var packs: [RulePack] = []
        var ruleMarks: [String: SourceMark] = [:]
        var packMarks: [String: String] = [:]
        for file in files {
            guard let pack = loader.loadPack(file: file) else { continue }
            if let other = packMarks[pack.id] {
                loader.log.report(
                    SourceMark(file: file, line: 1, column: 1), "duplicate pack id \"\(pack.id)\" (also in \(other))")
            }
            packMarks[pack.id] = file
            for rule in pack.rules {
                if let first = ruleMarks[rule.id] {
                    loader.log.report(rule.mark, "duplicate rule id \"\(rule.id)\" (first defined at \(first))")
                } else {
                    ruleMarks[rule.id] = rule.mark
                }
            }
            packs.append(pack)
        }
        try loader.log.check()
        return packs
    }

    func loadPack(file: String) -> RulePack? {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(file)
        } catch {
            log.report(SourceMark(file: file, line: 1, column: 1), "cannot read the file: \(error)")
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
            log.report(SourceMark(file: file, line: 1, column: 1), "empty rule pack: expected id, description and rules")
            return nil
        }
        guard let fields = YAMLMapping(root, keys: Self.packKeys, log: log) else { return nil }
        let id = fields.string("id", required: true)
        if let id, !RuleID.isValid(id), let mark = fields.value("id")?.mark {
            log.report(mark, "pack id \"\(id)\" must be dotted lower-case words, e.g. \"nl.conduct.staff\"")
        }
        let description = fields.string("description", required: true) ?? ""
        let languages = fields.strings("languages", required: true)?.map(\.0) ?? []
        var rules: [Rule] = []
        if let list = fields.value("rules", required: true) {
            if case .sequence(let items) = list.content {
                if items.isEmpty { log.report(list.mark, "a pack needs at least one rule") }
                for item in items {
                    if let rule = loadRule(item, pack: id ?? "") { rules.append(rule) }
                }
            } else {
                log.report(list.mark, "expected a list of rules, found \(list.kindDescription)")
            }
        }
        guard let id else { return nil }
        return RulePack(id: id, description: description, languages: languages, file: file, rules: rules)
    }

    func loadRule(_ node: YAMLNode, pack: String) -> Rule? {
        guard let fields = YAMLMapping(node, keys: Self.ruleKeys, log: log) else { return nil }
        let id = fields.string("id", required: true)
        if let id, !RuleID.isValid(id), let mark = fields.value("id")?.mark {
            log.report(mark, "rule id \"\(id)\" must be dotted lower-case words, e.g. \"nl.conduct.insult-aimed\"")
        }
        let category = fields.string("category", required: true)
        let severity: Severity? = fields.choice("severity", required: true)
        let directions = loadDirections(fields)
        let message = fields.string("message", required: true)
        let suggestion = fields.string("suggestion")
        let source = fields.string("source", required: true)
        let entity = fields.string("entity")
        let caseSensitive = fields.bool("case_sensitive") ?? false
        let clauses = loadPatternSet(fields, caseSensitive: caseSensitive)
        if clauses?.isEmpty ?? false {
            log.report(node.mark, "a rule needs at least one of regex, words or phrases")
        }
        let exceptions = loadExceptions(fields)
        let examples = loadExamples(fields, rule: node)
        let keywords = fields.strings("keywords")?.map { $0.0.lowercased() }
        let minimumDigits = fields.integer("min_digits", in: 0...64) ?? 0

        guard let id, let category, let severity, let directions, let message, let source, let clauses,
            !clauses.isEmpty, let exceptions, let examples
        else { return nil }
        return Rule(
            id: id, pack: pack, category: category, severity: severity, directions: directions,
            message: message, suggestion: suggestion, source: source, entity: entity, mark: node.mark,
            examples: examples, clauses: clauses, exceptions: exceptions,
            gate: Gate(keywords: keywords ?? clauses.keywords, minimumDigits: minimumDigits))
    }

    private func loadDirections(_ fields: YAMLMapping) -> Set<Direction>? {
        guard let value = fields.value("directions", required: true) else { return nil }
        guard let items = YAMLMapping.strings(value, log: log) else { return nil }
        var result: Set<Direction> = []
        for (text, mark) in items {
            let node = YAMLNode(.scalar(text, isPlain: false), at: mark)
            if let direction: Direction = YAMLMapping.choice(node, log: log) { result.insert(direction) }
        }
        if items.isEmpty { log.report(value.mark, "expected incoming, outgoing or both") }
        return result.isEmpty ? nil : result
    }

    /// The `regex`, `words` and `phrases` of a mapping, compiled. Nil when something in it is invalid.
    func loadPatternSet(_ fields: YAMLMapping, caseSensitive: Bool) -> PatternSet? {
        var patterns: [Pattern] = []
        var valid = true
        var hasRegex = false
        for (source, mark) in fields.strings("regex") ?? [] {
            hasRegex = true
            do {
                patterns.append(try Pattern(source, caseSensitive: caseSensitive))
            } catch {
                log.report(mark, "invalid regex: \(error)")
                valid = false
            }
        }
        var entries: [LiteralTrie.Entry] = []
        for key in ["words", "phrases"] {
            for (text, mark) in fields.strings(key) ?? [] {
                let entry = LiteralTrie.Entry(text)
                if entry.text.isEmpty {
                    log.report(mark, "empty entry in \(key)")
                    valid = false
                } else {
                    entries.append(entry)
                }
            }
        }
        if let source = LiteralTrie.pattern(for: entries) {
            do {
                patterns.append(try Pattern(source))
            } catch {
                log.report(fields.node.mark, "the word list does not compile: \(error)")
                valid = false
            }
        }
        guard valid else { return nil }
        return PatternSet(patterns: patterns, keywords: hasRegex ? [] : entries.map(\.keyword))
    }

    private func loadExceptions(_ fields: YAMLMapping) -> [Exception]? {
        guard let value = fields.value("unless") else { return [] }
        let items: [YAMLNode]
        switch value.content {
        case .sequence(let list): items = list
        case .mapping: items = [value]
        default:
            log.report(value.mark, "expected a list of exceptions, found \(value.kindDescription)")
            return nil
        }
        var exceptions: [Exception] = []
        var valid = true
        for item in items {
            guard let exception = YAMLMapping(item, keys: Self.exceptionKeys, log: log) else {
                valid = false
                continue
            }
            let caseSensitive = exception.bool("case_sensitive") ?? false
            guard let patterns = loadPatternSet(exception, caseSensitive: caseSensitive) else {
                valid = false
                continue
            }
            if patterns.isEmpty {
                log.report(item.mark, "an exception needs regex, words or phrases")
                valid = false
                continue
            }
            guard let window = loadWindow(exception) else {
                valid = false
                continue
            }
            exceptions.append(Exception(patterns: patterns, window: window))
        }
        return valid ? exceptions : nil
    }

    private func loadWindow(_ fields: YAMLMapping) -> Exception.Window? {
        guard let value = fields.value("within") else { return .overlap }
        if value.scalar == "message" { return .message }
        if let text = value.scalar, let words = Int(text), (0...100).contains(words) {
            return words == 0 ? .overlap : .words(words)
        }
        log.report(value.mark, "expected a number of words (0 to 100) or \"message\", found \(YAMLMapping.describe(value))")
        return nil
    }

    private func loadExamples(_ fields: YAMLMapping, rule: YAMLNode) -> RuleExamples? {
        guard let value = fields.value("examples") else {
            log.report(rule.mark, "rule has no examples; add examples: {match: [...], no_match: [...]}")
            return nil
        }
        guard let examples = YAMLMapping(value, keys: Self.exampleKeys, log: log) else { return nil }
        let matching = loadExampleList(examples.value("match"), allowRedacted: true)
        let nonMatching = loadExampleList(examples.value("no_match"), allowRedacted: false)
        if matching.isEmpty {
            log.report(value.mark, "examples need at least one \"match\" example")
            return nil
        }
        return RuleExamples(matching: matching, nonMatching: nonMatching)
    }

    private func loadExampleList(_ value: YAMLNode?, allowRedacted: Bool) -> [RuleExamples.Example] {
        guard let value else { return [] }
        guard case .sequence(let items) = value.content else {
            log.report(value.mark, "expected a list of examples, found \(value.kindDescription)")
            return []
        }
        var examples: [RuleExamples.Example] = []
        for item in items {
            if let text = item.scalar {
                examples.append(RuleExamples.Example(text: text, mark: item.mark, redacted: nil))
            } else if allowRedacted, case .mapping = item.content,
                let fields = YAMLMapping(item, keys: Self.exampleItemKeys, log: log)
            {
                guard let text = fields.string("text", required: true) else { continue }
                examples.append(RuleExamples.Example(text: text, mark: item.mark, redacted: fields.string("redacted")))
            } else if !item.isNull || allowRedacted {
                let expected = allowRedacted ? "a string or {text, redacted}" : "a string"
                log.report(item.mark, "expected \(expected), found \(item.kindDescription)")
            }
        }
        return examples
    }
}

/// The form of rule and pack ids: dotted lower-case words (`nl.conduct.insult-aimed`).
enum RuleID {
    static func isValid(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return false }
        return parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first)
            else { return false }
            return part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        }
    }
}
