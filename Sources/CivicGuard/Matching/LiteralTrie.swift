/// Compiles a list of literal words and phrases into one prefix-factored PCRE2 alternation.
///
/// A plain alternation of 500 words makes PCRE2 try every branch at every position; factoring common prefixes
/// into a trie (`kut|kanker|kankerlijer` becomes `k(?:ut|anker(?:lijer)?)`) lets a failed first letter discard
/// whole subtrees, which measured 6–10× faster.
///
/// What an entry matches:
/// - `kanker`: the whole word, on word boundaries (letters, marks, digits and `_` are word characters).
/// - `kanker*`: any word that starts with it (`kankerlijer`, `kankerzooi`): Dutch compounds.
/// - `*lijer`: any word that ends with it (`tyfuslijer`).
/// - `stem op`: a phrase; each run of spaces matches any run of white space.
/// - An entry that starts or ends with a non-word character (an emoji) has no boundary on that side.
///
/// Case is folded by the pattern's caseless flag, so entries are compared in lower case.
///
/// For the normalised view (`evasive`), every letter after the first may be masked by `*` (`f*ck`, `c**t`), as
/// long as the match does not end in a mask (so `f**` is no word).
public enum LiteralTrie {
    /// One literal list entry, parsed from its written form.
    public struct Entry: Hashable, Sendable {
        public var text: String
        /// `text*`: matches words that begin with `text`.
        public var isPrefix: Bool
        /// `*text`: matches words that end with `text`.
        public var isSuffix: Bool

        public init(_ written: String, caseSensitive: Bool = false) {
            // Most entries are plain ASCII words: take them as they are.
            let utf8 = written.utf8
            if let first = utf8.first, let last = utf8.last, first != 0x20, first != 0x2A, last != 0x20, last != 0x2A,
                utf8.allSatisfy({ $0 < 0x80 && $0 != 0x09 && $0 != 0x0A })
            {
                isSuffix = false
                isPrefix = false
                text = caseSensitive || !utf8.contains(where: { $0 &- 0x41 < 26 }) ? written : written.lowercased()
                return
            }
            var text = Substring(written.trimmingWhitespace())
            isSuffix = text.count > 1 && text.hasPrefix("*")
            if isSuffix { text = text.dropFirst() }
            isPrefix = text.count > 1 && text.hasSuffix("*")
            if isPrefix { text = text.dropLast() }
            self.text = caseSensitive ? String(text) : String(text).lowercased()
        }

        init(text: String, isPrefix: Bool, isSuffix: Bool) {
            self.text = text
            self.isPrefix = isPrefix
            self.isSuffix = isSuffix
        }

        /// The literal that must occur in a text for this entry to match, written as a gate keyword (with its
        /// `*` markers, so the keyword needs the same word boundaries as the entry).
        public var keyword: String { (isSuffix ? "*" : "") + text + (isPrefix ? "*" : "") }
    }

    /// Characters that continue a word.
    static let wordClass = "[\\p{L}\\p{M}\\p{N}_]"

    /// The trie of `entries` alone, without word boundaries, for use inside a rule author's regex
    /// (`{{lexicon.name}}`).
    public static func bareAlternation(for entries: [Entry], evasive: Bool = false) -> String {
        wrap(trie(entries.filter { !$0.text.isEmpty }, evasive: evasive, depth: 0))
    }

    /// `entries` in runs whose word-list patterns (`pattern(for:evasive:)`) compile: PCRE2 as Debian builds it
    /// (two-byte links) refuses a compiled pattern over 64 KB, which one alternation of about 3,500 words
    /// reaches. Runs are halves, quarters, … of the sorted entries, each at most `maximumSource` bytes of
    /// pattern, which compiles to well under the limit; a rule matches with all its runs, so a list of any
    /// length works. Each run comes with the pattern measured for it, so it is not built again.
    ///
    /// - Complexity: O(n log n) in the total length of the entries.
    static func compilableRuns(of entries: [Entry], evasive: Bool, maximumSource: Int = 16_384) -> [(
        entries: [Entry], source: String?
    )] {
        func split(_ run: ArraySlice<Entry>) -> [(entries: [Entry], source: String?)] {
            let source = pattern(for: Array(run), evasive: evasive)
            guard run.count > 1, (source?.utf8.count ?? 0) > maximumSource else { return [(Array(run), source)] }
            let middle = run.startIndex + run.count / 2
            return split(run[..<middle]) + split(run[middle...])
        }
        return split(entries.sorted { $0.text < $1.text }[...])
    }

    /// The alternation for `entries`, or nil when there are none.
    ///
    /// - Complexity: O(total length of the entries).
    public static func pattern(for entries: [Entry], evasive: Bool = false) -> String? {
        var branches: [String] = []
        let groups = Dictionary(grouping: entries.filter { !$0.text.isEmpty }) { entry in
            Boundaries(
                left: !entry.isSuffix && isWordCharacter(entry.text.unicodeScalars.first!),
                right: !entry.isPrefix && isWordCharacter(entry.text.unicodeScalars.last!))
        }
        for boundaries in groups.keys.sorted(by: {
            ($0.left ? 1 : 0, $0.right ? 1 : 0) < ($1.left ? 1 : 0, $1.right ? 1 : 0)
        }) {
            let group = groups[boundaries]!
            var alternatives: [String] = []
            let forward = group.filter { !$0.isSuffix }
            if !forward.isEmpty {
                alternatives.append(trie(forward, evasive: evasive, depth: 0))
            }
            let suffixes = group.filter(\.isSuffix)
            if !suffixes.isEmpty {
                alternatives.append("\(wordClass)*?" + wrap(trie(suffixes, evasive: evasive, depth: 1)))
            }
            let body = alternatives.count == 1 ? alternatives[0] : "(?:\(alternatives.joined(separator: "|")))"
            let left = boundaries.left ? "(?<!\(wordClass))" : ""
            let right = (evasive ? "(?<!\\*)" : "") + (boundaries.right ? "(?!\(wordClass))" : "")
            branches.append(left + wrap(body) + right)
        }
        guard !branches.isEmpty else { return nil }
        return branches.count == 1 ? branches[0] : "(?:\(branches.joined(separator: "|")))"
    }

    private struct Boundaries: Hashable {
        var left: Bool
        var right: Bool
    }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (value | 0x20) &- 0x61 < 26 || value &- 0x30 < 10 || value == 0x5F }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || scalar == "_"
            || properties.generalCategory == .nonspacingMark
    }

    private static func wrap(_ body: String) -> String {
        body.hasPrefix("(?:") && body.hasSuffix(")") && balanced(body) ? body : "(?:\(body))"
    }

    /// Whether the group opened at the start of `body` closes only at its end.
    private static func balanced(_ body: String) -> Bool {
        var depth = 0
        var escaped = false
        let scalars = Array(body.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if escaped { escaped = false; continue }
            if scalar == "\\" { escaped = true; continue }
            if scalar == "[" { return false }
            if scalar == "(" { depth += 1 }
            if scalar == ")" {
                depth -= 1
                if depth == 0 && index != scalars.count - 1 { return false }
            }
        }
        return true
    }

    /// The prefix-factored alternation of `entries`: words sharing a first letter share one branch.
    /// `depth` is the position of the first letter in the word (0, or 1 after a leading wildcard).
    private static func trie(_ entries: [Entry], evasive: Bool, depth: Int) -> String {
        var words = entries.map { (Array($0.text.unicodeScalars), $0.isPrefix) }
        words.sort { lhs, rhs in lhs.0.lexicographicallyPrecedes(rhs.0) { $0.value < $1.value } }
        var output: [UInt8] = []
        output.reserveCapacity(words.reduce(0) { $0 + $1.0.count } * 2)
        emit(words[...], position: 0, depth: depth, evasive: evasive, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Emits the sub-trie of `words`, which share their first `position` scalars and are sorted.
    private static func emit(
        _ words: ArraySlice<([Unicode.Scalar], Bool)>, position: Int, depth: Int, evasive: Bool,
        into output: inout [UInt8]
    ) {
        var rest = words
        var terminal = false
        var open = false
        while let first = rest.first, first.0.count == position {
            terminal = true
            open = open || first.1
            rest = rest.dropFirst()
        }
        if open {
            output.append(contentsOf: wordClass.utf8)
            output.append(UInt8(ascii: "*"))
            return
        }
        guard !rest.isEmpty else { return }
        var groups: [ArraySlice<([Unicode.Scalar], Bool)>] = []
        var start = rest.startIndex
        for index in rest.indices.dropFirst() where rest[index].0[position] != rest[start].0[position] {
            groups.append(rest[start..<index])
            start = index
        }
        groups.append(rest[start..<rest.endIndex])
        let grouped = groups.count > 1 || terminal
        if grouped { output.append(contentsOf: "(?:".utf8) }
        for (number, group) in groups.enumerated() {
            if number > 0 { output.append(UInt8(ascii: "|")) }
            appendScalar(group.first!.0[position], maskable: evasive && depth + position > 0, into: &output)
            emit(group, position: position + 1, depth: depth, evasive: evasive, into: &output)
        }
        if grouped { output.append(contentsOf: (terminal ? ")?" : ")").utf8) }
    }

    /// One literal character of a trie: escaped where regex syntax needs it, a run of white space for a
    /// space, and letter-or-mask when `maskable`.
    private static func appendScalar(_ scalar: Unicode.Scalar, maskable: Bool, into output: inout [UInt8]) {
        let value = scalar.value
        let isLetter = value < 0x80 ? (value | 0x20) &- 0x61 < 26 : scalar.properties.isAlphabetic
        if maskable, isLetter {
            output.append(UInt8(ascii: "["))
            output.append(contentsOf: String(scalar).utf8)
            output.append(contentsOf: "*]".utf8)
        } else if value == 0x20 || (value >= 0x80 && scalar.properties.isWhitespace) || value == 0x09 || value == 0x0A {
            output.append(contentsOf: "\\s+".utf8)
        } else if value < 0x80, "\\^$.|?*+()[]{}#-/".utf8.contains(UInt8(value)) {
            output.append(UInt8(ascii: "\\"))
            output.append(UInt8(value))
        } else if value < 0x80 {
            output.append(UInt8(value))
        } else {
            output.append(contentsOf: String(scalar).utf8)
        }
    }
}

extension String {
    func trimmingWhitespace() -> Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return Substring(scalars[first...last])
    }
}
