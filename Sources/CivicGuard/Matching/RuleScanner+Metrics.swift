extension RuleScanner {
    /// The original-text spans on which `metric` fires.
    static func measure(_ metric: Metric, _ text: ScanText) -> [Range<Int>] {
        text.bytes.withUnsafeBufferPointer { bytes in
            switch metric {
            case .capsRatio(let minimum, let required):
                var letters = 0
                var capitals = 0
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte < 0x80 {
                        if byte &- 0x41 < 26 {
                            letters += 1
                            capitals += 1
                        } else if byte &- 0x61 < 26 {
                            letters += 1
                        }
                        index += 1
                        continue
                    }
                    let (scalar, next) = UTF8Bytes.decode(bytes, at: index)
                    index = next
                    guard scalar.properties.isAlphabetic else { continue }
                    letters += 1
                    if scalar.properties.isUppercase { capitals += 1 }
                }
                guard letters >= required, Double(capitals) >= minimum * Double(letters) else { return [] }
                return [0..<bytes.count]
            case .punctuationRun(let length):
                var runs: [Range<Int>] = []
                var index = 0
                var start = -1
                var count = 0
                while index <= bytes.count {
                    var isMark = false
                    var next = index + 1
                    if index < bytes.count, bytes[index] < 0x80 {
                        isMark = bytes[index] == 0x21 || bytes[index] == 0x3F
                    } else if index < bytes.count {
                        let (scalar, after) = UTF8Bytes.decode(bytes, at: index)
                        next = after
                        isMark =
                            scalar == "!" || scalar == "?" || scalar == "！" || scalar == "？" || scalar == "‼"
                            || scalar == "⁉"
                    }
                    if isMark {
                        if start < 0 { start = index }
                        count += 1
                    } else {
                        if count >= length { runs.append(start..<index) }
                        start = -1
                        count = 0
                    }
                    index = next
                }
                return runs
            case .emojiCount(let minimum):
                var first = -1
                var last = 0
                var count = 0
                var index = 0
                var previous: Unicode.Scalar = " "
                while index < bytes.count {
                    if bytes[index] < 0x80 {
                        previous = " "
                        index += 1
                        continue
                    }
                    let (scalar, next) = UTF8Bytes.decode(bytes, at: index)
                    if isEmoji(scalar), previous != "\u{200D}" {
                        count += 1
                        if first < 0 { first = index }
                        last = next
                    }
                    previous = scalar
                    index = next
                }
                return count >= minimum ? [first..<last] : []
            }
        }
    }

    static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (0x1F3FB...0x1F3FF).contains(value) { return false }
        return scalar.properties.isEmojiPresentation
            || (value >= 0x2190 && scalar.properties.isEmoji && value != 0xFE0F)
    }
}
