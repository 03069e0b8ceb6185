/// Escaping for text that came from a server or a manifest, so that it can't act on a terminal or a
/// renderer: C0 controls (ESC, CR, BS, …), DEL, C1 controls, Unicode bidi overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), the line and paragraph separators (U+2028, U+2029) and the
/// private-use characters that `Style` uses as markup (U+E000, U+E001) are written as escapes.
///
/// The escapes are JSON's: `\n`, `\r`, `\t`, else `\u001b`-style, so a value reads the same in the
/// text plan and in the JSON plan.
package enum TerminalText {
    /// True for a scalar that must not reach output as itself.
    @inline(__always)
    package static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028...0x202E, 0x2066...0x2069, 0xE000...0xE001: return true
        default: return false
        }
    }

    /// `text` with every unsafe scalar escaped (newlines and tabs too: the result is one line).
    package static func escape(_ text: String) -> String {
        escape(text, keeping: [])
    }

    /// `text` with every unsafe scalar escaped except those in `keeping` (e.g. `"\n"` for multi-line text).
    package static func escape(_ text: String, keeping: Set<Unicode.Scalar>) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && !keeping.contains($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isUnsafe(scalar), !keeping.contains(scalar) else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: escaped(scalar).unicodeScalars)
        }
        return String(out)
    }

    /// The escape for one unsafe scalar: `\n`, `\r`, `\t`, or `\u001b`-style.
    package static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            let hex = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }
}
