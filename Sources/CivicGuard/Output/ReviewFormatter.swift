/// How the review commands show records, statistics and audit entries: a table or text for people, JSON and
/// CSV for tools. Records hold no raw personal data, so neither does anything here; the sealed original is
/// never shown.
public enum ReviewFormatter {
    // MARK: Lists

    /// A fixed-width table, one record per line, newest first as given.
    public static func table(_ records: [ReviewRecord]) -> String {
        let header = ["ID", "RECORDED (UTC)", "STATUS", "DECISION", "DIRECTION", "CHANNEL", "DEPARTMENT", "RULES"]
        let rows = records.map { record -> [String] in
            let rules = record.rules
            let shown = rules.prefix(2).joined(separator: ",") + (rules.count > 2 ? " +\(rules.count - 2)" : "")
            return [
                String(record.id), String(Timestamp.iso(record.time).prefix(16)).replacingT(), status(record),
                record.decision.rawValue, record.direction.rawValue, record.channel ?? "-", record.department ?? "-",
                shown,
            ]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).map { row in
            row.indices.map { column in
                column == row.count - 1 ? row[column] : row[column].rightPadded(widths[column])
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// `approved`, or `open (1/2 approvals)` while a second approval is missing.
    static func status(_ record: ReviewRecord) -> String {
        guard record.status.isPending, !record.approvals.isEmpty else { return record.status.rawValue }
        return "\(record.status.rawValue) (\(record.approvals.count)/\(record.approvalsNeeded) approvals)"
    }

    /// One JSON object for a record: every field but the sealed original.
    public static func json(_ record: ReviewRecord) -> String {
        var writer = JSONWriter()
        writer.raw("{\"id\":")
        writer.integer(Int(record.id))
        writer.field("time", Timestamp.iso(record.time))
        writer.field("status", record.status.rawValue)
        writer.field("decision", record.decision.rawValue)
        writer.field("severity", record.severity.rawValue)
        writer.field("direction", record.direction.rawValue)
        writer.field("channel", record.channel)
        writer.field("department", record.department)
        writer.field("author", record.author)
        writer.raw(",\"message_id\":")
        writer.raw(record.messageID ?? "null")
        writer.field("policy", record.policy)
        writer.field("rules_version", record.rulesVersion)
        writer.raw(",\"findings\":")
        writer.raw(StoredFinding.encode(record.findings))
        writer.field("text", record.text)
        writer.raw(",\"sealed\":")
        writer.raw(record.sealed == nil ? "false" : "true")
        writer.field("expires", record.expires.map(Timestamp.iso))
        writer.field("approvals_needed", record.approvalsNeeded)
        writer.raw(",\"approvals\":")
        writer.value(.array(record.approvals.map(JSONValue.string)))
        writer.field("claimed_by", record.claimedBy)
        writer.field("decided_by", record.decidedBy)
        writer.field("decided_at", record.decidedAt.map(Timestamp.iso))
        writer.raw("}")
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    public static let csvHeader =
        "id,time,status,decision,severity,direction,channel,department,author,rules,approvals,decided_by,decided_at,expires,text\n"

    /// One CSV row (RFC 4180) for a record.
    public static func csv(_ record: ReviewRecord) -> String {
        let fields: [String] = [
            String(record.id), Timestamp.iso(record.time), record.status.rawValue, record.decision.rawValue,
            record.severity.rawValue, record.direction.rawValue, record.channel ?? "", record.department ?? "",
            record.author ?? "", record.rules.joined(separator: " "), record.approvals.joined(separator: " "),
            record.decidedBy ?? "", record.decidedAt.map(Timestamp.iso) ?? "", record.expires.map(Timestamp.iso) ?? "",
            record.text,
        ]
        return fields.map(csvField).joined(separator: ",") + "\n"
    }

    /// A CSV field, quoted when needed. A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
    /// carriage return first) gets a leading `'`: citizens write the text, and it must stay text.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingQuotes() + "\""
    }

    // MARK: One record

    /// `review show`: the record, its findings, its redacted text and its audit entries.
    public static func show(_ record: ReviewRecord, audit: [AuditEntry]) -> String {
        var lines = [
            "record \(record.id)  \(status(record))  \(record.decision.rawValue) (\(record.severity.rawValue))",
            "recorded   \(Timestamp.iso(record.time)) under policy \(record.policy), rules \(record.rulesVersion)",
            "message    \(record.direction.rawValue) on \(record.channel ?? "-"), department \(record.department ?? "-"), author \(record.author ?? "-")",
        ]
        if let expires = record.expires { lines.append("expires    \(Timestamp.iso(expires))") }
        if let holder = record.claimedBy { lines.append("claimed by \(holder)") }
        if !record.approvals.isEmpty {
            lines.append(
                "approvals  \(record.approvals.joined(separator: ", ")) (\(record.approvals.count) of \(record.approvalsNeeded))"
            )
        }
        lines.append("original   " + (record.sealed == nil ? "not stored" : "sealed (\(record.sealKeyID ?? "?"))"))
        lines.append("findings")
        for finding in record.findings {
            let entity = finding.entity.map { " \($0)" } ?? ""
            lines.append(
                "  \(finding.start)-\(finding.end)  \(finding.action.rawValue)  \(finding.rule)\(entity)  \"\(finding.preview)\""
            )
        }
        lines.append("text (personal data redacted)")
        lines += record.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        lines.append("audit")
        for entry in audit {
            lines.append(
                "  \(entry.sequence)  \(Timestamp.iso(entry.time))  \(entry.event.rawValue)  \(entry.actor)  \(entry.detail)"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Statistics

    /// `review stats` for people.
    public static func statistics(_ statistics: ReviewStatistics) -> String {
        var lines = ["\(statistics.records) records"]
        func section(_ title: String, _ counts: [(String, Int)]) {
            lines.append("")
            lines.append(title)
            let width = counts.map(\.0.count).max() ?? 0
            for (name, count) in counts { lines.append("  \(name.rightPadded(width))  \(count)") }
        }
        section("by status", statistics.statuses)
        section("by decision", statistics.decisions)
        lines.append("")
        lines.append("by rule (false alarms: approved as published / decided)")
        let width = statistics.rules.map(\.rule.count).max() ?? 0
        for line in statistics.rules {
            let share = line.falseAlarmShare.map { "\(percent($0)) false alarms" } ?? "no decisions yet"
            lines.append(
                "  \(line.rule.rightPadded(width))  \(line.records)  approved \(line.approved), rejected \(line.rejected): \(share)"
            )
        }
        section("by category", statistics.categories)
        section("by department", statistics.departments)
        section("by week", statistics.weeks)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `review stats --format json`.
    public static func statisticsJSON(_ statistics: ReviewStatistics) -> String {
        func counts(_ pairs: [(String, Int)]) -> JSONValue {
            .object(pairs.map { ($0.0, .number(String($0.1))) })
        }
        let rules = JSONValue.array(
            statistics.rules.map { line in
                .object([
                    ("rule", .string(line.rule)), ("category", .string(line.category)),
                    ("records", .number(String(line.records))), ("approved", .number(String(line.approved))),
                    ("rejected", .number(String(line.rejected))),
                    ("false_alarm_share", line.falseAlarmShare.map { .number($0.formatted(decimals: 4)) } ?? .null),
                ])
            })
        let document = JSONValue.object([
            ("records", .number(String(statistics.records))), ("statuses", counts(statistics.statuses)),
            ("decisions", counts(statistics.decisions)), ("rules", rules),
            ("categories", counts(statistics.categories)),
            ("departments", counts(statistics.departments)), ("weeks", counts(statistics.weeks)),
        ])
        return document.encoded + "\n"
    }

    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }

    // MARK: Audit

    /// `review verify`'s verdict.
    public static func verification(_ report: AuditReport) -> String {
        if let problem = report.problem { return "broken: \(problem)\n" }
        return "ok: \(report.entries) audit entries chain correctly; \(report.records) records match them\n"
            + "chain length \(report.entries), head \(report.head) (keep a copy elsewhere to notice the trail being"
            + " cut short)\n"
            + (report.keyed
                ? "signed with the audit key: a rewrite of the chain needs the key\n"
                : "not signed (no CIVICGUARD_AUDIT_KEY): whoever can write the store could rewrite the whole chain\n")
    }
}

extension String {
    fileprivate func replacingT() -> String {
        String(map { $0 == "T" ? " " : $0 })
    }

    fileprivate func replacingQuotes() -> String {
        var result = ""
        for character in self {
            if character == "\"" { result.append("\"") }
            result.append(character)
        }
        return result
    }
}
