import Testing

@testable import CivicGuard

@Suite("Policy: which action a finding gets")
struct PolicyTests {
    static let pack = packYAML(
        rules: ruleYAML(id: "test.insult")
            + """

              - id: test.phone
                category: personal-data
                entity: PHONE
                severity: medium
                directions: [incoming, outgoing]
                message: m
                source: s
                regex: '06\\d{8}'
                examples: {match: ["0612345678"]}
            """)

    static let policy = """
        id: precedence
        packs: ["test.*"]
        incoming:
          severity: {info: allow, low: flag, medium: flag, high: hold, critical: block}
          category: {personal-data: redact}
          entity: {PHONE: hold}
          rule: {test.phone: block}
          channels:
            twitter: {rule: {test.phone: flag}, severity: {high: block}}
          departments:
            jeugd: {entity: {PHONE: allow}}
        outgoing:
          severity: {info: allow, low: hold, medium: hold, high: block, critical: block}
        """

    let ruleSet = try! makeRuleSet(packs: [pack], policy: policy)

    func action(_ ruleID: String, channel: String? = nil, department: String? = nil) -> Action {
        let rule = ruleSet.rules.first { $0.id == ruleID }!
        return ruleSet.policy.incoming.action(for: rule, channel: channel, department: department)
    }

    @Test func ruleIdBeatsEntityCategoryAndSeverity() {
        #expect(action("test.phone") == .block)
    }

    @Test func channelOverrideWinsAtTheSameLevel() {
        #expect(action("test.phone", channel: "twitter") == .flag)
    }

    @Test func moreSpecificKeyBeatsChannelOverrideOfLessSpecificKey() {
        #expect(action("test.insult", channel: "twitter") == .block)
        #expect(action("test.insult") == .hold)
    }

    @Test func departmentComesBeforeChannelButRuleBeatsEntity() {
        #expect(action("test.phone", channel: "twitter", department: "jeugd") == .flag)
    }

    /// The screener takes the precomputed general action exactly when `isGeneral` says no channel or department
    /// map applies.
    @Test(
        arguments: [
            (nil, nil, true), ("twitter", nil, false), (nil, "jeugd", false), ("facebook", "wijkteam", true),
            ("twitter", "jeugd", false),
        ] as [(String?, String?, Bool)])
    func generalWhenNoScopeOfItsOwn(channel: String?, department: String?, general: Bool) {
        let policy = ruleSet.policy.incoming
        #expect(policy.isGeneral(channel: channel, department: department) == general)
        #expect((policy.scopes(channel: channel, department: department).count == 1) == general)
    }

    @Test(arguments: [
        ([Action.allow, .flag], Action.flag), ([.flag, .redact], .redact), ([.redact, .hold], .hold),
        ([.hold, .block, .allow], .block), ([], .allow),
    ])
    func decisionIsTheStrongestAction(actions: [Action], decision: Action) {
        #expect((actions.max() ?? .allow) == decision)
    }

    @Test func incompleteSeverityMapIsAnError() throws {
        let policy = """
            id: p
            packs: ["test.*"]
            incoming:
              severity: {info: allow, low: flag}
            outgoing:
              severity: {info: allow, low: hold, medium: hold, high: block, critical: block}
            """
        #expect(throws: ConfigurationError.self) { try makeRuleSet(packs: [Self.pack], policy: policy) }
    }

    @Test func unknownRuleIdAndPackGetSuggestions() throws {
        let directory = TemporaryDirectory()
        directory.write("rules/p.yaml", Self.pack)
        let file = directory.write(
            "policy.yaml",
            """
            id: p
            packs: ["test.pakc"]
            incoming:
              severity: {info: allow, low: flag, medium: flag, high: block, critical: block}
              rule: {test.phon: block}
            outgoing:
              severity: {info: allow, low: hold, medium: hold, high: block, critical: block}
            """)
        do {
            _ = try RuleSet.load(rulesDirectory: directory.path + "/rules", policyFile: file)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description.replacingOccurrences(of: directory.path + "/", with: "") == """
                    policy.yaml:2:9: no rule pack matches "test.pakc"; did you mean "test.pack"?
                    policy.yaml:5:10: no selected rule has rule id "test.phon"
                    """)
        }
    }
}
