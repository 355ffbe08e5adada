/// Finds the rules directory and the policy file, so that neither a repository checkout nor an installed
/// civicguard needs flags.
///
/// Each of the two is looked up separately, first hit wins:
/// 1. the command-line flag (`--rules DIR`, `--policy NAME|FILE`);
/// 2. the environment (`CIVICGUARD_RULES`, `CIVICGUARD_POLICY`), or `CIVICGUARD_HOME` holding `rules/` and
///    `policies/`;
/// 3. the project file `.civicguard.yaml` in the working directory (keys `rules` and `policy`, relative to it);
/// 4. the bundled default: `rules/` and `policies/` of the repository the executable was built in, or
///    `share/civicguard/` beside an installed executable's `bin/`.
///
/// A policy given as a name (`default`, `strict`) is `policies/NAME.yaml` in the policies directory found the
/// same way; a value with a `/` or ending in `.yaml` is a path.
public struct ConfigurationLocator {
    public struct Paths: Sendable, Equatable {
        public var rulesDirectory: String
        public var policyFile: String
    }

    static let projectFile = ".civicguard.yaml"
    static let projectKeys = ["rules", "policy", "check"]
    static let checkKeys = ["paths", "include", "exclude", "format", "fail_on", "baseline", "direction"]

    /// The `check:` section of the project file: defaults for `civicguard check` that flags override.
    public struct CheckSettings: Sendable {
        public var paths: [String] = []
        public var include: [String] = []
        public var exclude: [String] = []
        public var format: String?
        public var failOn: String?
        public var baseline: String?
        public var direction: String?

        public init() {}
    }

    /// The `check:` section of `.civicguard.yaml` in the working directory, if any; paths stay as written
    /// (relative to the working directory, where `check` runs).
    public func checkSettings() throws(ConfigurationError) -> CheckSettings {
        var settings = CheckSettings()
        let path = workingDirectory + "/" + Self.projectFile
        guard FileSystem.isFile(path), let bytes = try? FileSystem.read(path),
            let root = try YAMLParser.parse(bytes, file: Self.projectFile)
        else { return settings }
        let log = DiagnosticLog()
        guard let fields = YAMLMapping(root, keys: Self.projectKeys, log: log), let node = fields.value("check"),
            let check = YAMLMapping(node, keys: Self.checkKeys, log: log)
        else {
            try log.check()
            return settings
        }
        settings.paths = (check.strings("paths") ?? []).map(\.0)
        settings.include = (check.strings("include") ?? []).map(\.0)
        settings.exclude = (check.strings("exclude") ?? []).map(\.0)
        settings.format = check.string("format")
        settings.failOn = check.string("fail_on")
        settings.baseline = check.string("baseline")
        settings.direction = check.string("direction")
        try log.check()
        return settings
    }

    public var environment: (String) -> String? = FileSystem.environment
    public var workingDirectory: String = FileSystem.currentDirectory()
    public var executablePath: String? = FileSystem.executablePath()

    public init() {}

    public func locate(rules rulesFlag: String?, policy policyFlag: String?) throws(ConfigurationError) -> Paths {
        let project = try projectSettings()
        let home = environment("CIVICGUARD_HOME") ?? bundledHome()
        let rules = rulesFlag ?? environment("CIVICGUARD_RULES") ?? project.rules ?? home.map { $0 + "/rules" }
        let policy = policyFlag ?? environment("CIVICGUARD_POLICY") ?? project.policy ?? "default"
        guard let rules else {
            throw ConfigurationError(
                Diagnostic(
                    SourceMark(file: "civicguard", line: 1, column: 1),
                    "cannot find the rules: pass --rules DIR, set CIVICGUARD_RULES or CIVICGUARD_HOME, or install civicguard with its share/civicguard folder"
                ))
        }
        return Paths(rulesDirectory: rules, policyFile: resolvePolicy(policy, home: home))
    }

    private func resolvePolicy(_ value: String, home: String?) -> String {
        if value.contains("/") || value.hasSuffix(".yaml") || value.hasSuffix(".yml") { return value }
        return (home ?? ".") + "/policies/\(value).yaml"
    }

    /// The `rules` and `policy` of `.civicguard.yaml` in the working directory, made relative to it.
    func projectSettings() throws(ConfigurationError) -> (rules: String?, policy: String?) {
        let path = workingDirectory + "/" + Self.projectFile
        guard FileSystem.isFile(path) else { return (nil, nil) }
        let log = DiagnosticLog()
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path)
        } catch {
            throw ConfigurationError(
                Diagnostic(SourceMark(file: Self.projectFile, line: 1, column: 1), "\(error.reason)"))
        }
        guard let root = try YAMLParser.parse(bytes, file: Self.projectFile),
            let fields = YAMLMapping(root, keys: Self.projectKeys, log: log)
        else {
            try log.check()
            return (nil, nil)
        }
        let rules = fields.string("rules").map { relative($0) }
        let policy = fields.string("policy").map { $0.contains("/") ? relative($0) : $0 }
        try log.check()
        return (rules, policy)
    }

    private func relative(_ path: String) -> String {
        path.hasPrefix("/") ? path : workingDirectory + "/" + path
    }

    /// The folder holding the bundled `rules/` and `policies/`: the repository root above a built executable
    /// (`.build/release/civicguard`), or `share/civicguard` of an installation prefix.
    func bundledHome() -> String? {
        guard let executable = executablePath else { return nil }
        var directory = FileSystem.parent(of: executable)
        for _ in 0..<6 {
            let installed = FileSystem.parent(of: directory) + "/share/civicguard"
            if FileSystem.isDirectory(installed + "/rules") { return installed }
            if FileSystem.isDirectory(directory + "/rules"), FileSystem.isDirectory(directory + "/policies"),
                FileSystem.isFile(directory + "/Package.swift")
            {
                return directory
            }
            let next = FileSystem.parent(of: directory)
            if next == directory { break }
            directory = next
        }
        return nil
    }
}
