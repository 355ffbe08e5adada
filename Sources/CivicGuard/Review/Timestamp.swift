#if canImport(Glibc)
    import Glibc
#endif

/// Points in time as the store keeps them: milliseconds since 1970-01-01T00:00:00Z, shown in UTC.
///
/// ```swift
/// Timestamp.iso(0)              // "1970-01-01T00:00:00Z"
/// Timestamp.parse("2026-11-26") // 1795651200000
/// Timestamp.week(0)             // "1970-W01"
/// ```
public enum Timestamp {
    /// Now, from the system clock.
    public static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    /// `2026-11-26T23:50:12Z`.
    public static func iso(_ milliseconds: Int64) -> String {
        let seconds = floorDivide(milliseconds, 1000)
        let days = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        let second = Int(seconds - days * 86_400)
        return "\(year)-\(two(month))-\(two(day))T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }

    /// The ISO week of a time, `2026-W48`: weeks start on Monday, and week 1 holds the year's first Thursday.
    public static func week(_ milliseconds: Int64) -> String {
        let days = floorDivide(floorDivide(milliseconds, 1000), 86_400)
        let weekday = Int(((days % 7) + 7 + 3) % 7)  // 0 = Monday; 1970-01-01 was a Thursday
        let thursday = days - Int64(weekday) + 3
        let (year, _, _) = civil(fromDays: thursday)
        let firstOfYear = Self.days(year: year, month: 1, day: 1)
        return "\(year)-W\(two(Int((thursday - firstOfYear) / 7) + 1))"
    }

    /// `2026-11-26` (midnight UTC) or `2026-11-26T08:30:00Z`; nil for anything else.
    public static func parse(_ text: String) -> Int64? {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard date.count == 3, let year = date[0], let month = date[1], let day = date[2], parts[0].count == 10,
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = days(year: year, month: month, day: day) * 86_400
        if parts.count == 2 {
            guard parts[1].hasSuffix("Z") else { return nil }
            let time = parts[1].dropLast().split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard time.count == 3, let hour = time[0], let minute = time[1], let second = time[2],
                (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
            else { return nil }
            seconds += Int64(hour * 3600 + minute * 60 + second)
        }
        return seconds * 1000
    }

    /// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let monthIndex = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * monthIndex + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
