import Testing

@testable import CivicGuard

@Suite("Policy: the review section")
struct ReviewPolicyTests {
    func policy(_ review: String) -> String {
        simplePolicy + "\n" + review
    }

    @Test func defaultsRecordFlagsHoldsAndBlocks() throws {
        let review = try makeRuleSet(packs: [packYAML(rules: ruleYAML())], policy: simplePolicy).policy.review
        #expect(review.record == [.flag, .hold, .block])
        #expect(review.holdExpiry.seconds == 72 * 3600)
        #expect(review.approvalsNeeded(for: .critical) == 2)
        #expect(review.approvalsNeeded(for: .high) == 1)
    }

    @Test func sectionIsRead() throws {
        let text = policy("review: {record: [hold, block], hold_expires_after: 90m, two_approvals: [high, critical]}")
        let review = try makeRuleSet(packs: [packYAML(rules: ruleYAML())], policy: text).policy.review
        #expect(review.record == [.hold, .block])
        #expect(review.holdExpiry.seconds == 5400)
        #expect(review.approvalsNeeded(for: .high) == 2)
    }

    @Test func mistakesArePositionedWithSuggestions() {
        let text = policy(
            """
            review:
              recrod: [hold]
              hold_expires_after: 3 days
              two_approvals: [critcal]
            """)
        do {
            _ = try makeRuleSet(packs: [packYAML(rules: ruleYAML())], policy: text)
            Issue.record("expected an error")
        } catch {
            let lines = "\(error)".split(separator: "\n").map { $0.split(separator: ":", maxSplits: 1)[1] }
            #expect(
                lines == [
                    #"8:3: unknown key "recrod"; did you mean "record"?"#,
                    "9:23: hold_expires_after: expected a whole number and a unit (s, m, h, d or w), like 90d or 24h",
                    #"10:19: unknown value "critcal"; did you mean "critical"?"#,
                ])
        }
    }

    @Test(arguments: [
        ("90d", 7_776_000), ("24h", 86_400), ("30m", 1800), ("2w", 1_209_600), ("45s", 45), ("1.5h", nil), ("-2d", nil),
        ("h", nil), ("2 days", nil), ("0d", nil), ("", nil),
    ])
    func timeSpans(text: String, seconds: Int?) {
        #expect(TimeSpan(text)?.seconds == seconds)
    }
}
