import CPCRE2
import Synchronization

/// A PCRE2 regular expression compiled once, JIT-compiled on first use, and shared by every thread.
///
/// A rule author's regex is compiled when it is loaded, so an invalid one is a configuration error before any
/// input is read; the JIT step, which costs most, waits until a message needs the pattern. A word list's trie
/// is built and compiled on first use too (`init(recipe:caseSensitive:)`), since it is generated and cannot hold an
/// author's syntax error. A filter that answers one short message thus pays only for the patterns its gates
/// let through; `prepare()` does all of it at once for `civicguard validate`, `test` and `bench`.
///
/// - Compiled with `PCRE2_UTF` and `PCRE2_UCP`: `\w`, `\b`, `\d` and case folding follow Unicode.
/// - Caseless unless `caseSensitive` is set.
/// - With `limitable`, compiled with `PCRE2_USE_OFFSET_LIMIT`, so a search may be told where matches must start
///   by (`MatchEngine.forEachMatch(of:in:from:startingBy:_:)`). Only patterns that look for something near a
///   match (exceptions, companions, context words) are: the option costs a few per cent on every search.
/// - When the pattern has a group named `value`, a match's span is that group's; otherwise the whole match
///   (which honours `\K`).
///
/// Matching needs a `MatchEngine`, which holds the per-thread match data and enforces the limits.
public final class Pattern: @unchecked Sendable {
    /// A compile error: PCRE2's message and the code-point offset inside the pattern where it stopped.
    public struct CompileError: Error, CustomStringConvertible {
        public let message: String
        public let offset: Int
        public var description: String { "\(message) at offset \(offset) of the pattern" }
    }

    /// What a pattern is made from: kept, rather than a closure, so a compiled rule set can be written to a
    /// snapshot and read back (`RuleSnapshot`).
    enum Recipe: Sendable {
        /// A rule author's regex, complete.
        case regex(String)
        /// A literal word list, as one trie alternation with word boundaries (`LiteralTrie.pattern`).
        case literals([LiteralTrie.Entry], evasive: Bool)
        /// A rule author's regex with lexicons inside it, each to become a bare trie alternation.
        case interpolated([Segment], evasive: Bool)

        /// A piece of an interpolated regex: the author's text, or a lexicon's entries.
        enum Segment: Sendable {
            case text(String)
            case lexicon([LiteralTrie.Entry])
        }

        /// The PCRE2 source the recipe makes.
        func build() -> String {
            switch self {
            case .regex(let source):
                return source
            case .literals(let entries, let evasive):
                return LiteralTrie.pattern(for: entries, evasive: evasive) ?? "(?!)"
            case .interpolated(let segments, let evasive):
                return segments.map { segment in
                    switch segment {
                    case .text(let text): return text
                    case .lexicon(let entries): return LiteralTrie.bareAlternation(for: entries, evasive: evasive)
                    }
                }.joined()
            }
        }
    }

    let recipe: Recipe
    let caseSensitive: Bool
    let limitable: Bool
    /// Set, with release ordering, once `compiled`, `group` and `jit` hold their final values.
    private let ready = Atomic<Bool>(false)
    private let lock = Mutex<Void>(())
    nonisolated(unsafe) private var compiled: OpaquePointer?
    nonisolated(unsafe) private var group: Int?
    nonisolated(unsafe) private var jit = false
    nonisolated(unsafe) private var built: String?
    nonisolated(unsafe) private var failure: CompileError?

    /// Compiles `source` now; the JIT step waits for the first match.
    public init(_ source: String, caseSensitive: Bool = false, limitable: Bool = false) throws(CompileError) {
        self.caseSensitive = caseSensitive
        self.limitable = limitable
        recipe = .regex(source)
        built = source
        let code = try Self.compile(source, caseSensitive: caseSensitive, limitable: limitable)
        compiled = code
        group = Self.valueGroup(code)
    }

    /// A pattern whose source is built, and compiled, on first use: a generated word list, or a regex read from
    /// a snapshot (checked when the snapshot was written). `source`, when given, is what the recipe builds.
    init(recipe: Recipe, source: String? = nil, caseSensitive: Bool, limitable: Bool = false) {
        self.recipe = recipe
        self.caseSensitive = caseSensitive
        self.limitable = limitable
        built = source
    }

    deinit {
        if let compiled { pcre2_code_free_8(compiled) }
    }

    /// The pattern's source (built now if it was not yet).
    public var source: String {
        lock.withLock { _ in
            if built == nil { built = recipe.build() }
            return built!
        }
    }

    /// Makes the pattern ready to match: builds and compiles it if needed, then JIT-compiles it. Returns
    /// whether the JIT succeeded (false only where PCRE2 was built without JIT support: matching then uses the
    /// interpreter, under the same limits).
    @discardableResult
    public func prepare() -> Bool {
        if ready.load(ordering: .acquiring) { return jit }
        return lock.withLock { _ in
            if ready.load(ordering: .relaxed) { return jit }
            // Loading checked that it compiles (`RulePackLoader.compileAll`); should it not, matching with it
            // fails closed (`MatchEngine.Outcome.limitExceeded`).
            compileLocked()
            if let compiled { jit = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0 }
            ready.store(true, ordering: .releasing)
            return jit
        }
    }

    /// Why the pattern does not compile, or nil when it does (always nil for one compiled at load time). It
    /// builds and compiles the pattern if that is still to do, without the JIT step, which waits for a match.
    public var compileFailure: CompileError? {
        lock.withLock { _ in
            compileLocked()
            return failure
        }
    }

    /// Builds and compiles the pattern, once; the lock must be held.
    private func compileLocked() {
        guard compiled == nil, failure == nil else { return }
        if built == nil { built = recipe.build() }
        do throws(CompileError) {
            compiled = try Self.compile(built!, caseSensitive: caseSensitive, limitable: limitable)
        } catch {
            failure = error
        }
        group = compiled.flatMap(Self.valueGroup)
    }

    /// The compiled code, its `value` group and whether it is JIT-compiled, once `prepare()` has run; nil code
    /// when it did not compile.
    var code: (OpaquePointer?, Int?, jit: Bool) {
        let jit = prepare()
        return (compiled, group, jit)
    }

    private static func compile(_ source: String, caseSensitive: Bool, limitable: Bool) throws(CompileError)
        -> OpaquePointer
    {
        var options = UInt32(PCRE2_UTF | PCRE2_UCP)
        if !caseSensitive { options |= UInt32(PCRE2_CASELESS) }
        if limitable { options |= UInt32(PCRE2_USE_OFFSET_LIMIT) }
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let result = source.withCString { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: source.utf8.count) {
                pcre2_compile_8($0, source.utf8.count, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let result else {
            var buffer = [UInt8](repeating: 0, count: 256)
            let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
            let message = String(decoding: buffer.prefix(max(0, Int(length))), as: UTF8.self)
            let scalarOffset = String(decoding: source.utf8.prefix(errorOffset), as: UTF8.self).unicodeScalars.count
            throw CompileError(message: message, offset: scalarOffset)
        }
        return result
    }

    private static func valueGroup(_ code: OpaquePointer) -> Int? {
        let number = "value".withCString { name in
            name.withMemoryRebound(to: UInt8.self, capacity: 6) { pcre2_substring_number_from_name_8(code, $0) }
        }
        return number > 0 ? Int(number) : nil
    }
}
