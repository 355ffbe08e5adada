import Testing

@testable import CivicGuard

@Suite("Rule scanner: gates decide whether a rule runs")
struct RuleScannerTests {
    /// A pack with an e-mail rule whose prefilter is `prefilter`.
    static func pack(prefilter: String, example: String = "mail jan@voorbeeld.nl") -> String {
        packYAML(
            rules: """
                  - id: test.email
                    category: personal-data
                    entity: EMAIL
                    severity: high
                    directions: [incoming]
                    message: e-mail address
                    source: s
                    regex: '[\\w.]+@[\\w-]+\\.[a-z]{2,}'
                    prefilter: \(prefilter)
                    examples:
                      match: ["\(example)"]
                      no_match: ["@gemeente dank je"]
                """)
    }

    static func packs(prefilter: String, example: String = "mail jan@voorbeeld.nl") throws -> [RulePack] {
        let directory = TemporaryDirectory()
        return try RulePackLoader.load(files: [
            directory.write("pack.yaml", pack(prefilter: prefilter, example: example))
        ])
    }

    @Test(arguments: [
        ("mail jan@voorbeeld.nl", true), ("dank @gemeente voor de hulp", false), ("geen apenstaartje", false),
        ("JAN@VOORBEELD.NL", true),
    ])
    func prefilterGatesTheRule(text: String, runs: Bool) throws {
        let rule = try Self.packs(prefilter: "{regex: '@[\\w-]+\\.'}")[0].rules[0]
        let scanner = RuleScanner(limits: .default)
        let message = MessageScan(Array(text.utf8))
        #expect(scanner.passesGate(rule, message) == runs)
        #expect(!scanner.spans(of: rule, in: message).isEmpty == runs)
    }

    @Test func theRuleSetGateAppliesThePrefilter() throws {
        let ruleSet = try makeRuleSet(packs: [Self.pack(prefilter: "{words: [mail]}")], policy: simplePolicy)
        let entry = try #require(ruleSet.rules(for: .incoming).first)
        let scanner = RuleScanner(limits: .default)
        #expect(scanner.gateOpen(entry, MessageScan(Array("mail jan@voorbeeld.nl".utf8)), ruleSet))
        #expect(!scanner.gateOpen(entry, MessageScan(Array("schrijf jan@voorbeeld.nl".utf8)), ruleSet))
    }

    @Test func aPrefilterThatHidesAMatchFailsTheExample() throws {
        let packs = try Self.packs(prefilter: "{words: [mail]}", example: "schrijf jan@voorbeeld.nl")
        let report = RuleTester().run(packs)
        #expect(
            report.failures.map(\.problem) == [
                "the prefilter does not match this example, so it hides a match of the rule"
            ])
    }
}
