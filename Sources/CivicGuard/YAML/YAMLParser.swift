import CLibYAML

/// Parses YAML with libyaml's document API into `YAMLNode` trees that remember line and column.
///
/// - A file holds at most one document; an empty file has none (`nil`).
/// - Syntax errors are reported as `path:line:col: problem (context)`.
/// - Aliases are expanded; an alias that refers to its own ancestor is an error rather than an endless tree.
/// - Untrusted files (a template in a pull request) are bounded before a tree is built, the way mature loaders
///   do it (`Budget`): nesting deeper than `maximumDepth`, and aliases that would expand to more than
///   `maximumAliasNodes` nodes (a "billion laughs"), are errors at the offending node's `path:line:col`.
///   libyaml's own scanner slows down quadratically with nesting depth, so the depth is checked on its event
///   stream, which stops at the first level too deep instead of reading the rest.
public enum YAMLParser {
    /// Nesting deeper than this is rejected, which also stops alias cycles.
    static let maximumDepth = 64
    /// How many nodes all aliases of a file may add when they are expanded. A file's own nodes are not
    /// counted: a list of 100,000 words is fine, ten aliases of ten aliases of … are not.
    static let maximumAliasNodes = 200_000

    public static func parse(_ bytes: [UInt8], file: String) throws(ConfigurationError) -> YAMLNode? {
        try Budget.check(bytes, file: file)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw ConfigurationError(
                Diagnostic(SourceMark(file: file, line: 1, column: 1), "cannot start the YAML parser"))
        }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(ConfigurationError) -> YAMLNode? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var document = yaml_document_t()
            guard yaml_parser_load(&parser, &document) == 1 else { throw syntaxError(parser, file: file) }
            defer { yaml_document_delete(&document) }
            guard let root = yaml_document_get_root_node(&document) else { return nil }
            var builder = TreeBuilder(document: &document, file: file)
            let tree = try builder.node(root, depth: 0)
            var next = yaml_document_t()
            guard yaml_parser_load(&parser, &next) == 1 else { throw syntaxError(parser, file: file) }
            defer { yaml_document_delete(&next) }
            if let extra = yaml_document_get_root_node(&next) {
                throw ConfigurationError(
                    Diagnostic(builder.mark(extra.pointee.start_mark), "expected one YAML document, found a second one")
                )
            }
            return tree
        }
    }

    private static func syntaxError(_ parser: yaml_parser_t, file: String) -> ConfigurationError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        let mark = SourceMark(file: file, line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1)
        return ConfigurationError(Diagnostic(mark, context.map { "\(problem) (\($0))" } ?? problem))
    }

    /// The bounds a file must keep before its tree is built: one pass over libyaml's events, counting the
    /// nesting depth and, per anchor, how many nodes its node stands for once its own aliases are expanded.
    ///
    /// - Complexity: O(events), stopping at the first bound exceeded.
    enum Budget {
        static func check(_ bytes: [UInt8], file: String) throws(ConfigurationError) {
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                throw ConfigurationError(
                    Diagnostic(SourceMark(file: file, line: 1, column: 1), "cannot start the YAML parser"))
            }
            defer { yaml_parser_delete(&parser) }
            try bytes.withUnsafeBufferPointer { (buffer) throws(ConfigurationError) in
                yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
                // Per open collection: its anchor and the expanded size of its nodes so far.
                var open: [(anchor: String?, size: Int)] = []
                var sizes: [String: Int] = [:]
                var aliasNodes = 0
                func mark(_ event: yaml_event_t) -> SourceMark {
                    SourceMark(file: file, line: event.start_mark.line + 1, column: event.start_mark.column + 1)
                }
                func anchor(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                    pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
                }
                func finish(_ size: Int, anchor: String?) {
                    if let anchor { sizes[anchor] = size }
                    if !open.isEmpty { open[open.count - 1].size += size }
                }
                while true {
                    var event = yaml_event_t()
                    // A syntax error is left to the load that follows, which reports it with its context.
                    guard yaml_parser_parse(&parser, &event) == 1 else { return }
                    defer { yaml_event_delete(&event) }
                    switch event.type {
                    case YAML_STREAM_END_EVENT:
                        return
                    case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                        guard open.count < YAMLParser.maximumDepth else {
                            throw ConfigurationError(
                                Diagnostic(mark(event), "nesting deeper than \(YAMLParser.maximumDepth) levels"))
                        }
                        let name =
                            event.type == YAML_SEQUENCE_START_EVENT
                            ? anchor(event.data.sequence_start.anchor) : anchor(event.data.mapping_start.anchor)
                        open.append((name, 1))
                    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                        guard let closed = open.popLast() else { continue }
                        finish(closed.size, anchor: closed.anchor)
                    case YAML_SCALAR_EVENT:
                        finish(1, anchor: anchor(event.data.scalar.anchor))
                    case YAML_ALIAS_EVENT:
                        let size = anchor(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1
                        aliasNodes += size
                        guard aliasNodes <= YAMLParser.maximumAliasNodes else {
                            throw ConfigurationError(
                                Diagnostic(
                                    mark(event),
                                    "aliases expand to more than \(YAMLParser.maximumAliasNodes) nodes"
                                        + " (a \"billion laughs\" file?)"))
                        }
                        finish(size, anchor: nil)
                    default:
                        continue
                    }
                }
            }
        }
    }

    private struct TreeBuilder {
        let document: UnsafeMutablePointer<yaml_document_t>
        let file: String

        init(document: UnsafeMutablePointer<yaml_document_t>, file: String) {
            self.document = document
            self.file = file
        }

        func mark(_ mark: yaml_mark_t) -> SourceMark {
            SourceMark(file: file, line: mark.line + 1, column: mark.column + 1)
        }

        mutating func node(_ pointer: UnsafeMutablePointer<yaml_node_t>, depth: Int) throws(ConfigurationError)
            -> YAMLNode
        {
            let node = pointer.pointee
            let position = mark(node.start_mark)
            guard depth < YAMLParser.maximumDepth else {
                throw ConfigurationError(
                    Diagnostic(position, "nesting deeper than \(YAMLParser.maximumDepth) levels (a recursive alias?)"))
            }
            switch node.type {
            case YAML_SCALAR_NODE:
                let scalar = node.data.scalar
                let text = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let style: YAMLNode.ScalarStyle
                switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: style = .literal
                case YAML_FOLDED_SCALAR_STYLE: style = .folded
                default: style = .plain
                }
                return YAMLNode(.scalar(text, isPlain: style == .plain), at: position, style: style)
            case YAML_SEQUENCE_NODE:
                var items: [YAMLNode] = []
                var item = node.data.sequence.items.start
                while let current = item, current != node.data.sequence.items.top {
                    items.append(try child(current.pointee, depth: depth))
                    item = current + 1
                }
                return YAMLNode(.sequence(items), at: position)
            case YAML_MAPPING_NODE:
                var pairs: [YAMLNode.Pair] = []
                var pair = node.data.mapping.pairs.start
                while let current = pair, current != node.data.mapping.pairs.top {
                    pairs.append(
                        YAMLNode.Pair(
                            key: try child(current.pointee.key, depth: depth),
                            value: try child(current.pointee.value, depth: depth)))
                    pair = current + 1
                }
                return YAMLNode(.mapping(pairs), at: position)
            default:
                return YAMLNode(.scalar("", isPlain: true), at: position)
            }
        }

        private mutating func child(_ index: Int32, depth: Int) throws(ConfigurationError) -> YAMLNode {
            guard let pointer = yaml_document_get_node(document, index) else {
                throw ConfigurationError(Diagnostic(SourceMark(file: file, line: 1, column: 1), "broken YAML node"))
            }
            return try node(pointer, depth: depth + 1)
        }
    }
}
