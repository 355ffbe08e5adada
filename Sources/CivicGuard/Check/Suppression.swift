/// An inline suppression comment in a template file.
///
/// ```yaml
/// # civicguard-disable-next-line conduct.nl.staff-promise -- legal confirmed this wording, ticket 812
/// promise: "We garanderen dat …"
/// # civicguard-disable pii.person.greeting -- sample names in the training set
/// …
/// # civicguard-enable pii.person.greeting
/// ```
///
/// - In YAML a comment (`#`), in Markdown an HTML comment (`<!-- … -->`), in plain text a line of its own;
///   JSON has no comments, so JSON catalogues rely on baselines.
/// - Rules are named by id, separated by commas, or `all`.
/// - The reason after ` -- ` is mandatory: a suppression without one suppresses nothing and is reported.
public struct Suppression: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `civicguard-disable-next-line`: the next line that is not blank or a comment, and any template that
        /// starts on it; in YAML also the block under it (the values of a key and of its nested keys).
        case nextLine
        /// `civicguard-disable`: every line until the matching `civicguard-enable`, or the end of the file.
        case disable
        /// `civicguard-enable`.
        case enable
    }

    public let kind: Kind
    /// The rule ids named; empty means `all`.
    public let rules: [String]
    public let reason: String?
    /// Where the directive is written.
    public let position: FilePosition
    /// For `nextLine`: the lines it covers.
    public var lines: ClosedRange<Int> = 1...1

    /// Whether the suppression names `rule`.
    func covers(_ rule: String) -> Bool {
        rules.isEmpty || rules.contains(rule)
    }

    /// Every suppression directive in a file, in order.
    static func parse(_ source: SourceText, format: TemplateFormat) -> [Suppression] {
        guard format != .json else { return [] }
        var result: [Suppression] = []
        for (number, start) in source.lineStarts.enumerated() {
            var end = start
            while end < source.scalars.count, source.scalars[end] != "\n" { end += 1 }
            let line = String(String.UnicodeScalarView(source.scalars[start..<end]))
            guard let directive = directiveText(line, format: format) else { continue }
            guard let found = line.firstRange(of: "civicguard-") else { continue }
            let column = line[..<found.lowerBound].unicodeScalars.count + 1
            if var suppression = Self.directive(
                directive, at: FilePosition(line: number + 1, column: column, offset: start + column - 1))
            {
                if suppression.kind == .nextLine {
                    suppression.lines = covered(after: number + 1, source, format: format)
                }
                result.append(suppression)
            }
        }
        return result
    }

    /// The lines a `disable-next-line` on line `line` covers: the next line that is not blank or a comment and,
    /// in YAML, the lines indented under it.
    static func covered(after line: Int, _ source: SourceText, format: TemplateFormat) -> ClosedRange<Int> {
        let lines = source.lineStarts.indices.map { index -> [Unicode.Scalar] in
            let start = source.lineStarts[index]
            let end = index + 1 < source.lineStarts.count ? source.lineStarts[index + 1] - 1 : source.scalars.count
            return Array(source.scalars[start..<max(start, end)])
        }
        func indent(_ scalars: [Unicode.Scalar]) -> Int { scalars.prefix { $0 == " " }.count }
        func isBlankOrComment(_ scalars: [Unicode.Scalar]) -> Bool {
            let rest = scalars.drop { $0 == " " || $0 == "\t" }
            return rest.isEmpty || (format == .yaml && rest.first == "#")
                || (format == .markdown && String(String.UnicodeScalarView(rest)).hasPrefix("<!--"))
        }
        var target = line + 1
        while target <= lines.count, isBlankOrComment(lines[target - 1]) { target += 1 }
        guard target <= lines.count else { return (line + 1)...(line + 1) }
        var last = target
        if format == .yaml {
            let base = indent(lines[target - 1])
            var next = target + 1
            while next <= lines.count, isBlankOrComment(lines[next - 1]) || indent(lines[next - 1]) > base {
                if !isBlankOrComment(lines[next - 1]) { last = next }
                next += 1
            }
        }
        return target...last
    }

    /// The comment text of a line that holds a directive in the file's comment syntax.
    static func directiveText(_ line: String, format: TemplateFormat) -> Substring? {
        guard let found = line.firstRange(of: "civicguard-") else { return nil }
        let before = line[..<found.lowerBound]
        var text = line[found.lowerBound...]
        switch format {
        case .yaml:
            guard let hash = before.lastIndex(of: "#"),
                hash == before.startIndex || before[before.index(before: hash)].isWhitespace,
                before[before.index(after: hash)...].allSatisfy(\.isWhitespace)
            else { return nil }
        case .markdown:
            guard String(before).trimmingWhitespace().hasSuffix("<!--") else { return nil }
            if let close = text.firstRange(of: "-->") { text = text[..<close.lowerBound] }
        case .text:
            guard before.allSatisfy(\.isWhitespace) else { return nil }
        case .json:
            return nil
        }
        return text
    }

    /// Parses `civicguard-KIND RULES [-- reason]`.
    static func directive(_ text: Substring, at position: FilePosition) -> Suppression? {
        var body = text
        var reason: String?
        if let separator = body.firstRange(of: " -- ") {
            let written = String(String(body[separator.upperBound...]).trimmingWhitespace())
            reason = written.isEmpty ? nil : written
            body = body[..<separator.lowerBound]
        }
        let words = body.split(whereSeparator: \.isWhitespace)
        guard let keyword = words.first else { return nil }
        let kind: Kind
        switch keyword {
        case "civicguard-disable-next-line": kind = .nextLine
        case "civicguard-disable": kind = .disable
        case "civicguard-enable": kind = .enable
        default: return nil
        }
        let rules = words.dropFirst().flatMap { $0.split(separator: ",") }.map(String.init).filter { !$0.isEmpty }
        return Suppression(
            kind: kind, rules: rules == ["all"] ? [] : rules, reason: reason, position: position)
    }
}

/// The suppressions of one file, applied to its findings, remembering which were used.
struct SuppressionSet {
    let suppressions: [Suppression]
    private(set) var used: Set<Int> = []

    init(_ suppressions: [Suppression]) {
        self.suppressions = suppressions
    }

    /// The index of a valid suppression (one with a reason) that covers `rule` at `line`, for a finding in a
    /// template starting at `templateLine`; the suppression is marked used.
    mutating func suppressor(rule: String, line: Int, templateLine: Int) -> Int? {
        for (index, suppression) in suppressions.enumerated()
        where suppression.reason != nil && suppression.covers(rule) {
            switch suppression.kind {
            case .nextLine:
                if suppression.lines.contains(line) || suppression.lines.contains(templateLine) {
                    used.insert(index)
                    return index
                }
            case .disable:
                let end =
                    suppressions[(index + 1)...].first {
                        $0.kind == .enable && ($0.rules.isEmpty || suppression.rules.contains(where: $0.covers))
                    }?.position.line ?? Int.max
                if line > suppression.position.line, line < end {
                    used.insert(index)
                    return index
                }
            case .enable:
                break
            }
        }
        return nil
    }
}
