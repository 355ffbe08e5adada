/// A node of a parsed YAML document, with the position it was written at.
///
/// Scalars keep their text untyped: a field reads a scalar as the type it needs, so `NO` stays the string "NO"
/// where a string is expected (no YAML 1.1 boolean trap), and only `true` and `false` are booleans.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        /// A scalar's text; `isPlain` is false for quoted and block scalars, which are never null.
        case scalar(String, isPlain: Bool)
        case sequence([YAMLNode])
        case mapping([Pair])
    }

    /// A key and its value, in document order.
    public struct Pair: Sendable {
        public var key: YAMLNode
        public var value: YAMLNode
    }

    /// How a scalar was written, which decides how its text maps back to the file.
    public enum ScalarStyle: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var content: Content
    public var mark: SourceMark
    /// The scalar's style; `.plain` for sequences and mappings.
    public var style: ScalarStyle = .plain

    public init(_ content: Content, at mark: SourceMark, style: ScalarStyle = .plain) {
        self.content = content
        self.mark = mark
        self.style = style
    }

    /// True for a plain scalar that YAML reads as null: empty, `~` or `null`.
    public var isNull: Bool {
        if case .scalar(let text, true) = content { return ["", "~", "null", "Null", "NULL"].contains(text) }
        return false
    }

    /// The scalar's text, or nil for null, sequences and mappings.
    public var scalar: String? {
        if case .scalar(let text, _) = content, !isNull { return text }
        return nil
    }

    /// How a diagnostic names what it found here: "a string", "a list", "a mapping" or "nothing".
    public var kindDescription: String {
        switch content {
        case .scalar: return isNull ? "nothing" : "a string"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}
