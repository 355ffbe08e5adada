import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What `civicguard check` found in a set of template files.
public struct CheckReport: Sendable {
    /// The files checked, in the order reported.
    public var files: [String] = []
    public var templates = 0
    /// Findings after suppressions and the baseline, by file, line and column.
    public var findings: [CheckFinding] = []
    public var suppressed = 0
    public var baselined = 0
    /// The fingerprints of every finding before the baseline was applied: what `--write-baseline` records.
    public var fingerprints: [String] = []
}

/// Runs `civicguard check`: finds template files, takes them apart, screens every template as a message in
/// parallel, and applies suppressions and a baseline.
///
/// - Complexity: files are spread over all cores; each core keeps its own screener.
public struct CheckRunner: Sendable {
    public struct Options: Sendable {
        public var direction: Direction = .outgoing
        public var channel: String?
        public var department: String?
        /// Only files matching one of these (all template files when empty).
        public var include: [Glob] = []
        public var exclude: [Glob] = []
        /// Fingerprints of findings to leave out.
        public var baseline: Set<String> = []

        public init() {}
    }

    public static let standardInput = "-"

    public let ruleSet: RuleSet
    public let options: Options
    let fingerprinter: Fingerprinter

    public init(ruleSet: RuleSet, options: Options, fingerprinter: Fingerprinter = Fingerprinter()) {
        self.ruleSet = ruleSet
        self.options = options
        self.fingerprinter = fingerprinter
    }

    /// The template files under `paths`, sorted: directories are searched recursively for the template
    /// extensions, then `include` and `exclude` apply; a file named explicitly is read whatever its extension.
    public func discover(_ paths: [String]) throws(FileSystem.Error) -> [String] {
        var files: [String] = []
        for path in paths {
            if path == Self.standardInput {
                files.append(path)
            } else if FileSystem.isDirectory(path) {
                let found = try FileSystem.files(
                    under: path, extensions: [".txt", ".text", ".tpl", ".md", ".markdown", ".yaml", ".yml", ".json"])
                files += found.filter { file in
                    (options.include.isEmpty || options.include.contains { $0.matches(file) })
                        && !options.exclude.contains { $0.matches(file) }
                }
            } else {
                guard FileSystem.isFile(path) else { throw FileSystem.Error(path, errno: ENOENT) }
                if !options.exclude.contains(where: { $0.matches(path) }) { files.append(path) }
            }
        }
        return files
    }

    /// Checks `files` (see `discover`); `readStandardInput` supplies the text for `-`.
    public func run(
        _ files: [String], readStandardInput: () throws(FileSystem.Error) -> [UInt8] = { [] }
    ) -> CheckReport {
        // Read once, before the workers start; a read error makes `-` unreadable, like a file.
        let stdin: Result<[UInt8], FileSystem.Error> =
            files.contains(Self.standardInput)
            ? Result { () throws(FileSystem.Error) in try readStandardInput() } : .success([])
        let results = Mutex<[Int: FileResult]>([:])
        let next = Atomic<Int>(0)
        let workers = max(1, min(files.count, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let screener = Screener(ruleSet: ruleSet)
            let extractor = TemplateExtractor(engine: MatchEngine(limits: ruleSet.policy.limits.match))
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < files.count else { break }
                let path = files[index]
                let bytes: [UInt8]
                do throws(FileSystem.Error) {
                    bytes = try path == Self.standardInput ? stdin.get() : FileSystem.read(path)
                } catch {
                    let result = FileResult(
                        templates: 0,
                        findings: [
                            unreadable(
                                path: path, message: error.reason, at: FilePosition(line: 1, column: 1, offset: 0))
                        ],
                        suppressed: 0)
                    results.withLock { $0[index] = result }
                    continue
                }
                let format = path == Self.standardInput ? .text : TemplateFormat.of(path) ?? .text
                let file = extractor.extract(
                    path: path == Self.standardInput ? "<stdin>" : path, bytes: bytes, format: format)
                let result = check(file, screener: screener)
                results.withLock { $0[index] = result }
            }
        }
        var report = CheckReport()
        let collected = results.withLock { $0 }
        for index in files.indices {
            guard let result = collected[index] else { continue }
            report.files.append(files[index] == Self.standardInput ? "<stdin>" : files[index])
            report.templates += result.templates
            report.suppressed += result.suppressed
            for finding in result.findings {
                report.fingerprints.append(finding.fingerprint)
                if options.baseline.contains(finding.fingerprint) {
                    report.baselined += 1
                } else {
                    report.findings.append(finding)
                }
            }
        }
        return report
    }

    struct FileResult: Sendable {
        let templates: Int
        let findings: [CheckFinding]
        let suppressed: Int
    }

    /// Screens every template of a file and applies its suppressions.
    func check(_ file: TemplateFile, screener: Screener) -> FileResult {
        if let problem = file.problem {
            return FileResult(
                templates: 0, findings: [unreadable(path: file.path, message: problem.message, at: problem.position)],
                suppressed: 0)
        }
        var raw: [(CheckFinding, Int)] = []
        for template in file.templates {
            let message = Message(
                text: template.text, direction: options.direction, channel: options.channel,
                department: options.department)
            let verdict = screener.screen(message)
            let previews = Preview.excerpts(of: verdict.findings, in: template.text)
            for (finding, preview) in zip(verdict.findings, previews) where finding.action != .allow {
                let located = CheckFinding(
                    path: file.path, keyPath: template.keyPath, rule: finding.rule, entity: finding.entity,
                    action: finding.action, start: template.position(finding.start),
                    end: template.position(finding.end), preview: preview)
                raw.append((located, template.start.line))
            }
            if options.direction == .outgoing {
                for placeholder in template.placeholders {
                    guard let entity = CheckRule.entity(forPlaceholder: placeholder.name) else { continue }
                    let rule = CheckRule.personalDataPlaceholder
                    let action = ruleSet.policy.outgoing.action(
                        for: rule, entity: entity, channel: options.channel, department: options.department)
                    guard action != .allow else { continue }
                    let located = CheckFinding(
                        path: file.path, keyPath: template.keyPath, rule: rule, entity: entity, action: action,
                        start: template.position(placeholder.range.lowerBound),
                        end: template.position(placeholder.range.upperBound), preview: "{\(entity)}")
                    raw.append((located, template.start.line))
                }
            }
        }
        var suppressions = SuppressionSet(file.suppressions)
        var findings: [CheckFinding] = []
        var suppressed = 0
        for (finding, templateLine) in raw {
            if suppressions.suppressor(rule: finding.rule.id, line: finding.start.line, templateLine: templateLine)
                != nil
            {
                suppressed += 1
            } else {
                findings.append(finding)
            }
        }
        for (index, suppression) in file.suppressions.enumerated() where suppression.kind != .enable {
            let end = FilePosition(
                line: suppression.position.line, column: suppression.position.column + 1,
                offset: suppression.position.offset + 1)
            if suppression.reason == nil {
                findings.append(meta(CheckRule.missingReason, path: file.path, at: suppression.position, end: end))
            } else if !suppressions.used.contains(index) {
                findings.append(meta(CheckRule.unusedSuppression, path: file.path, at: suppression.position, end: end))
            }
        }
        findings.sort { ($0.start.offset, $0.rule.id) < ($1.start.offset, $1.rule.id) }
        let fingerprints = fingerprinter.fingerprints(findings)
        for index in findings.indices { findings[index].fingerprint = fingerprints[index] }
        return FileResult(templates: file.templates.count, findings: findings, suppressed: suppressed)
    }

    private func meta(_ rule: Rule, path: String, at start: FilePosition, end: FilePosition) -> CheckFinding {
        CheckFinding(
            path: path, keyPath: nil, rule: rule, entity: nil, action: CheckRule.fixedAction(rule) ?? .block,
            start: start, end: end, preview: "")
    }

    private func unreadable(path: String, message: String, at position: FilePosition) -> CheckFinding {
        var finding = meta(
            CheckRule.unreadable, path: path, at: position,
            end: FilePosition(line: position.line, column: position.column + 1, offset: position.offset + 1))
        finding.fingerprint = fingerprinter.fingerprints([finding])[0]
        return CheckFinding(
            path: finding.path, keyPath: nil, rule: finding.rule, entity: nil, action: finding.action,
            start: finding.start, end: finding.end, preview: message, fingerprint: finding.fingerprint)
    }
}
