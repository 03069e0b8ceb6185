/// Style markup that renderers emit around text; the CLI turns it into colour or strips it last.
public enum Style: String, Sendable, Hashable {
    case bold, red, green, yellow, cyan, dim, reset

    static let openCharacter: Unicode.Scalar = "\u{E000}"
    static let closeCharacter: Unicode.Scalar = "\u{E001}"
    public static var open: Unicode.Scalar { openCharacter }
    public static var close: Unicode.Scalar { closeCharacter }

    /// The token for this style.
    public var token: String { "\(Style.openCharacter)\(rawValue)\(Style.closeCharacter)" }

    /// `text` wrapped in this style and a reset.
    public func wrap(_ text: String) -> String { token + text + Style.reset.token }
}

extension Style {
    /// `text` with every style token removed (what a non-terminal or `--no-color` shows).
    public static func strip(_ text: String) -> String {
        guard text.unicodeScalars.contains(open) else { return text }
        var out = String.UnicodeScalarView()
        var inToken = false
        for scalar in text.unicodeScalars {
            if scalar == open {
                inToken = true
            } else if scalar == close {
                inToken = false
            } else if !inToken {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
