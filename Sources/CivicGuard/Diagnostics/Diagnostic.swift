/// One problem in a rule pack or policy, at the position where the user can fix it.
///
/// The message never quotes message text or personal data; it may quote keys, rule ids and YAML values the
/// rule author wrote.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var mark: SourceMark
    public var message: String

    public init(_ mark: SourceMark, _ message: String) {
        self.mark = mark
        self.message = message
    }

    public var description: String { "\(mark): \(message)" }
}

/// Every problem found while loading configuration, reported together so one run shows them all.
///
/// The executable prints `description` to standard error and exits with status 2.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The problems, in file, line and column order.
    public let diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { $0.mark < $1.mark }
    }

    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while a loader walks a file, so that it can report all of them instead of the first.
final class DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []

    var isEmpty: Bool { diagnostics.isEmpty }

    func report(_ mark: SourceMark, _ message: String) {
        diagnostics.append(Diagnostic(mark, message))
    }

    func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    /// Throws every collected diagnostic, if there is any.
    func check() throws(ConfigurationError) {
        if !diagnostics.isEmpty { throw ConfigurationError(diagnostics) }
    }
}
