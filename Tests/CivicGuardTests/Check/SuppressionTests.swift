import Testing

@testable import CivicGuard

@Suite("Inline suppressions")
struct SuppressionTests {
    func check(_ text: String, name: String) throws -> CheckReport {
        let directory = TemporaryDirectory()
        let path = directory.write(name, text)
        let runner = CheckRunner(ruleSet: Repository.ruleSet, options: CheckRunner.Options())
        return runner.run([path])
    }

    @Test func nextLineInYAMLCoversTheNestedValue() throws {
        let report = try check(
            """
            # civicguard-disable-next-line conduct.nl.staff-promise -- juridisch akkoord
            a:
              nl: "Het is morgen gerepareerd, beloofd!"
            """, name: "t.yaml")
        #expect(report.findings.isEmpty)
        #expect(report.suppressed == 2)
    }

    @Test func aSuppressionWithoutReasonSuppressesNothing() throws {
        let report = try check(
            """
            # civicguard-disable-next-line conduct.nl.staff-promise
            a: "Het is morgen gerepareerd, beloofd!"
            """, name: "t.yaml")
        #expect(
            report.findings.map(\.rule.id).sorted() == [
                "check.suppression-without-reason", "conduct.nl.staff-promise", "conduct.nl.staff-promise",
            ])
        #expect(report.findings.first { $0.rule.id == "check.suppression-without-reason" }?.action == .block)
    }

    @Test func unusedSuppressionsAreReported() throws {
        let report = try check(
            """
            <!-- civicguard-disable-next-line conduct.nl.staff-promise -- niet meer nodig -->
            Dank voor je melding.
            """, name: "t.md")
        #expect(report.findings.map(\.rule.id) == ["check.unused-suppression"])
        #expect(report.findings[0].start.line == 1)
    }

    @Test func disableAndEnableCoverTheLinesBetween() throws {
        let report = try check(
            """
            civicguard-disable conduct.nl.staff-promise -- oude teksten, worden herschreven
            Het is morgen gerepareerd, beloofd!
            civicguard-enable conduct.nl.staff-promise
            We garanderen een oplossing.
            """, name: "t.txt")
        #expect(report.findings.map { "\($0.start.line):\($0.rule.id)" } == ["4:conduct.nl.staff-promise"])
        #expect(report.suppressed == 2)
    }

    @Test func allCoversEveryRule() throws {
        let report = try check(
            """
            # civicguard-disable-next-line all -- voorbeeldtekst voor de training
            a: "Het is morgen gerepareerd, beloofd!!!"
            """, name: "t.yaml")
        #expect(report.findings.isEmpty)
    }
}
