/// Reads the fields of a YAML mapping as the types a loader needs, reporting every problem to a `DiagnosticLog`.
///
/// - Unknown keys are reported with a did-you-mean, or with the list of valid keys when nothing is close.
/// - Duplicate keys are reported (libyaml accepts them; a second value silently winning would hide a mistake).
/// - A value of the wrong type is reported as `expected a list of strings, found a mapping` and read as absent.
///
/// ```swift
/// guard let fields = YAMLMapping(node, keys: ["id", "message"], log: log) else { return nil }
/// let id = fields.string("id", required: true)
/// ```
struct YAMLMapping {
    let node: YAMLNode
    let log: DiagnosticLog
    private var values: [String: YAMLNode.Pair] = [:]

    /// Nil, with a diagnostic, when `node` is not a mapping.
    init?(_ node: YAMLNode, keys: [String], log: DiagnosticLog) {
        self.node = node
        self.log = log
        guard case .mapping(let pairs) = node.content else {
            log.report(node.mark, "expected a mapping, found \(node.kindDescription)")
            return nil
        }
        for pair in pairs {
            guard let key = pair.key.scalar else {
                log.report(pair.key.mark, "expected a key, found \(pair.key.kindDescription)")
                continue
            }
            if let first = values[key] {
                log.report(pair.key.mark, "duplicate key \"\(key)\" (first given at line \(first.key.mark.line))")
                continue
            }
            guard keys.contains(key) else {
                if let guess = Suggestion.closest(to: key, among: keys) {
                    log.report(pair.key.mark, "unknown key \"\(key)\"; did you mean \"\(guess)\"?")
                } else {
                    log.report(
                        pair.key.mark, "unknown key \"\(key)\"; expected one of: \(keys.joined(separator: ", "))")
                }
                continue
            }
            values[key] = pair
        }
    }

    func contains(_ key: String) -> Bool { values[key] != nil }

    /// The value node of `key`, or nil (with a diagnostic when `required`).
    func value(_ key: String, required: Bool = false) -> YAMLNode? {
        guard let pair = values[key] else {
            if required { log.report(node.mark, "missing required key \"\(key)\"") }
            return nil
        }
        return pair.value
    }

    /// Where `key` was written, for diagnostics about its value as a whole.
    func keyMark(_ key: String) -> SourceMark? { values[key]?.key.mark }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard let text = value.scalar else {
            log.report(value.mark, "expected a string, found \(value.kindDescription)")
            return nil
        }
        return text
    }

    /// A list of strings; a single string is accepted as a list of one.
    func strings(_ key: String, required: Bool = false) -> [(String, SourceMark)]? {
        guard let value = value(key, required: required) else { return nil }
        return Self.strings(value, log: log)
    }

    static func strings(_ value: YAMLNode, log: DiagnosticLog) -> [(String, SourceMark)]? {
        switch value.content {
        case .scalar where !value.isNull:
            return [(value.scalar!, value.mark)]
        case .sequence(let items):
            var result: [(String, SourceMark)] = []
            for item in items {
                guard let text = item.scalar else {
                    log.report(item.mark, "expected a string, found \(item.kindDescription)")
                    continue
                }
                result.append((text, item.mark))
            }
            return result
        default:
            log.report(value.mark, "expected a list of strings, found \(value.kindDescription)")
            return nil
        }
    }

    /// Only `true` and `false` are booleans; `yes`, `no`, `on` and `off` are reported.
    func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        switch value.scalar {
        case "true": return true
        case "false": return false
        default:
            log.report(value.mark, "expected true or false, found \(Self.describe(value))")
            return nil
        }
    }

    func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = value(key) else { return nil }
        guard let text = value.scalar, let number = Int(text) else {
            log.report(value.mark, "expected a whole number, found \(Self.describe(value))")
            return nil
        }
        guard range.contains(number) else {
            log.report(value.mark, "expected a number from \(range.lowerBound) to \(range.upperBound), found \(number)")
            return nil
        }
        return number
    }

    func number(_ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let value = value(key) else { return nil }
        guard let text = value.scalar, let number = Double(text), number.isFinite else {
            log.report(value.mark, "expected a number, found \(Self.describe(value))")
            return nil
        }
        guard range.contains(number) else {
            log.report(value.mark, "expected a number from \(range.lowerBound) to \(range.upperBound), found \(text)")
            return nil
        }
        return number
    }

    /// One of a fixed set of words, with a did-you-mean when the value is close to one of them.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, required: Bool = false) -> T?
    where T.RawValue == String {
        guard let value = value(key, required: required) else { return nil }
        return Self.choice(value, log: log)
    }

    /// A list of choices (a single value is a list of one); unknown values are reported with a did-you-mean.
    func choices<T: RawRepresentable & CaseIterable>(_ key: String) -> [T]? where T.RawValue == String {
        guard let value = value(key) else { return nil }
        switch value.content {
        case .sequence(let items): return items.compactMap { Self.choice($0, log: log) }
        default: return Self.choice(value, log: log).map { [$0] }
        }
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ value: YAMLNode, log: DiagnosticLog) -> T?
    where T.RawValue == String {
        let names = T.allCases.map(\.rawValue)
        guard let text = value.scalar else {
            log.report(value.mark, "expected one of \(names.joined(separator: ", ")), found \(value.kindDescription)")
            return nil
        }
        if let result = T(rawValue: text) { return result }
        if let guess = Suggestion.closest(to: text, among: names) {
            log.report(value.mark, "unknown value \"\(text)\"; did you mean \"\(guess)\"?")
        } else {
            log.report(value.mark, "unknown value \"\(text)\"; expected one of: \(names.joined(separator: ", "))")
        }
        return nil
    }

    /// The pairs of a nested mapping whose keys are free-form (rule ids, channel names), with duplicates reported.
    func entries(_ key: String) -> [(key: String, keyMark: SourceMark, value: YAMLNode)]? {
        guard let value = value(key) else { return nil }
        return Self.entries(value, log: log)
    }

    static func entries(_ value: YAMLNode, log: DiagnosticLog) -> [(key: String, keyMark: SourceMark, value: YAMLNode)]?
    {
        guard case .mapping(let pairs) = value.content else {
            log.report(value.mark, "expected a mapping, found \(value.kindDescription)")
            return nil
        }
        var seen: [String: Int] = [:]
        var result: [(key: String, keyMark: SourceMark, value: YAMLNode)] = []
        for pair in pairs {
            guard let key = pair.key.scalar else {
                log.report(pair.key.mark, "expected a key, found \(pair.key.kindDescription)")
                continue
            }
            if let line = seen[key] {
                log.report(pair.key.mark, "duplicate key \"\(key)\" (first given at line \(line))")
                continue
            }
            seen[key] = pair.key.mark.line
            result.append((key, pair.key.mark, pair.value))
        }
        return result
    }

    static func describe(_ node: YAMLNode) -> String {
        if let text = node.scalar { return "\"\(text)\"" }
        return node.kindDescription
    }
}
