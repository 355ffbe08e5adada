/// The examples a rule carries: texts it must match and texts it must not, each with where it was written so
/// `civicguard test` can point at a failing one.
public struct RuleExamples: Sendable {
    public struct Example: Sendable {
        public let text: String
        public let mark: SourceMark
        /// For a `match` example: the text the filter must publish after redacting it, when given.
        public let redacted: String?
    }

    public let matching: [Example]
    public let nonMatching: [Example]
}
