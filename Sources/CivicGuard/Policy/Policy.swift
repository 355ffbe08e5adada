/// What happens to findings, per direction, and the packs that produce them.
///
/// An action for a finding is looked up from the most specific key to the least: rule id, then entity, then
/// category, then severity. At each key the message's department override is consulted first, then its
/// channel override, then the direction's own map. The first hit wins. Every severity has an action in every
/// direction, so a lookup always ends.
public struct Policy: Sendable {
    /// The policy's id, reported with every decision.
    public let id: String
    public let description: String
    /// The file it was loaded from.
    public let file: String
    /// Pack id patterns (`*` matches any run of characters) naming the packs this policy applies.
    public let packs: [String]
    public let incoming: DirectionPolicy
    public let outgoing: DirectionPolicy
    public let limits: Limits
    /// Findings scoring below this are dropped (personal-data recognisers score their confidence).
    public let minimumScore: Double
    /// How redacted values are replaced.
    public let redaction: RedactionPolicy
    /// The organisation's own contact details, never treated as personal data.
    public let organisation: Organisation
    /// What the review queue records and how decisions on it are made.
    public let review: ReviewPolicy

    public func rules(for direction: Direction) -> DirectionPolicy {
        direction == .incoming ? incoming : outgoing
    }

    /// Bounds that keep the filter fast and fail-closed on hostile input.
    public struct Limits: Sendable {
        /// A message larger than this (UTF-8 bytes) is not scanned; it is blocked with an error.
        public var maximumMessageBytes: Int
        public var match: MatchEngine.Limits

        public static let `default` = Limits(maximumMessageBytes: 64 * 1024, match: .default)
    }

    /// One direction's mapping from findings to actions.
    public struct DirectionPolicy: Sendable {
        public var general: ActionMap
        public var channels: [String: ActionMap]
        public var departments: [String: ActionMap]

        /// The action the direction's own map gives `rule` by its id, if any.
        public func namedAction(for rule: Rule) -> Action? {
            general.rules[rule.id]
        }

        /// The action for a finding of `rule` in a message on `channel` from `department`.
        public func action(for rule: Rule, entity: String? = nil, channel: String?, department: String?) -> Action {
            action(for: rule, entity: entity, in: scopes(channel: channel, department: department))
        }

        /// Whether neither `channel` nor `department` has actions of its own, so the general map alone decides.
        public func isGeneral(channel: String?, department: String?) -> Bool {
            (department.map { departments[$0] == nil } ?? true) && (channel.map { channels[$0] == nil } ?? true)
        }

        /// The maps that apply to a message on `channel` from `department`, most specific first: the
        /// department's, the channel's, the general one.
        public func scopes(channel: String?, department: String?) -> [ActionMap] {
            var scopes: [ActionMap] = []
            if let department, let map = departments[department] { scopes.append(map) }
            if let channel, let map = channels[channel] { scopes.append(map) }
            scopes.append(general)
            return scopes
        }

        /// The action for a finding of `rule` (of `entity`, else the rule's own) under `scopes`.
        public func action(for rule: Rule, entity: String? = nil, in scopes: [ActionMap]) -> Action {
            for scope in scopes { if let action = scope.rules[rule.id] { return action } }
            if let entity = entity ?? rule.entity {
                for scope in scopes { if let action = scope.entities[entity] { return action } }
            }
            for scope in scopes { if let action = scope.categories[rule.category] { return action } }
            for scope in scopes { if let action = scope.severities[rule.severity] { return action } }
            return .hold
        }
    }

    /// Actions keyed by rule id, entity, category and severity.
    public struct ActionMap: Sendable {
        public var rules: [String: Action] = [:]
        public var entities: [String: Action] = [:]
        public var categories: [String: Action] = [:]
        public var severities: [Severity: Action] = [:]
    }
}
