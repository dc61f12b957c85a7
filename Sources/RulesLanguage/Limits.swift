import Diagnostics

/// Bounds a scheme file cannot push the parser past; each refusal names the limit
/// (`rules.limit.*`). Real schemes are a few kilobytes with expressions a handful of levels deep.
public enum RulesLimits {
    /// The whole scheme file, in UTF-8 bytes.
    public static let fileBytes = 1 << 20
    /// Nesting of one expression: brackets, `not`, unary minus, and the operands of a chain
    /// such as `a + b + c` each count one level.
    public static let expressionDepth = 64

    static func oversizedFile(_ source: String, file: String) -> Diagnostic? {
        let size = source.utf8.count
        guard size > fileBytes else { return nil }
        return Diagnostic(RulesDiagnostic.limitFileSize, at: SourceLocation(file: file, line: 1, column: 1),
                          message: "the scheme file holds \(size) bytes, over the file-size limit of \(fileBytes) bytes",
                          hint: "a scheme is a few kilobytes of text; split out tables or check the file is the right one")
    }

    static func tooDeep(at span: SourceSpan) -> Diagnostic {
        Diagnostic(RulesDiagnostic.limitExpressionDepth, at: span,
                   message: "the expression nests more than \(expressionDepth) levels deep, over the "
                       + "expression-depth limit of \(expressionDepth)",
                   hint: "name parts of it with `value` and use the names")
    }
}

extension Expr {
    /// Levels of the tree below and including this node.
    static func depth(of kind: Kind) -> Int {
        func most(_ list: [Expr]) -> Int { list.map(\.depth).max() ?? 0 }
        switch kind {
        case .arithmetic(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b),
             .includes(let a, let b, _):
            return 1 + max(a.depth, b.depth)
        case .negate(let a), .not(let a), .call(_, let a), .highest(let a), .lowest(let a):
            return 1 + a.depth
        case .isOneOf(let a, let options, _):
            return 1 + max(a.depth, most(options))
        case .sum(let a, _, _, let filter):
            return 1 + max(a.depth, filter?.depth ?? 0)
        case .count(_, _, let filter):
            return 1 + (filter?.depth ?? 0)
        case .groupSet(_, let items):
            return 1 + most(items)
        case .number, .money, .percent, .date, .bool, .text, .name, .field:
            return 1
        }
    }
}
