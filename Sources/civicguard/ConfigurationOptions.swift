import ArgumentParser
import CivicGuard

/// Where the rules and the policy come from; see `ConfigurationLocator` for the lookup order.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .long, help: "Directory of rule packs (default: $CIVICGUARD_RULES, .civicguard.yaml, bundled).")
    var rules: String?

    @Option(name: .long, help: "Policy name or file (default: $CIVICGUARD_POLICY, .civicguard.yaml, 'default').")
    var policy: String?

    @Flag(
        name: .long,
        help: "Load the rules from their YAML, not from a snapshot ($CIVICGUARD_CACHE, off to disable).")
    var noCache = false

    func paths() throws -> ConfigurationLocator.Paths {
        try ConfigurationLocator().locate(rules: rules, policy: policy)
    }

    func loadRuleSet() throws -> RuleSet {
        let paths = try paths()
        var cache = noCache ? nil : RuleSnapshotCache.fromEnvironment()
        if let problem = cache?.trustProblem {
            Standard.error("civicguard: warning: rule snapshots not used: \(problem)")
            cache = nil
        }
        return try RuleSet.load(rulesDirectory: paths.rulesDirectory, policyFile: paths.policyFile, cache: cache)
    }
}

extension Direction: ExpressibleByArgument {}
