import Testing

@testable import CivicGuard

@Suite("Review recorder: fails closed and keeps personal data out")
struct ReviewRecorderTests {
    let screener = Screener(ruleSet: Repository.ruleSet)

    /// A recorder whose store cannot be opened.
    func failingRecorder() -> ReviewRecorder {
        ReviewRecorder(ruleSet: Repository.ruleSet, sealer: nil) { () throws(ReviewError) in
            throw ReviewError.configuration("disk full")
        }
    }

    @Test func aFlagThatCannotBeRecordedIsHeld() {
        let recorder = failingRecorder()
        var failures: [String] = []
        recorder.failed = { failures.append($0.description) }
        let message = Message(text: "Wat een kutbeleid weer", direction: .incoming)
        let verdict = screener.screen(message)
        #expect(verdict.decision == .flag)
        let acted = recorder.process(verdict, message: message, id: nil).verdict
        #expect(acted.decision == .hold && acted.publishableText == nil)
        #expect(acted.findings.last?.rule.id == "engine.store-unavailable")
        #expect(failures == ["disk full"])
    }

    @Test func aFlagNextToARedactionIsRecorded() throws {
        let directory = TemporaryDirectory()
        let store = try ReviewStore(path: directory.path + "/r.sqlite", environment: { _ in nil })
        let recorder = ReviewRecorder(ruleSet: Repository.ruleSet, sealer: nil) { () throws(ReviewError) in store }
        let message = Message(text: "Wat een kutbeleid, bel me op 06-12345678", direction: .incoming)
        let verdict = screener.screen(message)
        #expect(verdict.decision == .redact)
        _ = recorder.process(verdict, message: message, id: nil)
        let record = try #require(try store.list(ReviewFilter(), limit: 1).first)
        #expect(record.decision == .redact && record.text == "Wat een kutbeleid, bel me op [telefoonnummer]")
    }

    @Test func aBlockThatCannotBeRecordedStaysBlocked() {
        let recorder = failingRecorder()
        let message = Message(text: "Uw BSN 111222333 is bekend.", direction: .outgoing)
        let verdict = screener.screen(message)
        #expect(recorder.process(verdict, message: message, id: nil).verdict.findings.count == verdict.findings.count)
    }

    @Test func notesLoseTheirPersonalData() {
        let note = ReviewRecorder.redactingPersonalData(
            "Gebeld met 06-12345678, BSN 111222333 klopt", screener: screener)
        #expect(note == "Gebeld met [telefoonnummer], BSN [BSN] klopt")
    }
}
