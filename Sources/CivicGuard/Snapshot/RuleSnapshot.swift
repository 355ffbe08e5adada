/// Compiled rule packs and their keyword indexes in binary form, so a filter that screens one message does not
/// parse and compile the YAML again (`RuleSnapshotCache` decides when one may be used).
///
/// What it holds is everything a `RuleSet` is built from after loading, and nothing the YAML does not say:
/// - every pack and rule with all its fields, examples included, so a rule read back is the rule loaded;
/// - every pattern once, by its recipe (a regex, or the entries of a word list or lexicon): rules that shared a
///   pattern share it again, and patterns are compiled and JIT-compiled on first use, as after a fresh load;
/// - the keyword indexes (one for the original and personal-data views, one for the conduct view) for the packs one policy selected, with that
///   selection; a policy that selects other packs builds its own.
///
/// A snapshot is written only from rule packs that loaded without a diagnostic, so reading one skips validation
/// but not correctness. Decoding checks every count, index and tag, and throws on anything unexpected.
struct RuleSnapshot {
    /// Raised whenever the layout below changes; part of the cache key.
    static let formatVersion = 9

    var packs: [RulePack]
    /// The ids of the packs `keywords` were built for.
    var selection: [String]
    /// One index per `TextView.keywordIndex`.
    var keywords: [KeywordIndex]

    init(packs: [RulePack], selection: [String], keywords: [KeywordIndex]) {
        self.packs = packs
        self.selection = selection
        self.keywords = keywords
    }

    func encoded() -> [UInt8] {
        var patterns: [Pattern] = []
        var numbers: [ObjectIdentifier: Int] = [:]
        for rule in packs.flatMap(\.rules) {
            for pattern in rule.allPatterns where numbers[ObjectIdentifier(pattern)] == nil {
                numbers[ObjectIdentifier(pattern)] = patterns.count
                patterns.append(pattern)
            }
        }
        var writer = SnapshotWriter()
        writer.array(patterns) { $0.pattern($1) }
        writer.array(packs) { writer, pack in
            writer.string(pack.id)
            writer.string(pack.description)
            writer.array(pack.languages) { $0.string($1) }
            writer.string(pack.file)
            writer.array(pack.rules) { $0.rule($1, numbers) }
        }
        writer.array(selection) { $0.string($1) }
        for index in keywords { index.write(to: &writer) }
        return writer.bytes
    }

    /// Reads the snapshot that starts at `start` in `bytes` and runs to their end.
    init(decoding bytes: [UInt8], from start: Int = 0) throws(SnapshotReader.Corrupt) {
        var reader = SnapshotReader(bytes, from: start)
        let patterns = try reader.array { reader throws(SnapshotReader.Corrupt) in try reader.pattern() }
        packs = try reader.array { reader throws(SnapshotReader.Corrupt) in
            let id = try reader.string()
            let description = try reader.string()
            let languages = try reader.array { reader throws(SnapshotReader.Corrupt) in try reader.string() }
            let file = try reader.string()
            let rules = try reader.array { reader throws(SnapshotReader.Corrupt) in
                try reader.rule(pack: id, patterns)
            }
            return RulePack(id: id, description: description, languages: languages, file: file, rules: rules)
        }
        selection = try reader.array { reader throws(SnapshotReader.Corrupt) in try reader.string() }
        var indexes: [KeywordIndex] = []
        for _ in 0..<TextView.keywordIndexCount { indexes.append(try KeywordIndex(reading: &reader)) }
        keywords = indexes
        guard reader.isAtEnd else { throw SnapshotReader.Corrupt() }
    }
}

extension SnapshotWriter {
    fileprivate mutating func pattern(_ pattern: Pattern) {
        bool(pattern.caseSensitive)
        bool(pattern.limitable)
        switch pattern.recipe {
        case .regex(let source):
            count(0)
            string(source)
        case .literals(let entries, let evasive):
            count(1)
            bool(evasive)
            array(entries) { $0.entry($1) }
        case .interpolated(let segments, let evasive):
            count(2)
            bool(evasive)
            array(segments) { writer, segment in
                switch segment {
                case .text(let text):
                    writer.count(0)
                    writer.string(text)
                case .lexicon(let entries):
                    writer.count(1)
                    writer.array(entries) { $0.entry($1) }
                }
            }
        }
    }

    private mutating func entry(_ entry: LiteralTrie.Entry) {
        string(entry.text)
        count((entry.isPrefix ? 1 : 0) | (entry.isSuffix ? 2 : 0))
    }

    fileprivate mutating func rule(_ rule: Rule, _ patterns: [ObjectIdentifier: Int]) {
        string(rule.id)
        string(rule.category)
        string(rule.severity.rawValue)
        count(Direction.allCases.enumerated().reduce(0) { $0 | (rule.directions.contains($1.1) ? 1 << $1.0 : 0) })
        string(rule.message)
        optionalString(rule.suggestion)
        string(rule.source)
        optionalString(rule.entity)
        mark(rule.mark)
        examples(rule.examples.matching)
        examples(rule.examples.nonMatching)
        count(rule.view.rawValue)
        patternSet(rule.clauses, patterns)
        array(rule.metrics) { writer, metric in
            switch metric {
            case .capsRatio(let minimum, let letters):
                writer.count(0)
                writer.double(minimum)
                writer.integer(letters)
            case .punctuationRun(let length):
                writer.count(1)
                writer.integer(length)
            case .emojiCount(let count):
                writer.count(2)
                writer.integer(count)
            }
        }
        array(rule.proximity) { writer, proximity in
            writer.patternSet(proximity.patterns, patterns)
            writer.integer(proximity.window)
            writer.string(proximity.side.rawValue)
            writer.bool(proximity.sameClause)
        }
        array(rule.exceptions) { writer, exception in
            writer.patternSet(exception.patterns, patterns)
            switch exception.window {
            case .overlap: writer.integer(-1)
            case .message: writer.integer(-2)
            case .words(let count): writer.integer(count)
            }
            writer.string(exception.side.rawValue)
        }
        optionalString(rule.validation.validate?.name)
        optionalString(rule.validation.invalidate?.name)
        double(rule.scoring.base)
        bool(rule.scoring.context != nil)
        if let context = rule.scoring.context { patternSet(context, patterns) }
        integer(rule.scoring.window)
        double(rule.scoring.boost)
        bool(rule.scoring.required)
        array(rule.gate.keywords) { writer, keyword in
            writer.byteArray(keyword.bytes)
            writer.count((keyword.needsBoundaryBefore ? 1 : 0) | (keyword.needsBoundaryAfter ? 2 : 0))
        }
        integer(rule.gate.minimumDigits)
        integer(rule.gate.minimumDigitGroup)
        bool(rule.gate.prefilter != nil)
        if let prefilter = rule.gate.prefilter { patternSet(prefilter, patterns) }
    }

    private mutating func patternSet(_ set: PatternSet, _ patterns: [ObjectIdentifier: Int]) {
        array(set.patterns) { $0.count(patterns[ObjectIdentifier($1)]!) }
        array(set.literalKeywords) { $0.string($1) }
        bool(set.hasRegex)
        array(set.fuzzy?.entries ?? []) { $0.string(String(decoding: $1, as: UTF8.self)) }
    }

    private mutating func mark(_ mark: SourceMark) {
        string(mark.file)
        integer(mark.line)
        integer(mark.column)
    }

    private mutating func examples(_ examples: [RuleExamples.Example]) {
        array(examples) { writer, example in
            writer.string(example.text)
            writer.mark(example.mark)
            writer.optionalString(example.redacted)
        }
    }
}

extension SnapshotReader {
    fileprivate mutating func pattern() throws(Corrupt) -> Pattern {
        let caseSensitive = try bool()
        let limitable = try bool()
        let recipe: Pattern.Recipe
        switch try count(in: 0..<3) {
        case 0:
            recipe = .regex(try string())
        case 1:
            let evasive = try bool()
            recipe = .literals(try array { reader throws(Corrupt) in try reader.entry() }, evasive: evasive)
        default:
            let evasive = try bool()
            let segments = try array { reader throws(Corrupt) -> Pattern.Recipe.Segment in
                if try reader.count(in: 0..<2) == 0 { return .text(try reader.string()) }
                return .lexicon(try reader.array { reader throws(Corrupt) in try reader.entry() })
            }
            recipe = .interpolated(segments, evasive: evasive)
        }
        return Pattern(recipe: recipe, caseSensitive: caseSensitive, limitable: limitable)
    }

    private mutating func entry() throws(Corrupt) -> LiteralTrie.Entry {
        let text = try string()
        let flags = try count(in: 0..<4)
        return LiteralTrie.Entry(text: text, isPrefix: flags & 1 != 0, isSuffix: flags & 2 != 0)
    }

    fileprivate mutating func rule(pack: String, _ patterns: [Pattern]) throws(Corrupt) -> Rule {
        let id = try string()
        let category = try string()
        guard let severity = Severity(rawValue: try string()) else { throw Corrupt() }
        let directionBits = try count(in: 1..<(1 << Direction.allCases.count))
        let directions = Set(Direction.allCases.enumerated().filter { directionBits & 1 << $0.0 != 0 }.map(\.1))
        let message = try string()
        let suggestion = try optionalString()
        let source = try string()
        let entity = try optionalString()
        let mark = try mark()
        let examples = RuleExamples(matching: try examples(), nonMatching: try examples())
        var parts = Rule.Parts()
        guard let view = TextView(rawValue: try count(in: 0..<TextView.allCases.count)) else { throw Corrupt() }
        parts.view = view
        parts.clauses = try patternSet(patterns)
        parts.metrics = try array { reader throws(Corrupt) -> Metric in
            switch try reader.count(in: 0..<3) {
            case 0: return .capsRatio(minimum: try reader.double(), letters: try reader.integer())
            case 1: return .punctuationRun(try reader.integer())
            default: return .emojiCount(try reader.integer())
            }
        }
        parts.proximity = try array { reader throws(Corrupt) in
            let set = try reader.patternSet(patterns)
            let window = try reader.integer()
            guard let side = Proximity.Side(rawValue: try reader.string()) else { throw Corrupt() }
            return Proximity(patterns: set, window: window, side: side, sameClause: try reader.bool())
        }
        parts.exceptions = try array { reader throws(Corrupt) in
            let set = try reader.patternSet(patterns)
            let window: Exception.Window
            switch try reader.integer() {
            case -1: window = .overlap
            case -2: window = .message
            case let count where count >= 0: window = .words(count)
            default: throw Corrupt()
            }
            guard let side = Proximity.Side(rawValue: try reader.string()) else { throw Corrupt() }
            return Exception(patterns: set, window: window, side: side)
        }
        parts.validation = Validation(validate: try validator(), invalidate: try validator())
        parts.scoring.base = try double()
        parts.scoring.context = try bool() ? try patternSet(patterns) : nil
        parts.scoring.window = try integer()
        parts.scoring.boost = try double()
        parts.scoring.required = try bool()
        let keywords = try array { reader throws(Corrupt) in
            let bytes = try reader.byteArray()
            let flags = try reader.count(in: 0..<4)
            return KeywordIndex.Keyword(
                bytes: bytes, needsBoundaryBefore: flags & 1 != 0, needsBoundaryAfter: flags & 2 != 0)
        }
        parts.gate = Gate(keywords: keywords, minimumDigits: try integer())
        parts.gate.minimumDigitGroup = try integer()
        parts.gate.prefilter = try bool() ? try patternSet(patterns) : nil
        return Rule(
            id: id, pack: pack, category: category, severity: severity, directions: directions, message: message,
            suggestion: suggestion, source: source, entity: entity, mark: mark, examples: examples, parts: parts)
    }

    private mutating func patternSet(_ patterns: [Pattern]) throws(Corrupt) -> PatternSet {
        let members = try array { reader throws(Corrupt) in patterns[try reader.count(in: 0..<patterns.count)] }
        let keywords = try array { reader throws(Corrupt) in try reader.string() }
        var set = PatternSet(patterns: members, literalKeywords: keywords, hasRegex: try bool())
        let entries = try array { reader throws(Corrupt) in try reader.string() }
        if !entries.isEmpty {
            let key = entries.joined(separator: "\u{1}")
            set.fuzzy = fuzzyWords[key] ?? FuzzyWords(entries: entries)
            fuzzyWords[key] = set.fuzzy
        }
        return set
    }

    private mutating func validator() throws(Corrupt) -> Validator? {
        guard let name = try optionalString() else { return nil }
        guard let validator = Validator.named(name) else { throw Corrupt() }
        return validator
    }

    private mutating func mark() throws(Corrupt) -> SourceMark {
        SourceMark(file: try string(), line: try integer(), column: try integer())
    }

    private mutating func examples() throws(Corrupt) -> [RuleExamples.Example] {
        try array { reader throws(Corrupt) in
            RuleExamples.Example(
                text: try reader.string(), mark: try reader.mark(), redacted: try reader.optionalString())
        }
    }
}
