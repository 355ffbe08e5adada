/// One view of a message's text while rules scan it (the original or the normalised view), with the facts
/// gates and windows need, computed once and only when a rule asks.
final class ScanText {
    let bytes: [UInt8]
    private var lowercased: [UInt8]?
    private var wordStarts: [Int]?
    /// How many ASCII digits the text holds.
    var digitCount: Int { digitStatistics.count }

    /// The digits of the longest digit group (see `Gate.minimumDigitGroup`).
    var longestDigitGroup: Int { digitStatistics.longestGroup }

    /// Both digit facts in one pass, on first use: most rules' gates ask for one of them.
    private lazy var digitStatistics: (count: Int, longestGroup: Int) = bytes.withUnsafeBufferPointer { buffer in
        var count = 0
        var longest = 0
        var digits = 0
        var separators = 0
        // Eight bytes at a time up to the first digit: most of a message is letters and spaces, and a third of
        // messages have no digit at all.
        var start = 0
        if let base = UnsafeRawPointer(buffer.baseAddress) {
            while start + 8 <= buffer.count,
                !Self.holdsDigit(base.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            {
                start += 8
            }
        }
        for byte in buffer[start...] {
            if byte &- 0x30 < 10 {
                count &+= 1
                digits &+= 1
                separators = 0
                if digits > longest { longest = digits }
            } else if digits > 0, separators < 3,
                byte == 0x20 || byte == 0x2E || byte == 0x2D || byte == 0x2F || byte == 0x28 || byte == 0x29
                    || byte == 0x5F
            {
                separators &+= 1
            } else {
                digits = 0
                separators = 0
            }
        }
        return (count, longest)
    }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether any of the eight bytes of `word` is an ASCII digit: a byte below 0x80 that lies between 0x2F
    /// and 0x3A, tested for all eight at once (the "has between" bit trick).
    static func holdsDigit(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = word & (ones &* 0x7F)
        let belowColon = (ones &* (0x7F + 0x3A)) &- low
        let aboveSlash = low &+ (ones &* (0x7F - 0x2F))
        return belowColon & ~word & aboveSlash & (ones &* 0x80) != 0
    }

    /// The text of a byte range, for validators.
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Whether `keyword` (lower case) occurs in the text, comparing ASCII letters without regard to case.
    func contains(keyword: [UInt8]) -> Bool {
        let haystack = lowercasedBytes()
        guard let first = keyword.first, keyword.count <= haystack.count else { return keyword.isEmpty }
        let last = haystack.count - keyword.count
        var index = 0
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < keyword.count, haystack[index + offset] == keyword[offset] { offset += 1 }
                if offset == keyword.count { return true }
            }
            index += 1
        }
        return false
    }

    private func lowercasedBytes() -> [UInt8] {
        if let lowercased { return lowercased }
        let result = bytes.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
        lowercased = result
        return result
    }

    /// The number of words that lie between byte offsets `from` and `to`.
    func wordsBetween(_ from: Int, _ to: Int) -> Int {
        guard from < to else { return 0 }
        let starts = words()
        return Self.lowerBound(starts, to) - Self.lowerBound(starts, from)
    }

    /// The start of the word that has `count` words between `offset` and itself (`wordsBetween(offset, start)
    /// == count`), or nil when the text has fewer words after `offset` or its word starts are not known yet
    /// (they are not computed for this).
    func wordStart(_ count: Int, wordsAfter offset: Int) -> Int? {
        guard let starts = wordStarts else { return nil }
        let index = Self.lowerBound(starts, offset) + count
        return index < starts.count ? starts[index] : nil
    }

    /// Start offsets of every word: a maximal run of letters, marks and digits.
    private func words() -> [Int] {
        if let wordStarts { return wordStarts }
        var starts: [Int] = []
        // A word and the space after it take at least two bytes.
        starts.reserveCapacity(bytes.count / 2 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            var inWord = false
            while index < buffer.count {
                let byte = buffer[index]
                if byte < 0x80 {
                    let isWord = (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x5F
                    if isWord && !inWord { starts.append(index) }
                    inWord = isWord
                    index += 1
                    continue
                }
                let (scalar, next) = UTF8Bytes.decode(buffer, at: index)
                let isWord = LiteralTrie.isWordCharacter(scalar)
                if isWord && !inWord { starts.append(index) }
                inWord = isWord
                index = next
            }
        }
        wordStarts = starts
        return starts
    }

    /// Conjunctions that start a new clause, in Dutch and English (lower case, as in the conduct view).
    static let clauseConjunctions: Set<String> = [
        "maar", "omdat", "want", "terwijl", "hoewel", "echter", "doch", "but", "because", "whereas", "although",
        "though", "however", "while",
    ]

    /// Whether a clause ends between byte offsets `from` and `to`: sentence punctuation (`.`, `!`, `?`, `;`), a
    /// line break, or a conjunction that starts a new clause (`clauseConjunctions`).
    func hasClauseBoundary(from: Int, to: Int) -> Bool {
        guard from < to else { return false }
        var wordStart: Int?
        for index in from...to {
            let byte = index < to ? bytes[index] : 0x20
            if (byte | 0x20) &- 0x61 < 26 {
                if wordStart == nil { wordStart = index }
                continue
            }
            if let start = wordStart, index - start <= 8 {
                let word = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
                if Self.clauseConjunctions.contains(word) { return true }
            }
            wordStart = nil
            if index < to,
                byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
                    || byte == UInt8(ascii: ";") || byte == 0x0A
            {
                return true
            }
        }
        return false
    }

    static func lowerBound(_ values: [Int], _ target: Int) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// A message being scanned: its original text and, each built on first use, its other views (`TextView`).
final class MessageScan {
    let original: ScanText

    /// What is known of one view: the built view with its map to the original, its scan text, and which keyword
    /// slots of its index occur in it. Three stored states rather than arrays: a message is scanned in a few
    /// microseconds, and arrays would cost it an allocation each.
    private struct State {
        var view: NormalisedText?
        var scan: ScanText?
        var hits: [Bool]?
        var masked = false
        /// The scan text's digit facts, copied here so a gate reads two integers, not the scan text.
        var digits: (count: Int, longestGroup: Int)?
    }

    private var originalState: State
    private var conductState = State()
    private var personalDataState = State()

    init(_ bytes: [UInt8]) {
        original = ScanText(bytes)
        originalState = State(scan: original)
    }

    @inline(__always)
    private func withState<Result>(_ view: TextView, _ body: (inout State) -> Result) -> Result {
        switch view {
        case .original: return body(&originalState)
        case .normalised: return body(&conductState)
        case .personalData: return body(&personalDataState)
        }
    }

    /// Whether gate `slot` of `view` may match: its keywords occur in the view (a masked word in the conduct
    /// view, such as `f*ck`, can hide any keyword, so then every gate of that view is open).
    ///
    /// The first question about a view runs its keyword index (of `indexes`, by `TextView.keywordIndex`) over it
    /// once; later ones read the answer (and do not copy the index, a struct of a dozen arrays).
    func keywordHit(_ slot: Int, view: TextView, in indexes: [KeywordIndex]) -> Bool {
        // Read in place, without closures or copies: this runs for every gated rule of every message.
        switch view {
        case .original:
            if let hit = originalState.hits?[slot] { return hit }
        case .normalised:
            if let hit = conductState.hits?[slot] { return hit || conductState.masked }
        case .personalData:
            if let hit = personalDataState.hits?[slot] { return hit }
        }
        indexKeywords(of: view, in: indexes)
        return keywordHit(slot, view: view, in: indexes)
    }

    /// Runs the keyword index of `view` over it now, as the first gate question about it does (the benchmark
    /// times this apart from the rules). A view that is the same text as another view of the same index takes
    /// that view's answer.
    func indexKeywords(of view: TextView, in indexes: [KeywordIndex]) {
        let text = self.text(for: view)
        let masked = view.hasMasks && text.bytes.contains(UInt8(ascii: "*"))
        var hits: [Bool]?
        for other in TextView.allCases where other != view && other.keywordIndex == view.keywordIndex {
            hits = withState(other) { $0.scan === text ? $0.hits : nil }
            if hits != nil { break }
        }
        // Through the buffer, which lends the element: `indexes[i].hits` copied the index (a dozen retains).
        let result = hits ?? indexes.withUnsafeBufferPointer { $0[view.keywordIndex].hits(in: text.bytes) }
        withState(view) {
            $0.hits = result
            $0.masked = masked
        }
    }

    func text(for view: TextView) -> ScanText {
        switch view {
        case .original: return original
        case .normalised: if let scan = conductState.scan { return scan }
        case .personalData: if let scan = personalDataState.scan { return scan }
        }
        let built =
            view == .normalised
            ? original.bytes.withUnsafeBufferPointer { Normaliser.normalise($0) }
            : PersonalDataView.build(original.bytes)
        // A view that kept every byte where it was shares the original's scan text and the facts it computed.
        let scan = built.origins == nil && built.bytes == original.bytes ? original : ScanText(built.bytes)
        withState(view) {
            $0.view = built
            $0.scan = scan
        }
        return scan
    }

    /// Whether `view` holds at least `minimum` digits and a digit group of at least `group` (see `Gate`).
    func hasDigits(_ minimum: Int, group: Int, in view: TextView) -> Bool {
        let known: (count: Int, longestGroup: Int)?
        switch view {
        case .original: known = originalState.digits
        case .normalised: known = conductState.digits
        case .personalData: known = personalDataState.digits
        }
        let facts = known ?? countDigits(in: view)
        return facts.count >= minimum && facts.longestGroup >= group
    }

    private func countDigits(in view: TextView) -> (count: Int, longestGroup: Int) {
        let scan = text(for: view)
        let facts = (scan.digitCount, scan.longestDigitGroup)
        withState(view) { $0.digits = facts }
        return facts
    }

    /// What each fuzzy index found in this message, by index: rules that share a lexicon ask once.
    private var fuzzyResults: [ObjectIdentifier: [Range<Int>]] = [:]

    /// The words of `view` that `fuzzy` finds one edit from an entry, computed once per message and index.
    func fuzzyMatches(_ fuzzy: FuzzyWords, in view: TextView) -> [Range<Int>] {
        if let known = fuzzyResults[ObjectIdentifier(fuzzy)] { return known }
        let found = fuzzy.matches(in: text(for: view).bytes)
        fuzzyResults[ObjectIdentifier(fuzzy)] = found
        return found
    }

    /// `range` of `view`, as a range of the original bytes.
    func originalRange(_ range: Range<Int>, in view: TextView) -> Range<Int> {
        switch view {
        case .original: return range
        case .normalised: return conductState.view?.originalRange(range) ?? range
        case .personalData: return personalDataState.view?.originalRange(range) ?? range
        }
    }
}
