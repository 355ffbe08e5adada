import Testing

@testable import CivicGuard

@Suite("Rule scanner: gates decide whether a rule runs")
struct RuleScannerTests {
    /// One pack with an e-mail rule whose prefilter asks for `@` followed by a domain with a dot.
    static func packs(prefilter: String, example: String = "mail jan@voorbeeld.nl") throws -> [RulePack] {
        let directory = TemporaryDirectory()
        let rules = """
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
            """
        return try RulePackLoader.load(files: [directory.write("pack.yaml", packYAML(rules: rules))])
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
        let packs = try Self.packs(prefilter: "{words: [mail]}")
        let directory = TemporaryDirectory()
        let file = directory.write(
            "policy.yaml",
            """
            id: test
            description: test policy
            packs: ["test.*"]
            outgoing:
              severity: {info: allow, low: allow, medium: flag, high: block, critical: block}
            incoming:
              severity: {info: allow, low: allow, medium: flag, high: redact, critical: hold}
            """)
        let policy = try PolicyLoader.load(file: file, packs: packs)
        let ruleSet = RuleSet(policy: policy, packs: packs, fileContents: [])
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
