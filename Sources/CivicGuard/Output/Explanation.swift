/// Explains findings to the author of a message, compiler-style, on standard error:
///
/// ```
/// 1:12 nl.pii.phone high redact: telefoonnummer in een openbaar bericht (stuur het via een DM)
///     Bel me op ••-••••••78 morgen
///               ^~~~~~~~~~~
/// ```
/// Line and column are 1-based and count code points. Personal data in the excerpt is masked.
///
/// - Complexity: O(text length + findings × excerpt length): lines and masks are found once per message.
public enum Explanation {
    public static func render(_ verdict: Verdict, text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        // Where each line starts, and one past where it ends (its newline or the end of the text).
        var lineStarts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(index + 1) }
        let personal = Preview.personalMask(verdict.findings, count: scalars.count)
        var lines: [String] = []
        for finding in verdict.findings {
            let start = min(finding.start, scalars.count)
            // The last line that starts at or before `start`.
            var low = 0
            var high = lineStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lineStarts[middle] <= start { low = middle } else { high = middle - 1 }
            }
            let lineStart = lineStarts[low]
            let lineEnd = low + 1 < lineStarts.count ? lineStarts[low + 1] - 1 : scalars.count
            let lineNumber = low + 1
            let column = start - lineStart + 1
            let rule = finding.rule
            var header =
                "\(lineNumber):\(column) \(rule.id) \(rule.severity.rawValue) \(finding.action.rawValue): \(rule.message)"
            if let suggestion = rule.suggestion { header += " (\(suggestion))" }
            lines.append(header)
            if let why = reasons(finding) { lines.append("    why: " + why) }
            let excerptStart = max(lineStart, start - 40)
            let excerptEnd = min(lineEnd, max(finding.end, start + 1) + 40)
            let masked = maskedLine(scalars, excerptStart..<excerptEnd, personal: personal)
            lines.append("    " + masked)
            let width = max(1, min(finding.end, excerptEnd) - start)
            lines.append(
                "    " + String(repeating: " ", count: start - excerptStart) + "^"
                    + String(repeating: "~", count: width - 1))
        }
        return lines.joined(separator: "\n")
    }

    /// What decided a finding: the pattern (cut short), the validator's result, the context word and the score.
    static func reasons(_ finding: Finding) -> String? {
        var parts: [String] = []
        let evidence = finding.evidence
        if let pattern = evidence.pattern {
            let scalars = Array(pattern.unicodeScalars)
            let shown = scalars.count > 60 ? String(String.UnicodeScalarView(scalars.prefix(59))) + "…" : pattern
            parts.append("pattern \(shown)")
        }
        if let metric = evidence.metric { parts.append("metric \(metric)") }
        if let echo = evidence.echo { parts.append("echo of \(echo)") }
        if let (name, passed) = evidence.validator {
            parts.append("validator \(name) \(passed ? "passed" : "failed (kept as a flag: context makes it likely)")")
        }
        if let context = evidence.context { parts.append("context \"\(context)\"") }
        if finding.concernsPersonalData {
            let score = (finding.score * 100).rounded() / 100
            parts.append("score \(score)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The excerpt with every personal-data finding's characters masked, keeping one character per code point
    /// so the caret line stays aligned.
    static func maskedLine(_ scalars: [Unicode.Scalar], _ range: Range<Int>, personal: [Bool]) -> String {
        var output = ""
        for index in range {
            let scalar = scalars[index]
            if personal[index] && Preview.isAlphanumeric(scalar) {
                output.append(Preview.mask)
            } else if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control {
                output.append(" ")
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
