import Testing

@testable import CivicGuard

@Suite("Echo detection: a reply repeating the post's personal data")
struct EchoDetectorTests {
    let screener = Screener(ruleSet: Repository.ruleSet)

    func echoes(reply: String, post: String) -> [String] {
        let verdict = screener.screen(Message(text: reply, direction: .outgoing, inReplyTo: post))
        return verdict.findings.filter { $0.rule.id == "pii.echo" }.map { finding in
            let scalars = Array(reply.unicodeScalars)[finding.start..<finding.end]
            return "\(finding.entity ?? "-"):\(String(String.UnicodeScalarView(scalars)))"
        }
    }

    @Test(arguments: [
        ("Bel me op 0612345678", "We bellen u op 06 12 34 56 78.", "PHONE:06 12 34 56 78"),
        ("Bel me op +31 6 1234 5678", "We bellen u op 06-12345678.", "PHONE:06-12345678"),
        ("Mijn IBAN is NL91 ABNA 0417 1643 00", "De rekening eindigend op 4300 is bijgewerkt.", "IBAN:4300"),
        ("Mijn BSN is 111222333", "We zien BSN 111.222.333 in het systeem.", "NL_BSN:111.222.333"),
        ("Groeten, Anna Jansen", "Dag mevrouw Jansen, we kijken ernaar.", "PERSON:Jansen"),
        ("mail: jan.devries [at] ziggo [dot] nl", "We mailen naar Jan.DeVries@ziggo.nl", "EMAIL:Jan.DeVries@ziggo.nl"),
        ("Bel me op 0612345678", "We bellen u op ０６１２３４５６７８.", "PHONE:０６１２３４５６７８"),
        ("Mijn BSN is 111222333", "Uw nummer ١١١٢٢٢٣٣٣ is bekend.", "NL_BSN:١١١٢٢٢٣٣٣"),
        ("Mijn BSN is 111\u{00A0}222\u{00A0}333", "BSN 111222333 gevonden.", "NL_BSN:111222333"),
    ])
    func findsTheValueInAnotherForm(post: String, reply: String, expected: String) {
        #expect(echoes(reply: reply, post: post) == [expected])
    }

    @Test func unrelatedNumbersAreNoEcho() {
        #expect(echoes(reply: "Uw melding 2024-14300 is ontvangen.", post: "Mijn IBAN is NL91 ABNA 0417 1643 00") == [])
        #expect(echoes(reply: "Bel ons op 14 020.", post: "Bel me op 0612345678") == [])
    }

    @Test func defaultPolicyBlocksAnOutgoingEcho() {
        let verdict = screener.screen(
            Message(
                text: "Dag mevrouw Jansen, we kijken ernaar.", direction: .outgoing, inReplyTo: "Groeten, Anna Jansen"))
        #expect(verdict.decision == .block)
        #expect(verdict.publishableText == nil)
    }
}
