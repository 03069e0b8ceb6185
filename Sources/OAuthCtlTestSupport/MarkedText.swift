import Foundation

/// Fixture text with position markers (`1️⃣`, `2️⃣`, … `9️⃣`, `🔟`) stripped out and their positions kept.
///
/// A marker's position is the 1-based line and column of the character right after it in the clean
/// text, with columns counted in Unicode scalars (as libyaml counts them) and lines broken at LF, CR LF
/// and CR. Write the marker just before the character a diagnostic must point at: `a: 1\n1️⃣a: 2`.
package struct MarkedText: Sendable {
    /// A 1-based line and column in the clean text.
    package struct Position: Sendable, Hashable, CustomStringConvertible {
        package let line: Int
        package let column: Int
        package init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
        package var description: String { "\(line):\(column)" }
    }

    /// The text without markers.
    package let text: String
    /// Marker number → position in `text`.
    package let markers: [Int: Position]

    /// Strips the markers from `marked`, remembering where each one was.
    package init(_ marked: String) {
        let scalars = Array(marked.unicodeScalars)
        var clean = String.UnicodeScalarView()
        var markers: [Int: Position] = [:]
        var line = 1
        var column = 1
        var i = 0
        while i < scalars.count {
            if let (number, width) = MarkedText.marker(in: scalars, at: i) {
                markers[number] = Position(line: line, column: column)
                i += width
                continue
            }
            let scalar = scalars[i]
            clean.append(scalar)
            if scalar == "\n" || (scalar == "\r" && (i + 1 >= scalars.count || scalars[i + 1] != "\n")) {
                line += 1
                column = 1
            } else if scalar != "\r" {
                column += 1
            }
            i += 1
        }
        self.text = String(clean)
        self.markers = markers
    }

    /// The clean text as UTF-8 bytes.
    package var bytes: [UInt8] { Array(text.utf8) }

    /// The position of marker `number`, or nil if the fixture has no such marker.
    package subscript(number: Int) -> Position? { markers[number] }

    /// A keycap marker (digit, U+FE0F, U+20E3) or 🔟 at `index`: its number and length in scalars.
    private static func marker(in scalars: [Unicode.Scalar], at index: Int) -> (Int, Int)? {
        if scalars[index] == "\u{1F51F}" { return (10, 1) }
        guard index + 2 < scalars.count, scalars[index + 1] == "\u{FE0F}", scalars[index + 2] == "\u{20E3}",
            let digit = Int(String(scalars[index]))
        else { return nil }
        return (digit, 3)
    }
}
