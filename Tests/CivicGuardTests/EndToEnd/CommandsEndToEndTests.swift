import Foundation
import Testing

@Suite("validate, test and bench end to end", .serialized)
struct CommandsEndToEndTests {
    @Test func validateReportsEveryProblemWithPositions() throws {
        let directory = TemporaryDirectory()
        directory.write("rules/bad.yaml", packYAML(rules: ruleYAML(extra: "    sevrity: low\n    regex: 'a)'")))
        let result = try Binary.run(["validate", directory.path + "/rules"], input: "")
        #expect(result.status == 2)
        #expect(result.output == "")
        #expect(
            result.stderr.replacingOccurrences(of: directory.path + "/", with: "") == """
                rules/bad.yaml:14:5: unknown key "sevrity"; did you mean "severity"?
                rules/bad.yaml:15:12: invalid regex: unmatched closing parenthesis at offset 1 of the pattern

                """)
    }

    /// A regex without `keywords:` runs on every message: validate names such rules, so the slip is seen.
    @Test func validateNamesRulesThatRunOnEveryMessage() throws {
        let directory = TemporaryDirectory()
        directory.write(
            "rules/pack.yaml",
            packYAML(
                rules: ruleYAML(id: "test.gated")
                    + ruleYAML(id: "test.ungated", words: "[kut]").replacingOccurrences(
                        of: "words: [kut]", with: "regex: 'k[u]t'")))
        let result = try Binary.run(["validate", directory.path + "/rules"], input: "")
        #expect(result.status == 0)
        #expect(
            result.output == """
                ok: 1 packs with 2 rules
                note: 1 rules run on every message (no keywords, digit count or prefilter): test.ungated

                """)
    }

    @Test func validateAcceptsTheBundledConfiguration() throws {
        let result = try Binary.run(["validate"], input: "")
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("ok: "))
    }

    @Test func testCommandReportsFailingExamples() throws {
        let directory = TemporaryDirectory()
        let rule = """
              - id: test.rule
                category: c
                severity: low
                directions: [incoming]
                message: m
                source: s
                words: [kut]
                examples:
                  match: ["kut", "niets"]
                  no_match: ["KUT"]
            """
        let file = directory.write("p.yaml", packYAML(rules: rule))
        let result = try Binary.run(["test", file], input: "")
        #expect(result.status == 1)
        #expect(
            result.output.replacingOccurrences(of: directory.path + "/", with: "") == """
                p.yaml:13:22: test.rule: example did not match
                p.yaml:14:18: test.rule: example matched but should not
                1 rules, 3 examples: 2 failed

                """)
    }

    @Test func installedLayoutFindsBundledRulesWithoutFlags() throws {
        let prefix = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: prefix.path + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            atPath: prefix.path + "/share/civicguard", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Binary.path, toPath: prefix.path + "/bin/civicguard")
        try FileManager.default.copyItem(atPath: Repository.rules, toPath: prefix.path + "/share/civicguard/rules")
        try FileManager.default.copyItem(
            atPath: Repository.root + "/policies", toPath: prefix.path + "/share/civicguard/policies")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: prefix.path + "/bin/civicguard")
        process.arguments = ["validate"]
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.hasPrefix("ok: "))
    }

    @Test func projectFileSelectsRulesAndPolicy() throws {
        let directory = TemporaryDirectory()
        directory.write("my-rules/test.yaml", packYAML(rules: ruleYAML(id: "test.insult", words: "[idioot]")))
        directory.write("my-policy.yaml", simplePolicy)
        directory.write(".civicguard.yaml", "rules: my-rules\npolicy: my-policy.yaml\n")
        let result = try Binary.run(["filter", "--direction", "incoming"], input: "idioot", directory: directory.path)
        #expect(result.status == 1)
    }

    @Test func benchReportsThroughputLoadTimesAndTheSlowestRules() throws {
        let directory = TemporaryDirectory()
        let corpus = directory.write(
            "corpus.jsonl",
            """
            {"text": "Mijn BSN is 111222333, bel 06-12345678", "direction": "incoming"}
            {"text": "Wij beloven dat uw aanvraag wordt goedgekeurd."}
            {"text": "Dank voor uw bericht, we kijken ernaar.", "direction": "outgoing"}

            """)
        let result = try Binary.run(["bench", "--corpus", corpus, "--repeat", "2", "--loads", "2", "--top", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.lines
        #expect(lines.contains { $0.hasPrefix("load: ") && $0.hasSuffix("from YAML (2 loads)") })
        #expect(lines.contains { $0.hasSuffix("ms median from a rule snapshot") })
        #expect(lines.contains { $0.hasPrefix("corpus: ") && $0.contains("(3 messages,") })
        #expect(lines.contains { $0.hasPrefix("throughput: ") && $0.contains("fastest pass") })
        #expect(lines.contains { $0.hasPrefix("per message: ") && $0.contains("keyword index and digit counts") })
        let slowest = lines.drop { !$0.hasPrefix("slowest rules") }.dropFirst()
        #expect(slowest.count == 3)
        #expect(slowest.allSatisfy { $0.contains("% ") && $0.contains(" ms ") && $0.contains("runs on") })
    }
}

@Suite("Echo detection end to end")
struct EchoEndToEndTests {
    @Test func replyRepeatingTheCitizensNumberIsBlocked() throws {
        let input =
            #"{"id":"e1","direction":"outgoing","text":"We bellen u op 06 12 34 56 78.","in_reply_to":"Bel me op 0612345678"}"#
            + "\n"
        let result = try Binary.run(["filter", "--jsonl"], input: input)
        #expect(result.status == 0)
        #expect(result.output.contains(#""decision":"block""#))
        #expect(result.output.contains(#""rule":"pii.echo""#))
        #expect(result.output.contains(#""entity":"PHONE""#))
        #expect(!result.output.contains("12 34 56"))
    }
}
