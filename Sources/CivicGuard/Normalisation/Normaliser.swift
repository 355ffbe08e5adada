/// Builds the normalised view of a text that evasion-resistant rules match against.
///
/// What it undoes, in order:
/// 1. Compatibility forms, accents and look-alike letters: fullwidth `ｋ`, mathematical `𝐤`, accented `é`,
///    Cyrillic `а` and Greek `ο` become ASCII (`FoldingTable`, generated from Unicode's confusables data).
/// 2. Zero-width characters, soft hyphens, format controls and combining marks are removed; any white space
///    becomes a plain space; everything is lower-cased.
/// 3. Leetspeak inside words: `4 3 1 0 5 7 @ $ !` become `a e i o s t a s i` when they touch a letter in a
///    word of at least two letters (`k4nker`, `1d10t`, `sh!t`). Numbers, `@handles` and a final `!` stay.
/// 4. Masks inside words: `*`, `#` and an emoji between two letters become `*`, which literal lists match as
///    any letter (`f*ck`, `k🤬t`).
/// 5. Separators inside words: `.`, `-`, `_` and `·` between two letters are removed (`k.u.t`, `f-u-c-k`,
///    `id.iot`).
/// 6. Spaced letters: three or more single letters separated by single spaces are joined (`k a n k e r`).
/// 7. Runs of three or more of the same letter become one (`kankerrrr` → `kanker`, `fuuuuck` → `fuck`);
///    doubled letters stay, so `zaak` is not `zak`.
///
/// It joins only what the author wrote without white space (`kanker-ambtenaar`, `k.u.t`) or as single letters
/// (`k a n k e r`); words the author separated stay separate, and a word stays whole, so whole-word matching
/// of the view has no Scunthorpe problem ("tering" in "catering" stays inside its word).
///
/// - Complexity: O(n) in the length of the text.
public enum Normaliser {
    /// A code point of the view being built, with the original bytes it came from.
    private struct Unit {
        var scalar: Unicode.Scalar
        var origin: Range<Int32>
        var isLetter: Bool { scalar.properties.isAlphabetic }
    }

    public static func normalise(_ text: String) -> NormalisedText {
        var text = text
        return text.withUTF8 { normalise($0) }
    }

    static func normalise(_ bytes: UnsafeBufferPointer<UInt8>) -> NormalisedText {
        var units = fold(bytes)
        units = replaceLeet(units)
        units = joinInsideWords(units)
        units = joinSpacedLetters(units)
        units = cutRepeats(units)
        var output: [UInt8] = []
        var origins: [Range<Int32>] = []
        output.reserveCapacity(bytes.count)
        origins.reserveCapacity(bytes.count)
        for unit in units {
            let before = output.count
            if unit.scalar.value < 0x80 {
                output.append(UInt8(unit.scalar.value))
            } else {
                output.append(contentsOf: String(unit.scalar).utf8)
            }
            for _ in before..<output.count { origins.append(unit.origin) }
        }
        return NormalisedText(bytes: output, origins: origins)
    }

    /// Steps 1 and 2: fold every code point.
    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unit] {
        var units: [Unit] = []
        units.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let (scalar, next) = UTF8Bytes.decode(bytes, at: index)
            let origin = Int32(index)..<Int32(next)
            index = next
            let value = scalar.value
            if value < 0x80 {
                var byte = UInt8(value)
                if byte &- 0x41 < 26 { byte |= 0x20 }
                if byte == 0x09 || byte == 0x0A || byte == 0x0D { byte = 0x20 }
                units.append(Unit(scalar: Unicode.Scalar(byte), origin: origin))
                continue
            }
            if let replacement = lookup(value) {
                var packed = replacement
                while packed != 0 {
                    units.append(Unit(scalar: Unicode.Scalar(UInt8(packed & 0xFF)), origin: origin))
                    packed >>= 8
                }
                continue
            }
            if scalar.properties.isWhitespace {
                units.append(Unit(scalar: " ", origin: origin))
                continue
            }
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            if lower.count == 1, let first = lower.first {
                units.append(Unit(scalar: first, origin: origin))
            } else {
                units.append(Unit(scalar: scalar, origin: origin))
            }
        }
        return units
    }

    /// The packed replacement of a non-ASCII code point, 0 for deletion, nil when it has none.
    private static func lookup(_ value: UInt32) -> UInt32? {
        let keys = FoldingTable.keys
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) >> 1
            if keys[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == value ? FoldingTable.values[low] : nil
    }

    private static let leet: [Unicode.Scalar: Unicode.Scalar] = [
        "4": "a", "3": "e", "1": "i", "0": "o", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i",
    ]

    private static func isSpace(_ unit: Unit) -> Bool { unit.scalar == " " }

    /// Step 3, token by token.
    private static func replaceLeet(_ units: [Unit]) -> [Unit] {
        var units = units
        var start = 0
        while start < units.count {
            if isSpace(units[start]) {
                start += 1
                continue
            }
            var end = start
            while end < units.count, !isSpace(units[end]) { end += 1 }
            let letters = units[start..<end].filter(\.isLetter).count
            if letters >= 2, units[start..<end].contains(where: { leet[$0.scalar] != nil }),
                longestDigitRun(units[start..<end]) <= 3
            {
                var changed = true
                while changed {
                    changed = false
                    for index in start..<end {
                        guard let replacement = leet[units[index].scalar] else { continue }
                        let left = index > start && units[index - 1].isLetter
                        let right = index + 1 < end && units[index + 1].isLetter
                        let scalar = units[index].scalar
                        let allowed: Bool
                        switch scalar {
                        case "!", "@": allowed = left && right
                        case "$": allowed = right
                        default: allowed = left || right
                        }
                        if allowed {
                            units[index].scalar = replacement
                            changed = true
                        }
                    }
                }
            }
            start = end
        }
        return units
    }

    private static func longestDigitRun(_ units: ArraySlice<Unit>) -> Int {
        var longest = 0
        var run = 0
        for unit in units {
            run = ("0"..."9").contains(unit.scalar) ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    private static func isMask(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "*" || scalar == "#" || (scalar.value >= 0x2600 && scalar.properties.isEmojiPresentation)
            || (scalar.value >= 0x1F300 && scalar.properties.isEmoji)
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "-" || scalar == "_" || scalar == "·"
    }

    /// Steps 4 and 5: masks become `*`, separators between letters disappear — except inside links, e-mail
    /// addresses and domain names, which keep their dots so rules can still see them.
    private static func joinInsideWords(_ units: [Unit]) -> [Unit] {
        let protected = linkTokens(units)
        var result: [Unit] = []
        result.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            let unit = units[index]
            if !unit.isLetter, !protected[index], let previous = result.last,
                previous.isLetter || previous.scalar == "*"
            {
                var end = index
                while end < units.count, !units[end].isLetter,
                    isMask(units[end].scalar) || isSeparator(units[end].scalar)
                {
                    end += 1
                }
                if end > index, end < units.count, units[end].isLetter, end - index <= 3 {
                    let masked = units[index..<end].contains { isMask($0.scalar) }
                    if masked {
                        for position in index..<end where isMask(units[position].scalar) {
                            result.append(Unit(scalar: "*", origin: units[position].origin))
                        }
                    }
                    index = end
                    continue
                }
            }
            result.append(unit)
            index += 1
        }
        return result
    }

    static let topLevelDomains: Set<String> = [
        "nl", "com", "be", "de", "fr", "uk", "org", "net", "eu", "io", "info", "biz", "xyz", "ru", "me", "ly", "co",
    ]

    /// For each unit, whether it lies in a white-space-delimited token that is a link, e-mail address or domain.
    private static func linkTokens(_ units: [Unit]) -> [Bool] {
        var protected = [Bool](repeating: false, count: units.count)
        var start = 0
        while start < units.count {
            if isSpace(units[start]) {
                start += 1
                continue
            }
            var end = start
            while end < units.count, !isSpace(units[end]) { end += 1 }
            let token = String(String.UnicodeScalarView(units[start..<end].map(\.scalar)))
            let trimmed = token.trimmingCharacters(in: ".,;:!?)(\"'")
            let lastLabel = trimmed.split(separator: ".").last.map(String.init) ?? ""
            let isLink =
                token.contains("://") || token.hasPrefix("www.") || token.contains("@")
                || (trimmed.contains(".") && topLevelDomains.contains(lastLabel.prefix { $0 != "/" }.lowercased()))
                || token.contains(".nl/") || token.contains(".com/")
            if isLink { for position in start..<end { protected[position] = true } }
            start = end
        }
        return protected
    }

    /// Step 6: `k a n k e r` → `kanker`.
    private static func joinSpacedLetters(_ units: [Unit]) -> [Unit] {
        func isSingleLetter(_ position: Int) -> Bool {
            units[position].isLetter && (position == 0 || !units[position - 1].isLetter)
                && (position + 1 == units.count || !units[position + 1].isLetter)
        }
        var result: [Unit] = []
        result.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            guard isSingleLetter(index) else {
                result.append(units[index])
                index += 1
                continue
            }
            var last = index
            var letters = 1
            while last + 2 < units.count, isSpace(units[last + 1]), isSingleLetter(last + 2) {
                last += 2
                letters += 1
            }
            // "a c u n t", "u k u t": a one-letter word before spaced letters stays a word of its own.
            if letters >= 4, "aiuo".unicodeScalars.contains(units[index].scalar) {
                result.append(contentsOf: units[index...(index + 1)])
                index += 2
                continue
            }
            if letters >= 3 {
                for position in stride(from: index, through: last, by: 2) { result.append(units[position]) }
            } else {
                result.append(contentsOf: units[index...last])
            }
            index = last + 1
        }
        return result
    }

    /// Step 7.
    private static func cutRepeats(_ units: [Unit]) -> [Unit] {
        var result: [Unit] = []
        result.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            let unit = units[index]
            var end = index + 1
            while end < units.count, units[end].scalar == unit.scalar { end += 1 }
            if unit.isLetter, end - index >= 3 {
                let origin = unit.origin.lowerBound..<units[end - 1].origin.upperBound
                result.append(Unit(scalar: unit.scalar, origin: origin))
            } else {
                result.append(contentsOf: units[index..<end])
            }
            index = end
        }
        return result
    }
}

extension String {
    /// `self` without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var text = Substring(self)
        while let first = text.first, characters.contains(first) { text = text.dropFirst() }
        while let last = text.last, characters.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
