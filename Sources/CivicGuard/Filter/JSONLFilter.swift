#if canImport(Glibc)
    import Glibc
#endif

/// The filter's JSON Lines mode: one input object per line, one output object per line, in order.
///
/// Every input line gets exactly one output line, whatever it holds. A line that is blank, not valid UTF-8,
/// not a JSON object, lacks a string `text`, has a field of the wrong type or exceeds the size limit is
/// answered with an error record whose decision is `block`: the stream fails closed and goes on.
public struct JSONLFilter {
    /// Field values a record may omit.
    public struct Defaults: Sendable {
        public var direction: Direction
        public var channel: String?
        public var department: String?

        public init(direction: Direction, channel: String? = nil, department: String? = nil) {
            self.direction = direction
            self.channel = channel
            self.department = department
        }
    }

    /// What a run processed.
    public struct Summary: Sendable {
        public var lines = 0
        public var errors = 0
        public var decisions: [Action: Int] = [:]
        /// The signal (SIGINT, SIGTERM) that stopped the run after a whole record, if one did.
        public var interrupted: Int32?
    }

    public let screener: Screener
    public let defaults: Defaults
    /// Called after each line with its number, id and either its verdict and text or the error: for
    /// `--explain`, and for the review store.
    public var observer: ((Int, JSONValue?, Result<(Verdict, Message), Failure>) -> Void)?
    /// Records flagged, held and blocked messages for review, before their output record is written.
    public var recorder: ReviewRecorder?

    public init(screener: Screener, defaults: Defaults) {
        self.screener = screener
        self.defaults = defaults
    }

    /// Filters `input` to `output` until end of input, or until SIGINT or SIGTERM (`Interruption`) once the
    /// current record is written.
    ///
    /// Throws when the output cannot be written (records answered until then are out; the rest of the input is
    /// not read) or the input cannot be read (every record read is answered first).
    public func run(input: Int32, output: Int32) throws(StreamError) -> Summary {
        var reader = LineReader(descriptor: input, limit: screener.ruleSet.policy.limits.maximumMessageBytes)
        var writer = JSONWriter()
        var summary = Summary()
        while let line = reader.next() {
            summary.lines += 1
            let decision = process(line, number: summary.lines, into: &writer)
            if let decision { summary.decisions[decision, default: 0] += 1 } else { summary.errors += 1 }
            summary.interrupted = Interruption.signal
            if writer.bytes.count >= 1 << 16 || !reader.hasBufferedLine || summary.interrupted != nil {
                try write(writer.bytes, to: output)
                writer.reset()
            }
            if summary.interrupted != nil { return summary }
        }
        try write(writer.bytes, to: output)
        if let failure = reader.failure { throw .read(failure) }
        summary.interrupted = Interruption.signal
        return summary
    }

    /// Why a run stopped before the end of its input.
    public enum StreamError: Error, CustomStringConvertible {
        case read(FileSystem.Error)
        case write(FileSystem.Error)

        public var description: String {
            switch self {
            case .read(let error): "cannot read \(error)"
            case .write(let error): "cannot write \(error)"
            }
        }
    }

    private func write(_ bytes: [UInt8], to output: Int32) throws(StreamError) {
        do throws(FileSystem.Error) {
            try FileSystem.writeAll(bytes, to: output, path: "standard output")
        } catch {
            throw .write(error)
        }
    }

    /// Screens one line and appends its output record; returns the decision, or nil for an error record.
    public func process(_ line: LineReader.Line, number: Int, into writer: inout JSONWriter) -> Action? {
        switch line {
        case .oversized(let prefix, let length):
            let limit = screener.ruleSet.policy.limits.maximumMessageBytes
            let failure = Failure(
                id: Self.recoverID(prefix),
                reason: "line of \(length) bytes exceeds the limit of \(limit) bytes; not checked")
            RecordEncoder.error(line: number, id: failure.id, reason: failure.reason, into: &writer)
            observer?(number, failure.id, .failure(failure))
            return nil
        case .complete(let bytes):
            switch parse(bytes) {
            case .failure(let failure):
                RecordEncoder.error(line: number, id: failure.id, reason: failure.reason, into: &writer)
                observer?(number, failure.id, .failure(failure))
                return nil
            case .success(let (id, message)):
                var verdict = screener.screen(message)
                var outcome = ReviewRecorder.Outcome.notNeeded
                if let recorder { (verdict, outcome) = recorder.process(verdict, message: message, id: id) }
                RecordEncoder.verdict(
                    verdict, id: id, text: message.text, record: outcome, ruleSet: screener.ruleSet, into: &writer)
                observer?(number, id, .success((verdict, message)))
                return verdict.decision
            }
        }
    }

    /// A line that could not be screened; `reason` never contains its content.
    public struct Failure: Error {
        public let id: JSONValue?
        public let reason: String
    }

    func parse(_ bytes: [UInt8]) -> Result<(JSONValue?, Message), Failure> {
        bytes.withUnsafeBufferPointer { buffer in
            if buffer.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                return .failure(Failure(id: nil, reason: "empty line: expected a JSON object"))
            }
            if let invalid = UTF8Bytes.firstInvalidOffset(buffer) {
                return .failure(
                    Failure(
                        id: Self.recoverID(Array(buffer.prefix(invalid))),
                        reason: "invalid UTF-8 at byte \(invalid + 1); not checked"))
            }
            var parser = JSONParser(buffer)
            let document: JSONValue
            do {
                document = try parser.parseDocument()
            } catch {
                return .failure(Failure(id: parser.partialID, reason: "\(error); not checked"))
            }
            guard case .object = document else {
                return .failure(Failure(id: nil, reason: "expected a JSON object"))
            }
            let id = document["id"]
            guard case .string(let text)? = document["text"] else {
                return .failure(Failure(id: id, reason: "missing \"text\": expected a string"))
            }
            var message = Message(
                text: text, direction: defaults.direction, channel: defaults.channel, department: defaults.department)
            switch document["direction"] {
            case nil, .null?: break
            case .string(let value)? where Direction(rawValue: value) != nil:
                message.direction = Direction(rawValue: value)!
            default:
                return .failure(Failure(id: id, reason: "\"direction\" must be \"incoming\" or \"outgoing\""))
            }
            for (key, path) in [
                ("channel", \Message.channel), ("department", \.department), ("author", \.author),
                ("in_reply_to", \.inReplyTo), ("lang", \.language),
            ] {
                switch document[key] {
                case nil, .null?: break
                case .string(let value)?: message[keyPath: path] = value
                default: return .failure(Failure(id: id, reason: "\"\(key)\" must be a string"))
                }
            }
            return .success((id, message))
        }
    }

    /// The top-level `id` of a record that cannot be read whole, when it can be read from the part that is
    /// well-formed.
    static func recoverID(_ prefix: [UInt8]) -> JSONValue? {
        prefix.withUnsafeBufferPointer { buffer in
            let valid =
                UTF8Bytes.firstInvalidOffset(buffer).map { UnsafeBufferPointer(rebasing: buffer[..<$0]) } ?? buffer
            var parser = JSONParser(valid)
            _ = try? parser.parseDocument()
            return parser.partialID
        }
    }
}
