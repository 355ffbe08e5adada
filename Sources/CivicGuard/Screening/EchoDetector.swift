/// Finds personal data from the post a reply answers repeated in the reply, even in another form: a staff
/// member who writes "we have your number 06 12 34 56 78" back to a citizen publishes it as surely as the
/// citizen did.
///
/// Every personal-data rule runs on the post; each value found is then looked for in the reply:
/// - in full, compared on the letters and digits of the personal-data view, without case (`06-1234 5678` =
///   `0612345678` = `０６１２３４５６７８`; `+31 6…` = `06…`; `jan[at]ziggo[dot]nl` = `jan@ziggo.nl`);
/// - in part: the last four digits of an IBAN, card, phone number or national number, standing alone
///   ("the account ending in 4300"), and the surname of a person's name as a whole word.
///
/// Each hit is a match of `BuiltInRule.echo` carrying the entity of the value in the post.
struct EchoDetector {
    /// Entities whose values are numbers: compared on digits, and recognised by their last four digits.
    static let numericEntities: Set<String> = [
        "PHONE", "IBAN", "CREDIT_CARD", "NL_BSN", "BE_NATIONAL_NUMBER", "DE_TAX_ID", "UK_NHS_NUMBER", "FR_NIR",
    ]

    /// One way a post's value may appear in a reply.
    struct Needle {
        let entity: String
        /// Lower-case letters and digits to find in the reply's letters and digits.
        let key: [Unicode.Scalar]
        /// A partial form must stand alone: no letter or digit right before or after it in the reply.
        let standalone: Bool
        let form: String
    }

    /// The ways each personal-data value of the post may be echoed.
    static func needles(post: String, matches: [RuleMatch]) -> [Needle] {
        let bytes = Array(post.utf8)
        var needles: [Needle] = []
        for match in matches {
            guard let entity = match.entity else { continue }
            let value = PersonalDataView.build(String(decoding: bytes[match.byteRange], as: UTF8.self)).text
            var key = Self.key(entity == "EMAIL" ? canonicalEmail(value) : value)
            if entity == "PHONE" { key = canonicalPhone(key) }
            guard key.count >= 4 else { continue }
            needles.append(Needle(entity: entity, key: key, standalone: false, form: "in full"))
            if entity == "PHONE", key.first == "0" {
                // The same number written internationally in the reply: +31 6 … holds 6 ….
                needles.append(Needle(entity: entity, key: Array(key.dropFirst()), standalone: false, form: "in full"))
            }
            if numericEntities.contains(entity) {
                let digits = key.filter { ("0"..."9").contains($0) }
                if digits.count >= 8 {
                    needles.append(
                        Needle(
                            entity: entity, key: Array(digits.suffix(4)), standalone: true, form: "its last four digits"
                        ))
                }
            }
            if entity == "PERSON", let surname = value.split(whereSeparator: { $0 == " " || $0 == "," }).last {
                let surnameKey = Self.key(String(surname))
                if surnameKey.count >= 3, surnameKey.count < key.count {
                    needles.append(Needle(entity: entity, key: surnameKey, standalone: true, form: "the surname"))
                }
            }
        }
        return needles
    }

    /// Where the needles occur in `reply`, as byte ranges of the reply.
    static func find(_ needles: [Needle], in reply: [UInt8]) -> [(Needle, Range<Int>)] {
        guard !needles.isEmpty else { return [] }
        // The letters and digits of the reply's personal-data view, lower-cased, each with the bytes of the view
        // it came from.
        let view = PersonalDataView.build(String(decoding: reply, as: UTF8.self))
        var scalars: [Unicode.Scalar] = []
        var origins: [Range<Int>] = []
        view.bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let (scalar, next) = UTF8Bytes.decode(buffer, at: index)
                if Preview.isAlphanumeric(scalar) {
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                        scalars.append(lower)
                        origins.append(index..<next)
                    }
                }
                index = next
            }
        }
        var found: [(Needle, Range<Int>)] = []
        for needle in needles where needle.key.count <= scalars.count {
            var start = 0
            while start + needle.key.count <= scalars.count {
                guard scalars[start] == needle.key[0], Array(scalars[start..<(start + needle.key.count)]) == needle.key
                else {
                    start += 1
                    continue
                }
                let end = start + needle.key.count
                let range = view.originalRange(origins[start].lowerBound..<origins[end - 1].upperBound)
                if !needle.standalone || isStandalone(range, in: reply) { found.append((needle, range)) }
                start = end
            }
        }
        return found
    }

    /// Whether no letter or digit touches `range` in `bytes`.
    static func isStandalone(_ range: Range<Int>, in bytes: [UInt8]) -> Bool {
        let before = range.lowerBound > 0 ? bytes[range.lowerBound - 1] : 0x20
        let after = range.upperBound < bytes.count ? bytes[range.upperBound] : 0x20
        return !KeywordIndex.isWordByte(before) && !KeywordIndex.isWordByte(after)
    }

    /// Letters and digits of `text`, lower-cased.
    static func key(_ text: String) -> [Unicode.Scalar] {
        text.lowercased().unicodeScalars.filter(Preview.isAlphanumeric)
    }

    /// `+31 6…`, `0031 6…` and `06…` as one number: the national form.
    static func canonicalPhone(_ key: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let text = String(String.UnicodeScalarView(key))
        for prefix in ["0031", "31"] where text.hasPrefix(prefix) && text.count >= prefix.count + 9 {
            var rest = Substring(text.dropFirst(prefix.count))
            if rest.hasPrefix("0") { rest = rest.dropFirst() }
            return Array(("0" + rest).unicodeScalars)
        }
        return key
    }

    /// An e-mail address written to dodge filters, as an address: `jan [at] ziggo [dot] nl` → `jan@ziggo.nl`.
    static func canonicalEmail(_ value: String) -> String {
        var text = value.lowercased()
        for (pattern, replacement) in [
            ("[at]", "@"), ("(at)", "@"), ("{at}", "@"), ("[@]", "@"), ("(@)", "@"), (" at ", "@"),
            ("[dot]", "."), ("(dot)", "."), (" dot ", "."), (" punt ", "."),
        ] {
            text = text.replacing(pattern, with: replacement)
        }
        return text
    }
}
