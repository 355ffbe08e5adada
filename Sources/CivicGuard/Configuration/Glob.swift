/// A path pattern as in `.gitignore`-style tools: `*` matches within one path component, `**` across
/// components, `?` one character. A pattern without a `/` matches the file name in any directory.
///
/// ```swift
/// Glob("templates/**/*.yaml").matches("templates/nl/parking.yaml")  // true
/// Glob("*.md").matches("docs/readme.md")                           // true
/// ```
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let parts: [Substring]
    private let anchored: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        var text = Substring(pattern)
        if text.hasPrefix("./") { text = text.dropFirst(2) }
        anchored = text.contains("/")
        parts = text.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        var text = Substring(path)
        if text.hasPrefix("./") { text = text.dropFirst(2) }
        let components = text.split(separator: "/", omittingEmptySubsequences: true)
        if !anchored {
            guard let name = components.last, let part = parts.first else { return false }
            return Self.matchComponent(Array(part.unicodeScalars), Array(name.unicodeScalars))
        }
        return Self.match(parts[...], components[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var remaining = path
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let component = path.first,
            matchComponent(Array(first.unicodeScalars), Array(component.unicodeScalars))
        else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// `*` (any run of characters) and, when `questionMark`, `?` (one character) within one component.
    static func matchComponent(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar], questionMark: Bool = true)
        -> Bool
    {
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if p < pattern.count, (questionMark && pattern[p] == "?") || pattern[p] == text[t] {
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
