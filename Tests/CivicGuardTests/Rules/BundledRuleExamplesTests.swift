import Testing

@testable import CivicGuard

/// Every bundled rule's own examples, one test case per rule (as SwiftLint runs triggering and
/// non-triggering examples).
@Suite("Bundled rule examples")
struct BundledRuleExamplesTests {
    static let packs: [RulePack] = {
        let files = try! FileSystem.files(under: Repository.rules, extensions: [".yaml"])
        return try! RulePackLoader.load(files: files)
    }()

    @Test(arguments: packs.flatMap(\.rules).map(\.id))
    func examplesHold(ruleID: String) {
        let pack = Self.packs.first { $0.rules.contains { $0.id == ruleID } }!
        let single = RulePack(
            id: pack.id, description: pack.description, languages: pack.languages, file: pack.file,
            rules: pack.rules.filter { $0.id == ruleID })
        let report = RuleTester().run([single])
        #expect(report.failures.map(\.description) == [])
    }

    /// The loader refuses a rule without a source or a matching example, so this holds for every pack that
    /// loads; what the bundled packs add is that no source is a placeholder.
    @Test func everyRuleCitesItsSource() {
        for rule in Self.packs.flatMap(\.rules) {
            #expect(
                rule.source.count >= 8 && !["todo", "tbd", "n/a", "-"].contains(rule.source.lowercased()), "\(rule.id)")
        }
    }

    @Test func defaultPolicyLoads() throws {
        let ruleSet = Repository.ruleSet
        #expect(ruleSet.policy.id == "default")
        #expect(!ruleSet.rules.isEmpty)
    }
}
