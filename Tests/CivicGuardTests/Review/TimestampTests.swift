import Testing

@testable import CivicGuard

@Suite("Timestamps: UTC text, ISO weeks and parsing")
struct TimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (951_782_400_000, "2000-02-29T00:00:00Z"),
        (1_795_737_045_000, "2026-11-26T23:50:45Z"), (-1000, "1969-12-31T23:59:59Z"),
    ])
    func isoText(milliseconds: Int64, text: String) {
        #expect(Timestamp.iso(milliseconds) == text)
        if milliseconds >= 0 { #expect(Timestamp.parse(text) == milliseconds) }
    }

    @Test(arguments: [
        ("1970-01-01", "1970-W01"), ("2026-11-26", "2026-W48"), ("2021-01-03", "2020-W53"), ("2024-12-30", "2025-W01"),
        ("2026-01-01", "2026-W01"), ("2027-01-03", "2026-W53"),
    ])
    func isoWeeks(date: String, week: String) {
        #expect(Timestamp.week(Timestamp.parse(date)!) == week)
    }

    @Test(arguments: [
        "2026-02-30", "2026-13-01", "26-11-01", "2026-11-26T25:00:00Z", "2026-11-26T10:00:00", "yesterday",
    ])
    func invalidDates(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
