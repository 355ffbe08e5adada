import Testing

@testable import CivicGuard

@Suite("Screener: offsets, decisions and publishable text")
struct ScreenerTests {
    static let pack = packYAML(
        rules: ruleYAML(id: "test.insult", words: "[idioot]")
            + """

              - id: test.phone
                category: personal-data
                entity: PHONE
                severity: medium
                directions: [incoming, outgoing]
                message: m
                source: s
                regex: '06-\\d{8}'
                examples: {match: ["06-12345678"]}
            """)
    let screener = Screener(ruleSet: try! makeRuleSet(packs: [pack], policy: piiPolicy))

    /// Offsets count Unicode code points: an emoji outside the BMP, a ZWJ family (5 code points), a flag
    /// (2), a skin tone (2) and a decomposed é (2) before the phone number shift it by exactly that many.
    @Test(arguments: [
        ("bel 06-12345678", 4),
        ("😀 bel 06-12345678", 6),
        ("👨‍👩‍👧 bel 06-12345678", 10),
        ("🇳🇱👍🏽 bel 06-12345678", 9),
        ("cafe\u{301} bel 06-12345678", 10),
    ])
    func offsetsAreCodePoints(text: String, start: Int) throws {
        let verdict = screener.screen(Message(text: text, direction: .incoming))
        let finding = try #require(verdict.findings.first)
        #expect(finding.start == start)
        #expect(finding.end == start + 11)
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[finding.start..<finding.end])) == "06-12345678")
    }

    @Test func redactsAndPublishes() {
        let verdict = screener.screen(Message(text: "Bel 06-12345678 👍", direction: .incoming))
        #expect(verdict.decision == .redact)
        #expect(verdict.publishableText == "Bel [telefoonnummer] 👍")
    }

    @Test func blockedMessagesHaveNoText() {
        let verdict = screener.screen(Message(text: "jij idioot, 06-12345678", direction: .incoming))
        #expect(verdict.decision == .block)
        #expect(verdict.publishableText == nil)
        #expect(verdict.findings.map(\.rule.id) == ["test.insult", "test.phone"])
    }

    @Test func directionSelectsPolicy() {
        #expect(screener.screen(Message(text: "06-12345678", direction: .outgoing)).decision == .hold)
    }

    @Test func matchLimitFailsClosed() throws {
        let pack = packYAML(
            rules: """
                  - id: test.slow
                    category: c
                    severity: info
                    directions: [incoming]
                    message: m
                    source: s
                    regex: '(a+)+$'
                    examples: {match: [aaa]}
                """)
        let screener = Screener(ruleSet: try makeRuleSet(packs: [pack], policy: simplePolicy))
        let verdict = screener.screen(Message(text: String(repeating: "a", count: 10_000) + "b", direction: .incoming))
        #expect(verdict.decision == .hold)
        #expect(verdict.findings.map(\.rule.id) == ["engine.match-limit"])
    }
}
