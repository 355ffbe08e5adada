/// Loads rule packs from YAML, checking everything a rule author can get wrong and reporting it all at once.
///
/// Problems are `Diagnostic`s at the offending key or value: unknown keys (with did-you-mean), wrong types,
/// duplicate keys, duplicate rule ids across packs, unknown lexicons and validators, invalid regexes (PCRE2's
/// message and offset), missing required keys and rules without examples. Nothing loads unless everything
/// does.
///
/// Loading has two phases: every file is parsed and its `lexicons` and `fragments` collected first, so a rule
/// may use a lexicon or regex fragment defined in any pack (`lexicons: [nl.profanity.tier2]`, or
/// `{{pii.name.surname}}` inside a regex); then the rules are compiled.
public struct RulePackLoader {
    static let packKeys = ["id", "description", "languages", "normalise", "view", "lexicons", "fragments", "rules"]
    static let clauseKeys = ["regex", "case_sensitive", "words", "phrases", "lexicons"]
    static let ruleKeys =
        [
            "id", "category", "severity", "directions", "message", "suggestion", "source", "entity", "normalise",
            "view",
            "caps_ratio", "punctuation_run", "emoji_count", "near", "unless", "validate", "invalidate", "score",
            "fuzzy",
            "context", "keywords", "min_digits", "min_digit_group", "prefilter", "examples",
        ] + clauseKeys
    static let nearKeys = clauseKeys + ["within", "side", "clause"]
    static let exceptionKeys = clauseKeys + ["within", "side"]
    static let contextKeys = clauseKeys + ["within", "boost", "required"]
    static let capsKeys = ["min", "min_letters"]
    static let exampleKeys = ["match", "no_match"]
    static let exampleItemKeys = ["text", "redacted"]

    private let log = DiagnosticLog()
    /// Compiled patterns by their source and flags: rules that share a lexicon or a regex share one Pattern,
    /// compiled (and later JIT-compiled) once.
    private let cache = PatternCache()
    private var lexicons: [String: (entries: [(String, SourceMark)], mark: SourceMark)] = [:]
    private var fragments: [String: (regex: String, mark: SourceMark)] = [:]

    /// A parsed file waiting for its rules to be compiled.
    private struct ParsedPack {
        let file: String
        let fields: YAMLMapping
        let id: String?
    }

    /// Loads every pack in `files`, in the order given; rule ids must be unique across all of them.
    public static func load(files: [String]) throws(ConfigurationError) -> [RulePack] {
        var loader = RulePackLoader()
        let parsed = files.compactMap { loader.parse(file: $0) }
        var packs: [RulePack] = []
        var ruleMarks: [String: SourceMark] = [:]
        var packFiles: [String: String] = [:]
        for item in parsed {
            guard let pack = loader.compile(item) else { continue }
            if let other = packFiles[pack.id] {
                loader.log.report(
                    item.fields.value("id")?.mark ?? item.fields.node.mark,
                    "duplicate pack id \"\(pack.id)\" (also in \(other))")
            }
            packFiles[pack.id] = pack.file
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

    /// Builds and compiles every pattern of `packs` now and reports the rules with a pattern that does not
    /// compile: a word list is split until it does, but a lexicon inside a regex is one alternation and can be too
    /// large. Every command that loads rules from YAML runs it, so a rule that cannot be used stops the tool.
    public static func compileAll(_ packs: [RulePack]) throws(ConfigurationError) {
        var diagnostics: [Diagnostic] = []
        for rule in packs.flatMap(\.rules) {
            guard let failure = rule.allPatterns.lazy.compactMap(\.compileFailure).first else { continue }
            diagnostics.append(
                Diagnostic(
                    rule.mark,
                    "a pattern of rule \"\(rule.id)\" built from its lexicons does not compile (\(failure.message));"
                        + " use a shorter lexicon inside a regex, or list the words under `words:` or `lexicons:`"))
        }
        if !diagnostics.isEmpty { throw ConfigurationError(diagnostics) }
    }

    /// Phase one: parse the file, check the pack's own keys, collect its lexicons.
    private mutating func parse(file: String) -> ParsedPack? {
        let start = SourceMark(file: file, line: 1, column: 1)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(file)
        } catch {
            log.report(start, "cannot read the file: \(error.reason)")
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
            log.report(start, "empty rule pack: expected id, description and rules")
            return nil
        }
        guard let fields = YAMLMapping(root, keys: Self.packKeys, log: log) else { return nil }
        let id = fields.string("id", required: true)
        if let id, !RuleID.isValid(id), let mark = fields.value("id")?.mark {
            log.report(mark, "pack id \"\(id)\" must be dotted lower-case words, e.g. \"nl.conduct.staff\"")
        }
        for entry in fields.entries("lexicons") ?? [] {
            if !RuleID.isValid(entry.key) {
                log.report(
                    entry.keyMark,
                    "lexicon name \"\(entry.key)\" must be dotted lower-case words, e.g. \"nl.profanity.tier1\"")
            }
            if let other = lexicons[entry.key] {
                log.report(entry.keyMark, "duplicate lexicon \"\(entry.key)\" (first defined at \(other.mark))")
                continue
            }
            guard let words = YAMLMapping.strings(entry.value, log: log) else { continue }
            if words.isEmpty { log.report(entry.value.mark, "a lexicon needs at least one entry") }
            lexicons[entry.key] = (words, entry.keyMark)
        }
        for entry in fields.entries("fragments") ?? [] {
            if !RuleID.isValid(entry.key) {
                log.report(
                    entry.keyMark,
                    "fragment name \"\(entry.key)\" must be dotted lower-case words, e.g. \"pii.name.surname\"")
            }
            if let other = fragments[entry.key] ?? lexicons[entry.key].map({ ("", $0.mark) }) {
                log.report(entry.keyMark, "duplicate fragment \"\(entry.key)\" (first defined at \(other.mark))")
                continue
            }
            guard let regex = entry.value.scalar else {
                log.report(entry.value.mark, "expected a regex string, found \(entry.value.kindDescription)")
                continue
            }
            fragments[entry.key] = (regex, entry.value.mark)
        }
        return ParsedPack(file: file, fields: fields, id: id)
    }

    /// Phase two: compile the pack's rules.
    private func compile(_ parsed: ParsedPack) -> RulePack? {
        let fields = parsed.fields
        let description = fields.string("description", required: true) ?? ""
        let languages = fields.strings("languages", required: true)?.map(\.0) ?? []
        let view = loadView(fields) ?? .original
        var rules: [Rule] = []
        if let list = fields.value("rules") {
            if case .sequence(let items) = list.content {
                for item in items {
                    if let rule = loadRule(item, pack: parsed.id ?? "", view: view) { rules.append(rule) }
                }
            } else {
                log.report(list.mark, "expected a list of rules, found \(list.kindDescription)")
            }
        } else if !fields.contains("lexicons") {
            log.report(fields.node.mark, "missing required key \"rules\"")
        }
        guard let id = parsed.id else { return nil }
        return RulePack(id: id, description: description, languages: languages, file: parsed.file, rules: rules)
    }

    /// The `view` of a pack or rule (`original`, `conduct`, `personal-data`), or `normalise: true` for the
    /// conduct view; nil when the mapping names none.
    private func loadView(_ fields: YAMLMapping) -> TextView? {
        if let node = fields.value("view") {
            guard let name = node.scalar else {
                log.report(node.mark, "expected a view name, found \(node.kindDescription)")
                return nil
            }
            if let view = TextView.allCases.first(where: { $0.name == name }) { return view }
            let names = TextView.allCases.map(\.name)
            let guess = Suggestion.closest(to: name, among: names).map { "; did you mean \"\($0)\"?" } ?? ""
            log.report(node.mark, "unknown view \"\(name)\"\(guess) (expected \(names.joined(separator: ", ")))")
            return nil
        }
        return fields.bool("normalise").map { $0 ? .normalised : .original }
    }

    /// `fuzzy: true`: the clause's literal entries also match at edit distance 1 (`FuzzyWords`). Such a rule must
    /// declare `keywords` (its entries cannot gate it: a misspelt word is no keyword), and it needs a word list.
    private func loadFuzzy(_ fields: YAMLMapping, into clauses: inout PatternSet) {
        let mark = fields.value("fuzzy")?.mark ?? fields.node.mark
        guard fields.contains("keywords") else {
            log.report(
                mark,
                "a fuzzy rule needs keywords: a misspelt entry is no keyword, so the gate must come from the rest of the rule"
            )
            return
        }
        guard WordList.isAvailable else {
            log.report(
                mark,
                "fuzzy matching needs a word list to tell words from misspellings: install wdutch and wamerican, or set CIVICGUARD_WORDLISTS"
            )
            return
        }
        guard let fuzzy = cache.fuzzy(clauses.literalKeywords) else {
            log.report(mark, "fuzzy: no entry of five or more letters to match misspelt")
            return
        }
        clauses.fuzzy = fuzzy
    }

    /// The rule's `entity`, one of `Entity`'s names.
    private func loadEntity(_ fields: YAMLMapping) -> String? {
        guard let name = fields.string("entity") else { return nil }
        if Entity(rawValue: name) != nil { return name }
        let names = Entity.allCases.map(\.rawValue)
        let guess = Suggestion.closest(to: name, among: names).map { "; did you mean \"\($0)\"?" } ?? ""
        log.report(fields.value("entity")?.mark ?? fields.node.mark, "unknown entity \"\(name)\"\(guess)")
        return nil
    }

    func loadRule(_ node: YAMLNode, pack: String, view packView: TextView) -> Rule? {
        guard let fields = YAMLMapping(node, keys: Self.ruleKeys, log: log) else { return nil }
        let errorsBefore = log.diagnostics.count
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
        let entity = loadEntity(fields)
        var parts = Rule.Parts()
        parts.metrics = loadMetrics(fields)
        // Metrics measure case and punctuation, which the conduct view removes.
        let view = loadView(fields) ?? packView
        parts.view = view == .normalised && !parts.metrics.isEmpty ? .original : view
        parts.clauses = loadPatternSet(fields, view: parts.view) ?? .empty
        if parts.clauses.isEmpty && parts.metrics.isEmpty && log.diagnostics.count == errorsBefore {
            log.report(
                node.mark,
                "a rule needs a match clause: regex, words, phrases, lexicons, caps_ratio, punctuation_run or emoji_count"
            )
        }
        if fields.bool("fuzzy") == true { loadFuzzy(fields, into: &parts.clauses) }
        parts.proximity = loadProximity(fields, view: parts.view)
        parts.exceptions = loadExceptions(fields, view: parts.view)
        parts.validation = Validation(
            validate: validator(fields, "validate"), invalidate: validator(fields, "invalidate"))
        parts.scoring = loadScoring(fields, view: parts.view)
        let keywords = loadKeywords(fields, view: parts.view)
        // A rule of literal lists runs only where one of its entries occurs; a rule whose context is required
        // runs only where a context word occurs. A rule with a regex runs only where one of its declared
        // keywords (or a literal entry) occurs, or always when it declares none.
        var derived: [String] = []
        let hasRegex = fields.contains("regex")
        if !parts.metrics.isEmpty {
            derived = []
        } else if let keywords {
            derived = keywords + parts.clauses.literalKeywords
        } else if !hasRegex, !parts.clauses.keywords.isEmpty {
            derived = parts.clauses.keywords
        } else if parts.scoring.required, let context = parts.scoring.context, !context.keywords.isEmpty {
            derived = context.keywords
        }
        // The keyword index folds ASCII and Latin-1 letters only: a caseless original-view list with other cased
        // letters (Ş, Ł) cannot be gated safely.
        if !parts.view.foldsEntries, fields.value("case_sensitive")?.scalar != "true",
            derived.contains(where: {
                $0.unicodeScalars.contains { $0.value > 0xFF && $0.properties.changesWhenCaseMapped }
            })
        {
            derived = []
        }
        parts.gate = Gate(
            keywords: derived.map(KeywordIndex.Keyword.init),
            minimumDigits: fields.integer("min_digits", in: 0...64) ?? 0)
        parts.gate.minimumDigitGroup = fields.integer("min_digit_group", in: 0...64) ?? 0
        let errorsBeforePrefilter = log.diagnostics.count
        if let node = fields.value("prefilter"), let prefilter = YAMLMapping(node, keys: Self.clauseKeys, log: log) {
            parts.gate.prefilter = loadPatternSet(prefilter, view: parts.view)
            if parts.gate.prefilter?.isEmpty ?? false, log.diagnostics.count == errorsBeforePrefilter {
                log.report(node.mark, "prefilter needs regex, words, phrases or lexicons")
            }
        }
        let examples = loadExamples(fields, rule: node)

        guard log.diagnostics.count == errorsBefore, let id, let category, let severity, let directions,
            let message, let source, let examples
        else { return nil }
        return Rule(
            id: id, pack: pack, category: category, severity: severity, directions: directions, message: message,
            suggestion: suggestion, source: source, entity: entity, mark: node.mark, examples: examples, parts: parts)
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

    /// The `regex`, `words`, `phrases` and `lexicons` of a mapping, compiled for `view` (and `limitable` for a
    /// set that is searched near a match: see `Pattern`). Nil when something in it is invalid.
    func loadPatternSet(_ fields: YAMLMapping, view: TextView, limitable: Bool = false) -> PatternSet? {
        let caseSensitive = fields.bool("case_sensitive") ?? false
        var patterns: [Pattern] = []
        var valid = true
        var hasRegex = false
        for (written, mark) in fields.strings("regex") ?? [] {
            hasRegex = true
            guard let segments = interpolateLexicons(written, mark: mark, caseSensitive: caseSensitive, view: view)
            else {
                valid = false
                continue
            }
            // The syntax is checked now, with each lexicon standing in as one word; a regex that uses a
            // lexicon is built in full on first use (a lexicon of a thousand names is a large trie).
            let usesLexicon = segments.contains { if case .lexicon = $0 { return true } else { return false } }
            let check = segments.map { segment -> String in
                if case .text(let text) = segment { return text }
                return "(?:x)"
            }.joined()
            do {
                let checked = try cache.pattern(check, caseSensitive: caseSensitive, limitable: limitable)
                if usesLexicon {
                    patterns.append(
                        Pattern(
                            recipe: .interpolated(segments, evasive: view.foldsEntries), caseSensitive: caseSensitive,
                            limitable: limitable))
                } else {
                    patterns.append(checked)
                }
            } catch {
                log.report(mark, "invalid regex: \(error)")
                valid = false
            }
        }
        var written: [(String, SourceMark)] = (fields.strings("words") ?? []) + (fields.strings("phrases") ?? [])
        // A list is known by its own entries and the names of the lexicons it uses: lexicons are immutable.
        var key =
            [view.name, caseSensitive ? "s" : "i", limitable ? "l" : "u"] + written.map(\.0)
            + ["\u{1}"]
        for (name, mark) in fields.strings("lexicons") ?? [] {
            key.append(name)
            guard let lexicon = lexicons[name] else {
                let guess = Suggestion.closest(to: name, among: lexicons.keys).map { "; did you mean \"\($0)\"?" } ?? ""
                log.report(mark, "unknown lexicon \"\(name)\"\(guess)")
                valid = false
                continue
            }
            written += lexicon.entries
        }
        var keywords: [String] = []
        if !written.isEmpty {
            if let (listPatterns, literalKeywords) = cache.literalList(key) {
                patterns += listPatterns
                keywords = literalKeywords
            } else {
                var entries: [LiteralTrie.Entry] = []
                for (text, mark) in written {
                    var entry = LiteralTrie.Entry(text, caseSensitive: caseSensitive)
                    if view.foldsEntries { entry.text = cache.normalised(entry.text) }
                    if entry.text.isEmpty {
                        log.report(mark, "empty word list entry")
                        valid = false
                    } else {
                        entries.append(entry)
                    }
                }
                if !entries.isEmpty {
                    // In runs small enough to compile, so a list has no size limit (`LiteralTrie.compilableRuns`).
                    let listPatterns = LiteralTrie.compilableRuns(of: entries, evasive: view.foldsEntries).map { run in
                        Pattern(
                            recipe: .literals(run.entries, evasive: view.foldsEntries), source: run.source,
                            caseSensitive: caseSensitive, limitable: limitable)
                    }
                    keywords = entries.map(\.keyword)
                    cache.remember(key, listPatterns, keywords)
                    patterns += listPatterns
                }
            }
        }
        guard valid else { return nil }
        return PatternSet(patterns: patterns, literalKeywords: keywords, hasRegex: hasRegex)
    }

    /// `regex` with every `{{name}}` replaced: a fragment by its regex (itself interpolated), a lexicon by its
    /// entries, to become a trie alternation (no word boundaries: the regex decides them). Nil, with a
    /// diagnostic, for an unknown name or fragments that refer to each other in a circle.
    private func interpolateLexicons(
        _ regex: String, mark: SourceMark, caseSensitive: Bool, view: TextView, depth: Int = 0
    ) -> [Pattern.Recipe.Segment]? {
        guard depth < 16 else {
            log.report(mark, "fragments refer to each other in a circle")
            return nil
        }
        var result: [Pattern.Recipe.Segment] = []
        guard regex.utf8.contains(UInt8(ascii: "{")) else { return [.text(regex)] }
        var rest = Substring(regex)
        while let open = rest.firstRange(of: "{{") {
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { break }
            let name = String(rest[open.upperBound..<close.lowerBound])
            result.append(.text(String(rest[..<open.lowerBound])))
            rest = rest[close.upperBound...]
            if let fragment = fragments[name] {
                guard
                    let expanded = interpolateLexicons(
                        fragment.regex, mark: mark, caseSensitive: caseSensitive, view: view, depth: depth + 1)
                else { return nil }
                result.append(.text("(?:"))
                result += expanded
                result.append(.text(")"))
                continue
            }
            guard let lexicon = lexicons[name] else {
                let names = Array(lexicons.keys) + Array(fragments.keys)
                let guess = Suggestion.closest(to: name, among: names).map { "; did you mean \"\($0)\"?" } ?? ""
                log.report(mark, "unknown lexicon or fragment \"\(name)\" in regex\(guess)")
                return nil
            }
            result.append(
                .lexicon(
                    lexicon.entries.map { entry in
                        var literal = LiteralTrie.Entry(entry.0, caseSensitive: caseSensitive)
                        if view.foldsEntries { literal.text = cache.normalised(literal.text) }
                        return literal
                    }))
        }
        result.append(.text(String(rest)))
        return result
    }

    /// The `keywords` of a rule, in the form its view has; `{{lexicon.name}}` stands for every entry of a
    /// lexicon.
    private func loadKeywords(_ fields: YAMLMapping, view: TextView) -> [String]? {
        guard let written = fields.strings("keywords") else { return nil }
        var keywords: [String] = []
        for (text, mark) in written {
            if text.hasPrefix("{{"), text.hasSuffix("}}") {
                let name = String(text.dropFirst(2).dropLast(2))
                guard let lexicon = lexicons[name] else {
                    let guess =
                        Suggestion.closest(to: name, among: lexicons.keys).map { "; did you mean \"\($0)\"?" } ?? ""
                    log.report(mark, "unknown lexicon \"\(name)\" in keywords\(guess)")
                    continue
                }
                keywords += lexicon.entries.map { LiteralTrie.Entry($0.0).keyword }
            } else {
                keywords.append(text)
            }
        }
        return keywords.map { keyword in
            guard view.foldsEntries else { return keyword.lowercased() }
            // Normalise the keyword, keeping its * markers.
            let entry = LiteralTrie.Entry(keyword)
            let text = Normaliser.normalise(entry.text).text
            return (entry.isSuffix ? "*" : "") + text + (entry.isPrefix ? "*" : "")
        }
    }

    private func loadMetrics(_ fields: YAMLMapping) -> [Metric] {
        var metrics: [Metric] = []
        if let node = fields.value("caps_ratio"), let caps = YAMLMapping(node, keys: Self.capsKeys, log: log) {
            if let minimum = caps.number("min", in: 0.1...1.0) {
                metrics.append(.capsRatio(minimum: minimum, letters: caps.integer("min_letters", in: 1...10_000) ?? 10))
            } else if !caps.contains("min") {
                log.report(node.mark, "missing required key \"min\"")
            }
        }
        if let run = fields.integer("punctuation_run", in: 2...100) { metrics.append(.punctuationRun(run)) }
        if let count = fields.integer("emoji_count", in: 1...1_000) { metrics.append(.emojiCount(count)) }
        return metrics
    }

    private func listOfMappings(_ value: YAMLNode, what: String) -> [YAMLNode] {
        switch value.content {
        case .sequence(let items): return items
        case .mapping: return [value]
        default:
            log.report(value.mark, "expected a mapping or a list of \(what), found \(value.kindDescription)")
            return []
        }
    }

    private func loadProximity(_ fields: YAMLMapping, view: TextView) -> [Proximity] {
        guard let value = fields.value("near") else { return [] }
        var result: [Proximity] = []
        for item in listOfMappings(value, what: "near conditions") {
            guard let near = YAMLMapping(item, keys: Self.nearKeys, log: log) else { continue }
            guard let patterns = loadPatternSet(near, view: view, limitable: true) else { continue }
            if patterns.isEmpty {
                log.report(item.mark, "near needs regex, words, phrases or lexicons")
                continue
            }
            guard near.value("within", required: true) != nil, let window = near.integer("within", in: 0...100) else {
                continue
            }
            let side: Proximity.Side = near.choice("side") ?? .either
            result.append(
                Proximity(patterns: patterns, window: window, side: side, sameClause: near.bool("clause") ?? false))
        }
        return result
    }

    private func loadExceptions(_ fields: YAMLMapping, view: TextView) -> [Exception] {
        guard let value = fields.value("unless") else { return [] }
        var exceptions: [Exception] = []
        for item in listOfMappings(value, what: "exceptions") {
            guard let exception = YAMLMapping(item, keys: Self.exceptionKeys, log: log) else { continue }
            guard let patterns = loadPatternSet(exception, view: view, limitable: true) else { continue }
            if patterns.isEmpty {
                log.report(item.mark, "an exception needs regex, words, phrases or lexicons")
                continue
            }
            guard let window = loadWindow(exception) else { continue }
            let side: Proximity.Side = exception.choice("side") ?? .either
            exceptions.append(Exception(patterns: patterns, window: window, side: side))
        }
        return exceptions
    }

    private func loadWindow(_ fields: YAMLMapping) -> Exception.Window? {
        guard let value = fields.value("within") else { return .overlap }
        if value.scalar == "message" { return .message }
        if let text = value.scalar, let words = Int(text), (0...100).contains(words) { return .words(words) }
        log.report(
            value.mark, "expected a number of words (0 to 100) or \"message\", found \(YAMLMapping.describe(value))")
        return nil
    }

    private func validator(_ fields: YAMLMapping, _ key: String) -> Validator? {
        guard let name = fields.string(key) else { return nil }
        if let validator = Validator.named(name) { return validator }
        let names = Validator.all.map(\.name)
        let mark = fields.value(key)!.mark
        if let guess = Suggestion.closest(to: name, among: names) {
            log.report(mark, "unknown validator \"\(name)\"; did you mean \"\(guess)\"?")
        } else {
            log.report(mark, "unknown validator \"\(name)\"; expected one of: \(names.joined(separator: ", "))")
        }
        return nil
    }

    private func loadScoring(_ fields: YAMLMapping, view: TextView) -> Scoring {
        var scoring = Scoring()
        if let base = fields.number("score", in: 0.0...1.0) { scoring.base = base }
        guard let node = fields.value("context"), let context = YAMLMapping(node, keys: Self.contextKeys, log: log)
        else { return scoring }
        scoring.context = loadPatternSet(context, view: view, limitable: true)
        if scoring.context?.isEmpty ?? false {
            log.report(node.mark, "context needs regex, words, phrases or lexicons")
        }
        if let window = context.integer("within", in: 0...100) { scoring.window = window }
        if let boost = context.number("boost", in: 0.0...1.0) { scoring.boost = boost }
        scoring.required = context.bool("required") ?? false
        return scoring
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
            } else if !(allowRedacted && item.content.isMapping) {
                let expected = allowRedacted ? "a string or {text, redacted}" : "a string"
                log.report(item.mark, "expected \(expected), found \(item.kindDescription)")
            }
        }
        return examples
    }
}

extension YAMLNode.Content {
    var isMapping: Bool {
        if case .mapping = self { return true }
        return false
    }
}

/// The form of rule, pack and lexicon ids: dotted lower-case words (`nl.conduct.insult-aimed`).
enum RuleID {
    static func isValid(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return false }
        return parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first)
            else { return false }
            return part.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
        }
    }
}

/// Shares compiled patterns, word lists and normalised entries between the rules of one load.
final class PatternCache {
    private var patterns: [String: Pattern] = [:]
    private var literalLists: [[String]: ([Pattern], [String])] = [:]
    private var normalisedEntries: [String: String] = [:]
    private var fuzzyWords: [String: FuzzyWords?] = [:]

    func pattern(_ source: String, caseSensitive: Bool, limitable: Bool = false) throws(Pattern.CompileError)
        -> Pattern
    {
        let key = (caseSensitive ? "s" : "i") + (limitable ? "l\u{1}" : "u\u{1}") + source
        if let cached = patterns[key] { return cached }
        let pattern = try Pattern(source, caseSensitive: caseSensitive, limitable: limitable)
        patterns[key] = pattern
        return pattern
    }

    /// The compiled word list (its runs) and gate keywords for a list of written entries seen before.
    func literalList(_ key: [String]) -> ([Pattern], [String])? { literalLists[key] }

    func remember(_ key: [String], _ patterns: [Pattern], _ keywords: [String]) {
        literalLists[key] = (patterns, keywords)
    }

    /// The fuzzy entries of a list seen before, so rules that share a lexicon share one index and one result
    /// per message (`MessageScan.fuzzyMatches`).
    func fuzzy(_ entries: [String]) -> FuzzyWords? {
        let key = entries.joined(separator: "\u{1}")
        if let cached = fuzzyWords[key] { return cached }
        let made = FuzzyWords(entries: entries)
        fuzzyWords[key] = made
        return made
    }

    /// `text` in the normalised view, remembered: the same lexicon entry is used by many rules.
    func normalised(_ text: String) -> String {
        if let cached = normalisedEntries[text] { return cached }
        let result = Normaliser.normalise(text).text
        normalisedEntries[text] = result
        return result
    }
}
