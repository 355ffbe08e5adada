extension Validator {
    /// The parts of `span` of `bytes` that are valid values, left to right and not overlapping: how a structured
    /// number is chosen by its validator rather than by greedy grouping.
    ///
    /// A candidate is cut into groups, the maximal runs of the characters `extent` counts (ASCII digits, or for
    /// an IBAN ASCII letters and digits). A part is a run of whole groups whose count the extent allows (for an
    /// IBAN, the length of the country its first group starts with), and the longest such part from each group
    /// that passes the check is taken:
    /// - `BE68 5390 0754 7034 voor` (an IBAN whose length is a multiple of four, then a word of four letters):
    ///   `BE68 5390 0754 7034`;
    /// - `zaak 2024 111222333` read as one run of digits: `111222333`;
    /// - `BSN111222333`: `111222333` (letters end a group of digits).
    ///
    /// Not found: a value that starts or ends inside a group (`NL91ABNA0417164300XY`), that needs groups
    /// other than adjacent ones, or for an anchored extent, that does not start with the candidate. Empty when
    /// the validator has no extent.
    ///
    /// - Complexity: O(g²) checks for g groups, at most 64 groups.
    func validParts(of bytes: [UInt8], in span: Range<Int>) -> [Range<Int>] {
        parts(of: bytes, in: span, validating: true)
    }

    /// The first part of `span` with a length the extent allows, valid or not (the whole span when the validator
    /// has no extent): what a failed value near a context word is flagged as. Nil when no part has the length.
    func shapedPart(of bytes: [UInt8], in span: Range<Int>) -> Range<Int>? {
        guard extent != nil else { return span }
        return parts(of: bytes, in: span, validating: false).first
    }

    /// Whether `span` can hold a value at all: for a number, some run of whole digit groups has a length the
    /// extent allows (a phone number of ten digits written together holds no BSN of nine). Allocates nothing;
    /// true for an IBAN extent, which depends on the country.
    func mayHoldValue(_ bytes: [UInt8], in span: Range<Int>) -> Bool {
        guard case .digits(let counts, _) = extent else { return true }
        return bytes.withUnsafeBufferPointer { buffer in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 65) { groups in
                var count = 0
                var run = 0
                for index in span {
                    if buffer[index] &- 0x30 < 10 {
                        run += 1
                    } else if run > 0 {
                        if count == 64 { return true }
                        groups[count] = run
                        count += 1
                        run = 0
                    }
                }
                if run > 0, count < 64 {
                    groups[count] = run
                    count += 1
                }
                for first in 0..<count {
                    var total = 0
                    for last in first..<count {
                        total += groups[last]
                        if counts.contains(total) { return true }
                        if total > counts.upperBound { break }
                    }
                }
                return false
            }
        }
    }

    private func parts(of bytes: [UInt8], in span: Range<Int>, validating: Bool) -> [Range<Int>] {
        guard let extent else { return [] }
        let groups = Self.groups(of: bytes, in: span, extent: extent)
        var parts: [Range<Int>] = []
        var first = 0
        while first < groups.count {
            var found: Range<Int>?
            var count = 0
            var candidates: [Int] = []
            let allowed = Self.allowedCounts(extent, startingWith: bytes[groups[first]])
            for last in first..<groups.count {
                count += groups[last].count
                if allowed.contains(count) { candidates.append(last) }
                if count >= allowed.upperBound { break }
            }
            for last in candidates.reversed() {
                let part = groups[first].lowerBound..<groups[last].upperBound
                if !validating || self(String(decoding: bytes[part], as: UTF8.self)) {
                    found = part
                    first = last
                    break
                }
            }
            if let found { parts.append(found) }
            if case .digits(_, anchored: true) = extent { break }
            first += 1
        }
        return parts
    }

    /// The runs of significant characters in `span`, at most 64.
    private static func groups(of bytes: [UInt8], in span: Range<Int>, extent: Extent) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var start: Int?
        for index in span {
            let byte = bytes[index]
            let isDigit = byte &- 0x30 < 10
            let significant: Bool
            switch extent {
            case .digits: significant = isDigit
            case .iban: significant = isDigit || (byte | 0x20) &- 0x61 < 26
            }
            if significant {
                if start == nil { start = index }
            } else if let begun = start {
                groups.append(begun..<index)
                start = nil
                if groups.count == 64 { return groups }
            }
        }
        if let begun = start { groups.append(begun..<span.upperBound) }
        return groups
    }

    /// How many significant characters a part that begins with `group` may have: the extent's digit counts,
    /// or the length of the IBAN country `group` starts with (none for an unknown country). Asked once per
    /// first group, not once per group added.
    private static func allowedCounts(_ extent: Extent, startingWith group: ArraySlice<UInt8>) -> Range<Int> {
        switch extent {
        case .digits(let counts, _):
            return counts.lowerBound..<(counts.upperBound + 1)
        case .iban:
            guard group.count >= 2 else { return 0..<0 }
            let country = String(decoding: group.prefix(2).map { $0 & ~0x20 }, as: UTF8.self)
            guard let length = Checksum.ibanLengths[country] else { return 0..<0 }
            return length..<(length + 1)
        }
    }
}
