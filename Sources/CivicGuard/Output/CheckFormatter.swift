/// Writes a `CheckReport` in the formats CI systems read. No format contains message text: only rule
/// messages, positions, key paths and masked previews.
public enum CheckFormatter {
    public enum Format: String, CaseIterable, Sendable {
        case text, json, sarif, junit, github
    }

    public static let toolVersion = "0.1.0"

    public static func render(_ report: CheckReport, as format: Format, ruleSet: RuleSet) -> String {
        switch format {
        case .text: return text(report)
        case .json: return json(report)
        case .sarif: return sarif(report, ruleSet: ruleSet)
        case .junit: return junit(report)
        case .github: return github(report)
        }
    }

    /// One line per finding, like a compiler, then its suggestion and key path, then a summary:
    ///
    ///     replies.yaml:4:17: error: asking for a BSN … in public [conduct.nl.staff-asks-sensitive-data]
    ///       suggestion: never ask for this in public; …
    ///       in: replies.parking.bsn.nl
    public static func text(_ report: CheckReport) -> String {
        var lines: [String] = []
        for finding in report.findings {
            lines.append(
                "\(finding.path):\(finding.start.line):\(finding.start.column): \(finding.level): "
                    + "\(finding.rule.message) [\(finding.rule.id)]")
            if let suggestion = finding.rule.suggestion { lines.append("  suggestion: \(suggestion)") }
            if let keyPath = finding.keyPath { lines.append("  in: \(keyPath)") }
        }
        lines.append(summary(report))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `3 findings (2 errors, 1 warning) in 4 files, 9 templates; 1 suppressed, 0 in the baseline`.
    public static func summary(_ report: CheckReport) -> String {
        let errors = report.findings.filter { $0.level == "error" }.count
        let warnings = report.findings.filter { $0.level == "warning" }.count
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return
            "\(plural(report.findings.count, "finding")) (\(plural(errors, "error")), \(plural(warnings, "warning"))) "
            + "in \(plural(report.files.count, "file")), \(plural(report.templates, "template")); "
            + "\(report.suppressed) suppressed, \(report.baselined) in the baseline"
    }

    /// One JSON document: every finding and a summary.
    public static func json(_ report: CheckReport) -> String {
        var writer = JSONWriter()
        writer.raw("{\"tool\":\"civicguard\",\"version\":")
        writer.string(toolVersion)
        writer.raw(",\"findings\":[")
        for (index, finding) in report.findings.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw("\n  {\"path\":")
            writer.string(finding.path)
            writer.field("line", finding.start.line)
            writer.field("column", finding.start.column)
            writer.field("end_line", finding.end.line)
            writer.field("end_column", finding.end.column)
            writer.field("start", finding.start.offset)
            writer.field("end", finding.end.offset)
            writer.field("key_path", finding.keyPath)
            writer.field("rule", finding.rule.id)
            writer.field("category", finding.rule.category)
            writer.field("severity", finding.rule.severity.rawValue)
            writer.field("action", finding.action.rawValue)
            writer.field("level", finding.level)
            writer.field("message", finding.rule.message)
            writer.field("suggestion", finding.rule.suggestion)
            writer.field("preview", finding.preview)
            if let entity = finding.entity {
                writer.field("entity", entity)
            }
            writer.field("fingerprint", finding.fingerprint)
            writer.raw("}")
        }
        writer.raw(report.findings.isEmpty ? "]" : "\n]")
        writer.raw(",\"summary\":{\"files\":")
        writer.integer(report.files.count)
        writer.field("templates", report.templates)
        writer.field("findings", report.findings.count)
        for level in ["error", "warning", "note"] {
            writer.raw(",\"\(level)s\":")
            writer.integer(report.findings.filter { $0.level == level }.count)
        }
        writer.field("suppressed", report.suppressed)
        writer.field("baselined", report.baselined)
        writer.raw("}}\n")
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// SARIF 2.1.0: the rules that produced results in `tool.driver.rules`, and one result per finding with
    /// its region (lines and columns, and code-point offsets, as `columnKind: unicodeCodePoints` says) and a
    /// keyed `partialFingerprints` entry. A hold is `kind: review` (whose level is `none`, as SARIF requires).
    public static func sarif(_ report: CheckReport, ruleSet: RuleSet) -> String {
        var rules: [Rule] = []
        var ruleIndex: [String: Int] = [:]
        for finding in report.findings where ruleIndex[finding.rule.id] == nil {
            ruleIndex[finding.rule.id] = rules.count
            rules.append(finding.rule)
        }
        var writer = JSONWriter()
        writer.raw("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",")
        writer.raw(
            "\n  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n          \"name\": \"civicguard\",")
        writer.raw("\n          \"version\": ")
        writer.string(toolVersion)
        writer.raw(",\n          \"informationUri\": \"https://github.com/civicguard/civicguard\",")
        writer.raw("\n          \"rules\": [")
        for (index, rule) in rules.enumerated() {
            writer.raw(index == 0 ? "\n            {" : ",\n            {")
            writer.raw("\"id\": ")
            writer.string(rule.id)
            writer.raw(", \"shortDescription\": {\"text\": ")
            writer.string(rule.message)
            writer.raw("}, \"help\": {\"text\": ")
            var help = rule.message
            if let suggestion = rule.suggestion { help += ". Suggestion: \(suggestion)" }
            help += ". Source: \(rule.source)"
            writer.string(help)
            writer.raw("}, \"defaultConfiguration\": {\"level\": ")
            writer.string(defaultLevel(rule, ruleSet: ruleSet))
            writer.raw("}, \"properties\": {\"category\": ")
            writer.string(rule.category)
            writer.raw(", \"severity\": ")
            writer.string(rule.severity.rawValue)
            writer.raw("}}")
        }
        writer.raw(rules.isEmpty ? "]" : "\n          ]")
        writer.raw("\n        }\n      },\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [")
        for (index, finding) in report.findings.enumerated() {
            writer.raw(index == 0 ? "\n        {" : ",\n        {")
            writer.raw("\"ruleId\": ")
            writer.string(finding.rule.id)
            writer.raw(", \"ruleIndex\": ")
            writer.integer(ruleIndex[finding.rule.id]!)
            let review = finding.action == .hold
            writer.raw(", \"kind\": ")
            writer.string(review ? "review" : "fail")
            writer.raw(", \"level\": ")
            writer.string(review ? "none" : finding.level)
            writer.raw(", \"message\": {\"text\": ")
            writer.string(finding.rule.message)
            writer.raw("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ")
            writer.string(uri(finding.path))
            writer.raw("}, \"region\": {\"startLine\": ")
            writer.integer(finding.start.line)
            writer.raw(", \"startColumn\": ")
            writer.integer(finding.start.column)
            writer.raw(", \"endLine\": ")
            writer.integer(finding.end.line)
            writer.raw(", \"endColumn\": ")
            writer.integer(finding.end.column)
            writer.raw(", \"charOffset\": ")
            writer.integer(finding.start.offset)
            writer.raw(", \"charLength\": ")
            writer.integer(max(0, finding.end.offset - finding.start.offset))
            writer.raw("}}")
            if let keyPath = finding.keyPath {
                writer.raw(", \"logicalLocations\": [{\"fullyQualifiedName\": ")
                writer.string(keyPath)
                writer.raw(", \"kind\": \"member\"}]")
            }
            writer.raw("}], \"partialFingerprints\": {\"civicguard/v1\": ")
            writer.string(finding.fingerprint)
            writer.raw("}, \"properties\": {\"action\": ")
            writer.string(finding.action.rawValue)
            writer.raw(", \"severity\": ")
            writer.string(finding.rule.severity.rawValue)
            if let entity = finding.entity {
                writer.raw(", \"entity\": ")
                writer.string(entity)
            }
            writer.raw("}}")
        }
        writer.raw(report.findings.isEmpty ? "]" : "\n      ]")
        writer.raw("\n    }\n  ]\n}\n")
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The level a rule's findings get from the policy when nothing more specific applies.
    static func defaultLevel(_ rule: Rule, ruleSet: RuleSet) -> String {
        if let action = CheckRule.fixedAction(rule) { return action == .block ? "error" : "warning" }
        switch ruleSet.policy.outgoing.action(for: rule, channel: nil, department: nil) {
        case .block: return "error"
        case .hold, .redact, .flag: return "warning"
        case .allow: return "note"
        }
    }

    /// A relative path as a SARIF URI: `/`-separated, spaces and other unsafe characters percent-encoded.
    static func uri(_ path: String) -> String {
        var text = Substring(path)
        if text.hasPrefix("./") { text = text.dropFirst(2) }
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-"),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + Hex.encode([byte]).uppercased()
            }
        }
        return result
    }

    /// JUnit XML: one test case per file, a failure per finding.
    public static func junit(_ report: CheckReport) -> String {
        var byFile: [String: [CheckFinding]] = [:]
        for finding in report.findings { byFile[finding.path, default: []].append(finding) }
        let failingFiles = report.files.filter { byFile[$0] != nil }.count
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        lines.append(
            "<testsuites name=\"civicguard\" tests=\"\(report.files.count)\" failures=\"\(failingFiles)\" errors=\"0\">"
        )
        lines.append(
            "  <testsuite name=\"civicguard check\" tests=\"\(report.files.count)\" failures=\"\(failingFiles)\" errors=\"0\" skipped=\"0\">"
        )
        for file in report.files {
            let findings = byFile[file] ?? []
            let name = xml(file)
            if findings.isEmpty {
                lines.append("    <testcase classname=\"civicguard.check\" name=\"\(name)\" file=\"\(name)\"/>")
                continue
            }
            lines.append("    <testcase classname=\"civicguard.check\" name=\"\(name)\" file=\"\(name)\">")
            for finding in findings {
                var body =
                    "\(finding.path):\(finding.start.line):\(finding.start.column): \(finding.level): \(finding.rule.message)"
                if let suggestion = finding.rule.suggestion { body += " (\(suggestion))" }
                if let keyPath = finding.keyPath { body += " in \(keyPath)" }
                lines.append(
                    "      <failure type=\"\(xml(finding.rule.id))\" message=\"\(xml(finding.rule.message))\">\(xml(body))</failure>"
                )
            }
            lines.append("    </testcase>")
        }
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    static func xml(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += "&#10;"
            default:
                if scalar.value < 0x20 && scalar != "\t" { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
    /// (`warning` for holds, `notice` for flags).
    public static func github(_ report: CheckReport) -> String {
        var lines: [String] = []
        for finding in report.findings {
            let command: String
            switch finding.level {
            case "error": command = "error"
            case "warning": command = finding.action == .hold ? "warning" : "notice"
            default: command = "notice"
            }
            let properties = [
                "file=\(property(finding.path))", "line=\(finding.start.line)", "col=\(finding.start.column)",
                "endLine=\(finding.end.line)", "endColumn=\(finding.end.column)", "title=\(property(finding.rule.id))",
            ]
            var message = finding.rule.message
            if let suggestion = finding.rule.suggestion { message += " (\(suggestion))" }
            if let keyPath = finding.keyPath { message += " in \(keyPath)" }
            lines.append("::\(command) \(properties.joined(separator: ","))::\(data(message))")
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    static func data(_ text: String) -> String {
        text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    static func property(_ text: String) -> String {
        data(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}

/// A baseline: the fingerprints of findings a team has accepted for now. A JSON file with no message text.
public enum Baseline {
    public static func write(_ fingerprints: [String]) -> String {
        let sorted = Array(Set(fingerprints)).sorted()
        var writer = JSONWriter()
        writer.raw("{\"version\":1,\"tool\":\"civicguard\",\"fingerprints\":[")
        for (index, fingerprint) in sorted.enumerated() {
            writer.raw(index == 0 ? "\n  " : ",\n  ")
            writer.string(fingerprint)
        }
        writer.raw(sorted.isEmpty ? "]}\n" : "\n]}\n")
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The fingerprints in a baseline file; nil with a reason when it is not one.
    public static func read(_ bytes: [UInt8]) -> Result<Set<String>, JSONParser.SyntaxError> {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer)
            do throws(JSONParser.SyntaxError) {
                let document = try parser.parseDocument()
                guard case .array(let items)? = document["fingerprints"] else {
                    return .failure(JSONParser.SyntaxError(offset: 0, expected: "an object with \"fingerprints\""))
                }
                return .success(Set(items.compactMap(\.string)))
            } catch {
                return .failure(error)
            }
        }
    }
}
