/// A JSON value as the filter reads it. Numbers keep their written form so an `id` is echoed exactly.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value of `key` in an object (the first, if the key repeats).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

extension JSONValue {
    /// The value as compact JSON text.
    var encoded: String {
        var writer = JSONWriter()
        writer.value(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The JSON document in `text`; nil when it is not one. For text the tool wrote itself (stored findings,
    /// audit details); input from outside goes through `JSONParser`, whose errors say what is wrong.
    init?(parsing text: String) {
        let document: JSONValue? = Array(text.utf8).withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer)
            return try? parser.parseDocument()
        }
        guard let document else { return nil }
        self = document
    }
}
