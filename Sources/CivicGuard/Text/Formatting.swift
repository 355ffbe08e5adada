/// Numbers and columns for people to read, without Foundation's formatting.
extension Double {
    /// The number with exactly `decimals` decimals: `0.75.formatted(decimals: 4)` is `0.7500`.
    public func formatted(decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (self * scale).rounded() / scale
        if decimals == 0 { return String(Int(rounded)) }
        let whole = Int(rounded)
        let fraction = Int(((rounded - Double(whole)) * scale).rounded())
        let digits = String(fraction)
        return "\(whole).\(String(repeating: "0", count: max(0, decimals - digits.count)))\(digits)"
    }
}

extension String {
    /// The text with spaces added on the right up to `width` characters.
    public func rightPadded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The text with spaces added on the left up to `width` characters.
    public func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
