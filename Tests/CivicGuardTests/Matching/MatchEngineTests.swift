import Testing

@testable import CivicGuard

@Suite("PCRE2 matching under limits")
struct MatchEngineTests {
    @Test func catastrophicPatternStopsAtTheLimit() throws {
        let pattern = try Pattern("(a+)+$")
        let text = Array((String(repeating: "a", count: 5_000) + "b").utf8)
        let clock = ContinuousClock()
        var outcome = MatchEngine.Outcome.completed
        let elapsed = clock.measure {
            outcome = MatchEngine().forEachMatch(of: pattern, in: text) { _ in true }
        }
        #expect(outcome == .limitExceeded)
        #expect(elapsed < .seconds(1))
    }

    /// Regexes that each stay under the match limit can add up to minutes on one message: the message's time
    /// budget stops them, and the search says so (the scanner then fails the message closed).
    @Test func theMessageBudgetStopsManyCheapMatches() throws {
        let pattern = try Pattern("\\w")
        let text = Array(String(repeating: "ab ", count: 1_000_000).utf8)
        let spent = MatchEngine(
            limits: MatchEngine.Limits(
                matchLimit: 200_000, depthLimit: 5_000, jitStackSize: 1 << 20, messageMilliseconds: 0))
        spent.startMessage()
        var matches = 0
        let outcome = spent.forEachMatch(of: pattern, in: text) { _ in
            matches += 1
            return true
        }
        #expect(outcome == .limitExceeded)
        #expect(matches < 2_000_000)
        let engine = MatchEngine()
        engine.startMessage()
        #expect(engine.forEachMatch(of: pattern, in: Array(text.prefix(30_000))) { _ in true } == .completed)
    }

    @Test func valueGroupNarrowsTheSpan() throws {
        let pattern = try Pattern("mevrouw (?<value>\\w+)")
        let text = Array("dag mevrouw Bakker".utf8)
        var spans: [Range<Int>] = []
        MatchEngine().forEachMatch(of: pattern, in: text) {
            spans.append($0); return true
        }
        #expect(spans == [12..<18])
    }

    /// `startingBy` keeps matches that start at or before the limit, lets look-arounds read past it, applies
    /// only to `limitable` patterns, and does not stay on the engine for the next search.
    @Test func startingByLimitsWhereMatchesStart() throws {
        let engine = MatchEngine()
        let text = Array("an 12 and 34 and 56".utf8)
        func starts(_ pattern: Pattern, _ limit: Int?) -> [Int] {
            var starts: [Int] = []
            engine.forEachMatch(of: pattern, in: text, startingBy: limit) {
                starts.append($0.lowerBound); return true
            }
            return starts
        }
        let limitable = try Pattern("[0-9]+(?= and)", limitable: true)
        #expect(starts(limitable, nil) == [3, 10])
        #expect(starts(limitable, 10) == [3, 10])
        #expect(starts(limitable, 9) == [3])
        #expect(starts(limitable, 2) == [])
        #expect(starts(limitable, nil) == [3, 10])
        #expect(starts(try Pattern("[0-9]+(?= and)"), 2) == [3, 10])
    }

    @Test func emptyMatchesAdvanceByCodePoint() throws {
        let pattern = try Pattern("x*")
        let text = Array("é😀".utf8)
        var count = 0
        MatchEngine().forEachMatch(of: pattern, in: text) { _ in
            count += 1; return true
        }
        #expect(count == 3)
    }

    @Test func compileErrorHasMessageAndCodePointOffset() {
        #expect(throws: Pattern.CompileError.self) { try Pattern("é(") }
        do {
            _ = try Pattern("é(")
        } catch {
            #expect(error.description == "missing closing parenthesis at offset 2 of the pattern")
        }
    }
}
