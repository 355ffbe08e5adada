import Testing

@testable import CivicGuard

@Suite("Templates: key paths, positions and placeholders")
struct TemplateExtractorTests {
    let extractor = TemplateExtractor(engine: MatchEngine())

    func templates(_ text: String, format: TemplateFormat) -> [Template] {
        extractor.extract(path: "t", bytes: Array(text.utf8), format: format).templates
    }

    /// The file line and column of the first occurrence of `needle` in a template.
    func position(of needle: String, in template: Template) -> (Int, Int) {
        let scalars = Array(template.text.unicodeScalars)
        let target = Array(needle.unicodeScalars)
        let index = (0...(scalars.count - target.count)).first { Array(scalars[$0..<($0 + target.count)]) == target }!
        let position = template.position(index)
        return (position.line, position.column)
    }

    @Test func yamlKeyPathsAndPositions() {
        let yaml = """
            replies:
              parking:
                - "Eerste"
                - plain waarde hier
              folded: >
                regel een
                regel twee
              escaped: "caf\\u00e9 \\"quote\\" woord"
            """
        let found = templates(yaml, format: .yaml)
        #expect(
            found.map(\.keyPath) == ["replies.parking[0]", "replies.parking[1]", "replies.folded", "replies.escaped"])
        #expect(position(of: "waarde", in: found[1]) == (4, 13))
        #expect(position(of: "twee", in: found[2]) == (7, 11))
        #expect(found[3].text == "café \"quote\" woord")
        #expect(position(of: "woord", in: found[3]) == (8, 33))
    }

    @Test func jsonStringsAreTemplatesNumbersAreNot() {
        let found = templates(#"{"a": {"b": "tekst", "n": 12, "t": true}, "l": ["x", "y"]}"#, format: .json)
        #expect(found.map(\.keyPath) == ["a.b", "l[0]", "l[1]"])
        #expect(found[0].start.column == 14)
    }

    @Test(arguments: [
        ("Beste {{ naam }}, hoi", ["naam"]), ("Dag ${voornaam}", ["voornaam"]), ("Dag {klant.bsn}!", ["klant.bsn"]),
        ("%(iban)s en %s", ["iban", ""]), ("Beste [NAAM], [BSN]", ["NAAM", "BSN"]), ("geen [placeholder]", []),
    ])
    func placeholdersAreFoundAndMadeOpaque(text: String, names: [String]) {
        let template = templates(text, format: .text)[0]
        #expect(template.placeholders.map(\.name) == names)
        for placeholder in template.placeholders {
            let scalars = Array(template.text.unicodeScalars)[placeholder.range]
            #expect(scalars.allSatisfy { $0 == "\u{FFFC}" })
        }
    }

    @Test func placeholdersAfterNonASCIITextKeepCodePointOffsets() {
        let template = templates("Café 👋 {{ bsn }} één", format: .text)[0]
        #expect(template.placeholders == [Placeholder(name: "bsn", range: 7..<16)])
        #expect(template.text == "Café 👋 " + String(repeating: "\u{FFFC}", count: 9) + " één")
        #expect(template.position(17).column == 18)
    }

    @Test(arguments: [
        ("bsn", "NL_BSN"), ("klant.iban", "IBAN"), ("citizen_phone", "PHONE"), ("ADRES", "STREET_ADDRESS"),
        ("e-mail", "EMAIL"), ("voornaam", nil), ("naam", nil), ("datum", nil),
    ])
    func placeholderNamesThatDenotePersonalData(name: String, entity: String?) {
        #expect(CheckRule.entity(forPlaceholder: name) == entity)
    }

    @Test func markdownCommentsAreNotChecked() {
        let template = templates("Tekst <!-- kut --> meer", format: .markdown)[0]
        #expect(!template.text.contains("kut"))
        #expect(template.text.unicodeScalars.count == "Tekst <!-- kut --> meer".unicodeScalars.count)
    }

    @Test func invalidFilesAreReported() {
        let file = extractor.extract(path: "t", bytes: [0x61, 0xFF], format: .text)
        #expect(file.problem?.message == "not valid UTF-8 (byte 2); not checked")
        let yaml = extractor.extract(path: "t", bytes: Array("a: [b\n".utf8), format: .yaml)
        #expect(yaml.problem != nil)
    }
}
