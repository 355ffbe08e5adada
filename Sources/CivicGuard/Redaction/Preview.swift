/// Short excerpts of a finding for people to read, with personal data masked.
///
/// A finding's `preview` is its span, cut to `maximumLength` code points. A personal-data finding shows only
/// its shape: letters and digits become `•`, except the last two of a value with eight or more, which help a
/// reviewer tell two values apart. In any other finding, characters that a personal-data finding covers are
/// masked the same way, and so is every digit, so an identifier a conduct rule happened to span never shows.
public enum Preview {
    public static let maximumLength = 48
    static let mask: Character = "•"

    /// The preview of each of `findings` in `text`, in the same order.
    ///
    /// - Complexity: O(text length + findings + Σ min(span, `maximumLength`)): the text is decoded and the
    ///   personal-data spans marked once per message, not once per finding (a post of 5,900 phone numbers took
    ///   seconds).
    public static func excerpts(of findings: [Finding], in text: String) -> [String] {
        guard !findings.isEmpty else { return [] }
        let scalars = Array(text.unicodeScalars)
        let personal = personalMask(findings, count: scalars.count)
        return findings.map { finding in
            // An engine finding covers the whole message, which may hold anything: show none of it.
            if finding.rule.category == "engine" { return "" }
            let lower = min(finding.start, scalars.count)
            let upper = max(lower, min(finding.end, scalars.count))
            return masked(scalars, lower..<upper, personal: personal, whole: finding.concernsPersonalData)
        }
    }

    /// For each of `count` code points, whether a personal-data finding among `findings` covers it.
    ///
    /// - Complexity: O(count + the personal-data findings' total length).
    static func personalMask(_ findings: [Finding], count: Int) -> [Bool] {
        var personal = [Bool](repeating: false, count: count)
        for finding in findings where finding.concernsPersonalData {
            for index in min(finding.start, count)..<min(max(finding.start, finding.end), count) {
                personal[index] = true
            }
        }
        return personal
    }

    /// `scalars[range]` with personal data (`personal`, per scalar) masked; `whole` masks the range as one
    /// personal-data value.
    static func masked(_ scalars: [Unicode.Scalar], _ range: Range<Int>, personal: [Bool], whole: Bool) -> String {
        // A span longer than the preview is cut before its last characters, which are the only ones a value
        // keeps: only the part shown is read.
        let cut = range.count > maximumLength
        let shown = cut ? range.lowerBound..<(range.lowerBound + maximumLength - 1) : range
        var keep = !cut && whole && scalars[range].lazy.filter(isAlphanumeric).count >= 8 ? 2 : 0
        var output: [Character] = []
        output.reserveCapacity(shown.count + 1)
        for index in shown.reversed() {
            let scalar = scalars[index]
            let isPersonal = whole || personal[index]
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
        return cut ? String(output) + "…" : String(output)
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (value | 0x20) &- 0x61 < 26 || value &- 0x30 < 10 }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
