/// A small document model (headings, paragraphs, lists, tables of inline text) so one
/// assessment summary can be written once and rendered as Markdown or HTML, each escaping
/// text its own way.
struct SimpleDocument {
    enum Inline {
        case text(String)
        case strong(String)
        case code(String)
    }

    typealias Line = [Inline]

    enum Block {
        case heading(Int, Line)
        case paragraph(Line)
        case list([Line])
        /// Header cells, rows, and which columns are numeric (right-aligned).
        case table([Line], [[Line]], Set<Int>)
    }

    var title: String
    var blocks: [Block] = []

    mutating func add(_ block: Block) { blocks.append(block) }

    // MARK: Markdown (CommonMark with GFM tables)

    func markdown() -> String {
        var out: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let line):
                out.append(String(repeating: "#", count: max(1, min(level, 6))) + " " + Self.markdown(line))
            case .paragraph(let line):
                out.append(Self.markdown(line))
            case .list(let items):
                out.append(items.map { "- " + Self.markdown($0) }.joined(separator: "\n"))
            case .table(let header, let rows, let numeric):
                var lines = ["| " + header.map(Self.markdown).joined(separator: " | ") + " |"]
                lines.append("|" + header.indices.map { numeric.contains($0) ? " ---: |" : " --- |" }.joined())
                for row in rows { lines.append("| " + row.map(Self.markdown).joined(separator: " | ") + " |") }
                out.append(lines.joined(separator: "\n"))
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    static func markdown(_ line: Line) -> String {
        line.map { inline in
            switch inline {
            case .text(let text): Markdown.escape(text)
            case .strong(let text): text.isEmpty ? "" : "**" + Markdown.escape(text) + "**"
            case .code(let text): codeSpan(text)
            }
        }.joined()
    }

    /// A code span whose fence is longer than any run of backticks inside it; pipes escaped
    /// so it can sit in a table cell.
    static func codeSpan(_ text: String) -> String {
        var longest = 0, run = 0
        for c in text { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        var body = ""
        for c in text {
            switch c {
            case "|": body += "\\|"
            case "\n", "\r", "\r\n", "\t": body += " "
            default: body.append(c)
            }
        }
        let pad = body.hasPrefix("`") || body.hasSuffix("`") ? " " : ""
        return fence + pad + body + pad + fence
    }

    // MARK: HTML

    func html(style: String) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(HTML.escape(title))</title>\n<style>\n\(style)\n</style>\n</head>\n<body>\n<main>\n"
        for block in blocks {
            switch block {
            case .heading(let level, let line):
                let l = max(1, min(level, 6))
                out += "<h\(l)>\(Self.html(line))</h\(l)>\n"
            case .paragraph(let line):
                out += "<p>\(Self.html(line))</p>\n"
            case .list(let items):
                out += "<ul>" + items.map { "<li>\(Self.html($0))</li>" }.joined() + "</ul>\n"
            case .table(let header, let rows, let numeric):
                func cell(_ tag: String, _ index: Int, _ line: Line) -> String {
                    "<\(tag)\(numeric.contains(index) ? " class=\"num\"" : "")>\(Self.html(line))</\(tag)>"
                }
                out += "<table><thead><tr>" + header.enumerated().map { cell("th", $0, $1) }.joined() + "</tr></thead><tbody>"
                for row in rows { out += "<tr>" + row.enumerated().map { cell("td", $0, $1) }.joined() + "</tr>" }
                out += "</tbody></table>\n"
            }
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    static func html(_ line: Line) -> String {
        line.map { inline in
            switch inline {
            case .text(let text): HTML.escape(text)
            case .strong(let text): "<strong>" + HTML.escape(text) + "</strong>"
            case .code(let text): "<code>" + HTML.escape(text) + "</code>"
            }
        }.joined()
    }
}
