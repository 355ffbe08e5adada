import CPCRE2

/// A PCRE2 regular expression compiled once, JIT-compiled where the platform allows, and shared by every thread.
///
/// - Compiled with `PCRE2_UTF` and `PCRE2_UCP`: `\w`, `\b`, `\d` and case folding follow Unicode.
/// - Caseless unless `caseSensitive` is set.
/// - When the pattern has a group named `value`, a match's span is that group's; otherwise the whole match
///   (which honours `\K`).
///
/// Matching needs a `MatchEngine`, which holds the per-thread match data and enforces the limits.
public final class Pattern: @unchecked Sendable {
    let code: OpaquePointer
    /// The pattern as written.
    public let source: String
    /// The capture group named `value`, if any.
    let valueGroup: Int?
    /// Whether the JIT compiled it (false only where PCRE2 was built without JIT support).
    public let isJITCompiled: Bool

    /// A compile error: PCRE2's message and the code-point offset inside the pattern where it stopped.
    public struct CompileError: Error, CustomStringConvertible {
        public let message: String
        public let offset: Int
        public var description: String { "\(message) at offset \(offset) of the pattern" }
    }

    public init(_ source: String, caseSensitive: Bool = false, multiline: Bool = false) throws(CompileError) {
        var options = UInt32(PCRE2_UTF | PCRE2_UCP)
        if !caseSensitive { options |= UInt32(PCRE2_CASELESS) }
        if multiline { options |= UInt32(PCRE2_MULTILINE) }
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let compiled = source.withCString { pointer in
            pointer.withMemoryRebound(to: UInt8.self, capacity: source.utf8.count) {
                pcre2_compile_8($0, source.utf8.count, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            var buffer = [UInt8](repeating: 0, count: 256)
            let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
            let message = String(decoding: buffer.prefix(max(0, Int(length))), as: UTF8.self)
            let scalarOffset = String(decoding: source.utf8.prefix(errorOffset), as: UTF8.self).unicodeScalars.count
            throw CompileError(message: message, offset: scalarOffset)
        }
        code = compiled
        self.source = source
        isJITCompiled = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        let number = "value".withCString { name in
            name.withMemoryRebound(to: UInt8.self, capacity: 6) { pcre2_pattern_info_name(compiled, $0) }
        }
        valueGroup = number > 0 ? Int(number) : nil
    }

    deinit { pcre2_code_free_8(code) }

    /// The number of capture groups, for sizing match data.
    var captureCount: Int {
        var count: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        return Int(count)
    }
}

private func pcre2_pattern_info_name(_ code: OpaquePointer, _ name: UnsafePointer<UInt8>) -> Int32 {
    pcre2_substring_number_from_name_8(code, name)
}
