import Foundation
import Testing

@testable import CivicGuard

/// `civicguard check` on samples/templates/, byte for byte, and its exit codes, suppressions and baselines.
@Suite("civicguard check end to end", .serialized)
struct CheckEndToEndTests {
    static let fixtures = Repository.root + "/Tests/CivicGuardTests/Fixtures/check/"

    @Test(arguments: [
        ("text", "text"), ("json", "json"), ("sarif", "sarif"), ("junit", "junit.xml"), ("github", "github"),
    ])
    func formatMatchesTheFixture(format: String, file: String) throws {
        let result = try Binary.run(["check", "samples/templates", "--format", format], input: "")
        #expect(result.status == 1)
        let expected = try String(contentsOfFile: Self.fixtures + "templates." + file, encoding: .utf8)
        #expect(result.output == expected, "run scripts/update-check-fixtures.sh after a deliberate change")
    }

    @Test func noFormatShowsPersonalData() throws {
        let directory = TemporaryDirectory()
        directory.write("t.yaml", "reply:\n  nl: \"Uw BSN 111222333 en telefoon 06-12345678 zijn bekend.\"\n")
        for format in ["text", "json", "sarif", "junit", "github"] {
            let result = try Binary.run(["check", directory.path, "--format", format], input: "")
            #expect(result.status == 1)
            #expect(!result.output.contains("111222333") && !result.output.contains("12345678"), "\(format)")
        }
    }

    @Test func cleanTemplatesExitZero() throws {
        let directory = TemporaryDirectory()
        directory.write("ok.txt", "Dank voor je melding, we pakken het op.\n")
        let result = try Binary.run(["check", directory.path], input: "")
        #expect(result.status == 0)
        #expect(
            result.output
                == "0 findings (0 errors, 0 warnings) in 1 file, 1 template; 0 suppressed, 0 in the baseline\n")
    }

    @Test func failOnRaisesTheThreshold() throws {
        let directory = TemporaryDirectory()
        directory.write("promise.txt", "Het is morgen gerepareerd, beloofd!\n")
        #expect(try Binary.run(["check", directory.path], input: "").status == 1)
        #expect(try Binary.run(["check", directory.path, "--fail-on", "block"], input: "").status == 0)
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try Binary.run(["check", "samples/templates", "--format", "xml"], input: "").status == 2)
        #expect(try Binary.run(["check", "/nonexistent/templates"], input: "").status == 2)
    }

    @Test func standardInputIsATemplate() throws {
        let result = try Binary.run(["check", "-"], input: "Stuur je IBAN hier in de reacties.\n")
        #expect(result.status == 1)
        #expect(result.output.hasPrefix("<stdin>:1:10: error:"))
    }

    @Test func baselineRoundTrip() throws {
        let directory = TemporaryDirectory()
        directory.write("templates/a.yaml", "a:\n  nl: \"Het is morgen gerepareerd, beloofd!\"\n")
        let baseline = directory.path + "/baseline.json"
        let written = try Binary.run(["check", directory.path + "/templates", "--write-baseline", baseline], input: "")
        #expect(written.status == 0)
        let contents = try String(contentsOfFile: baseline, encoding: .utf8)
        #expect(!contents.contains("beloofd"))
        let adopted = try Binary.run(["check", directory.path + "/templates", "--baseline", baseline], input: "")
        #expect(adopted.status == 0)
        #expect(adopted.output.hasSuffix("0 suppressed, 2 in the baseline\n"))
        directory.write("templates/b.yaml", "b:\n  nl: \"Kunt u uw BSN hier zetten?\"\n")
        let later = try Binary.run(["check", directory.path + "/templates", "--baseline", baseline], input: "")
        #expect(later.status == 1)
        #expect(later.lines.filter { $0.contains(": error:") || $0.contains(": warning:") }.count == 1)
        #expect(later.output.contains("b.yaml:2:18: error:"))
    }
}
