extension StoredFinding {
    /// The findings as the store's JSON array: `[{"rule", "category", "severity", "action", "entity", "start",
    /// "end", "preview"}]`.
    static func encode(_ findings: [StoredFinding]) -> String {
        var writer = JSONWriter()
        writer.raw("[")
        for (index, finding) in findings.enumerated() {
            writer.raw(index == 0 ? "{\"rule\":" : ",{\"rule\":")
            writer.string(finding.rule)
            writer.field("category", finding.category)
            writer.field("severity", finding.severity.rawValue)
            writer.field("action", finding.action.rawValue)
            writer.field("entity", finding.entity)
            writer.field("start", finding.start)
            writer.field("end", finding.end)
            writer.field("preview", finding.preview)
            writer.raw("}")
        }
        writer.raw("]")
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The findings of a stored JSON array; nil when it is not one.
    static func decode(_ text: String) -> [StoredFinding]? {
        guard case .array(let items) = JSONValue(parsing: text) else { return nil }
        var findings: [StoredFinding] = []
        for item in items {
            guard let rule = item["rule"]?.string, let category = item["category"]?.string,
                let severity = item["severity"]?.string.flatMap(Severity.init(rawValue:)),
                let action = item["action"]?.string.flatMap(Action.init(rawValue:)),
                case .number(let start)? = item["start"], case .number(let end)? = item["end"],
                let preview = item["preview"]?.string
            else { return nil }
            findings.append(
                StoredFinding(
                    rule: rule, category: category, severity: severity, action: action, entity: item["entity"]?.string,
                    start: Int(start) ?? 0, end: Int(end) ?? 0, preview: preview))
        }
        return findings
    }
}
