/// A position in a configuration file: the file's path as the user gave it, a 1-based line and a 1-based column
/// counted in Unicode code points.
///
/// Printed as `path:line:col`, the form compilers use and editors jump to.
public struct SourceMark: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceMark, rhs: SourceMark) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
