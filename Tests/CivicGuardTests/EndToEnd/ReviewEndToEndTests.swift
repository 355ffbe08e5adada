import Dispatch
import Foundation
import Synchronization
import Testing

/// The review loop through the built binary: filter → list → reveal → four eyes → approve → publish → verify.
@Suite("civicguard review end to end", .serialized)
struct ReviewEndToEndTests {
    let directory = TemporaryDirectory()
    var store: String { directory.path + "/review.sqlite" }
    var environment: [String: String] {
        ["CIVICGUARD_STORE": store, "CIVICGUARD_SEAL_KEY_FILE": directory.path + "/seal.key"]
    }

    init() throws {
        let keygen = try Binary.run(["review", "keygen", "--output", directory.path + "/seal.key"], input: "")
        #expect(keygen.status == 0)
    }

    func run(_ arguments: [String], _ input: String = "") throws -> Binary.Result {
        try Binary.run(arguments, stdin: Data(input.utf8), environment: environment)
    }

    /// The id of the newest record.
    func newestID() throws -> String {
        let list = try run(["review", "list", "--status", "all", "--format", "csv", "--limit", "1"])
        return try #require(list.lines.dropFirst().first?.split(separator: ",").first.map(String.init))
    }

    @Test func theWholeLoop() throws {
        let reply = "We garanderen dat uw stoep morgen klaar is!!!"
        let held = try run(["filter", "--direction", "outgoing", "--department", "wegen"], reply)
        #expect(held.status == 3 && held.stdout.isEmpty)
        let list = try run(["review", "list"])
        #expect(list.lines.count == 2 && list.lines[1].contains("open    hold      outgoing"))
        let id = try newestID()
        let unreasoned = try run(["review", "show", id, "--reveal", "--reviewer", "Eva"])
        #expect(unreasoned.status == 2)
        let shown = try run(["review", "show", id, "--reveal", "--reviewer", "Eva", "--reason", "toon controleren"])
        #expect(shown.status == 0 && shown.output.hasSuffix("the reveal is in the audit trail)\n\(reply)\n"))
        #expect(shown.output.contains("revealed  Eva  {\"reason\":\"toon controleren\"}"))
        let approved = try run(["review", "approve", id, "--reviewer", "Eva"])
        #expect(approved.status == 0 && approved.output == reply + "\n")
        #expect(approved.stderr == "civicguard: record \(id) approved by Eva\n")
        let again = try run(["review", "reject", id, "--reviewer", "Bram"])
        #expect(again.status == 1 && again.stderr.contains("was already approved by Eva"))
        let verify = try run(["review", "verify"])
        #expect(
            verify.status == 0 && verify.output.hasPrefix("ok: 3 audit entries chain correctly; 1 records match them"))
    }

    @Test func fourEyesInJSONLines() throws {
        let line = #"{"id": 7, "text": "Uw BSN 111222333 staat genoteerd.", "author": "Sanne"}"#
        #expect(try run(["filter", "--jsonl", "--direction", "outgoing"], line + "\n").status == 0)
        let id = try newestID()
        let own = try run(["review", "approve", id, "--reviewer", "sanne"])
        #expect(own.status == 1 && own.stderr.contains("four eyes: sanne wrote record \(id)"))
        let first = try run(["review", "approve", id, "--reviewer", "Bram", "--note", "bel 06-12345678 terug"])
        #expect(first.status == 3 && first.stdout.isEmpty && first.stderr.contains("approval 1 of 2"))
        let second = try run(["review", "approve", id, "--reviewer", "Eva"])
        #expect(second.status == 0 && second.output.isEmpty)
        let show = try run(["review", "show", id])
        #expect(show.output.contains(#"{"approval":"1 of 2","note":"bel [telefoonnummer] terug","state":""#))
        #expect(show.output.contains("message_id") == false && show.output.contains("Uw BSN [BSN] staat genoteerd."))
    }

    @Test func tamperingWithTheFileIsFound() throws {
        _ = try run(["filter", "--direction", "outgoing"], "We beloven dat het morgen klaar is!!!")
        let id = try newestID()
        _ = try run(["review", "reject", id, "--reviewer", "Bram", "--note", "toezegging verboden"])
        #expect(try run(["review", "verify"]).status == 0)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        let marker = Data("toezegging verboden".utf8)
        let range = try #require(bytes.range(of: marker), "checkpointed into the database file")
        bytes.replaceSubrange(range, with: Data("toezegging toegesta".utf8))
        try bytes.write(to: URL(fileURLWithPath: store))
        let verify = try run(["review", "verify"])
        #expect(verify.status == 1)
        #expect(verify.output == "broken: audit entry 2 (rejected): its content does not match its hash\n")
    }

    @Test func eightConcurrentWritersLoseNothing() throws {
        let input =
            (0..<40).map { #"{"id": \#($0), "text": "We beloven het!!! (\#($0))"}"# }.joined(separator: "\n") + "\n"
        let results = Mutex<[Binary.Result]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let result = try? run(["filter", "--jsonl", "--direction", "outgoing"], input)
            results.withLock { $0.append(result ?? Binary.Result(status: -1, stdout: Data(), stderr: "")) }
        }
        let finished = results.withLock { $0 }
        #expect(finished.allSatisfy { $0.status == 0 && $0.lines.count == 40 && $0.stderr.isEmpty })
        let csv = try run(["review", "list", "--status", "all", "--format", "csv", "--limit", "1000"])
        #expect(csv.lines.count == 321)
        #expect(try run(["review", "verify"]).output.hasPrefix("ok: 320 audit entries chain correctly; 320 records"))
    }

    @Test func noStoredColumnHoldsARawValue() throws {
        let values = ["111222333", "NL91ABNA0417164300", "jan.jansen@example.org", "06-98765432", "Piet de Vries"]
        let lines = [
            #"{"text": "Uw BSN 111222333 en IBAN NL91ABNA0417164300 zijn bekend", "direction": "outgoing", "author": "Piet de Vries"}"#,
            #"{"text": "Mail jan.jansen@example.org of bel 06-98765432, wat een kutbeleid", "direction": "incoming"}"#,
            #"{"text": "Ik weet waar je woont, ik kom je halen. Bel 06-98765432", "direction": "incoming"}"#,
        ]
        #expect(try run(["filter", "--jsonl"], lines.joined(separator: "\n") + "\n").status == 0)
        let listed = try run(["review", "export", "--format", "json"])
        #expect(listed.lines.count == 5)
        var stored = Data()
        for suffix in ["", "-wal", "-shm"] {
            stored += (try? Data(contentsOf: URL(fileURLWithPath: store + suffix))) ?? Data()
        }
        for value in values {
            #expect(stored.range(of: Data(value.utf8)) == nil, "\(value) in the store")
            #expect(!listed.output.contains(value), "\(value) in the export")
        }
    }

    @Test func csvCellsNeverRunAsFormulas() throws {
        _ = try run(["filter", "--direction", "incoming"], "=HYPERLINK(\"x\"), wat een kutbeleid")
        let csv = try run(["review", "export", "--format", "csv"])
        #expect(csv.lines.count == 2 && csv.lines[1].hasSuffix(#","'=HYPERLINK(""x""), wat een kutbeleid""#))
    }

    @Test func retentionAndErasure() throws {
        _ = try run(["filter", "--direction", "outgoing"], "We beloven het!!!")
        let purge = try run(["review", "purge", "--older-than", "90d"])
        #expect(purge.status == 0 && purge.stderr == "civicguard: purged 0 records older than 90d\n")
        #expect(try run(["review", "purge", "--older-than", "3 months"]).status == 2)
        let line = #"{"text": "We beloven het!!!", "author": "Piet"}"#
        _ = try run(["filter", "--jsonl", "--direction", "outgoing"], line + "\n")
        let forget = try run(["review", "forget", "--author", "Piet", "--reviewer", "FG"])
        #expect(forget.status == 0 && forget.stderr.hasPrefix("civicguard: deleted 1 record of a-"))
        #expect(try run(["review", "verify"]).status == 0)
    }

    @Test func aStoreThatCannotOpenHoldsFlagsAndSaysWhy() throws {
        let result = try Binary.run(
            ["filter", "--direction", "incoming", "--store", "/etc/passwd/review.sqlite"],
            input: "Wat een kutbeleid weer")
        #expect(result.status == 3 && result.stdout.isEmpty)
        #expect(
            result.stderr == """
                civicguard: review store: cannot create the review store's directory: /etc/passwd: Not a directory; flagged messages are held instead
                civicguard: held for review: engine.store-unavailable

                """)
        let off = try Binary.run(
            ["filter", "--direction", "incoming", "--no-store"], input: "Wat een kutbeleid weer")
        #expect(off.status == 0)
    }

    @Test func missingStoreIsAUsageError() throws {
        let result = try Binary.run(["review", "list", "--store", directory.path + "/none.sqlite"], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("civicguard: no review store at \(directory.path)/none.sqlite"))
    }

    /// A changed decider, claimer or approver name went unnoticed by `review verify`; a rewrite of the whole
    /// chain with fresh hashes did too. Both are found now: the second with the audit key set.
    @Test func verifyFindsAChangedNameAndARewrittenChain() throws {
        let keyed = environment.merging(["CIVICGUARD_AUDIT_KEY": String(repeating: "5a", count: 32)]) { $1 }
        func run(_ arguments: [String], _ input: String = "") throws -> Binary.Result {
            try Binary.run(arguments, stdin: Data(input.utf8), environment: keyed)
        }
        #expect(try run(["filter", "--direction", "outgoing"], "We beloven dat het morgen klaar is!!!").status == 3)
        let id = try newestID()
        #expect(try run(["review", "approve", id, "--reviewer", "Bram"]).status == 0)
        let verified = try run(["review", "verify"])
        #expect(verified.status == 0 && verified.output.contains("chain length 2, head "))
        #expect(verified.output.contains("signed with the audit key"))
        func sql(_ statement: String) throws {
            let python = Process()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = [
                "python3", "-c",
                "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
                store, statement,
            ]
            try python.run()
            python.waitUntilExit()
            #expect(python.terminationStatus == 0)
        }
        try sql("UPDATE record SET decided_by = 'Eva'")
        let renamed = try run(["review", "verify"])
        #expect(renamed.status == 1)
        #expect(renamed.output.hasPrefix("broken: record \(id): its status, claimer, approvers or decider differ"))
        try sql("UPDATE record SET decided_by = 'Bram'")
        #expect(try run(["review", "verify"]).status == 0)
        // Without the key a writer could recompute every hash; with it, the HMACs give the rewrite away.
        try sql("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'Eva' WHERE event = 'approved'")
        let rewritten = try run(["review", "verify"])
        #expect(rewritten.status == 1 && rewritten.output.contains("does not match its HMAC under the audit key"))
    }
}
