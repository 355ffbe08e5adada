import Crypto
import Testing

@testable import CivicGuard

@Suite("Redaction operators")
struct RedactorTests {
    func finding(_ text: String, _ value: String, entity: String) throws -> Finding {
        let pack = packYAML(
            rules: """
                  - id: test.entity
                    category: personal-data
                    entity: \(entity)
                    severity: low
                    directions: [incoming]
                    message: m
                    source: s
                    words: [x]
                    examples: {match: [x]}
                """)
        let rule = try makeRuleSet(packs: [pack], policy: piiPolicy).rules[0]
        let bytes = Array(text.utf8)
        let start = try #require(text.utf8.firstRange(of: value.utf8)).lowerBound
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: start)
        return Finding(rule: rule, start: 0, end: 0, byteRange: offset..<(offset + value.utf8.count), action: .redact)
            .with(bytes: bytes)
    }

    @Test func replaceUsesTheMessageLanguage() throws {
        let text = "call 0612345678 now"
        let found = try finding(text, "0612345678", entity: "PHONE")
        #expect(
            Redactor(policy: RedactionPolicy()).redact(text, findings: [found], language: "en")
                == "call [phone number] now")
        #expect(
            Redactor(policy: RedactionPolicy()).redact(text, findings: [found], language: nil)
                == "call [telefoonnummer] now")
    }

    @Test func maskKeepsShapeAndLastCharacters() throws {
        var policy = RedactionPolicy()
        policy.entities["IBAN"] = .mask(character: "•", keepLast: 4)
        let text = "IBAN NL91 ABNA 0417 1643 00."
        let found = try finding(text, "NL91 ABNA 0417 1643 00", entity: "IBAN")
        #expect(
            Redactor(policy: policy).redact(text, findings: [found], language: nil) == "IBAN •••• •••• •••• ••43 00.")
    }

    @Test func hashIsStableAndKeyed() throws {
        var policy = RedactionPolicy()
        policy.entities["EMAIL"] = .hash
        policy.hashKey = SymmetricKey(data: Array("0123456789abcdef0123456789abcdef".utf8))
        let first = try finding("a jan@x.nl b", "jan@x.nl", entity: "EMAIL")
        let second = try finding("JAN@X.NL", "JAN@X.NL", entity: "EMAIL")
        let one = Redactor(policy: policy).redact("a jan@x.nl b", findings: [first], language: nil)
        let two = Redactor(policy: policy).redact("JAN@X.NL", findings: [second], language: nil)
        #expect(one.hasPrefix("a [EMAIL:") && one.hasSuffix("] b"))
        #expect(one.dropFirst(2).dropLast(2) == two[...])
        policy.hashKey = SymmetricKey(data: Array("another key of thirty-two bytes!".utf8))
        #expect(Redactor(policy: policy).redact("JAN@X.NL", findings: [second], language: nil) != two)
    }

    @Test func removeClosesTheGap() throws {
        var policy = RedactionPolicy()
        policy.entities["PERSON"] = .remove
        let text = "dank Jan Jansen voor"
        let found = try finding(text, "Jan Jansen", entity: "PERSON")
        #expect(Redactor(policy: policy).redact(text, findings: [found], language: nil) == "dank voor")
    }

    @Test func overlappingFindingsMerge() throws {
        let text = "mail jan@x.nl!"
        let whole = try finding(text, "jan@x.nl", entity: "EMAIL")
        let part = try finding(text, "x.nl", entity: "URL_PERSONAL")
        #expect(
            Redactor(policy: RedactionPolicy()).redact(text, findings: [part, whole], language: "en")
                == "mail [email address]!")
    }
}

extension Finding {
    /// The same finding with code-point offsets computed from `bytes`.
    func with(bytes: [UInt8]) -> Finding {
        let start = String(decoding: bytes[..<byteRange.lowerBound], as: UTF8.self).unicodeScalars.count
        let length = String(decoding: bytes[byteRange], as: UTF8.self).unicodeScalars.count
        return Finding(rule: rule, start: start, end: start + length, byteRange: byteRange, action: action)
    }
}
