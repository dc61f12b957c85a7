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
/// reason can never become a link, emphasis, raw HTML or break a table row.
enum Markdown {
    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "~", "#", "!":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\n", "\r", "\t":
                out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
