import OAuthCtlCore

/// Turns the style tokens of `Style` into ANSI escapes, or strips them when colour is off.
public enum Colorizer {
    static let codes: [Style: String] = [
        .bold: "\u{1B}[1m", .red: "\u{1B}[31m", .green: "\u{1B}[32m", .yellow: "\u{1B}[33m", .cyan: "\u{1B}[36m",
        .dim: "\u{1B}[2m", .reset: "\u{1B}[0m",
    ]

    public static func apply(_ text: String, enabled: Bool) -> String {
        guard text.unicodeScalars.contains(Style.open) else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: Character(Style.open)) {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: Character(Style.close)) else { break }
            if enabled, let style = Style(rawValue: String(rest[afterOpen..<close])), let code = codes[style] {
                out += code
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
