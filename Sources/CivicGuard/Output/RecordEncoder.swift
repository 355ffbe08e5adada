/// Writes the filter's JSON Lines output records.
///
/// A verdict record: `{"id", "decision", "text", "findings", "recorded", "policy", "rules_version"}`, where
/// `text` is what may be published (null when held or blocked) and each finding is
/// `{"rule", "category", "severity", "action", "start", "end", "message", "suggestion", "preview"}` plus
/// `"entity"` for personal data. `recorded` says whether the message is in the review queue; when true,
/// `"reference"` follows, and when the policy wanted a record that could not be written, `"record_error"`.
/// An error record: `{"line", "id", "decision": "block", "error"}`.
public enum RecordEncoder {
    public static func verdict(
        _ verdict: Verdict, id: JSONValue?, text: String, record: ReviewRecorder.Outcome = .notNeeded,
        ruleSet: RuleSet, into writer: inout JSONWriter
    ) {
        writer.raw("{\"id\":")
        writer.value(id ?? .null)
        writer.field("decision", verdict.decision.rawValue)
        writer.field("text", verdict.publishableText)
        writer.raw(",\"findings\":[")
        let previews = Preview.excerpts(of: verdict.findings, in: text)
        for (index, finding) in verdict.findings.enumerated() {
            if index > 0 { writer.raw(",") }
            self.finding(finding, preview: previews[index], into: &writer)
        }
        writer.raw("],\"recorded\":")
        switch record {
        case .notNeeded:
            writer.raw("false")
        case .recorded(let reference):
            writer.raw("true")
            writer.field("reference", reference)
        case .failed(let reason):
            writer.raw("false")
            writer.field("record_error", reason)
        }
        writer.raw(",\"policy\":")
        writer.string(ruleSet.policy.id)
        writer.field("rules_version", ruleSet.version)
        writer.raw("}")
        writer.newline()
    }

    static func finding(_ finding: Finding, preview: String, into writer: inout JSONWriter) {
        let rule = finding.rule
        writer.raw("{\"rule\":")
        writer.string(rule.id)
        writer.field("category", rule.category)
        writer.field("severity", rule.severity.rawValue)
        writer.field("action", finding.action.rawValue)
        writer.field("start", finding.start)
        writer.field("end", finding.end)
        writer.field("message", rule.message)
        writer.field("suggestion", rule.suggestion)
        writer.field("preview", preview)
        if let entity = finding.entity {
            writer.field("entity", entity)
        }
        writer.raw("}")
    }

    /// The record for an input line that could not be screened. `reason` must not contain message content.
    public static func error(line: Int, id: JSONValue?, reason: String, into writer: inout JSONWriter) {
        writer.raw("{\"line\":")
        writer.integer(line)
        if let id {
            writer.raw(",\"id\":")
            writer.value(id)
        }
        writer.raw(",\"decision\":\"block\",\"error\":")
        writer.string(reason)
        writer.raw("}")
        writer.newline()
    }
}
