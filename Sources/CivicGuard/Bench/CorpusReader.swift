/// Reads a JSON Lines corpus into messages for benchmarks and evaluations; lines without a string `text` are
/// skipped.
public enum CorpusReader {
    public static func messages(_ bytes: [UInt8], direction: Direction) -> [Message] {
        var messages: [Message] = []
        for line in bytes.split(separator: 0x0A) {
            let record: JSONValue? = Array(line).withUnsafeBufferPointer { buffer in
                guard UTF8Bytes.firstInvalidOffset(buffer) == nil else { return nil }
                var parser = JSONParser(buffer)
                return try? parser.parseDocument()
            }
            guard let record, let text = record["text"]?.string else { continue }
            let lineDirection = record["direction"]?.string.flatMap(Direction.init(rawValue:)) ?? direction
            messages.append(Message(text: text, direction: lineDirection))
        }
        return messages
    }
}
