/// The filter's text mode: all of standard input is one message.
///
/// The outcome maps to the exit status: publish (0), blocked (1), held (3); input that cannot be checked is an
/// error (2). On anything but `publish` nothing may be written to standard output.
public struct TextFilter {
    public enum Outcome {
        /// Publish `text` (redacted where needed); `verdict.decision` tells whether it was flagged.
        case publish(text: String, verdict: Verdict)
        case blocked(Verdict)
        case held(Verdict)
        /// The input could not be checked: too large, not UTF-8, or binary. It fails closed.
        case rejected(reason: String)

        public var exitCode: Int32 {
            switch self {
            case .publish: return 0
            case .blocked: return 1
            case .held: return 3
            case .rejected: return 2
            }
        }
    }

    public let screener: Screener
    /// Records flagged, held and blocked messages for review.
    public let recorder: ReviewRecorder?

    public init(screener: Screener, recorder: ReviewRecorder? = nil) {
        self.screener = screener
        self.recorder = recorder
    }

    /// Screens `bytes` as one message. `truncated` says the input was cut at the size limit.
    public func run(_ bytes: [UInt8], truncated: Bool, message template: Message) -> Outcome {
        let limit = screener.ruleSet.policy.limits.maximumMessageBytes
        if truncated || bytes.count > limit {
            return .rejected(reason: "input exceeds the limit of \(limit) bytes; not checked")
        }
        if let invalid = bytes.withUnsafeBufferPointer(UTF8Bytes.firstInvalidOffset) {
            return .rejected(reason: "input is not valid UTF-8 (byte \(invalid + 1)); not checked")
        }
        if bytes.contains(0) {
            return .rejected(reason: "input contains NUL bytes (binary data); not checked")
        }
        var message = template
        message.text = String(decoding: bytes, as: UTF8.self)
        var verdict = screener.screen(message)
        if let recorder { verdict = recorder.process(verdict, message: message, id: nil).verdict }
        switch verdict.decision {
        case .block: return .blocked(verdict)
        case .hold: return .held(verdict)
        case .allow, .flag, .redact: return .publish(text: verdict.publishableText ?? "", verdict: verdict)
        }
    }
}
