/// A place in an input file: 1-based line and column, as editors and libxml2 count them.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A fault in what was typed on a command line (or sent in a request) rather than in a
    /// file: `argument` is what names it (`--explain`), and no line or column is shown.
    public init(commandLine argument: String) {
        self.init(file: argument, line: 0, column: 0)
    }

    public var description: String { line == 0 ? file : "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// A run of characters on one line, for underlining with carets.
public struct SourceSpan: Sendable, Hashable, Codable, CustomStringConvertible {
    public var start: SourceLocation
    /// Number of characters covered on `start.line`; at least 1 when rendered.
    public var length: Int

    public init(start: SourceLocation, length: Int = 1) {
        self.start = start
        self.length = max(length, 0)
    }

    public var description: String { start.description }
}
