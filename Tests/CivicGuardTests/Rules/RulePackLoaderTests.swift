import Testing

@testable import CivicGuard

@Suite("Rule pack loader diagnostics")
struct RulePackLoaderTests {
    /// Loads `yaml` as one pack file and returns the diagnostics, with the temporary path shortened to `pack.yaml`.
    func diagnostics(_ yaml: String, file: String = "pack.yaml") -> [String] {
        let directory = TemporaryDirectory()
        let path = directory.write(file, yaml)
        do {
            _ = try RulePackLoader.load(files: [path])
            return []
        } catch {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: directory.path + "/", with: "") }
        }
    }

    @Test func validPackLoads() throws {
        #expect(diagnostics(packYAML(rules: ruleYAML())) == [])
    }

    @Test func unknownKeyGetsDidYouMean() {
        let yaml = packYAML(rules: ruleYAML(extra: "    validatr: elfproef"))
        #expect(diagnostics(yaml) == ["pack.yaml:14:5: unknown key \"validatr\"; did you mean \"validate\"?"])
    }

    @Test func unknownKeyWithoutCloseMatchListsTheKeys() {
        let yaml = "id: a.b\ndescription: d\nlanguages: [nl]\nflavour: x\nrules: []\n"
        #expect(
            diagnostics(yaml) == [
                "pack.yaml:4:1: unknown key \"flavour\"; expected one of: id, description, languages, normalise, view, lexicons, fragments, rules"
            ])
    }

    @Test func wrongTypeIsNamed() {
        let yaml = packYAML(rules: ruleYAML(words: "{a: b}"))
        #expect(diagnostics(yaml) == ["pack.yaml:11:12: expected a list of strings, found a mapping"])
    }

    @Test func unknownEntityGetsDidYouMean() {
        let yaml = packYAML(rules: ruleYAML(extra: "    entity: PHONNE"))
        #expect(diagnostics(yaml) == ["pack.yaml:14:13: unknown entity \"PHONNE\"; did you mean \"PHONE\"?"])
    }

    @Test func unknownViewGetsDidYouMean() {
        let yaml = packYAML(rules: ruleYAML(extra: "    view: personal_data"))
        #expect(
            diagnostics(yaml) == [
                "pack.yaml:14:11: unknown view \"personal_data\"; did you mean \"personal-data\"? (expected original, conduct, personal-data)"
            ])
    }

    @Test func aRuleReadsTheViewItNames() throws {
        let directory = TemporaryDirectory()
        let packs = try RulePackLoader.load(files: [
            directory.write(
                "pack.yaml",
                "view: personal-data\n"
                    + packYAML(rules: ruleYAML() + "\n" + ruleYAML(id: "test.two", extra: "    view: original")))
        ])
        #expect(packs[0].rules.map(\.view) == [.personalData, .original])
    }

    @Test func aFuzzyRuleNeedsKeywords() {
        let yaml = packYAML(rules: ruleYAML(extra: "    fuzzy: true", words: "[ongedierte]"))
        #expect(
            diagnostics(yaml) == [
                "pack.yaml:14:12: a fuzzy rule needs keywords: a misspelt entry is no keyword, so the gate must come from the rest of the rule"
            ])
    }

    @Test func duplicateKeysAreReported() {
        let yaml = packYAML(rules: ruleYAML(extra: "    severity: low"))
        #expect(diagnostics(yaml) == ["pack.yaml:14:5: duplicate key \"severity\" (first given at line 7)"])
    }

    @Test func invalidRegexShowsPCRE2MessageAndOffset() {
        let yaml = packYAML(rules: ruleYAML(extra: "    regex: 'ab(c'"))
        #expect(
            diagnostics(yaml) == [
                "pack.yaml:14:12: invalid regex: missing closing parenthesis at offset 4 of the pattern"
            ])
    }

    @Test func prefilterNeedsAClauseAndKnownKeys() {
        #expect(
            diagnostics(packYAML(rules: ruleYAML(extra: "    prefilter: {case_sensitive: true}"))) == [
                "pack.yaml:14:16: prefilter needs regex, words, phrases or lexicons"
            ])
        #expect(
            diagnostics(packYAML(rules: ruleYAML(extra: "    prefilter: {regx: 'k'}"))) == [
                "pack.yaml:14:17: unknown key \"regx\"; did you mean \"regex\"?"
            ])
    }

    @Test func yamlBooleanTrapStaysAString() throws {
        let yaml = packYAML(rules: ruleYAML(words: "[NO, yes, off]"))
        #expect(diagnostics(yaml) == [])
    }

    @Test func onlyTrueAndFalseAreBooleans() {
        let yaml = packYAML(rules: ruleYAML(extra: "    case_sensitive: yes"))
        #expect(diagnostics(yaml) == ["pack.yaml:14:21: expected true or false, found \"yes\""])
    }

    /// A rule with every required key but `examples`.
    static let ruleWithoutExamples = """
          - id: test.rule
            category: c
            severity: low
            directions: [incoming]
            message: m
            source: s
            words: [x]
        """

    @Test func ruleWithoutExamplesDoesNotLoad() {
        #expect(
            diagnostics(packYAML(rules: Self.ruleWithoutExamples)) == [
                "pack.yaml:5:5: rule has no examples; add examples: {match: [...], no_match: [...]}"
            ])
    }

    @Test func ruleWithOnlyNonMatchingExamplesDoesNotLoad() {
        let rule = Self.ruleWithoutExamples + "\n    examples: {match: [], no_match: [y]}"
        #expect(diagnostics(packYAML(rules: rule)) == ["pack.yaml:12:15: examples need at least one \"match\" example"])
    }

    @Test func missingRequiredKeysAndBadEnumValues() {
        let rule = """
              - id: test.rule
                category: c
                severity: severe
                directions: [inbound]
                source: s
                words: [x]
                examples: {match: [x]}
            """
        #expect(
            diagnostics(packYAML(rules: rule)) == [
                "pack.yaml:5:5: missing required key \"message\"",
                "pack.yaml:7:15: unknown value \"severe\"; expected one of: info, low, medium, high, critical",
                "pack.yaml:8:18: unknown value \"inbound\"; expected one of: incoming, outgoing",
            ])
    }

    @Test func duplicateRuleIdsAcrossPacks() {
        let directory = TemporaryDirectory()
        let first = directory.write("a.yaml", packYAML(id: "test.a", rules: ruleYAML()))
        let second = directory.write("b.yaml", packYAML(id: "test.b", rules: ruleYAML()))
        #expect(throws: ConfigurationError.self) { try RulePackLoader.load(files: [first, second]) }
        do {
            _ = try RulePackLoader.load(files: [first, second])
        } catch {
            let text = error.description.replacingOccurrences(of: directory.path + "/", with: "")
            #expect(text == "b.yaml:5:5: duplicate rule id \"test.rule\" (first defined at a.yaml:5:5)")
        }
    }

    @Test func yamlSyntaxErrorHasPosition() {
        #expect(
            diagnostics("id: a.b\nrules: [\n  - x\n") == [
                "pack.yaml:3:3: did not find expected node content (while parsing a flow node)"
            ])
    }

    @Test func unknownLexiconAndValidatorGetSuggestions() {
        let yaml =
            packYAML(rules: ruleYAML(extra: "    validate: elfprof\n    lexicons: [test.wrods]"))
            + "\nlexicons:\n  test.words: [a]\n"
        #expect(
            diagnostics(yaml) == [
                "pack.yaml:14:15: unknown validator \"elfprof\"; did you mean \"elfproef\"?",
                "pack.yaml:15:16: unknown lexicon \"test.wrods\"; did you mean \"test.words\"?",
            ])
    }

    @Test func allProblemsAreReportedAtOnce() {
        let yaml = packYAML(rules: ruleYAML(id: "Bad Id", extra: "    sevrity: low\n    regex: '('"))
        let found = diagnostics(yaml)
        #expect(found.count == 3)
    }
}
