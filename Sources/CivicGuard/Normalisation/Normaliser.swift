/// Builds the conduct view of a text (`TextView.normalised`), which evasion-resistant rules match against.
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
    private typealias Unit = ViewUnit

    public static func normalise(_ text: String) -> NormalisedText {
        if isAlreadyNormal(text) {
            let bytes = Array(text.utf8)
            return NormalisedText(bytes: bytes, origins: nil)
        }
        var text = text
        return text.withUTF8 { normalise($0) }
    }

    /// The view of an ordinary message in one pass: when it is ASCII and none of the steps after case folding
    /// can change it (no leetspeak, mask or separator character touching a letter, no letter three times in a
    /// row, no single letters in a row), the view is the text in lower case. Most messages are like that.
    static func lowercasedIfPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> NormalisedText? {
        var output = [UInt8](repeating: 0, count: bytes.count)
        var previous: UInt8 = 0x20
        var run = 0
        var wordLength = 0
        var singleLetterWords = 0
        for index in 0..<bytes.count {
            var byte = bytes[index]
            if byte >= 0x80 { return nil }
            let isLetter = (byte | 0x20) &- 0x61 < 26
            if isLetter {
                byte |= 0x20
                run = byte == previous ? run + 1 : 1
                if run >= 3 { return nil }
                wordLength += 1
            } else {
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0x20
                let letterBefore = (previous | 0x20) &- 0x61 < 26
                let letterAfter = (next | 0x20) &- 0x61 < 26
                let markAfter =
                    next == UInt8(ascii: ".") || next == UInt8(ascii: "-") || next == UInt8(ascii: "_")
                    || next == UInt8(ascii: "*") || next == UInt8(ascii: "#")
                switch byte {
                case 0x30...0x39, UInt8(ascii: "*"), UInt8(ascii: "#"):
                    // Leetspeak digits and masks change the view when they touch a letter.
                    if letterBefore || letterAfter { return nil }
                case UInt8(ascii: "$"):
                    if letterAfter { return nil }
                case UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    // Only between letters: "dicht." and "ja!" stay as they are.
                    if letterBefore && (letterAfter || markAfter) { return nil }
                case 0x09, 0x0A, 0x0D:
                    byte = 0x20
                default: break
                }
                if wordLength == 1 {
                    singleLetterWords += 1
                    if singleLetterWords >= 3 { return nil }
                } else if wordLength > 1 {
                    singleLetterWords = 0
                }
                wordLength = 0
                run = 0
            }
            output[index] = byte
            previous = byte
        }
        if wordLength == 1, singleLetterWords >= 2 { return nil }
        return NormalisedText(bytes: output, origins: nil)
    }

    /// Whether `text` comes out of the normaliser unchanged: lower-case ASCII words of two or more letters,
    /// single spaces between them, no letter three times in a row. Most lexicon entries are.
    static func isAlreadyNormal(_ text: String) -> Bool {
        var word = 0
        var run = 0
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            if byte == 0x20 {
                if word == 1 || previous == 0x20 { return false }
                word = 0
            } else if byte &- 0x61 < 26 {
                word += 1
                run = byte == previous ? run + 1 : 1
                if run >= 3 { return false }
            } else {
                return false
            }
            previous = byte
        }
        return word != 1 && previous != 0x20
    }

    static func normalise(_ bytes: UnsafeBufferPointer<UInt8>) -> NormalisedText {
        lowercasedIfPlain(bytes) ?? normaliseStepByStep(bytes)
    }

    /// The seven steps, one after the other.
    static func normaliseStepByStep(_ bytes: UnsafeBufferPointer<UInt8>) -> NormalisedText {
        var units = fold(bytes)
        replaceLeet(&units)
        units = joinInsideWords(units)
        units = joinSpacedLetters(units)
        units = cutRepeats(units)
        return Unit.emit(units)
    }

    /// Steps 1 and 2: fold every code point.
    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unit] {
        var units: [Unit] = []
        units.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                var byte = lead
                if byte &- 0x41 < 26 { byte |= 0x20 }
                if byte == 0x09 || byte == 0x0A || byte == 0x0D { byte = 0x20 }
                units.append(Unit(Unicode.Scalar(byte), Int32(index)..<Int32(index + 1)))
                index += 1
                continue
            }
            let (scalar, next) = UTF8Bytes.decode(bytes, at: index)
            let origin = Int32(index)..<Int32(next)
            index = next
            if let replacement = Unit.lookup(scalar.value, keys: FoldingTable.keys, values: FoldingTable.values) {
                Unit.appendPacked(replacement, origin: origin, to: &units)
                continue
            }
            let properties = scalar.properties
            if properties.isWhitespace {
                units.append(Unit(" ", origin))
            } else if properties.changesWhenLowercased, let lower = properties.lowercaseMapping.unicodeScalars.first,
                properties.lowercaseMapping.unicodeScalars.count == 1
            {
                units.append(Unit(lower, origin))
            } else {
                units.append(Unit(scalar, origin))
            }
        }
        return units
    }

    /// The letter a leetspeak character stands for, or 0.
    @inline(__always)
    private static func leet(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "4"), UInt8(ascii: "@"): return UInt8(ascii: "a")
        case UInt8(ascii: "3"): return UInt8(ascii: "e")
        case UInt8(ascii: "1"), UInt8(ascii: "!"): return UInt8(ascii: "i")
        case UInt8(ascii: "0"): return UInt8(ascii: "o")
        case UInt8(ascii: "5"), UInt8(ascii: "$"): return UInt8(ascii: "s")
        case UInt8(ascii: "7"): return UInt8(ascii: "t")
        default: return 0
        }
    }

    /// Step 3, token by token.
    private static func replaceLeet(_ units: inout [Unit]) {
        var start = 0
        while start < units.count {
            if units[start].isSpace {
                start += 1
                continue
            }
            var end = start
            var letters = 0
            var leetCount = 0
            var digitRun = 0
            var longestDigitRun = 0
            while end < units.count, !units[end].isSpace {
                let byte = units[end].ascii
                if units[end].isLetter { letters += 1 }
                if leet(byte) != 0 { leetCount += 1 }
                digitRun = byte &- 0x30 < 10 ? digitRun + 1 : 0
                longestDigitRun = max(longestDigitRun, digitRun)
                end += 1
            }
            if letters >= 2, leetCount > 0, longestDigitRun <= 3 {
                var changed = true
                while changed {
                    changed = false
                    for index in start..<end {
                        let byte = units[index].ascii
                        let replacement = leet(byte)
                        guard replacement != 0 else { continue }
                        let left = index > start && units[index - 1].isLetter
                        let right = index + 1 < end && units[index + 1].isLetter
                        let allowed: Bool
                        switch byte {
                        case UInt8(ascii: "!"), UInt8(ascii: "@"): allowed = left && right
                        case UInt8(ascii: "$"): allowed = right
                        default: allowed = left || right
                        }
                        if allowed {
                            units[index] = Unit(Unicode.Scalar(replacement), units[index].origin)
                            changed = true
                        }
                    }
                }
            }
            start = end
        }
    }

    @inline(__always)
    private static func isMask(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x2A || value == 0x23 }
        return (value >= 0x2600 && scalar.properties.isEmojiPresentation)
            || (value >= 0x1F300 && scalar.properties.isEmoji)
    }

    @inline(__always)
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
                previous.isLetter || previous.scalar == "*",
                isMask(unit.scalar) || isSeparator(unit.scalar)
            {
                var end = index
                while end < units.count, !units[end].isLetter,
                    isMask(units[end].scalar) || isSeparator(units[end].scalar)
                {
                    end += 1
                }
                if end > index, end < units.count, units[end].isLetter, end - index <= 3 {
                    for position in index..<end where isMask(units[position].scalar) {
                        result.append(Unit("*", units[position].origin))
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
            if units[start].isSpace {
                start += 1
                continue
            }
            var end = start
            var hasDot = false
            var hasLinkMark = false
            while end < units.count, !units[end].isSpace {
                let byte = units[end].ascii
                if byte == UInt8(ascii: ".") { hasDot = true }
                if byte == UInt8(ascii: "@") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/") {
                    hasLinkMark = true
                }
                end += 1
            }
            if (hasDot || hasLinkMark) && isLink(units[start..<end]) {
                for position in start..<end { protected[position] = true }
            }
            start = end
        }
        return protected
    }

    /// Whether a token is a link, an e-mail address or a domain name: it holds `://`, starts with `www.`, has an
    /// `@` and a dot, or its last dot-separated label (before any `/`) is a known top-level domain.
    private static func isLink(_ token: ArraySlice<Unit>) -> Bool {
        var bytes = token.map(\.ascii)
        while let last = bytes.last, ".,;:!?)(\"'".utf8.contains(last) { bytes.removeLast() }
        while let first = bytes.first, "(\"'".utf8.contains(first) { bytes.removeFirst() }
        guard bytes.contains(UInt8(ascii: ".")) || bytes.contains(UInt8(ascii: ":")) else { return false }
        if contains(bytes, Array("://".utf8)) || bytes.starts(with: "www.".utf8) { return true }
        if bytes.contains(UInt8(ascii: "@")) { return bytes.contains(UInt8(ascii: ".")) }
        let host = bytes.prefix { $0 != UInt8(ascii: "/") }
        guard let dot = host.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let label = String(decoding: host[(dot + 1)...], as: UTF8.self)
        return topLevelDomains.contains(label)
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Step 6: `k a n k e r` → `kanker`.
    private static func joinSpacedLetters(_ units: [Unit]) -> [Unit] {
        Unit.joinSpacedRuns(
            units,
            isSingle: { position in
                units[position].isLetter && (position == 0 || !units[position - 1].isLetter)
                    && (position + 1 == units.count || !units[position + 1].isLetter)
            },
            isGap: { units[$0].isSpace },
            decide: { first, _, letters in
                // "a c u n t", "u k u t": a one-letter word before spaced letters stays a word of its own.
                if letters >= 4, "aiuo".unicodeScalars.contains(units[first].scalar) { return .keepFirst(2) }
                return letters >= 3 ? .join : .keep
            })
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
                var merged = unit
                merged.origin = unit.origin.lowerBound..<units[end - 1].origin.upperBound
                result.append(merged)
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
