/// Builds the personal-data view of a text (`TextView.personalData`): the text as a reader sees it, so a value
/// is recognised however its characters are encoded or spaced.
///
/// What it undoes, in order:
/// 1. Character escapes: HTML entities, numeric (`&#49;`, `&#x31;`) and named (`&commat;`, `&period;`,
///    `&nbsp;`, …), and URL percent-escapes of ASCII characters (`%40`, `%31`) become the character.
/// 2. Per code point (`PersonalDataFolding`): zero-width and format characters, soft hyphens and combining marks
///    are removed; every Unicode space, tab and line break (LF, CR, U+2028, …) becomes a space; every Unicode
///    decimal digit (fullwidth, Arabic-Indic, Devanagari, mathematical, …) becomes its ASCII digit; dashes
///    become `-`; compatibility forms whose NFKC form is ASCII become it, case kept (`＠`, `﹫` → `@`).
/// 3. Text behind a right-to-left override (U+202E, up to U+202C or the line's end) is put in reading order.
/// 4. Six or more single characters separated by single spaces, a digit or `@` among them, are joined
///    (`0 6 1 2 3 4 5 6 7 8`, `j a n @ z i g g o . n l`); `a b c d e f` is left alone.
/// 5. An `@` between two words loses the spaces around it (`jan @ ziggo.nl`), and a line break on either
///    side (`jan.devries⏎@ziggo.nl`); `dank @gemeente` keeps its space.
/// 6. Inside a number, the letters `O`, `l` and `I` become `0` and `1` (`O6-l2345678`, `4lll llll llll llll`).
///    A number here is a run of space-separated tokens of digits, those three letters and punctuation, with at least
///    eight digits and letters and at least one digit; a token of letters alone belongs to it only with three
///    or more (`llll`, not `Il`). A token with any other letter is left alone, so `RABO0417` stays; only an
///    IBAN's two-letter country code is passed over (`BE68 539O …`).
///
/// What it does not do: letters keep their case and accents (names and postcodes depend on them), digits are
/// never read as letters (no leetspeak: `0` is not `o` in a BSN), and separators stay, so dates, times and
/// IP addresses keep their shape; the rules and validators decide which separators a value may have.
///
/// - Complexity: O(n) in the length of the text. Ordinary text (no escape, no character the table changes,
///   nothing for steps 3–6 to do) takes one pass and shares the original's bytes.
public enum PersonalDataView {
    private typealias Unit = ViewUnit

    public static func build(_ text: String) -> NormalisedText {
        var text = text
        return text.withUTF8 { build($0) }
    }

    static func build(_ bytes: UnsafeBufferPointer<UInt8>) -> NormalisedText {
        plainView(bytes) ?? buildStepByStep(bytes)
    }

    /// The view of `bytes`, sharing their storage when the view is the text unchanged (most messages).
    static func build(_ bytes: [UInt8]) -> NormalisedText {
        bytes.withUnsafeBufferPointer { buffer in
            switch plainness(buffer) {
            case .unchanged: return NormalisedText(bytes: bytes, origins: nil)
            case .spaced: return NormalisedText(bytes: bytes.map { $0 &- 0x09 < 5 ? 0x20 : $0 }, origins: nil)
            case nil: return buildStepByStep(buffer)
            }
        }
    }

    /// What the short way makes of a text: nothing (`unchanged`), only white space made spaces (`spaced`).
    enum Plainness {
        case unchanged, spaced
    }

    /// The six steps, one after the other.
    static func buildStepByStep(_ bytes: UnsafeBufferPointer<UInt8>) -> NormalisedText {
        var units = fold(bytes)
        let reordered = undoRightToLeftOverrides(&units)
        units = joinSpacedCharacters(units)
        units = joinLoneAt(units)
        spaceLineBreaks(&units)
        readDigitLookalikes(&units)
        return Unit.emit(units, monotonic: !reordered)
    }

    /// The view of an ordinary message in one pass: ASCII, no `&` or `%`, no lone `@`, no run of spaced single
    /// characters and no token that step 6 might read as a number. Its white space becomes spaces in place, so the view
    /// has the original's offsets.
    static func plainView(_ bytes: UnsafeBufferPointer<UInt8>) -> NormalisedText? {
        switch plainness(bytes) {
        case .unchanged: return NormalisedText(bytes: Array(bytes), origins: nil)
        case .spaced: return NormalisedText(bytes: bytes.map { $0 &- 0x09 < 5 ? 0x20 : $0 }, origins: nil)
        case nil: return nil
        }
    }

    /// Whether `bytes` can take the short way (`plainView`), and what it makes of them; nil when it cannot.
    ///
    /// It looks for what only the long way undoes (`&`, `%`, a carriage return, a code point the folding table
    /// changes) and for what steps 4–6 read (a digit or `@`), eight ASCII bytes at a time; only a text with one
    /// of the latter is read token by token. Letters outside ASCII that the view keeps (`é`, `ß`) do not send a
    /// text the long way.
    static func plainness(_ bytes: UnsafeBufferPointer<UInt8>) -> Plainness? {
        var changed = false
        var readsTokens = false
        var index = 0
        let base = UnsafeRawPointer(bytes.baseAddress)
        while index < bytes.count {
            if let base, index + 8 <= bytes.count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // ASCII with no control character, `%` or `&` (0x25, 0x26): only digits and `@` matter.
                if word & 0x8080_8080_8080_8080 == 0, !holdsBelow(word, 0x0E), !holds(word, 0x26), !holds(word, 0x25) {
                    if !readsTokens, holds(word, 0x40) || ScanText.holdsDigit(word) { readsTokens = true }
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte >= 0x80 {
                let (scalar, next) = UTF8Bytes.decode(bytes, at: index)
                if keepsAsWritten(scalar) == false { return nil }
                index = next
                continue
            }
            if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "%") || byte == 0x0D { return nil }
            if byte &- 0x30 < 10 || byte == UInt8(ascii: "@") { readsTokens = true }
            if byte &- 0x09 < 4 { changed = true }
            index += 1
        }
        guard !readsTokens || stepsKeepNumbers(bytes) else { return nil }
        return changed ? .spaced : .unchanged
    }

    /// Whether the view keeps a code point outside ASCII as it is (no entry in the folding table, and no
    /// override for step 3).
    @inline(__always)
    private static func keepsAsWritten(_ scalar: Unicode.Scalar) -> Bool {
        scalar != rightToLeftOverride && scalar != popDirectionalFormatting && scalar.value != 0x2028
            && scalar.value != 0x2029 && scalar.value != 0x85
            && Unit.lookup(scalar.value, keys: PersonalDataFolding.keys, values: PersonalDataFolding.values) == nil
    }

    /// Whether any of the eight bytes of `word`, all below 0x80, is below `limit` (the "has less" bit trick).
    @inline(__always)
    private static func holdsBelow(_ word: UInt64, _ limit: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        return (word &- ones &* UInt64(limit)) & ~word & (ones &* 0x80) != 0
    }

    /// Whether any of the eight bytes of `word` is `byte` (the "has zero byte" bit trick on `word ^ byte`s).
    @inline(__always)
    private static func holds(_ word: UInt64, _ byte: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & (ones &* 0x80) != 0
    }

    /// Whether steps 4–6 leave a text with digits or `@` as it is. They can change text only around a digit or
    /// an `@`, so only the tokens that hold one are read, with their neighbours: a lone `@` or one next to a
    /// line break (step 5), a run of six single characters through a single digit or `@` (step 4), a number
    /// token with a look-alike letter, or next to a token of three or more (step 6). Where it cannot tell, it
    /// says no, and the long way decides.
    private static func stepsKeepNumbers(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        func isGap(_ byte: UInt8) -> Bool { byte == 0x20 || byte &- 0x09 < 5 }
        func tokenStart(_ index: Int) -> Int {
            var start = index
            while start > 0, !isGap(bytes[start - 1]) { start -= 1 }
            return start
        }
        func tokenEnd(_ index: Int) -> Int {
            var end = index
            while end < count, !isGap(bytes[end]) { end += 1 }
            return end
        }
        /// Whether the token is one character (one ASCII byte, or one code point of several).
        func isSingle(_ start: Int, _ end: Int) -> Bool {
            let length = end - start
            guard length > 1 else { return length == 1 }
            let lead = bytes[start]
            return lead >= 0xC0 && length == (lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2)
        }
        /// Look-alike letters and other letters of a token; letters in its first two bytes are not counted as
        /// other letters (an IBAN's country code, which step 6 passes over).
        func letters(_ start: Int, _ end: Int) -> (lookalikes: Int, other: Int) {
            var lookalikes = 0
            var other = 0
            var index = start
            while index < end {
                let byte = bytes[index]
                if byte >= 0x80 {
                    let (scalar, next) = UTF8Bytes.decode(bytes, at: index)
                    if scalar.properties.isAlphabetic { other += 1 }
                    index = next
                    continue
                }
                if lookalikeDigit(byte) != 0 {
                    lookalikes += 1
                } else if (byte | 0x20) &- 0x61 < 26, index - start >= 2 {
                    other += 1
                }
                index += 1
            }
            return (lookalikes, other)
        }
        /// The token before the gap that ends at `start`, when that gap is one character.
        func previousToken(before start: Int) -> (Int, Int)? {
            guard start >= 2, isGap(bytes[start - 1]), !isGap(bytes[start - 2]) else { return nil }
            return (tokenStart(start - 2), start - 1)
        }
        /// The token after the gap that starts at `end`, when that gap is one character.
        func nextToken(after end: Int) -> (Int, Int)? {
            guard end + 1 < count, isGap(bytes[end]), !isGap(bytes[end + 1]) else { return nil }
            return (end + 1, tokenEnd(end + 1))
        }
        func isLookalikeWord(_ token: (Int, Int)?) -> Bool {
            guard let token else { return false }
            let found = letters(token.0, token.1)
            return found.lookalikes >= 3 && found.other == 0
        }
        let base = UnsafeRawPointer(bytes.baseAddress)
        var index = 0
        while index < count {
            if let base, index + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0, !ScanText.holdsDigit(word), !holds(word, 0x40) {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            guard byte &- 0x30 < 10 || byte == UInt8(ascii: "@") else {
                index += 1
                continue
            }
            let start = tokenStart(index)
            let end = tokenEnd(index)
            if bytes[start..<end].contains(UInt8(ascii: "@")) {
                if end - start == 1 { return false }
                if bytes[start] == UInt8(ascii: "@"), start > 0, bytes[start - 1] &- 0x0A < 4 { return false }
                if bytes[end - 1] == UInt8(ascii: "@"), end < count, bytes[end] &- 0x0A < 4 { return false }
            }
            if bytes[start..<end].contains(where: { $0 &- 0x30 < 10 }) {
                let found = letters(start, end)
                if found.lookalikes > 0, found.other == 0 { return false }
                if isLookalikeWord(previousToken(before: start)) || isLookalikeWord(nextToken(after: end)) {
                    return false
                }
            }
            if isSingle(start, end) {
                var singles = 1
                var left = previousToken(before: start)
                while let token = left, isSingle(token.0, token.1) {
                    singles += 1
                    left = previousToken(before: token.0)
                }
                var right = nextToken(after: end)
                while let token = right, isSingle(token.0, token.1) {
                    singles += 1
                    right = nextToken(after: token.1)
                }
                if singles >= 6 { return false }
            }
            index = end
        }
        return true
    }

    /// The digit a look-alike letter stands for inside a number, or 0.
    @inline(__always)
    private static func lookalikeDigit(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "O"): return UInt8(ascii: "0")
        case UInt8(ascii: "l"), UInt8(ascii: "I"): return UInt8(ascii: "1")
        default: return 0
        }
    }

    static let rightToLeftOverride: Unicode.Scalar = "\u{202E}"
    static let popDirectionalFormatting: Unicode.Scalar = "\u{202C}"

    /// Steps 1 and 2. A right-to-left override and its end stay in the units for step 3, which removes them,
    /// and line breaks stay `\n` until then, since an override ends with its line.
    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unit] {
        var units: [Unit] = []
        units.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            var (scalar, next) = decodeEscape(bytes, at: index) ?? UTF8Bytes.decode(bytes, at: index)
            // CRLF is one line break.
            if scalar == "\r", next < bytes.count, bytes[next] == 0x0A { (scalar, next) = ("\n", next + 1) }
            let origin = Int32(index)..<Int32(next)
            index = next
            let value = scalar.value
            if value < 0x80 {
                let space: Unicode.Scalar = value == 0x0A || value == 0x0D ? "\n" : " "
                units.append(Unit(value &- 0x09 < 5 ? space : scalar, origin))
            } else if value == 0x2028 || value == 0x2029 || value == 0x85 {
                units.append(Unit("\n", origin))
            } else if scalar == rightToLeftOverride || scalar == popDirectionalFormatting {
                units.append(Unit(scalar, origin))
            } else if let packed = Unit.lookup(
                value, keys: PersonalDataFolding.keys, values: PersonalDataFolding.values)
            {
                Unit.appendPacked(packed, origin: origin, to: &units)
            } else {
                units.append(Unit(scalar, origin))
            }
        }
        return units
    }

    /// Named HTML entities that can stand in a value: the characters of e-mail addresses, numbers and the
    /// spaces between them.
    static let namedEntities: [String: Unicode.Scalar] = [
        "commat": "@", "period": ".", "nbsp": " ", "amp": "&", "hyphen": "-", "dash": "-", "minus": "-",
        "lowbar": "_", "sol": "/", "colon": ":", "plus": "+", "num": "#", "comma": ",", "percnt": "%",
        "Tab": " ", "NewLine": " ", "ensp": " ", "emsp": " ", "thinsp": " ", "numsp": " ", "puncsp": " ",
        "lpar": "(", "rpar": ")", "dot": ".", "quot": "\"", "apos": "'", "lt": "<", "gt": ">",
    ]

    /// The character an escape at `index` stands for (`&#49;`, `&#x31;`, `&commat;`, `%40`) and the offset
    /// after it; nil when no escape starts there. Percent-escapes decode ASCII characters only.
    static func decodeEscape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int)? {
        let byte = bytes[index]
        if byte == UInt8(ascii: "%") {
            guard index + 2 < bytes.count, let high = Hex.value(bytes[index + 1]),
                let low = Hex.value(bytes[index + 2]),
                high < 8
            else { return nil }
            return (Unicode.Scalar(UInt8(high << 4 | low)), index + 3)
        }
        guard byte == UInt8(ascii: "&"), index + 2 < bytes.count else { return nil }
        var cursor = index + 1
        if bytes[cursor] == UInt8(ascii: "#") {
            cursor += 1
            let hex = cursor < bytes.count && (bytes[cursor] | 0x20) == UInt8(ascii: "x")
            if hex { cursor += 1 }
            var value: UInt32 = 0
            let digitsStart = cursor
            while cursor < bytes.count, cursor - digitsStart < 8 {
                let digit: UInt8?
                if hex {
                    digit = Hex.value(bytes[cursor])
                } else {
                    digit = bytes[cursor] &- 0x30 < 10 ? bytes[cursor] &- 0x30 : nil
                }
                guard let digit else { break }
                value = value * (hex ? 16 : 10) + UInt32(digit)
                cursor += 1
            }
            guard cursor > digitsStart, cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";"),
                let scalar = Unicode.Scalar(value), value != 0
            else { return nil }
            return (scalar, cursor + 1)
        }
        let nameStart = cursor
        while cursor < bytes.count, cursor - nameStart < 9, (bytes[cursor] | 0x20) &- 0x61 < 26 { cursor += 1 }
        guard cursor > nameStart, cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";"),
            let scalar = namedEntities[
                String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<cursor]), as: UTF8.self)]
        else { return nil }
        return (scalar, cursor + 1)
    }

    /// Step 3: what a right-to-left override displays reversed is put in reading order, and the override and its
    /// end are removed. Returns whether anything was reordered.
    private static func undoRightToLeftOverrides(_ units: inout [Unit]) -> Bool {
        guard units.contains(where: { $0.scalar == rightToLeftOverride || $0.scalar == popDirectionalFormatting })
        else { return false }
        var result: [Unit] = []
        result.reserveCapacity(units.count)
        var reordered = false
        var index = 0
        while index < units.count {
            let unit = units[index]
            if unit.scalar == popDirectionalFormatting {
                index += 1
                continue
            }
            guard unit.scalar == rightToLeftOverride else {
                result.append(unit)
                index += 1
                continue
            }
            var end = index + 1
            while end < units.count, units[end].scalar != popDirectionalFormatting,
                units[end].scalar != rightToLeftOverride, units[end].scalar != "\n"
            {
                end += 1
            }
            if end > index + 1 {
                result.append(contentsOf: units[(index + 1)..<end].reversed())
                reordered = true
            }
            index = end
        }
        units = result
        return reordered
    }

    /// The end of step 3: line breaks, kept as `\n` until the overrides they end were undone, become spaces.
    private static func spaceLineBreaks(_ units: inout [Unit]) {
        for index in units.indices where units[index].scalar == "\n" { units[index].scalar = " " }
    }

    /// Step 5: `jan @ ziggo.nl` and `jan⏎@ziggo.nl` → `jan@ziggo.nl`; `dank @gemeente` is left alone.
    private static func joinLoneAt(_ units: [Unit]) -> [Unit] {
        func isGap(_ position: Int) -> Bool {
            position < units.count && (units[position].isSpace || units[position].scalar == "\n")
        }
        var result: [Unit] = []
        result.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            let unit = units[index]
            if unit.scalar == "@", index + 2 < units.count, units[index + 1].scalar == "\n", !isGap(index + 2),
                let last = result.last, last.isLetter || last.isDigit
            {
                result.append(unit)
                index += 2
                continue
            }
            guard isGap(index), index + 2 < units.count, units[index + 1].scalar == "@", let last = result.last,
                last.isLetter || last.isDigit
            else {
                result.append(unit)
                index += 1
                continue
            }
            let after = index + 2
            if isGap(after), after + 1 < units.count, !isGap(after + 1) {
                result.append(units[index + 1])
                index = after + 1
            } else if unit.scalar == "\n", !isGap(after) {
                result.append(units[index + 1])
                index = after
            } else {
                result.append(unit)
                index += 1
            }
        }
        return result
    }

    /// Step 5: `0 6 1 2 3 4 5 6 7 8` → `0612345678`, `j a n @ z i g g o . n l` → `jan@ziggo.nl`.
    private static func joinSpacedCharacters(_ units: [Unit]) -> [Unit] {
        // A line break, still `\n` here, separates like a space.
        func isGap(_ position: Int) -> Bool { units[position].isSpace || units[position].scalar == "\n" }
        return Unit.joinSpacedRuns(
            units,
            isSingle: { position in
                !isGap(position) && (position == 0 || isGap(position - 1))
                    && (position + 1 == units.count || isGap(position + 1))
            },
            isGap: isGap,
            decide: { first, last, count in
                let readable = stride(from: first, through: last, by: 2).contains {
                    units[$0].isDigit || units[$0].scalar == "@"
                }
                return count >= 6 && readable ? .join : .keep
            })
    }

    /// Step 6, run by run.
    private static func readDigitLookalikes(_ units: inout [Unit]) {
        /// The end of the token at `start`, its digits and look-alike letters, and whether it may be part of a
        /// number.
        func token(at start: Int) -> (end: Int, digits: Int, lookalikes: Int, numeric: Bool, country: Bool) {
            var end = start
            var digits = 0
            var lookalikes = 0
            var other = false
            // An IBAN's country code is not part of its number: BE68 539O O754 7O34.
            if start + 2 < units.count, units[start].ascii &- 0x41 < 26, units[start + 1].ascii &- 0x41 < 26,
                units[start + 2].isDigit || lookalikeDigit(units[start + 2].ascii) != 0
            {
                end += 2
            }
            let country = end > start
            while end < units.count, !units[end].isSpace {
                let byte = units[end].ascii
                if units[end].isDigit {
                    digits += 1
                } else if lookalikeDigit(byte) != 0 {
                    lookalikes += 1
                } else if units[end].isLetter {
                    other = true
                }
                end += 1
            }
            return (end, digits, lookalikes, !other && (digits > 0 || lookalikes >= 3), country)
        }
        var start = 0
        while start < units.count {
            if units[start].isSpace {
                start += 1
                continue
            }
            var end = start
            var digits = 0
            var characters = 0
            var countryCodes: [Int] = []
            while end < units.count {
                let next = token(at: end)
                guard next.numeric else { break }
                if next.country { countryCodes.append(end) }
                digits += next.digits
                characters += next.digits + next.lookalikes
                end = next.end
                guard end + 1 < units.count, units[end].isSpace, !units[end + 1].isSpace else { break }
                end += 1
            }
            if end > start, digits > 0, characters >= 8 {
                for position in start..<end
                where !countryCodes.contains(where: { $0 == position || $0 + 1 == position }) {
                    let digit = lookalikeDigit(units[position].ascii)
                    if digit != 0 { units[position] = Unit(Unicode.Scalar(digit), units[position].origin) }
                }
            }
            start = max(end, token(at: start).end)
        }
    }
}
