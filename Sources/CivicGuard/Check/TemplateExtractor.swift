/// The kinds of template files `civicguard check` reads, told apart by extension.
public enum TemplateFormat: String, CaseIterable, Sendable {
    /// A plain-text file: one template.
    case text
    /// A Markdown file: one template; HTML comments are not published and not checked.
    case markdown
    /// A YAML catalogue: every string value is a template.
    case yaml
    /// A JSON catalogue: every string value is a template.
    case json

    /// The format of `path`, or nil for a file `check` does not read.
    public static func of(_ path: String) -> TemplateFormat? {
        let name = path.lowercased()
        if name.hasSuffix(".txt") || name.hasSuffix(".text") || name.hasSuffix(".tpl") { return .text }
        if name.hasSuffix(".md") || name.hasSuffix(".markdown") { return .markdown }
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { return .yaml }
        if name.hasSuffix(".json") { return .json }
        return nil
    }
}

/// A template file read and taken apart.
public struct TemplateFile: Sendable {
    public let path: String
    public let format: TemplateFormat
    public let templates: [Template]
    public let suppressions: [Suppression]
    /// Why the file could not be read (not UTF-8, not valid YAML or JSON), with where; nil when it could.
    public let problem: (message: String, position: FilePosition)?
}

/// Takes template files apart into templates, placeholders and suppression comments.
///
/// - Text and Markdown: the whole file is one template (Markdown's HTML comments and plain text's suppression
///   lines are blanked out, keeping every other position).
/// - YAML and JSON: every string value is a template with its key path (`replies.parking.refused.nl`, `[2]`
///   for list items) and, for each of its code points, the line and column it was written at — through quotes,
///   escapes, folded lines and block indentation. Numbers, booleans and nulls are not templates.
public struct TemplateExtractor {
    /// `{{name}}`, `${name}`, `{name}`, `%(name)s`, `%s`, `[NAME]`.
    static let placeholderPattern = try! Pattern(
        #"\{\{\s*[^{}\s]+\s*\}\}|\$\{[^{}\s]+\}|(?<![{$])\{[A-Za-z_][\w.-]*\}|%\([\w.-]+\)[sdifr]|%[sdif@]|\[[A-Z][A-Z0-9_]*(?: [A-Z0-9_]+)*\]"#,
        caseSensitive: true)
    /// What a placeholder's code points become in the text rules see.
    static let opaque: Unicode.Scalar = "\u{FFFC}"

    let engine: MatchEngine

    public init(engine: MatchEngine) {
        self.engine = engine
    }

    public func extract(path: String, bytes: [UInt8], format: TemplateFormat) -> TemplateFile {
        if let invalid = bytes.withUnsafeBufferPointer(UTF8Bytes.firstInvalidOffset) {
            let position = SourceText(String(decoding: bytes[..<invalid], as: UTF8.self)).position(
                String(decoding: bytes[..<invalid], as: UTF8.self).unicodeScalars.count)
            return TemplateFile(
                path: path, format: format, templates: [], suppressions: [],
                problem: ("not valid UTF-8 (byte \(invalid + 1)); not checked", position))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let source = SourceText(text)
        let suppressions =
            Self.mentionsDirective(bytes) ? Suppression.parse(source, format: format) : []
        switch format {
        case .text, .markdown:
            var scalars = source.scalars
            for range in hiddenRanges(source, format: format, suppressions: suppressions) {
                for index in range where scalars[index] != "\n" { scalars[index] = " " }
            }
            let template = makeTemplate(
                scalars, offsets: Array(0...scalars.count), lines: source.lines, keyPath: nil)
            return TemplateFile(
                path: path, format: format, templates: [template], suppressions: suppressions, problem: nil)
        case .yaml, .json:
            let root: YAMLNode?
            do {
                root = try YAMLParser.parse(bytes, file: path)
            } catch {
                let diagnostic = error.diagnostics[0]
                let offset = source.offset(line: diagnostic.mark.line, column: diagnostic.mark.column)
                return TemplateFile(
                    path: path, format: format, templates: [], suppressions: suppressions,
                    problem: ("\(diagnostic.message); not checked", source.position(offset)))
            }
            var templates: [Template] = []
            if let root { collect(root, path: [], source: source, into: &templates) }
            return TemplateFile(
                path: path, format: format, templates: templates, suppressions: suppressions, problem: nil)
        }
    }

    /// Whether a file could hold a suppression directive at all (most files do not; parsing them line by line
    /// would cost more than screening them).
    static func mentionsDirective(_ bytes: [UInt8]) -> Bool {
        let needle = Array("civicguard-".utf8)
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Parts of a text or Markdown file that are never published: Markdown comments, and plain-text
    /// suppression lines.
    func hiddenRanges(_ source: SourceText, format: TemplateFormat, suppressions: [Suppression]) -> [Range<Int>] {
        let scalars = source.scalars
        var ranges: [Range<Int>] = []
        switch format {
        case .markdown:
            var index = 0
            while index + 3 < scalars.count {
                if scalars[index] == "<", scalars[index + 1] == "!", scalars[index + 2] == "-",
                    scalars[index + 3] == "-"
                {
                    var end = index + 4
                    while end + 2 < scalars.count,
                        !(scalars[end] == "-" && scalars[end + 1] == "-" && scalars[end + 2] == ">")
                    {
                        end += 1
                    }
                    end = min(scalars.count, end + 3)
                    ranges.append(index..<end)
                    index = end
                } else {
                    index += 1
                }
            }
        case .text:
            for suppression in suppressions {
                let start = source.lineStarts[suppression.position.line - 1]
                var end = start
                while end < scalars.count, scalars[end] != "\n" { end += 1 }
                ranges.append(start..<end)
            }
        case .yaml, .json:
            break
        }
        return ranges
    }

    /// Walks a catalogue, making a template of every string value.
    func collect(_ node: YAMLNode, path: [String], source: SourceText, into templates: inout [Template]) {
        switch node.content {
        case .mapping(let pairs):
            for pair in pairs {
                collect(pair.value, path: path + [pair.key.scalar ?? "?"], source: source, into: &templates)
            }
        case .sequence(let items):
            for (index, item) in items.enumerated() {
                var itemPath = path
                if itemPath.isEmpty {
                    itemPath.append("[\(index)]")
                } else {
                    itemPath[itemPath.count - 1] += "[\(index)]"
                }
                collect(item, path: itemPath, source: source, into: &templates)
            }
        case .scalar(let value, _):
            guard !node.isNull, node.style != .plain || !Self.isNumberOrBoolean(value) else { return }
            let scalars = Array(value.unicodeScalars)
            let offsets = Self.align(scalars, node: node, source: source)
            templates.append(
                makeTemplate(scalars, offsets: offsets, lines: source.lines, keyPath: path.joined(separator: ".")))
        }
    }

    static func isNumberOrBoolean(_ value: String) -> Bool {
        value == "true" || value == "false" || Double(value) != nil
    }

    /// The template for `scalars`, with placeholders found and made opaque.
    func makeTemplate(_ scalars: [Unicode.Scalar], offsets: [Int], lines: LineStarts, keyPath: String?) -> Template {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.value < 0x80 {
                bytes.append(UInt8(scalar.value))
            } else {
                bytes.append(contentsOf: scalar.utf8)
            }
        }
        // The code-point index of each byte that starts a code point (and of the end); ASCII needs no table.
        var byteToScalar: [Int] = []
        if bytes.count != scalars.count {
            byteToScalar = Array(repeating: -1, count: bytes.count + 1)
            var scalarIndex = 0
            for (index, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
                byteToScalar[index] = scalarIndex
                scalarIndex += 1
            }
            byteToScalar[bytes.count] = scalarIndex
        }
        var placeholders: [Placeholder] = []
        var opaque = scalars
        engine.forEachMatch(of: Self.placeholderPattern, in: bytes) { span in
            let start = byteToScalar.isEmpty ? span.lowerBound : byteToScalar[span.lowerBound]
            let end = byteToScalar.isEmpty ? span.upperBound : byteToScalar[span.upperBound]
            guard start >= 0, end >= start else { return true }
            placeholders.append(
                Placeholder(
                    name: Self.placeholderName(String(decoding: bytes[span], as: UTF8.self)), range: start..<end))
            for index in start..<end { opaque[index] = Self.opaque }
            return true
        }
        let text: String
        if placeholders.isEmpty {
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            var opaqueBytes: [UInt8] = []
            opaqueBytes.reserveCapacity(bytes.count + 2 * placeholders.count)
            for scalar in opaque { opaqueBytes.append(contentsOf: scalar.utf8) }
            text = String(decoding: opaqueBytes, as: UTF8.self)
        }
        return Template(keyPath: keyPath, text: text, offsets: offsets, lines: lines, placeholders: placeholders)
    }

    /// The name inside a placeholder: `{{ naam }}` → `naam`, `%(bsn)s` → `bsn`, `[NAAM]` → `NAAM`, `%s` → "".
    static func placeholderName(_ written: String) -> String {
        var text = Substring(written)
        if text.hasPrefix("%(") {
            text = text.dropFirst(2)
            return String(text.prefix { $0 != ")" })
        }
        if text.hasPrefix("%") { return "" }
        text = Substring(text.drop { "{$[ ".contains($0) })
        while let last = text.last, "}] ".contains(last) { text = text.dropLast() }
        return String(text)
    }

    /// The file offset of each code point of a scalar's value (and one past the end), found by walking the
    /// file from the node's start through quotes, escapes, indentation and folded line breaks.
    static func align(_ value: [Unicode.Scalar], node: YAMLNode, source: SourceText) -> [Int] {
        let text = source.scalars
        var cursor = source.offset(line: node.mark.line, column: node.mark.column)
        switch node.style {
        case .singleQuoted, .doubleQuoted:
            cursor += 1
        case .literal, .folded:
            while cursor < text.count, text[cursor] != "\n" { cursor += 1 }
            cursor += 1
        case .plain:
            break
        }
        var positions: [Int] = []
        positions.reserveCapacity(value.count + 1)
        for scalar in value {
            var mapped = false
            while cursor < text.count {
                let current = text[cursor]
                if node.style == .doubleQuoted, current == "\\" {
                    let (produced, length) = decodeEscape(text, at: cursor)
                    if produced == scalar {
                        positions.append(cursor)
                        cursor += length
                        mapped = true
                        break
                    }
                    cursor += length
                    continue
                }
                if node.style == .singleQuoted, current == "'", cursor + 1 < text.count, text[cursor + 1] == "'",
                    scalar == "'"
                {
                    positions.append(cursor)
                    cursor += 2
                    mapped = true
                    break
                }
                if current == scalar
                    || ((scalar == " " || scalar == "\n") && (current == "\n" || current == " " || current == "\t"))
                {
                    positions.append(cursor)
                    cursor += 1
                    mapped = true
                    break
                }
                cursor += 1
            }
            if !mapped { positions.append(min(cursor, text.count)) }
        }
        positions.append(min(cursor, text.count))
        return positions
    }

    /// The code point a double-quoted escape at `index` stands for (nil for a line continuation), and its
    /// length in the file.
    static func decodeEscape(_ text: [Unicode.Scalar], at index: Int) -> (Unicode.Scalar?, Int) {
        guard index + 1 < text.count else { return (nil, 1) }
        let escaped = text[index + 1]
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "n": "\n", "t": "\t", "r": "\r", "0": "\0", "\"": "\"", "\\": "\\", "/": "/", " ": " ",
            "a": "\u{07}", "b": "\u{08}", "e": "\u{1B}", "f": "\u{0C}", "v": "\u{0B}", "N": "\u{85}", "_": "\u{A0}",
            "L": "\u{2028}", "P": "\u{2029}", "\t": "\t",
        ]
        if let scalar = simple[escaped] { return (scalar, 2) }
        let digits: Int
        switch escaped {
        case "x": digits = 2
        case "u": digits = 4
        case "U": digits = 8
        case "\n": return (nil, 2)
        default: return (nil, 2)
        }
        guard index + 2 + digits <= text.count else { return (nil, 2) }
        let hex = String(String.UnicodeScalarView(text[(index + 2)..<(index + 2 + digits)]))
        guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else { return (nil, 2 + digits) }
        return (scalar, 2 + digits)
    }
}
