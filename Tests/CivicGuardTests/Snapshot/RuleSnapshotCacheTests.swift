import Crypto
import Foundation
import Testing

@testable import CivicGuard

@Suite("Rule snapshot cache: used only for the same files and executable, never half-trusted")
struct RuleSnapshotCacheTests {
    /// A rules directory of one pack and a policy that selects it.
    static func project(_ scratch: TemporaryDirectory, words: String = "[kut]") -> (rules: String, policy: String) {
        scratch.write("rules/test.yaml", packYAML(rules: ruleYAML(words: words)))
        let policy = scratch.write("policy.yaml", simplePolicy)
        return (scratch.path + "/rules", policy)
    }

    static func snapshots(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".snapshot") }
            .sorted()
    }

    @Test func aSecondLoadReadsTheSnapshotTheFirstWrote() throws {
        let scratch = TemporaryDirectory()
        let (rules, policy) = Self.project(scratch)
        let cache = RuleSnapshotCache(directory: scratch.path + "/cache")
        let first = try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache)
        #expect(!first.fromSnapshot)
        #expect(Self.snapshots(in: cache.directory).count == 1)
        let second = try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache)
        #expect(second.fromSnapshot)
        #expect(second.version == first.version)
        let files = [rules + "/test.yaml", policy].map { try! FileSystem.read($0) }
        #expect(first.version == RuleSet.version(of: files))
        let verdict = Screener(ruleSet: second).screen(Message(text: "wat een kut idee", direction: .outgoing))
        #expect(verdict.decision == .block)
        let attributes = try FileManager.default.attributesOfItem(atPath: cache.directory)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let file = cache.directory + "/" + Self.snapshots(in: cache.directory)[0]
        #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o600)
    }

    @Test func anEditedRuleFileIsLoadedFromItsYAML() throws {
        let scratch = TemporaryDirectory()
        let (rules, policy) = Self.project(scratch)
        let cache = RuleSnapshotCache(directory: scratch.path + "/cache")
        _ = try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache)
        _ = Self.project(scratch, words: "[sukkel]")
        let edited = try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache)
        #expect(!edited.fromSnapshot)
        let screener = Screener(ruleSet: edited)
        #expect(screener.screen(Message(text: "sukkel", direction: .outgoing)).decision == .block)
        #expect(screener.screen(Message(text: "kut", direction: .outgoing)).decision == .allow)
        #expect(Self.snapshots(in: cache.directory).count == 2)
    }

    @Test func aDamagedSnapshotIsIgnoredAndReplaced() throws {
        let scratch = TemporaryDirectory()
        let (rules, policy) = Self.project(scratch)
        let cache = RuleSnapshotCache(directory: scratch.path + "/cache")
        _ = try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache)
        let file = cache.directory + "/" + Self.snapshots(in: cache.directory)[0]
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        for position in [0, 20, bytes.count / 2, bytes.count - 1] {
            var damaged = bytes
            damaged[position] ^= 0x20
            try Data(damaged).write(to: URL(fileURLWithPath: file))
            let loaded = try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache)
            #expect(!loaded.fromSnapshot, "byte \(position)")
            #expect(try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache).fromSnapshot)
        }
        bytes.removeLast(10)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        #expect(!(try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache).fromSnapshot))
    }

    /// Whoever can write the cache could put a snapshot of another rule set there, with a valid key and a fresh
    /// checksum, and a BSN was allowed. A snapshot must carry this account's HMAC: one signed with another
    /// key, or only checksummed, is ignored.
    @Test func aSnapshotNotSignedByThisAccountIsIgnored() throws {
        let scratch = TemporaryDirectory()
        let (rules, policy) = Self.project(scratch)
        let cache = RuleSnapshotCache(directory: scratch.path + "/cache")
        let other = RuleSnapshotCache(directory: scratch.path + "/other")
        _ = try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache)
        _ = try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: other)
        let name = Self.snapshots(in: cache.directory)[0]
        #expect(Self.snapshots(in: other.directory) == [name])
        let forged = try Data(contentsOf: URL(fileURLWithPath: other.directory + "/" + name))
        try forged.write(to: URL(fileURLWithPath: cache.directory + "/" + name))
        #expect(!(try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache).fromSnapshot))
        var checksummed = [UInt8](forged)
        let header = RuleSnapshotCache.magic.count + 32
        checksummed.replaceSubrange(header..<header + 32, with: Array(SHA256.hash(data: checksummed[(header + 32)...])))
        try Data(checksummed).write(to: URL(fileURLWithPath: cache.directory + "/" + name))
        #expect(!(try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache).fromSnapshot))
        #expect(try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache).fromSnapshot)
        let key = try FileManager.default.attributesOfItem(atPath: cache.directory + "/key")
        #expect((key[.posixPermissions] as? Int) == 0o600)
    }

    /// A cache directory other users can write to is not trusted: nothing is read from it or written to it.
    @Test func aDirectoryOthersCanWriteIsNotUsed() throws {
        let scratch = TemporaryDirectory()
        let (rules, policy) = Self.project(scratch)
        let cache = RuleSnapshotCache(directory: scratch.path + "/cache")
        _ = try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache)
        chmod(cache.directory, 0o777)
        #expect(cache.trustProblem == "\(cache.directory) is writable by other users (mode 777)")
        #expect(!(try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache).fromSnapshot))
        chmod(cache.directory, 0o700)
        #expect(cache.trustProblem == nil)
        #expect(try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache).fromSnapshot)
    }

    @Test func aCacheThatCannotBeWrittenChangesNothing() throws {
        let scratch = TemporaryDirectory()
        let (rules, policy) = Self.project(scratch)
        let blocked = scratch.write("cache", "a file where the directory should be")
        let cache = RuleSnapshotCache(directory: blocked)
        for _ in 0..<2 {
            let loaded = try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache)
            #expect(!loaded.fromSnapshot)
            #expect(Screener(ruleSet: loaded).screen(Message(text: "kut", direction: .incoming)).decision == .block)
        }
    }

    @Test func aPolicyThatSelectsOtherPacksBuildsItsOwnKeywordIndexes() throws {
        let scratch = TemporaryDirectory()
        let cache = RuleSnapshotCache(directory: scratch.path + "/cache")
        let all = try RuleSet.load(rulesDirectory: Repository.rules, policyFile: Repository.defaultPolicy, cache: cache)
        let policy = scratch.write(
            "pii.yaml",
            String(decoding: FileManager.default.contents(atPath: Repository.defaultPolicy)!, as: UTF8.self)
                .replacingOccurrences(of: "packs: [\"pii.*\", \"conduct.*\"]", with: "packs: [\"pii.*\"]"))
        let pii = try RuleSet.load(rulesDirectory: Repository.rules, policyFile: policy, cache: cache)
        #expect(pii.fromSnapshot)
        #expect(pii.packs.allSatisfy { $0.id.hasPrefix("pii.") } && pii.packs.count < all.packs.count)
        let fresh = try RuleSet.load(rulesDirectory: Repository.rules, policyFile: policy)
        for text in ["Bel 06-12345678 of mail jan@voorbeeld.nl", "Wat een sukkel", "Mevrouw De Vries, dank u"] {
            let message = Message(text: text, direction: .incoming)
            #expect(
                RuleSnapshotTests.summary(Screener(ruleSet: pii).screen(message))
                    == RuleSnapshotTests.summary(Screener(ruleSet: fresh).screen(message)))
        }
    }

    @Test func theOldestSnapshotsGoBeyondTheLimit() throws {
        let scratch = TemporaryDirectory()
        var cache = RuleSnapshotCache(directory: scratch.path + "/cache")
        cache.limit = 2
        for words in ["[kut]", "[sukkel]", "[lul]"] {
            let (rules, policy) = Self.project(scratch, words: words)
            _ = try RuleSet.load(rulesDirectory: rules, policyFile: policy, cache: cache)
        }
        #expect(Self.snapshots(in: cache.directory).count == 2)
    }

    @Test func theEnvironmentChoosesTheDirectory() {
        func cache(_ variables: [String: String]) -> String? {
            RuleSnapshotCache.fromEnvironment { variables[$0] }?.directory
        }
        #expect(cache(["CIVICGUARD_CACHE": "/x", "XDG_CACHE_HOME": "/y", "HOME": "/h"]) == "/x")
        #expect(cache(["CIVICGUARD_CACHE": "off", "HOME": "/h"]) == nil)
        #expect(cache(["XDG_CACHE_HOME": "/y", "HOME": "/h"]) == "/y/civicguard")
        #expect(cache(["HOME": "/h"]) == "/h/.cache/civicguard")
        #expect(cache([:]) == nil)
    }
}
