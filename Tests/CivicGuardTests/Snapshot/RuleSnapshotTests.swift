import Testing

@testable import CivicGuard

@Suite("Rule snapshots: what is read back screens exactly like what was loaded")
struct RuleSnapshotTests {
    static let files = try! FileSystem.files(under: Repository.rules, extensions: [".yaml"])
    static let packs = try! RulePackLoader.load(files: files)

    static func roundTrip(_ ruleSet: RuleSet) throws -> RuleSet {
        let snapshot = RuleSnapshot(
            packs: Self.packs, selection: ruleSet.packs.map(\.id),
            keywords: ruleSet.keywordIndexes)
        let read = try RuleSnapshot(decoding: snapshot.encoded())
        #expect(read.selection == ruleSet.packs.map(\.id))
        return RuleSet(policy: ruleSet.policy, packs: read.packs, version: ruleSet.version, keywords: read.keywords)
    }

    /// The bundled packs written to a snapshot and read back (with empty keyword indexes).
    static func packsReadBack() throws -> RuleSnapshot {
        let empty = (0..<TextView.keywordIndexCount).map { _ in KeywordIndex(keywords: []) }
        return try RuleSnapshot(decoding: RuleSnapshot(packs: packs, selection: [], keywords: empty).encoded())
    }

    /// Everything a verdict says, as text, for comparing two rule sets.
    static func summary(_ verdict: Verdict) -> String {
        let findings = verdict.findings.map { "\($0.rule.id)@\($0.start)-\($0.end):\($0.action)" }
        return "\(verdict.decision) \(findings) \(verdict.publishableText ?? "-")"
    }

    @Test func everyRuleKeepsItsFields() throws {
        let read = try Self.packsReadBack()
        #expect(read.packs.map(\.id) == Self.packs.map(\.id))
        #expect(read.packs.map(\.file) == Self.packs.map(\.file))
        let before = Self.packs.flatMap(\.rules)
        let after = read.packs.flatMap(\.rules)
        #expect(after.count == before.count)
        for (old, new) in zip(before, after) {
            #expect(new.id == old.id && new.pack == old.pack && new.category == old.category)
            #expect(new.severity == old.severity && new.directions == old.directions && new.entity == old.entity)
            #expect(new.message == old.message && new.suggestion == old.suggestion && new.source == old.source)
            #expect(new.mark == old.mark && new.view == old.view && new.gate.keywords == old.gate.keywords)
            #expect(new.gate.minimumDigits == old.gate.minimumDigits)
            #expect(new.allPatterns.map(\.source) == old.allPatterns.map(\.source), "\(old.id)")
            #expect(new.allPatterns.map(\.caseSensitive) == old.allPatterns.map(\.caseSensitive), "\(old.id)")
            #expect(new.allPatterns.map(\.limitable) == old.allPatterns.map(\.limitable), "\(old.id)")
            #expect(new.examples.matching.map(\.text) == old.examples.matching.map(\.text))
            #expect(new.examples.nonMatching.map(\.mark) == old.examples.nonMatching.map(\.mark))
            #expect(new.validation.validate?.name == old.validation.validate?.name)
            #expect(new.scoring.base == old.scoring.base && new.scoring.required == old.scoring.required)
        }
    }

    @Test func patternsSharedBeforeAreSharedAfter() throws {
        let read = try Self.packsReadBack()
        func distinct(_ packs: [RulePack]) -> Int {
            Set(packs.flatMap(\.rules).flatMap(\.allPatterns).map(ObjectIdentifier.init)).count
        }
        #expect(distinct(read.packs) == distinct(Self.packs))
    }

    @Test(arguments: [Direction.incoming, .outgoing])
    func screensEveryExampleAlike(direction: Direction) throws {
        let fresh = Repository.ruleSet
        let read = try Self.roundTrip(fresh)
        let texts = fresh.rules.flatMap { $0.examples.matching + $0.examples.nonMatching }.map(\.text)
        #expect(texts.count > 500)
        for text in texts {
            let message = Message(text: text, direction: direction)
            let expected = Self.summary(Screener(ruleSet: fresh).screen(message))
            #expect(Self.summary(Screener(ruleSet: read).screen(message)) == expected, "\(text)")
        }
    }

    @Test(arguments: [(60, 4, "abcde"), (12000, 14, "abcdefghijklmnopqrst")])
    func keywordIndexReadsBackItsAutomaton(keywordCount: Int, length: Int, alphabet: String) throws {
        var generator = SplitMix(seed: UInt64(keywordCount) &+ 7)
        let slots = RandomKeywords.slots(keywordCount, length: length, alphabet: alphabet, using: &generator)
        let index = KeywordIndex(keywords: slots)
        var writer = SnapshotWriter()
        index.write(to: &writer)
        var reader = SnapshotReader(writer.bytes)
        let read = try KeywordIndex(reading: &reader)
        #expect(reader.isAtEnd)
        #expect(read.states == index.states && read.slotCount == index.slotCount)
        for _ in 0..<100 {
            let text = RandomKeywords.text(alphabet: alphabet, using: &generator)
            #expect(read.hits(in: text) == index.hits(in: text))
        }
    }

    /// Every prefix of a snapshot is rejected, and so is every damaged one the checks can tell apart; none
    /// crashes the reader.
    @Test func damagedSnapshotsAreRejected() throws {
        let ruleSet = Repository.ruleSet
        let bytes = RuleSnapshot(
            packs: Self.packs, selection: ruleSet.packs.map(\.id),
            keywords: ruleSet.keywordIndexes
        ).encoded()
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 151)) {
            #expect(throws: SnapshotReader.Corrupt.self) { try RuleSnapshot(decoding: Array(bytes.prefix(length))) }
        }
        #expect(throws: SnapshotReader.Corrupt.self) { try RuleSnapshot(decoding: bytes + [0]) }
        // A damaged byte is either refused or read as what it says: a snapshot read from damaged bytes writes
        // those bytes back, so nothing was skipped or guessed (the cache's signature refuses it before that).
        var generator = SplitMix(seed: 42)
        var refused = 0
        for _ in 0..<100 {
            var damaged = bytes
            damaged[Int(generator.next() % UInt64(bytes.count))] ^= UInt8(1 + generator.next() % 255)
            do throws(SnapshotReader.Corrupt) {
                let read = try RuleSnapshot(decoding: damaged)
                #expect(read.encoded() == damaged)
            } catch {
                refused += 1
            }
        }
        #expect(refused > 0)
    }

    @Test(arguments: [
        [UInt8]([0x80]), [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], [0x05, 0x61],
    ])
    func readerRefusesWhatWasNeverWritten(bytes: [UInt8]) {
        var reader = SnapshotReader(bytes)
        #expect(throws: SnapshotReader.Corrupt.self) { _ = try reader.string() }
    }

    @Test func writerAndReaderAgree() throws {
        var writer = SnapshotWriter()
        let integers = [0, 1, -1, 63, -64, 64, 300, -300, Int(Int32.max), -Int(Int32.max), 1 << 40]
        for value in integers { writer.integer(value) }
        writer.string("Zoë 👩🏽‍💻")
        writer.optionalString(nil)
        writer.double(0.35)
        writer.table([UInt16(1), 0x8001, 0xFFFF])
        var reader = SnapshotReader(writer.bytes)
        for value in integers { #expect(try reader.integer() == value) }
        #expect(try reader.string() == "Zoë 👩🏽‍💻")
        #expect(try reader.optionalString() == nil)
        #expect(try reader.double() == 0.35)
        #expect(try reader.table(UInt16.self) == [1, 0x8001, 0xFFFF])
        #expect(reader.isAtEnd)
    }
}
