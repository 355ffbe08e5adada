import GRDB

/// Which records `review list` and `review export` show. Empty lists and nil values do not filter.
///
/// ```swift
/// ReviewFilter(statuses: [.open, .claimed], department: "parkeren", since: Timestamp.parse("2026-11-01"))
/// ```
public struct ReviewFilter: Sendable {
    public var statuses: [ReviewStatus]
    public var decisions: [Action]
    public var department: String?
    public var channel: String?
    public var rule: String?
    /// Only records from this time on (milliseconds since 1970).
    public var since: Int64?

    public init(
        statuses: [ReviewStatus] = [], decisions: [Action] = [], department: String? = nil, channel: String? = nil,
        rule: String? = nil, since: Int64? = nil
    ) {
        self.statuses = statuses
        self.decisions = decisions
        self.department = department
        self.channel = channel
        self.rule = rule
        self.since = since
    }

    /// The SQL for the filter. Written so that SQLite walks an index in id order and stops at `limit`: a rule
    /// filter walks `record_rule`'s key (rule, record id), the pending statuses use the partial index of pending
    /// records, a department or channel its own index.
    func query(columns: String, newestFirst: Bool, limit: Int?) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        let pending: Set<ReviewStatus> = [.open, .claimed, .escalated]
        if Set(statuses) == pending {
            conditions.append("record.\(ReviewStore.pending)")
        } else if !statuses.isEmpty {
            conditions.append("record.status IN (\(placeholders(statuses.count)))")
            arguments += StatementArguments(statuses.map(\.rawValue))
        }
        if !decisions.isEmpty {
            conditions.append("record.decision IN (\(placeholders(decisions.count)))")
            arguments += StatementArguments(decisions.map(\.rawValue))
        }
        if let department {
            conditions.append("record.department = ?")
            arguments += [department]
        }
        if let channel {
            conditions.append("record.channel = ?")
            arguments += [channel]
        }
        if let since {
            conditions.append("record.time >= ?")
            arguments += [since]
        }
        var sql = "SELECT \(columns) FROM record"
        var order = "record.id"
        if let rule {
            sql = "SELECT \(columns) FROM record_rule JOIN record ON record.id = record_rule.record_id"
            conditions.insert("record_rule.rule = ?", at: 0)
            arguments = [rule] + arguments
            order = "record_rule.record_id"
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY \(order) \(newestFirst ? "DESC" : "ASC")"
        if let limit {
            sql += " LIMIT ?"
            arguments += [limit]
        }
        return (sql, arguments)
    }

    private func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
