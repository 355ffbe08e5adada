import CivicGuard
import Foundation

/// A directory under /tmp for one test, removed when the value is released.
final class TemporaryDirectory: Sendable {
    let path: String

    init() {
        var template = Array("/tmp/civicguard-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `contents` to `name` (creating folders) and returns the file's path.
    @discardableResult
    func write(_ name: String, _ contents: String) -> String {
        let file = path + "/" + name
        try! FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Not atomically: Foundation's atomic write leaves an empty /tmp/TemporaryDirectory.* behind each time.
        try! contents.write(toFile: file, atomically: false, encoding: .utf8)
        return file
    }
}

enum Repository {
    /// The repository root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let rules = root + "/rules"
    static let defaultPolicy = root + "/policies/default.yaml"

    /// The rule set the filter uses by default, loaded once.
    static let ruleSet: RuleSet = try! RuleSet.load(rulesDirectory: rules, policyFile: defaultPolicy)
}

/// A minimal valid rule, as YAML list item text, with `extra` lines added to it.
func ruleYAML(id: String = "test.rule", extra: String = "", words: String = "[kut]") -> String {
    """
      - id: \(id)
        category: profanity
        severity: high
        directions: [incoming, outgoing]
        message: m
        source: s
        words: \(words)
        examples:
          match: ["kut"]
    \(extra)
    """
}

func packYAML(id: String = "test.pack", rules: String) -> String {
    """
    id: \(id)
    description: test pack
    languages: [nl]
    rules:
    \(rules)
    """
}

/// A rule set from YAML texts: packs and a policy, written to a temporary directory.
func makeRuleSet(packs: [String], policy: String) throws -> RuleSet {
    let directory = TemporaryDirectory()
    for (index, pack) in packs.enumerated() { directory.write("rules/pack\(index).yaml", pack) }
    let policyFile = directory.write("policy.yaml", policy)
    return try RuleSet.load(rulesDirectory: directory.path + "/rules", policyFile: policyFile)
}

let simplePolicy = """
    id: test
    packs: ["*"]
    incoming:
      severity: {info: allow, low: flag, medium: flag, high: block, critical: block}
    outgoing:
      severity: {info: allow, low: hold, medium: hold, high: block, critical: block}
    """

/// `simplePolicy`, with personal data redacted in incoming messages.
let piiPolicy = simplePolicy.replacingOccurrences(
    of: "incoming:\n  severity: {info: allow, low: flag, medium: flag, high: block, critical: block}",
    with:
        "incoming:\n  severity: {info: allow, low: flag, medium: flag, high: block, critical: block}\n  category: {personal-data: redact}"
)
