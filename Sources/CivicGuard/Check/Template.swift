/// A position in a checked file: 1-based line and column, and the 0-based code-point offset from the start of
/// the file (columns and offsets count Unicode code points).
public struct FilePosition: Sendable, Equatable, Comparable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public static func < (lhs: FilePosition, rhs: FilePosition) -> Bool { lhs.offset < rhs.offset }
}

/// One reply template found in a file, ready to screen: a whole text or Markdown file, or one string value of
/// a YAML or JSON catalogue.
///
/// `text` is the template with every placeholder (`{{naam}}`, `%s`, `[NAAM]`) replaced by U+FFFC code points,
/// one per code point of the placeholder: placeholders are opaque, never words or personal data, and offsets
/// stay the same. Every code point of `text` maps back to its code-point offset in the file; lines and columns
/// are worked out only for the few offsets a finding needs.
public struct Template: Sendable {
    /// The key path of a catalogue value (`replies.parking.permit_refused.nl`); nil for a whole file.
    public let keyPath: String?
    public let text: String
    /// The file offset of each code point of `text`, and one more for the end.
    let offsets: [Int]
    /// The file's line starts, shared by all templates of the file.
    let lines: LineStarts
    public let placeholders: [Placeholder]

    /// The file position of code-point offset `offset` of the template.
    func position(_ offset: Int) -> FilePosition {
        lines.position(offsets[min(max(0, offset), offsets.count - 1)])
    }

    /// Where the template begins in the file.
    var start: FilePosition { position(0) }
}

/// A placeholder in a template, by name and code-point range.
public struct Placeholder: Sendable, Equatable {
    /// The name inside the placeholder (`naam` for `{{naam}}`, `NAAM` for `[NAAM]`); empty for `%s`.
    public let name: String
    public let range: Range<Int>
}

/// The code-point offset of the first code point of each line of a file, for turning offsets into lines and
/// columns.
struct LineStarts: Sendable {
    let starts: [Int]
    /// The number of code points in the file.
    let count: Int

    init(_ scalars: [Unicode.Scalar]) {
        var starts = [0]
        for index in scalars.indices where scalars[index] == "\n" { starts.append(index + 1) }
        self.starts = starts
        count = scalars.count
    }

    /// The position of code-point offset `offset`.
    func position(_ offset: Int) -> FilePosition {
        var low = 0
        var high = starts.count
        while low + 1 < high {
            let middle = (low + high) / 2
            if starts[middle] <= offset { low = middle } else { high = middle }
        }
        return FilePosition(line: low + 1, column: offset - starts[low] + 1, offset: offset)
    }
}

/// A file's code points with their positions, for mapping text back to lines and columns.
struct SourceText {
    let scalars: [Unicode.Scalar]
    let lines: LineStarts
    /// Offset (into `scalars`) of the first code point of each line.
    var lineStarts: [Int] { lines.starts }

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        lines = LineStarts(scalars)
    }

    /// The position of code-point offset `offset`.
    func position(_ offset: Int) -> FilePosition { lines.position(offset) }

    /// The offset of a 1-based line and column.
    func offset(line: Int, column: Int) -> Int {
        guard line - 1 < lineStarts.count else { return scalars.count }
        return min(scalars.count, lineStarts[max(0, line - 1)] + max(0, column - 1))
    }
}
