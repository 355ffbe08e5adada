/// An Aho-Corasick automaton over the gate keywords of many rules: one pass over a text tells which rules'
/// keywords occur in it, so rules that cannot match are never run.
///
/// - Keywords are byte strings, compared with ASCII letters folded to lower case. Bytes outside ASCII all count
///   as one: `café` is found in "CAFÉ" and also in "cafè". A gate may open where no keyword is, never stay shut
///   where one is, so a smaller automaton is worth the rare false opening.
/// - A keyword can require a word boundary before and after it (`hi` is not found in "this"); a byte outside
///   ASCII next to it counts as a boundary, so the index never hides a match the rule's own pattern would find.
/// - `hits(in:)` returns, for every gate slot, whether one of its keywords occurs: a gate is a prefilter, the
///   rule's own patterns decide.
/// - The automaton works on byte classes (every ASCII byte that occurs in a keyword has its own class, shared
///   with its capital; bytes outside ASCII one class; all others one more). States are numbered breadth first.
///   The shallowest states, where a scan spends most of its bytes, have full transition rows (one table lookup
///   per byte, a cell's top bit saying whether keywords end in its target); deeper states keep their trie edges
///   and a failure link, so the rows take 64 KB, not a megabyte to fill at every start. A cell holds its
///   target's row offset, not its number, so the next lookup needs no multiplication (the lookups are a chain,
///   and the multiplication was a third of the time of each). Cells are 16 bits wide while every offset fits
///   in 15 bits, 32 bits beyond.
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
            bytes = Array(entry.text.lowercased().utf8)
            let first = entry.text.unicodeScalars.first.map(LiteralTrie.isWordCharacter) ?? false
            let last = entry.text.unicodeScalars.last.map(LiteralTrie.isWordCharacter) ?? false
            needsBoundaryBefore = first && !entry.isSuffix
            needsBoundaryAfter = last && !entry.isPrefix
        }
    }

    private var keywords: [(slot: Int32, length: Int, before: Bool, after: Bool)] = []
    /// The byte class of every byte: 0 for ASCII bytes no keyword contains; an ASCII capital has its lower-case
    /// letter's class, and every byte outside ASCII the class of 0x80.
    private var byteClass = [UInt8](repeating: 0, count: 256)
    private var classCount = 1
    /// Full transition rows for the shallowest `denseStates` states (breadth-first numbers), where a scan
    /// spends most of its bytes: the cell for state `s` and a byte of class `c` is at `s * classCount + c`. It
    /// holds the target's code (`code(of:)`), with the top bit set when keywords end in the target state. One
    /// of the two is used.
    private var cells16: [UInt16] = []
    private var cells32: [UInt32] = []
    /// Deeper states keep only their trie edges (`edges`) and a failure link: rows for all of them would cost
    /// a megabyte to fill at every start and would not stay in cache.
    private var denseStates = 0
    /// `edges` as cells (target and end flag), in the width of `cells16`/`cells32`.
    private var edgeCells16: [UInt16] = []
    private var edgeCells32: [UInt32] = []
    private var edges = Edges()
    /// Per state: the keywords (indexes into `keywords`) that end there, directly or through failure links,
    /// in `outputList[outputStart[s]..<outputStart[s + 1]]`.
    private var outputStart: [Int32] = [0]
    private var outputList: [Int32] = []
    /// Per state: its failure state, a shallower one.
    private var failure: [Int32] = []
    public let slotCount: Int
    /// The number of states of the compiled automaton, for the benchmark.
    public let states: Int

    /// `keywords[slot]` are the keywords of gate `slot`.
    ///
    /// - Complexity: O(k log k) for k keywords to build the trie (they are sorted, so it is built in one pass
    ///   with every node's children already in byte order), then O(states × byte classes) for the DFA.
    public init(keywords slots: [[Keyword]]) {
        slotCount = slots.count
        var entries: [([UInt8], Int32)] = []
        for (slot, list) in slots.enumerated() {
            for keyword in list where !keyword.bytes.isEmpty {
                entries.append((Self.canonical(keyword.bytes), Int32(keywords.count)))
                keywords.append(
                    (Int32(slot), keyword.bytes.count, keyword.needsBoundaryBefore, keyword.needsBoundaryAfter))
            }
        }
        entries.sort { $0.0.lexicographicallyPrecedes($1.0) }
        let trie = Trie(sortedEntries: entries)
        states = trie.order.count
        var representative: [UInt8] = [0]
        for byte in trie.edgeBytes where byteClass[Int(byte)] == 0 {
            byteClass[Int(byte)] = UInt8(representative.count)
            representative.append(byte)
        }
        classCount = representative.count
        // ASCII capitals share their lower-case letter's class and every byte outside ASCII that of 0x80, so a
        // scan needs no folding.
        for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") { byteClass[Int(upper)] = byteClass[Int(upper | 0x20)] }
        for byte in 0x81...0xFF { byteClass[byte] = byteClass[0x80] }
        var number = [Int32](repeating: 0, count: states)
        for (index, node) in trie.order.enumerated() { number[Int(node)] = Int32(index) }
        var edges = Edges()
        for node in trie.order {
            outputList += trie.outputs[Int(node)]
            outputStart.append(Int32(outputList.count))
            failure.append(number[Int(trie.failure[Int(node)])])
            for edge in Int(trie.edgeStart[Int(node)])..<Int(trie.edgeStart[Int(node) + 1]) {
                edges.classes.append(byteClass[Int(trie.edgeBytes[edge])])
                edges.targets.append(number[Int(trie.edgeTargets[edge])])
            }
            edges.start.append(Int32(edges.classes.count))
        }
        fillCells(edges)
    }

    /// The trie edges of every state, in breadth-first state numbers and byte classes: state `s` has the edges
    /// `start[s]..<start[s + 1]`.
    struct Edges {
        var start: [Int32] = [0]
        var classes: [UInt8] = []
        var targets: [Int32] = []
    }

    /// How many bytes of rows the dense part may take: enough for the root and the first two or three
    /// letters of every keyword, small enough to stay in a core's cache next to the regexes.
    static let denseBudget = 1 << 16

    /// Compiles the automaton from `failure` and `edges`: a dense state's row is its failure state's row
    /// (done earlier, being shallower) with its own edges written over it; deeper states keep their edges.
    private mutating func fillCells(_ edges: Edges) {
        self.edges = edges
        // 16-bit cells while some dense states leave every code below 2^15: d dense states take codes up to
        // d × classCount, the deep ones the next (states − d).
        let fitting = classCount > 1 ? ((1 << 15) - 1 - states) / (classCount - 1) : states
        if fitting >= 1 {
            denseStates = min(states, fitting, max(1, Self.denseBudget / (classCount * 2)))
            (cells16, edgeCells16) = cells(edges, flag: 1 << 15)
        } else {
            denseStates = min(states, max(1, Self.denseBudget / (classCount * 4)))
            (cells32, edgeCells32) = cells(edges, flag: 1 << 31)
        }
    }

    /// What a cell holds for `state`: a dense state's row offset, so a scan adds the next byte's class and
    /// looks up; a deep state's number after the dense cells.
    @inline(__always)
    private func code(of state: Int) -> Int {
        state < denseStates ? state &* classCount : denseStates &* classCount &+ (state &- denseStates)
    }

    /// The state a cell's `code` stands for (`code(of:)` undone).
    @inline(__always)
    private func state(of code: Int) -> Int {
        let denseCells = denseStates &* classCount
        return code < denseCells ? code / classCount : code &- denseCells &+ denseStates
    }

    private func cells<Cell: FixedWidthInteger & UnsignedInteger>(_ edges: Edges, flag: Cell) -> ([Cell], [Cell]) {
        let edgeCells = edges.targets.map { target in
            Cell(code(of: Int(target))) | (outputStart[Int(target) + 1] > outputStart[Int(target)] ? flag : 0)
        }
        let classCount = classCount
        let cells = [Cell](unsafeUninitializedCapacity: denseStates * classCount) { cells, count in
            for state in 0..<denseStates {
                let row = state * classCount
                if state == 0 {
                    for byteClass in 0..<classCount { cells[byteClass] = 0 }
                } else {
                    let fallbackRow = Int(failure[state]) * classCount
                    for byteClass in 0..<classCount { cells[row + byteClass] = cells[fallbackRow + byteClass] }
                }
                for edge in Int(edges.start[state])..<Int(edges.start[state + 1]) {
                    cells[row + Int(edges.classes[edge])] = edgeCells[edge]
                }
            }
            count = denseStates * classCount
        }
        return (cells, edgeCells)
    }

    /// The Aho-Corasick trie the DFA is compiled from; it lives only while the index is built.
    private struct Trie {
        /// Edges in compressed form: node `n`'s children are `edgeBytes[edgeStart[n]..<edgeStart[n + 1]]`,
        /// sorted, leading to `edgeTargets` at the same positions.
        var edgeStart: [Int32] = []
        var edgeBytes: [UInt8] = []
        var edgeTargets: [Int32] = []
        var failure: [Int32] = []
        /// Per node: the keywords that end there, directly or through failure links.
        var outputs: [[Int32]] = []
        /// Every node, breadth first from the root.
        var order: [Int32] = [0]

        /// The trie of `entries` (canonical keyword bytes and keyword indexes), sorted by bytes.
        init(sortedEntries entries: [([UInt8], Int32)]) {
            // Children as linked lists, in the order they are created: byte order, since the keywords are sorted.
            var nodeByte: [UInt8] = [0]
            var firstChild: [Int32] = [-1]
            var lastChild: [Int32] = [-1]
            var nextSibling: [Int32] = [-1]
            var ends: [[Int32]] = [[]]
            var path: [Int32] = [0]
            var previous: [UInt8] = []
            for (bytes, id) in entries {
                var common = 0
                while common < bytes.count, common < previous.count, bytes[common] == previous[common] { common += 1 }
                path.removeLast(path.count - 1 - common)
                for byte in bytes[common...] {
                    let parent = path[path.count - 1]
                    let node = Int32(nodeByte.count)
                    nodeByte.append(byte)
                    firstChild.append(-1)
                    lastChild.append(-1)
                    nextSibling.append(-1)
                    ends.append([])
                    if lastChild[Int(parent)] < 0 {
                        firstChild[Int(parent)] = node
                    } else {
                        nextSibling[Int(lastChild[Int(parent)])] = node
                    }
                    lastChild[Int(parent)] = node
                    path.append(node)
                }
                ends[Int(path[path.count - 1])].append(id)
                previous = bytes
            }
            let nodeCount = nodeByte.count
            edgeStart = [Int32](repeating: 0, count: nodeCount + 1)
            edgeBytes.reserveCapacity(nodeCount)
            edgeTargets.reserveCapacity(nodeCount)
            for node in 0..<nodeCount {
                edgeStart[node] = Int32(edgeBytes.count)
                var child = firstChild[node]
                while child >= 0 {
                    edgeBytes.append(nodeByte[Int(child)])
                    edgeTargets.append(child)
                    child = nextSibling[Int(child)]
                }
            }
            edgeStart[nodeCount] = Int32(edgeBytes.count)
            failure = [Int32](repeating: 0, count: nodeCount)
            outputs = ends
            order.reserveCapacity(nodeCount)
            var head = 0
            while head < order.count {
                let node = order[head]
                head += 1
                for edge in Int(edgeStart[Int(node)])..<Int(edgeStart[Int(node) + 1]) {
                    let byte = edgeBytes[edge]
                    let child = edgeTargets[edge]
                    if node != 0 {
                        var fallback = failure[Int(node)]
                        while fallback != 0, self.child(of: fallback, byte) == nil { fallback = failure[Int(fallback)] }
                        failure[Int(child)] = self.child(of: fallback, byte) ?? 0
                        outputs[Int(child)] += outputs[Int(failure[Int(child)])]
                    }
                    order.append(child)
                }
            }
        }

        func child(of node: Int32, _ byte: UInt8) -> Int32? {
            var edge = Int(edgeStart[Int(node)])
            let end = Int(edgeStart[Int(node) + 1])
            while edge < end {
                let key = edgeBytes[edge]
                if key == byte { return edgeTargets[edge] }
                if key > byte { return nil }
                edge += 1
            }
            return nil
        }
    }

    /// A keyword's bytes as the automaton reads them: ASCII letters in lower case, every byte outside ASCII 0x80.
    static func canonical(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 >= 0x80 ? 0x80 : ($0 &- 0x41 < 26 ? $0 | 0x20 : $0) }
    }

    /// Whether `byte` continues a word. Bytes outside ASCII do not, which errs on the side of a match.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x5F
    }

    /// For every slot, whether one of its keywords occurs in `text`.
    public func hits(in text: [UInt8]) -> [Bool] {
        var result = [Bool](repeating: false, count: slotCount)
        guard slotCount > 0 else { return result }
        if cells32.isEmpty {
            scan(text, cells16, edgeCells16, flag: 1 << 15, into: &result)
        } else {
            scan(text, cells32, edgeCells32, flag: 1 << 31, into: &result)
        }
        return result
    }

    @inline(__always)
    private func scan<Cell: FixedWidthInteger & UnsignedInteger>(
        _ text: [UInt8], _ cells: [Cell], _ edgeCells: [Cell], flag: Cell, into result: inout [Bool]
    ) {
        let denseCells = denseStates * classCount
        text.withUnsafeBufferPointer { bytes in
            cells.withUnsafeBufferPointer { cells in
                byteClass.withUnsafeBufferPointer { byteClass in
                    // The inner loop makes no call, so its values stay in registers: most bytes take the
                    // dense row of a shallow state, whose code is its row's offset. Keyword ends and deep states
                    // leave it for a call.
                    var code = 0
                    var position = 0
                    let count = bytes.count
                    while position < count {
                        var cell: Cell
                        if code < denseCells {
                            repeat {
                                cell = cells[code &+ Int(byteClass[Int(bytes[position])])]
                                code = Int(cell & ~flag)
                                position &+= 1
                            } while cell & flag == 0 && code < denseCells && position < count
                        } else {
                            cell = deepTransition(
                                from: state(of: code), Int(byteClass[Int(bytes[position])]), cells, edgeCells)
                            code = Int(cell & ~flag)
                            position &+= 1
                        }
                        if cell & flag != 0 { report(state(of: code), at: position &- 1, in: bytes, into: &result) }
                    }
                }
            }
        }
    }

    /// The cell for leaving deep state `state` on a byte of class `byteClass`: its own edge, else its failure
    /// state's, until a state with a dense row.
    @inline(never)
    private func deepTransition<Cell: FixedWidthInteger & UnsignedInteger>(
        from state: Int, _ byteClass: Int, _ cells: UnsafeBufferPointer<Cell>, _ edgeCells: [Cell]
    ) -> Cell {
        edges.start.withUnsafeBufferPointer { edgeStart in
            edges.classes.withUnsafeBufferPointer { edgeClasses in
                var from = state
                while from >= denseStates {
                    var edge = Int(edgeStart[from])
                    let end = Int(edgeStart[from &+ 1])
                    while edge < end, Int(edgeClasses[edge]) != byteClass { edge &+= 1 }
                    if edge < end { return edgeCells[edge] }
                    from = Int(failure[from])
                }
                return cells[from &* classCount &+ byteClass]
            }
        }
    }

    /// Marks the slots of the keywords that end in `state` at `position`, where their boundaries allow.
    private func report(_ state: Int, at position: Int, in bytes: UnsafeBufferPointer<UInt8>, into result: inout [Bool])
    {
        for output in Int(outputStart[state])..<Int(outputStart[state + 1]) {
            let keyword = keywords[Int(outputList[output])]
            if result[Int(keyword.slot)] { continue }
            if keyword.after, position + 1 < bytes.count, Self.isWordByte(bytes[position + 1]) { continue }
            let start = position + 1 - keyword.length
            if keyword.before, start > 0, Self.isWordByte(bytes[start - 1]) { continue }
            result[Int(keyword.slot)] = true
        }
    }
}

extension KeywordIndex.Keyword {
    init(bytes: [UInt8], needsBoundaryBefore: Bool, needsBoundaryAfter: Bool) {
        self.bytes = bytes
        self.needsBoundaryBefore = needsBoundaryBefore
        self.needsBoundaryAfter = needsBoundaryAfter
    }
}

extension KeywordIndex {
    /// Writes the automaton to a rule snapshot as its trie (failure links and edges), a tenth of the size of the
    /// DFA, which reading compiles again.
    func write(to writer: inout SnapshotWriter) {
        writer.count(slotCount)
        writer.array(keywords) { writer, keyword in
            writer.count(Int(keyword.slot))
            writer.count(keyword.length)
            writer.count((keyword.before ? 1 : 0) | (keyword.after ? 2 : 0))
        }
        writer.table(byteClass)
        writer.count(classCount)
        writer.table(outputStart)
        writer.table(outputList)
        writer.table(failure)
        writer.table(edges.start)
        writer.table(edges.classes)
        writer.table(edges.targets)
    }

    /// Reads an automaton `write(to:)` wrote, checking that every state, class and keyword number in it is in
    /// range and every failure link leads to an earlier state, so a damaged snapshot cannot make a scan read out
    /// of bounds.
    init(reading reader: inout SnapshotReader) throws(SnapshotReader.Corrupt) {
        let slotCount = try reader.count(minimumSize: 0)
        keywords = try reader.array { reader throws(SnapshotReader.Corrupt) in
            let slot = try reader.count(in: 0..<slotCount)
            let length = try reader.count(in: 1..<Int(Int32.max))
            let flags = try reader.count(in: 0..<4)
            return (Int32(slot), length, flags & 1 != 0, flags & 2 != 0)
        }
        byteClass = try reader.table(UInt8.self)
        classCount = try reader.count(in: 1..<257)
        outputStart = try reader.table(Int32.self)
        outputList = try reader.table(Int32.self)
        failure = try reader.table(Int32.self)
        let edges = Edges(
            start: try reader.table(Int32.self), classes: try reader.table(UInt8.self),
            targets: try reader.table(Int32.self))
        self.slotCount = slotCount
        states = failure.count
        guard byteClass.count == 256, byteClass.allSatisfy({ Int($0) < classCount }), states >= 1,
            outputStart.count == states + 1, outputStart.first == 0, outputStart.last == Int32(outputList.count),
            zip(outputStart, outputStart.dropFirst()).allSatisfy({ $0 <= $1 }),
            outputList.allSatisfy({ $0 >= 0 && Int($0) < keywords.count }),
            failure[0] == 0, failure.enumerated().dropFirst().allSatisfy({ $1 >= 0 && Int($1) < $0 }),
            edges.start.count == states + 1, edges.start.first == 0, edges.start.last == Int32(edges.classes.count),
            edges.targets.count == edges.classes.count,
            zip(edges.start, edges.start.dropFirst()).allSatisfy({ $0 <= $1 }),
            edges.classes.allSatisfy({ Int($0) < classCount }), edges.targets.allSatisfy({ $0 > 0 && Int($0) < states })
        else { throw SnapshotReader.Corrupt() }
        fillCells(edges)
    }
}
