/// An Aho-Corasick automaton over the gate keywords of many rules: one pass over a text tells which rules'
/// keywords occur in it, so rules that cannot match are never run.
///
/// - Keywords are byte strings, compared with ASCII letters folded to lower case (the normalised view is
///   already lower case).
/// - A keyword can require a word boundary before and after it (`hi` is not found in "this"); a byte outside
///   ASCII next to it counts as a boundary, so the index never hides a match the rule's own pattern would find.
/// - `hits(in:)` returns, for every gate slot, whether one of its keywords occurs: a gate is a prefilter, the
///   rule's own patterns decide.
/// - Complexity: a scan is O(text length + keyword occurrences).
public struct KeywordIndex: Sendable {
    /// A keyword with the boundaries it needs.
    public struct Keyword: Hashable, Sendable {
        public var bytes: [UInt8]
        public var needsBoundaryBefore: Bool
        public var needsBoundaryAfter: Bool

        /// A keyword written like a literal-list entry: `hi` is a whole word, `wait*` starts a word, `*lijer`
        /// ends one, and a side that begins or ends with a non-word character needs no boundary.
        public init(_ written: String) {
            if written.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                bytes = Array(written.utf8)
                needsBoundaryBefore = false
                needsBoundaryAfter = false
                return
            }
            let entry = LiteralTrie.Entry(written)
            bytes = Array(entry.text.utf8)
            let first = entry.text.unicodeScalars.first.map(LiteralTrie.isWordCharacter) ?? false
            let last = entry.text.unicodeScalars.last.map(LiteralTrie.isWordCharacter) ?? false
            needsBoundaryBefore = first && !entry.isSuffix
            needsBoundaryAfter = last && !entry.isPrefix
        }
    }

    private var children: [[(UInt8, Int32)]] = [[]]
    private var failure: [Int32] = [0]
    /// Per node: the keywords (as indexes into `keywords`) that end here, including through failure links.
    private var outputs: [[Int32]] = [[]]
    private var keywords: [(slot: Int32, length: Int, before: Bool, after: Bool)] = []
    private var rootNext = [Int32](repeating: 0, count: 256)
    public let slotCount: Int

    /// `keywords[slot]` are the keywords of gate `slot`.
    public init(keywords slots: [[Keyword]]) {
        slotCount = slots.count
        for (slot, list) in slots.enumerated() {
            for keyword in Set(list) where !keyword.bytes.isEmpty {
                var node: Int32 = 0
                for byte in keyword.bytes {
                    let folded = Self.fold(byte)
                    if let next = children[Int(node)].first(where: { $0.0 == folded })?.1 {
                        node = next
                    } else {
                        let next = Int32(children.count)
                        children.append([])
                        failure.append(0)
                        outputs.append([])
                        children[Int(node)].append((folded, next))
                        node = next
                    }
                }
                outputs[Int(node)].append(Int32(keywords.count))
                keywords.append(
                    (Int32(slot), keyword.bytes.count, keyword.needsBoundaryBefore, keyword.needsBoundaryAfter))
            }
        }
        for index in children.indices { children[index].sort { $0.0 < $1.0 } }
        for (byte, node) in children[0] { rootNext[Int(byte)] = node }
        var queue: [Int32] = children[0].map(\.1)
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for (byte, child) in children[Int(node)] {
                var fallback = failure[Int(node)]
                while fallback != 0, Self.child(of: fallback, byte, children) == nil {
                    fallback = failure[Int(fallback)]
                }
                let target = Self.child(of: fallback, byte, children) ?? 0
                failure[Int(child)] = target == child ? 0 : target
                outputs[Int(child)] += outputs[Int(failure[Int(child)])]
                queue.append(child)
            }
        }
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// Whether `byte` continues a word. Bytes outside ASCII do not, which errs on the side of a match.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x5F
    }

    @inline(__always)
    private static func child(of node: Int32, _ byte: UInt8, _ children: [[(UInt8, Int32)]]) -> Int32? {
        for (key, next) in children[Int(node)] {
            if key == byte { return next }
            if key > byte { return nil }
        }
        return nil
    }

    /// For every slot, whether one of its keywords occurs in `text`.
    public func hits(in text: [UInt8]) -> [Bool] {
        var result = [Bool](repeating: false, count: slotCount)
        guard slotCount > 0 else { return result }
        text.withUnsafeBufferPointer { bytes in
            var node: Int32 = 0
            for position in 0..<bytes.count {
                let byte = Self.fold(bytes[position])
                while true {
                    if node == 0 {
                        node = rootNext[Int(byte)]
                        break
                    }
                    if let next = Self.child(of: node, byte, children) {
                        node = next
                        break
                    }
                    node = failure[Int(node)]
                }
                guard node != 0 else { continue }
                for id in outputs[Int(node)] {
                    let keyword = keywords[Int(id)]
                    if result[Int(keyword.slot)] { continue }
                    if keyword.after, position + 1 < bytes.count, Self.isWordByte(bytes[position + 1]) { continue }
                    let start = position + 1 - keyword.length
                    if keyword.before, start > 0, Self.isWordByte(bytes[start - 1]) { continue }
                    result[Int(keyword.slot)] = true
                }
            }
        }
        return result
    }
}
