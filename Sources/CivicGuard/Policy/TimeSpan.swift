/// A length of time written the way people write retention and expiry periods: a whole number and a unit.
///
/// Units: `s` seconds, `m` minutes, `h` hours, `d` days, `w` weeks. `90d`, `24h`, `30m` are valid;
/// `1.5h`, `-2d`, `h` and `2 days` are not.
///
/// ```swift
/// TimeSpan("72h")?.seconds  // 259200
/// ```
public struct TimeSpan: Sendable, Equatable, CustomStringConvertible {
    public let seconds: Int
    public let description: String

    public init?(_ text: String) {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let unit = text.last, let multiplier = units[unit], text.count > 1,
            text.dropLast().allSatisfy(\.isASCII), let count = Int(text.dropLast()), count > 0,
            count <= Int.max / multiplier
        else { return nil }
        seconds = count * multiplier
        description = text
    }

    /// The same span in milliseconds, the store's unit.
    public var milliseconds: Int64 { Int64(seconds) * 1000 }

    /// What a user is told when a value is not a span.
    public static let expected = "expected a whole number and a unit (s, m, h, d or w), like 90d or 24h"
}
