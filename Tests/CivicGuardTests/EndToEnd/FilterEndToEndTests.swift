import Foundation
import Testing

/// The built binary, with real standard input, output and exit status.
@Suite("civicguard filter end to end", .serialized)
struct FilterEndToEndTests {
    /// A rules folder and policy of our own, so these tests do not depend on the bundled rules' wording.
    /// One per test (not static), so the folder is removed when the test ends.
    let fixture: (directory: TemporaryDirectory, arguments: [String]) = {
        let directory = TemporaryDirectory()
        directory.write(
            "rules/test.yaml",
            packYAML(
                rules: ruleYAML(id: "test.insult", words: "[idioot]")
                    + """

                      - id: test.promise
                        category: promise
                        severity: medium
                        directions: [incoming, outgoing]
                        message: a promise
                        source: s
                        words: [beloofd]
                        examples: {match: [beloofd]}
                      - id: test.phone
                        category: personal-data
                        entity: PHONE
                        severity: medium
                        directions: [incoming, outgoing]
                        message: phone number
                        source: s
                        regex: '06-\\d{8}'
                        examples: {match: ["06-12345678"]}
                      - id: test.slow
                        category: engine-test
                        severity: info
                        directions: [incoming]
                        message: slow
                        source: s
                        regex: '(a+)+$'
                        examples: {match: [aaa]}
                    """))
        let policy = directory.write("policy.yaml", piiPolicy)
        return (directory, ["--rules", directory.path + "/rules", "--policy", policy])
    }()

    func filter(_ input: String, _ extra: [String] = []) throws -> Binary.Result {
        try Binary.run(["filter"] + fixture.arguments + extra, input: input)
    }

    @Test func allowedMessageIsPublishedUnchanged() throws {
        let result = try filter("Dank voor je melding 😀", ["--direction", "incoming"])
        #expect(result.status == 0)
        #expect(result.output == "Dank voor je melding 😀")
    }

    @Test func redactedMessageIsPublishedRedacted() throws {
        let result = try filter("bel 06-12345678", ["--direction", "incoming"])
        #expect(result.status == 0)
        #expect(result.output == "bel [telefoonnummer]")
    }

    @Test func blockedExitsOneWithEmptyOutput() throws {
        let result = try filter("jij idioot", ["--direction", "incoming"])
        #expect(result.status == 1)
        #expect(result.output == "")
        #expect(result.stderr == "civicguard: blocked: test.insult\n")
    }

    @Test func heldExitsThreeWithEmptyOutput() throws {
        let result = try filter("het is beloofd", ["--direction", "outgoing"])
        #expect(result.status == 3)
        #expect(result.output == "")
    }

    @Test func flaggedIsPublishedAndReported() throws {
        let result = try filter("het is beloofd", ["--direction", "incoming"])
        #expect(result.status == 0)
        #expect(result.output == "het is beloofd")
        #expect(result.stderr.contains("flagged for review"))
    }

    @Test func invalidUTF8FailsClosed() throws {
        let result = try Binary.run(["filter"] + fixture.arguments, stdin: Data([0x61, 0xFF, 0x62]))
        #expect(result.status == 2)
        #expect(result.output == "")
        #expect(result.stderr == "civicguard: input is not valid UTF-8 (byte 2); not checked\n")
    }

    @Test func oversizedInputFailsClosed() throws {
        let result = try filter(String(repeating: "x", count: 70_000))
        #expect(result.status == 2)
        #expect(result.output == "")
    }

    @Test func binaryInputFailsClosed() throws {
        let result = try Binary.run(["filter"] + fixture.arguments, stdin: Data([0x61, 0x00, 0x62]))
        #expect(result.status == 2)
        #expect(result.output == "")
    }

    @Test func emptyInputIsAnEmptyAllowedMessage() throws {
        let result = try filter("")
        #expect(result.status == 0)
        #expect(result.output == "")
    }

    @Test func usageErrorExitsTwo() throws {
        let result = try filter("x", ["--direction", "sideways"])
        #expect(result.status == 2)
        #expect(result.output == "")
    }

    @Test func configurationErrorExitsTwo() throws {
        let result = try Binary.run(["filter", "--rules", "/nonexistent", "--policy", "/nonexistent.yaml"], input: "x")
        #expect(result.status == 2)
        #expect(result.output == "")
    }

    @Test func explainMasksPersonalData() throws {
        let result = try filter("bel 06-12345678 nu", ["--direction", "incoming", "--explain"])
        #expect(
            result.stderr == """
                1:5 test.phone medium redact: phone number
                    why: pattern 06-\\d{8}; score 1.0
                    bel ••-•••••••• nu
                        ^~~~~~~~~~~

                """)
    }

    @Test func catastrophicRegexFinishesAndFailsClosed() throws {
        let started = Date()
        let input = #"{"id":1,"text":""# + String(repeating: "a", count: 30_000) + #"b","direction":"incoming"}"# + "\n"
        let result = try filter(input, ["--jsonl"])
        #expect(Date().timeIntervalSince(started) < 1.0)
        #expect(result.status == 0)
        #expect(result.output.contains(#""decision":"hold""#))
        #expect(result.output.contains(#""rule":"engine.match-limit""#))
    }

    @Test func jsonlRecordHasTheDocumentedShape() throws {
        let result = try filter(#"{"id":"m1","text":"😀 bel 06-12345678","direction":"incoming"}"# + "\n", ["--jsonl"])
        let version = try #require(result.output.firstRange(of: #""rules_version":""#))
        let digest = result.output[version.upperBound...].prefix(12)
        #expect(
            result.output
                == #"{"id":"m1","decision":"redact","text":"😀 bel [telefoonnummer]","findings":[{"rule":"test.phone","category":"personal-data","severity":"medium","action":"redact","start":6,"end":17,"message":"phone number","suggestion":null,"preview":"••-••••••78","entity":"PHONE"}],"recorded":false,"policy":"test","rules_version":""#
                + digest + "\"}\n")
    }

    /// 10,000 lines with malformed JSON, invalid UTF-8, a 1 MB line and blank lines interleaved: every line is
    /// answered exactly once, in order.
    @Test func everyLineIsAnsweredOnceInOrder() throws {
        var input = Data()
        var expected: [String] = []
        for number in 1...10_000 {
            switch number % 7 {
            case 1:
                input.append(contentsOf: Array(#"{"id":\#(number),"text":"{"#.utf8))
                expected.append("error")
            case 2:
                input.append(
                    contentsOf: [0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A] + Array("\(number)".utf8) + [0x2C, 0xC3, 0x28])
                expected.append("error")
            case 3:
                expected.append("error")
            case 4 where number == 4:
                input.append(contentsOf: Array(#"{"id":4,"text":""#.utf8))
                input.append(contentsOf: [UInt8](repeating: 0x61, count: 1 << 20))
                input.append(contentsOf: Array(#""}"#.utf8))
                expected.append("error")
            default:
                input.append(
                    contentsOf: Array(
                        #"{"id":\#(number),"text":"melding \#(number) idioot","direction":"incoming"}"#.utf8))
                expected.append("block")
            }
            input.append(0x0A)
        }
        let result = try Binary.run(["filter", "--jsonl"] + fixture.arguments, stdin: input)
        #expect(result.status == 0)
        let lines = result.lines
        #expect(lines.count == 10_000)
        for (index, line) in lines.enumerated() where index < expected.count {
            let number = index + 1
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            #expect(record["decision"] as? String == "block")
            if expected[index] == "error" {
                #expect(record["line"] as? Int == number)
                #expect(record["error"] is String)
            } else {
                #expect(record["id"] as? Int == number)
            }
        }
        #expect(lines[3].contains("exceeds the limit"))
        #expect(lines[3].contains(#""id":4"#))
        // The oversized text is not echoed (record references may hold a few a's by chance).
        #expect(!result.output.contains(String(repeating: "a", count: 64)))
    }

    @Test func emptyJSONLInputGivesNoOutput() throws {
        let result = try filter("", ["--jsonl"])
        #expect(result.status == 0)
        #expect(result.output == "")
    }

    /// The bundled rules through a fresh snapshot directory: the first run writes a snapshot, the second reads
    /// it, and both answer alike; `--no-cache` writes none.
    @Test func aRuleSnapshotAnswersLikeTheYAML() throws {
        let scratch = TemporaryDirectory()
        let input = Data(
            #"""
            {"id": 1, "text": "Mijn BSN is 111222333, bel 06-12345678", "direction": "incoming"}
            {"id": 2, "text": "Wij beloven dat uw aanvraag wordt goedgekeurd.", "direction": "outgoing"}
            {"id": 3, "text": "Dank voor uw bericht.", "direction": "outgoing"}

            """#.utf8)
        let cached = ["CIVICGUARD_CACHE": scratch.path + "/cache"]
        let fresh = try Binary.run(
            ["filter", "--jsonl", "--no-store", "--no-cache"], stdin: input, environment: cached)
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/cache"))
        let first = try Binary.run(["filter", "--jsonl", "--no-store"], stdin: input, environment: cached)
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/cache").sorted()
        #expect(files.count == 2 && files[0] == "key" && files[1].hasSuffix(".snapshot"))
        let second = try Binary.run(["filter", "--jsonl", "--no-store"], stdin: input, environment: cached)
        #expect(fresh.status == 0 && first.status == 0 && second.status == 0)
        #expect(fresh.lines.count == 3)
        #expect(first.output == fresh.output)
        #expect(second.output == fresh.output)
    }
}
