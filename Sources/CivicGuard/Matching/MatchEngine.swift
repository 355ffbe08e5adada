import CPCRE2

#if canImport(Glibc)
    import Glibc
#endif

/// The per-thread state for running `Pattern`s: PCRE2 match data, a match context carrying the limits, and a
/// JIT stack of bounded size.
///
/// Regexes in rule packs are untrusted. Every match runs under `limits`; a search that exceeds them stops and
/// reports `.limitExceeded`, so a catastrophic pattern costs bounded time and the caller can fail closed.
///
/// Not thread-safe: create one per thread (they are cheap) and share the `Pattern`s.
public final class MatchEngine {
    /// Bounds on the work one match may do.
    public struct Limits: Sendable, Equatable {
        /// PCRE2's match limit: calls of its internal match function (or JIT backtracks) per match attempt.
        public var matchLimit: UInt32
        /// PCRE2's depth limit, for the interpreter (the JIT is bounded by its stack instead).
        public var depthLimit: UInt32
        /// The largest JIT stack, in bytes.
        public var jitStackSize: Int
        /// How long all patterns together may search one message, in milliseconds (`startMessage()`): regexes
        /// that each stay under the match limit can still add up to minutes on one long message.
        public var messageMilliseconds: Int

        public static let `default` = Limits(
            matchLimit: 200_000, depthLimit: 5_000, jitStackSize: 1 << 20, messageMilliseconds: 2_000)

        public init(matchLimit: UInt32, depthLimit: UInt32, jitStackSize: Int, messageMilliseconds: Int = 2_000) {
            self.matchLimit = matchLimit
            self.depthLimit = depthLimit
            self.jitStackSize = jitStackSize
            self.messageMilliseconds = messageMilliseconds
        }
    }

    /// How a search over a text ended.
    public enum Outcome: Equatable {
        case completed
        /// A match attempt hit the match, depth or JIT-stack limit, the message's time budget ran out, or the
        /// pattern could not be compiled (which loading a rule set rules out; a message is never passed
        /// unchecked by a pattern that cannot run); matches reported before it stand.
        case limitExceeded
    }

    private let matchData: OpaquePointer
    private let context: OpaquePointer
    private let jitStack: OpaquePointer?
    public let limits: Limits
    /// When the current message's time budget ends (`CLOCK_MONOTONIC_COARSE`, nanoseconds).
    private var deadline = UInt64.max
    /// Match calls since the clock was last read: it is read every eighth call.
    private var calls = 0

    /// Starts the time budget of a message (`Limits.messageMilliseconds`): from now on, a search that finds it
    /// spent returns `limitExceeded`, so the message fails closed.
    public func startMessage() {
        deadline = Self.coarseNow() &+ UInt64(limits.messageMilliseconds) &* 1_000_000
        calls = 0
    }

    /// A clock of a few milliseconds' resolution that costs a few nanoseconds to read.
    private static func coarseNow() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    public init(limits: Limits = .default) {
        self.limits = limits
        matchData = pcre2_match_data_create_8(32, nil)
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, limits.jitStackSize, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// Calls `body` with the byte range of every non-overlapping match of `pattern` in `text`, left to right.
    ///
    /// `text` must be valid UTF-8 (it is not checked again). An empty match advances the search by one code point.
    /// `body` returns false to stop early. With `startingBy`, only matches that start at or before that byte
    /// offset are looked for, and the search stops there instead of reading on to the end (look-arounds still
    /// see the whole text); it needs a `limitable` pattern, and is ignored for any other.
    @discardableResult
    public func forEachMatch(
        of pattern: Pattern, in text: UnsafeBufferPointer<UInt8>, from start: Int = 0, startingBy limit: Int? = nil,
        _ body: (Range<Int>) -> Bool
    ) -> Outcome {
        guard let base = text.baseAddress ?? UnsafePointer(bitPattern: 1) else { return .completed }
        let (compiled, valueGroup, jit) = pattern.code
        guard let compiled else { return .limitExceeded }
        let limited = limit != nil && pattern.limitable
        if let limit, limited {
            guard limit >= start else { return .completed }
            pcre2_set_offset_limit_8(context, limit)
        }
        defer { if limited { pcre2_set_offset_limit_8(context, cg_pcre2_unset()) } }
        var offset = start
        let options = UInt32(PCRE2_NO_UTF_CHECK)
        while offset <= text.count {
            calls &+= 1
            if calls & 7 == 0, Self.coarseNow() > deadline { return .limitExceeded }
            // The JIT entry point skips pcre2_match's option checks, which this call never needs.
            let result =
                jit
                ? pcre2_jit_match_8(compiled, base, text.count, offset, options, matchData, context)
                : pcre2_match_8(compiled, base, text.count, offset, options, matchData, context)
            if result == PCRE2_ERROR_NOMATCH { return .completed }
            if result < 0 {
                return .limitExceeded
            }
            let vector = pcre2_get_ovector_pointer_8(matchData)!
            let matchStart = vector[0]
            let matchEnd = vector[1]
            var span = matchStart..<max(matchStart, matchEnd)
            if let group = valueGroup, Int(result) > group, vector[2 * group] != cg_pcre2_unset() {
                span = vector[2 * group]..<vector[2 * group + 1]
            }
            if !body(span) { return .completed }
            if matchEnd > offset {
                offset = matchEnd
            } else {
                offset += 1
                while offset < text.count, text[offset] & 0xC0 == 0x80 { offset += 1 }
            }
        }
        return .completed
    }

    @discardableResult
    public func forEachMatch(
        of pattern: Pattern, in text: [UInt8], startingBy limit: Int? = nil, _ body: (Range<Int>) -> Bool
    ) -> Outcome {
        text.withUnsafeBufferPointer { forEachMatch(of: pattern, in: $0, startingBy: limit, body) }
    }
}
