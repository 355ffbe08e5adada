/// The ordinary words of the languages the conduct packs cover, from the system's word lists, so a fuzzy entry
/// (`FuzzyWords`) never takes a real word for a misspelling: `ratte` may be `ratten` misspelt, `vermoorde` is a
/// word of its own.
///
/// The lists are Debian's `wdutch`, `wamerican` and `wbritish` (`/usr/share/dict/nederlands`,
/// `american-english`, `british-english`), or the files named in `CIVICGUARD_WORDLISTS` (separated by `:`).
/// They are read once per process, on the first question, and kept as 64-bit hashes of the lower-cased words.
enum WordList {
    static let defaultPaths = [
        "/usr/share/dict/nederlands", "/usr/share/dict/american-english", "/usr/share/dict/british-english",
    ]

    /// The lists that exist, in the order given.
    static let paths: [String] = {
        let configured = FileSystem.environment("CIVICGUARD_WORDLISTS").map {
            $0.split(separator: ":").map(String.init)
        }
        return (configured ?? defaultPaths).filter { FileSystem.isFile($0) }
    }()

    /// Whether a list can be read: fuzzy rules do not load without one.
    static var isAvailable: Bool { !paths.isEmpty }

    private static let words: Set<UInt64> = {
        var words = Set<UInt64>()
        for path in paths {
            guard let bytes = try? FileSystem.read(path) else { continue }
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
                if index > start { words.insert(hash(bytes[start..<index].map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 })) }
                start = index + 1
            }
        }
        return words
    }()

    /// Whether `word` (lower-case UTF-8) is a word of one of the lists.
    static func contains(_ word: [UInt8]) -> Bool {
        words.contains(hash(word))
    }

    /// FNV-1a, 64 bits.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
