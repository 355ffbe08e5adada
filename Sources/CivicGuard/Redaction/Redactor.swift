/// Replaces the spans of redacting findings in a text, keeping it readable.
///
/// - Each finding's value is replaced as the policy's `RedactionPolicy` says for its entity: a label, a mask,
///   a keyed pseudonym, or nothing.
/// - Overlapping and adjacent spans merge into one replacement, named by the longest finding among them.
/// - Removing a value does not leave two spaces behind.
public struct Redactor: Sendable {
    public let policy: RedactionPolicy

    public init(policy: RedactionPolicy) {
        self.policy = policy
    }

    /// `text` with every finding whose action is `redact` replaced.
    public func redact(_ text: String, findings: [Finding], language: String?) -> String {
        redact(text, bytes: nil, findings: findings, language: language)
    }

    /// `redact(_:findings:language:)` for a caller that holds the text's UTF-8 bytes already (`bytes`).
    func redact(_ text: String, bytes: [UInt8]?, findings: [Finding], language: String?) -> String {
        // Indices, not copies: a finding carries several strings, and every copy of it costs their reference counts.
        var spans = findings.indices.selecting { findings[$0].action == .redact }
        guard !spans.isEmpty else { return text }
        spans.sort { (findings[$0].byteRange.lowerBound, $0) < (findings[$1].byteRange.lowerBound, $1) }
        let bytes = bytes ?? Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var cursor = 0
        var index = 0
        while index < spans.count {
            var representative = spans[index]
            let start = max(cursor, findings[representative].byteRange.lowerBound)
            var end = findings[representative].byteRange.upperBound
            index += 1
            while index < spans.count, findings[spans[index]].byteRange.lowerBound <= end {
                let range = findings[spans[index]].byteRange
                if range.count > findings[representative].byteRange.count { representative = spans[index] }
                end = max(end, range.upperBound)
                index += 1
            }
            output.append(contentsOf: bytes[cursor..<start])
            let replacement = policy.replacement(
                for: String(decoding: bytes[start..<max(start, end)], as: UTF8.self),
                entity: findings[representative].entity, language: language)
            if replacement.isEmpty, output.last == 0x20, end < bytes.count, bytes[end] == 0x20 {
                output.removeLast()
            }
            output.append(contentsOf: replacement.utf8)
            cursor = max(cursor, end)
        }
        output.append(contentsOf: bytes[cursor...])
        return String(decoding: output, as: UTF8.self)
    }
}
