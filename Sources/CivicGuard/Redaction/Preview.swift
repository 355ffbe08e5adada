/// Short excerpts of a finding for people to read, with personal data masked.
///
/// A finding's `preview` is its span, cut to `maximumLength` code points. A personal-data finding shows only
/// its shape: letters and digits become `•`, except the last two of a value with eight or more, which help a
/// reviewer tell two values apart. In any other finding, characters that a personal-data finding covers are
/// masked the same way, and so is every digit, so an identifier a conduct rule happened to span never shows.
public enum Preview {
    public static let maximumLength = 48
    static let mask: Character = "•"

    /// The preview of `finding` in `text`, given every finding of the message.
    public static func excerpt(of finding: Finding, in text: String, findings: [Finding]) -> String {
        // An engine finding covers the whole message, which may hold anything: show none of it.
        if finding.rule.category == "engine" { return "" }
        let scalars = Array(text.unicodeScalars)
        let lower = min(finding.start, scalars.count)
        let upper = min(finding.end, scalars.count)
        return masked(scalars, lower..<upper, findings: findings, whole: finding.concernsPersonalData)
    }

    /// `scalars[range]` with personal data masked; `whole` masks the range as one personal-data value.
    static func masked(
        _ scalars: [Unicode.Scalar], _ range: Range<Int>, findings: [Finding], whole: Bool
    ) -> String {
        let personal = findings.filter(\.concernsPersonalData).map { $0.start..<$0.end }
        let alphanumerics = scalars[range].filter(isAlphanumeric).count
        var keep = whole && alphanumerics >= 8 ? 2 : 0
        var output: [Character] = []
        for index in range.reversed() {
            let scalar = scalars[index]
            let isPersonal = whole || personal.contains { $0.contains(index) }
            if isAlphanumeric(scalar) && (isPersonal || scalar.properties.numericType != nil) {
                if isPersonal && keep > 0 {
                    keep -= 1
                    output.append(Character(scalar))
                } else {
                    output.append(mask)
                }
            } else if scalar.properties.isWhitespace {
                output.append(" ")
            } else {
                output.append(Character(scalar))
            }
        }
        output.reverse()
        if output.count > maximumLength { return String(output.prefix(maximumLength - 1)) + "…" }
        return String(output)
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (value | 0x20) &- 0x61 < 26 || value &- 0x30 < 10 }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
