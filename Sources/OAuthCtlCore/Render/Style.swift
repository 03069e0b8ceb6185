/// Style markup that renderers emit around text; the CLI turns it into colour or strips it last.
package enum Style: String, Sendable, Hashable {
    case bold, red, green, yellow, cyan, dim, reset

    static let openCharacter: Unicode.Scalar = "\u{E000}"
    static let closeCharacter: Unicode.Scalar = "\u{E001}"
    package static var open: Unicode.Scalar { openCharacter }
    package static var close: Unicode.Scalar { closeCharacter }

    /// The token for this style.
    package var token: String { "\(Style.openCharacter)\(rawValue)\(Style.closeCharacter)" }

    /// `text` wrapped in this style and a reset.
    package func wrap(_ text: String) -> String { token + text + Style.reset.token }
}

extension Style {
    /// `text` with every style token removed (what a non-terminal or `--no-color` shows).
    package static func strip(_ text: String) -> String {
        render(text) { _ in nil }
    }

    /// `text` with each style token replaced by `code(style)` (nothing when nil).
    ///
    /// Also the last line of defence for text the renderers did not escape: a marker that is not part of a
    /// well-formed token, and every control or bidi character other than newline and tab, is written as an
    /// escape (`TerminalText`), so it can neither eat the text after it nor act on the terminal.
    package static func render(_ text: String, code: (Style) -> String?) -> String {
        guard text.unicodeScalars.contains(where: TerminalText.isUnsafe) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == open, let (style, end) = token(in: scalars, at: index) {
                if let code = code(style) { out.append(contentsOf: code.unicodeScalars) }
                index = end
                continue
            }
            if TerminalText.isUnsafe(scalar), scalar != "\n", scalar != "\t" {
                out.append(contentsOf: TerminalText.escaped(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
            index += 1
        }
        return String(out)
    }

    /// The style of the well-formed token starting at `start` (an open marker), and the index after it.
    private static func token(in scalars: [Unicode.Scalar], at start: Int) -> (Style, Int)? {
        var name = ""
        var index = start + 1
        while index < scalars.count, index - start <= 8 {
            if scalars[index] == close { return Style(rawValue: name).map { ($0, index + 1) } }
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        return nil
    }
}
