/// Escaping for user-controlled text in GitHub-flavoured Markdown: table cells, HTML and prose. Control,
/// bidi and markup characters are written as escapes in all three (`TerminalText`).
enum MarkdownEscaping {
    /// `text` as a code span that is safe in a table cell: a backtick fence longer than any run inside,
    /// `|` escaped (GFM table rule), newlines shown as `↵`. Nothing inside is parsed as Markdown or HTML.
    static func code(_ text: String) -> String {
        var longestRun = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        var body = ""
        for character in text {
            switch character {
            case "\n", "\r", "\r\n": body += "↵"
            case "|": body += "\\|"
            default: body += TerminalText.escape(String(character))
            }
        }
        if body.hasPrefix("`") || body.hasSuffix("`") || body.hasPrefix(" ") && body.hasSuffix(" ") { body = " \(body) " }
        return fence + body + fence
    }

    /// `text` for raw HTML (`<summary>`): `&`, `<`, `>` and `"` as entities, and `|` too.
    static func html(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "|": out += "&#124;"
            case "`": out += "&#96;"
            case "\n", "\r": out += " "
            default: out += TerminalText.escape(String(character))
            }
        }
        return out
    }

    /// `text` as inline prose: Markdown punctuation backslash-escaped, newlines as spaces.
    static func prose(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "~", "&": out += "\\" + String(character)
            case "\n", "\r": out += " "
            default: out += TerminalText.escape(String(character))
            }
        }
        return out
    }

    /// `text` cut to at most `limit` characters, with `…` when cut.
    static func truncated(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
