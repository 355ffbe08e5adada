/// Replaces the spans of redacting findings in a text, keeping it readable.
///
/// - Overlapping and adjacent spans merge into one replacement; the first finding's label names it.
/// - The replacement for a personal-data finding is its entity's label (`[EMAIL]`); for any other finding,
///   `[verwijderd]`-style neutral text would hide meaning, so it is `[REDACTED]`.
public enum Redactor {
    /// `text` with every finding whose action is `redact` replaced.
    public static func redact(_ text: String, findings: [Finding]) -> String {
        let spans = findings.filter { $0.action == .redact }.sorted { $0.byteRange.lowerBound < $1.byteRange.lowerBound }
        guard !spans.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var cursor = 0
        var index = 0
        while index < spans.count {
            let first = spans[index]
            var end = first.byteRange.upperBound
            index += 1
            while index < spans.count, spans[index].byteRange.lowerBound <= end {
                end = max(end, spans[index].byteRange.upperBound)
                index += 1
            }
            let start = max(cursor, first.byteRange.lowerBound)
            output.append(contentsOf: bytes[cursor..<start])
            output.append(contentsOf: label(for: first.rule).utf8)
            cursor = max(cursor, end)
        }
        output.append(contentsOf: bytes[cursor...])
        return String(decoding: output, as: UTF8.self)
    }

    static func label(for rule: Rule) -> String {
        "[\(rule.entity ?? "REDACTED")]"
    }
}
