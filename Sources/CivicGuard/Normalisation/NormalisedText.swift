/// A built view of a message's text (the conduct view or the personal-data view), with a map from every byte
/// of the view back to the original text, so findings and redactions point at what the author wrote.
public struct NormalisedText: Sendable {
    /// The view, as UTF-8.
    public let bytes: [UInt8]
    /// For each byte of the view, the original byte range of the code point it came from; nil when the view is
    /// the original byte for byte (an ordinary message).
    let origins: [Range<Int32>]?
    /// Whether the origins rise with the view's bytes. A view that reordered text (a right-to-left override
    /// undone) is not, and its ranges are found by looking at every byte.
    let monotonic: Bool

    init(bytes: [UInt8], origins: [Range<Int32>]?, monotonic: Bool = true) {
        self.bytes = bytes
        self.origins = origins
        self.monotonic = monotonic
    }

    /// The original byte range covered by `range` of the view: from the first original byte any of its bytes
    /// came from to the last, so characters the view removed inside the range are covered too.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard let origins else { return range }
        guard !origins.isEmpty else { return 0..<0 }
        if range.isEmpty {
            let at =
                range.lowerBound < origins.count
                ? Int(origins[range.lowerBound].lowerBound) : Int(origins[origins.count - 1].upperBound)
            return at..<at
        }
        if monotonic {
            return Int(origins[range.lowerBound].lowerBound)..<Int(origins[range.upperBound - 1].upperBound)
        }
        var lower = Int32.max
        var upper = Int32.min
        for origin in origins[range] {
            lower = min(lower, origin.lowerBound)
            upper = max(upper, origin.upperBound)
        }
        return Int(lower)..<Int(upper)
    }

    /// The view as a String (for tests and `--explain`).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
