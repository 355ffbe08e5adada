/// A message's normalised view, which evasion-resistant rules match against, with a map from every byte of
/// the view back to the original text, so findings and redactions point at what the author wrote.
public struct NormalisedText: Sendable {
    /// The view, as UTF-8.
    public let bytes: [UInt8]
    /// For each byte of the view, the original byte range of the code point it came from.
    let origins: [Range<Int32>]

    /// The original byte range covered by `range` of the view.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !origins.isEmpty else { return 0..<0 }
        if range.isEmpty {
            let at =
                range.lowerBound < origins.count
                ? Int(origins[range.lowerBound].lowerBound) : Int(origins[origins.count - 1].upperBound)
            return at..<at
        }
        return Int(origins[range.lowerBound].lowerBound)..<Int(origins[range.upperBound - 1].upperBound)
    }

    /// The view as a String (for tests and `--explain`).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
