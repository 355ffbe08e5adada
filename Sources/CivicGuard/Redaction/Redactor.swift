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
        guard findings.contains(where: { $0.action == .redact }) else { return text }
        let spans = findings.filter { $0.action == .redact }.sorted {
            $0.byteRange.lowerBound < $1.byteRange.lowerBound
        }
        guard !spans.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var cursor = 0
        var index = 0
        while index < spans.count {
            var representative = spans[index]
            let start = max(cursor, representative.byteRange.lowerBound)
            var end = representative.byteRange.upperBound
            index += 1
            while index < spans.count, spans[index].byteRange.lowerBound <= end {
                if spans[index].byteRange.count > representative.byteRange.count { representative = spans[index] }
                end = max(end, spans[index].byteRange.upperBound)
                index += 1
            }
            output.append(contentsOf: bytes[cursor..<start])
            let value = String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
            let replacement = policy.replacement(for: value, entity: representative.entity, language: language)
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
