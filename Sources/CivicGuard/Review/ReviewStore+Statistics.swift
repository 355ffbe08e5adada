import GRDB

/// What `review stats` reports: how much the queue holds and how well each rule does.
public struct ReviewStatistics: Sendable {
    /// One rule's records and what reviewers decided about them.
    public struct RuleLine: Sendable {
        public var rule: String
        public var category: String
        public var records: Int
        /// Approved: published as written, so the finding did not warrant stopping it — a false alarm.
        public var approved: Int
        /// Rejected: kept from publication, so the finding was right.
        public var rejected: Int

        /// The share of decided records that were false alarms; nil before any decision.
        public var falseAlarmShare: Double? {
            approved + rejected == 0 ? nil : Double(approved) / Double(approved + rejected)
        }
    }

    public var records = 0
    public var statuses: [(String, Int)] = []
    public var decisions: [(String, Int)] = []
    public var rules: [RuleLine] = []
    public var categories: [(String, Int)] = []
    public var departments: [(String, Int)] = []
    /// ISO weeks (`2026-W48`), oldest first.
    public var weeks: [(String, Int)] = []
}

extension ReviewStore {
    /// Counts per status, decision, rule, category, department and week, and each rule's false-alarm share.
    public func statistics() throws(ReviewError) -> ReviewStatistics {
        try read { db in
            var statistics = ReviewStatistics()
            statistics.records = try Int.fetchOne(db, sql: "SELECT count(*) FROM record") ?? 0
            statistics.statuses = try Self.counts(db, "SELECT status, count(*) FROM record GROUP BY status")
            statistics.decisions = try Self.counts(db, "SELECT decision, count(*) FROM record GROUP BY decision")
            statistics.rules = try Row.fetchAll(
                db,
                sql: """
                    SELECT rule, min(category) AS category, count(*) AS records,
                        sum(status = 'approved') AS approved, sum(status = 'rejected') AS rejected
                    FROM record_rule GROUP BY rule
                    """
            ).map { row in
                ReviewStatistics.RuleLine(
                    rule: row["rule"], category: row["category"], records: row["records"], approved: row["approved"],
                    rejected: row["rejected"])
            }.sorted { ($1.records, $0.rule) < ($0.records, $1.rule) }
            statistics.categories = try Self.counts(
                db, "SELECT category, count(DISTINCT record_id) FROM record_rule GROUP BY category ORDER BY 2 DESC, 1")
            statistics.departments = try Self.counts(
                db, "SELECT coalesce(department, '-'), count(*) FROM record GROUP BY department ORDER BY 2 DESC, 1")
            // Weeks since 1970 starting on Monday (1970-01-01 was a Thursday: 3 days in).
            statistics.weeks = try Row.fetchAll(
                db,
                sql: "SELECT (time / 86400000 + 3) / 7 AS week, count(*) AS n FROM record GROUP BY week ORDER BY week"
            ).map { row in
                let week: Int64 = row["week"]
                return (Timestamp.week((week * 7 - 3) * 86_400_000), row["n"])
            }
            return statistics
        }
    }

    private static func counts(_ db: Database, _ sql: String) throws -> [(String, Int)] {
        try Row.fetchAll(db, sql: sql).map { row in (row[0], row[1]) }
    }
}
