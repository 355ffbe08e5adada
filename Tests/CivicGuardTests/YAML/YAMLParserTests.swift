import Testing

@testable import CivicGuard

@Suite("YAML parser")
struct YAMLParserTests {
    func parse(_ text: String) -> Result<YAMLNode?, ConfigurationError> {
        do throws(ConfigurationError) {
            return .success(try YAMLParser.parse(Array(text.utf8), file: "t.yaml"))
        } catch {
            return .failure(error)
        }
    }

    func error(_ text: String) -> String? {
        guard case .failure(let error) = parse(text) else { return nil }
        return error.description
    }

    /// Ten levels of ten aliases: 10¹⁰ nodes once expanded. It is refused at the alias that crosses the budget.
    @Test func aBillionLaughsIsRefusedAtTheAliasThatCrossesTheBudget() {
        var lines = [#"a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]"#]
        for level in 1..<10 {
            lines.append(
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        #expect(
            error(lines.joined(separator: "\n"))
                == #"t.yaml:6:10: aliases expand to more than 200000 nodes (a "billion laughs" file?)"#)
    }

    /// Aliases as people use them, to share a list, are expanded.
    @Test func aliasesWithinTheBudgetAreExpanded() throws {
        let root = try #require(try parse("shared: &words [een, twee]\nfirst: *words\nsecond: *words").get())
        guard case .mapping(let pairs) = root.content, case .sequence(let items) = pairs[2].value.content else {
            Issue.record("not a mapping of sequences")
            return
        }
        #expect(items.map(\.scalar) == ["een", "twee"])
    }

    /// 100,000 levels of flow nesting took 67 s in libyaml's scanner; the event stream stops at level 65.
    @Test func deepNestingIsRefusedWhereItGetsTooDeep() {
        let deep = "x: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(error(deep) == "t.yaml:1:67: nesting deeper than 64 levels")
    }

    /// A file's own nodes are not an alias budget: a list of 300,000 entries loads.
    @Test func aLongListIsNotABomb() throws {
        let list = "words: [" + (0..<300_000).map { "w\($0)" }.joined(separator: ", ") + "]"
        let root = try #require(try parse(list).get())
        guard case .mapping(let pairs) = root.content, case .sequence(let items) = pairs[0].value.content else {
            Issue.record("not a mapping of a sequence")
            return
        }
        #expect(items.count == 300_000)
    }
}
