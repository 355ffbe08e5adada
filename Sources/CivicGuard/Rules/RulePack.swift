/// A file of rules: a code of conduct for one language and direction, or the recognisers of one kind of
/// personal data.
public struct RulePack: Sendable {
    /// Dotted id that policies select packs by (`nl.conduct.staff`, `pii.nl`).
    public let id: String
    public let description: String
    /// ISO 639-1 codes of the languages its rules are written for.
    public let languages: [String]
    /// The path it was loaded from.
    public let file: String
    public let rules: [Rule]
}
