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
        let (gated, keywords) = RuleSet.gate([rule])
        #expect(scanner.gateOpen(gated[0], message, keywords.map { KeywordIndex(keywords: $0) }) == runs)
        #expect(!scanner.spans(of: rule, in: message).isEmpty == runs)
    }

    @Test func theRuleSetGateAppliesThePrefilter() throws {
        let ruleSet = try makeRuleSet(packs: [Self.pack(prefilter: "{words: [mail]}")], policy: simplePolicy)
        let entry = try #require(ruleSet.rules(for: .incoming).first)
        let scanner = RuleScanner(limits: .default)
        #expect(scanner.gateOpen(entry, MessageScan(Array("mail jan@voorbeeld.nl".utf8)), ruleSet.keywordIndexes))
        #expect(!scanner.gateOpen(entry, MessageScan(Array("schrijf jan@voorbeeld.nl".utf8)), ruleSet.keywordIndexes))
    }

    @Test func aPrefilterThatHidesAMatchFailsTheExample() throws {
        let packs = try Self.packs(prefilter: "{words: [mail]}", example: "schrijf jan@voorbeeld.nl")
        let report = RuleTester().run(packs)
        #expect(
            report.failures.map(\.problem) == [
                "the prefilter does not match this example, so it hides a match of the rule"
            ])
    }

    /// Every match that an exception, a companion or a context word counts for starts at or before
    /// `searchLimit`, so stopping the search there loses nothing. Checked against the functions that decide,
    /// for every range of some short texts.
    @Test(arguments: [
        "Beste wethouder Jan de Vries, dank u", "mail: a@b.nl of bel 06 12 34 56 78!", "één café, 🙂 twee",
    ])
    func searchLimitKeepsEveryMatchThatCounts(text: String) {
        let scan = ScanText(Array(text.utf8))
        // With the word starts known, as after a first `within`: otherwise word windows are not limited at all.
        _ = scan.wordsBetween(0, scan.bytes.count)
        let offsets = (0...scan.bytes.count).filter { $0 == scan.bytes.count || scan.bytes[$0] & 0xC0 != 0x80 }
        let ranges = offsets.flatMap { start in offsets.filter { $0 >= start }.map { start..<$0 } }
        let windows: [Exception.Window] = [.overlap, .message, .words(0), .words(1), .words(3)]
        for span in ranges where !span.isEmpty && span.count <= 6 {
            for window in windows {
                for side in Proximity.Side.allCases {
                    let limit = RuleScanner.searchLimit(near: [span], window: window, side, scan)
                    let proximity: Proximity? =
                        if case .words(let count) = window {
                            Proximity(patterns: .empty, window: count, side: side)
                        } else { nil }
                    for other in ranges {
                        let cancels =
                            RuleScanner.onSide(side, of: span, other) && RuleScanner.within(window, span, other, scan)
                        let near = proximity.map { RuleScanner.isNear(other, span, $0, scan) } ?? false
                        guard cancels || near, let limit else { continue }
                        #expect(other.lowerBound <= limit, "\(span) \(window) \(side) \(other)")
                    }
                }
            }
        }
    }

    /// A gate is a necessary condition of what its rule matches, on the rule's own view: on generated numbers in
    /// every spacing, script and encoding, no bundled rule matches where its gate is closed.
    @Test(arguments: 1...4)
    func noGateIsNarrowerThanItsRule(seed: UInt64) {
        let ruleSet = Repository.ruleSet
        let scanner = RuleScanner(limits: .default)
        let digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "١", "５", "𝟕", "&#52;", "%33", "O", "l"]
        let separators = ["", "", "", " ", "\u{00A0}", "\u{200B}", "\t", "\n", ".", "-", "/", "_", "  ", " - "]
        let frames = ["bsn %@ ok", "IBAN NL91%@", "kaart %@", "tel %@x", "%@", "geboren %@", "rijksregister %@"]
        var generator = SplitMix(seed: seed)
        var matched = 0
        for _ in 0..<600 {
            var number = ""
            for _ in 0..<Int.random(in: 6...20, using: &generator) {
                number += digits.randomElement(using: &generator)! + separators.randomElement(using: &generator)!
            }
            let text = frames.randomElement(using: &generator)!.replacing("%@", with: number)
            let message = MessageScan(Array(text.utf8))
            for entry in ruleSet.rules(for: .outgoing) where entry.rule.concernsPersonalData {
                guard !scanner.spans(of: entry.rule, in: message).isEmpty else { continue }
                matched += 1
                #expect(
                    scanner.gateOpen(entry, message, ruleSet.keywordIndexes),
                    "\(entry.rule.id) matches \(text.debugDescription) behind a closed gate")
            }
        }
        #expect(matched > 100)
    }
}
