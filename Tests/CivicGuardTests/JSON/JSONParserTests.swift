import Testing

@testable import CivicGuard

@Suite("JSON parser")
struct JSONParserTests {
    func parse(_ text: String) -> Result<JSONValue, JSONParser.SyntaxError> {
        [UInt8](text.utf8).withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer)
            do throws(JSONParser.SyntaxError) { return .success(try parser.parseDocument()) } catch {
                return .failure(error)
            }
        }
    }

    @Test func parsesObjectsWithEscapes() throws {
        let value = try parse(#"{"id": 12, "text": "a\"b\u00e9\ud83d\ude00\n", "x": [true, null, -1.5e3]}"#).get()
        #expect(value["id"] == .number("12"))
        #expect(value["text"] == .string("a\"bé😀\n"))
        #expect(value["x"] == .array([.bool(true), .null, .number("-1.5e3")]))
    }

    @Test(arguments: [
        (#"{"a": }"#, "malformed JSON at byte 7: expected a value"),
        (#"{"a": 1,}"#, "malformed JSON at byte 9: expected a string key"),
        (#"{"a": "\x"}"#, "malformed JSON at byte 9: expected a valid escape"),
        (#"{"a": "\udc00"}"#, "malformed JSON at byte 10: expected a high surrogate before a low one"),
        (#"{"a": 01}"#, "malformed JSON at byte 8: expected ',' or '}'"),
        (#"{"a": 1} x"#, "malformed JSON at byte 10: expected end of line"),
        // Python and JavaScript read the last "text", we read the first: a duplicate key is an error.
        (
            #"{"text": "ok", "text": "BSN 111222333"}"#,
            "malformed JSON at byte 16: expected a key not already in the object"
        ),
        (#"{"a": {"b": 1, "b": 2}}"#, "malformed JSON at byte 16: expected a key not already in the object"),
        (
            #"{"k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k2": 0}"#,
            "malformed JSON at byte 83: expected a key not already in the object"
        ),
    ])
    func reportsWhereAndWhat(input: String, message: String) {
        guard case .failure(let error) = parse(input) else {
            Issue.record("parsed")
            return
        }
        #expect(error.description == message)
    }

    @Test func keepsTheIdReadBeforeAnError() {
        [UInt8](#"{"id": "r-7", "text": "oops"#.utf8).withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer)
            _ = try? parser.parseDocument()
            #expect(parser.partialID == .string("r-7"))
        }
    }

    @Test func deepNestingIsRejected() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        guard case .failure = parse(deep) else {
            Issue.record("parsed")
            return
        }
    }
}
