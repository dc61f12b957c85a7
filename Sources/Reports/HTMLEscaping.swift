/// Escaping for text placed in HTML element content and in double-quoted attribute values.
/// Every piece of text that comes from an input (ids, names, explanations) goes through here.
enum HTML {
    static func escape(_ text: some StringProtocol) -> String {
        // Most text needs no escaping; it is returned as it is.
        let plain = text.utf8.allSatisfy { byte in
            byte >= 0x20 && byte != 0x7F && byte != 0x26 && byte != 0x3C && byte != 0x3E && byte != 0x22 && byte != 0x27
                || byte == 0x0A || byte == 0x09
        }
        if plain { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newline are not allowed in HTML text.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" || scalar.value == 0x7F {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

/// Escaping for Markdown text (CommonMark backslash escapes), so a bidder's name or a
/// reason can never become a link, emphasis, raw HTML or break a table row. Only characters
/// that could start markup where they stand are escaped, so `12.00 < 12.21` and
/// `hourly_rate` read as written in a plain-text viewer.
enum Markdown {
    static func escape(_ text: some StringProtocol) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        func isWordScalar(_ i: Int) -> Bool {
            i >= 0 && i < scalars.count && (scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]))
        }
        for (i, scalar) in scalars.enumerated() {
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            let escape: Bool
            switch scalar {
            case "\\", "`", "*", "[", "]", "|", "~":
                escape = true
            // Intraword underscores never make emphasis (CommonMark's flanking rules).
            case "_":
                escape = !(isWordScalar(i - 1) && isWordScalar(i + 1))
            // `<` opens raw HTML or an autolink only before a letter, `/`, `!` or `?`.
            case "<":
                escape = next.map { $0.properties.isAlphabetic || $0 == "/" || $0 == "!" || $0 == "?" } ?? false
            // `&` starts an entity only as `&name;` or `&#…;`.
            case "&":
                var j = i + 1
                if j < scalars.count, scalars[j] == "#" { j += 1 }
                let start = j
                while j < scalars.count, isWordScalar(j) { j += 1 }
                escape = j > start && j < scalars.count && scalars[j] == ";"
            // A link or image starts with `[`; `!` matters only before one.
            case "!":
                escape = next == "["
            // Block markers count at the start of a line only; text here starts one.
            case "#", ">", "-", "+":
                escape = i == 0
            default:
                escape = false
            }
            switch scalar {
            case "\n", "\r", "\t":
                out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\u{FFFD}"
                } else {
                    if escape { out += "\\" }
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
