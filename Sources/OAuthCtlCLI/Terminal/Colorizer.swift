import OAuthCtlCore

/// Turns the style tokens of `Style` into ANSI escapes, or strips them when colour is off.
package enum Colorizer {
    static let codes: [Style: String] = [
        .bold: "\u{1B}[1m", .red: "\u{1B}[31m", .green: "\u{1B}[32m", .yellow: "\u{1B}[33m", .cyan: "\u{1B}[36m",
        .dim: "\u{1B}[2m", .reset: "\u{1B}[0m",
    ]

    /// `text` with its style tokens as ANSI escapes (or removed when `enabled` is false); stray markers and
    /// control characters are escaped (see `Style.render`).
    package static func apply(_ text: String, enabled: Bool) -> String {
        Style.render(text) { enabled ? codes[$0] : nil }
    }
}
