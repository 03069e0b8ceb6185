/// A problem found in the user's input, with where it is and what would be right.
///
/// Holds only strings built from names, paths and positions: never a secret value.
package struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    /// How serious the problem is. Only `error` changes the exit code.
    package enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    /// A secondary message at another place (e.g. "first defined here").
    package struct Note: Sendable, Hashable {
        package var location: SourceLocation?
        package var message: String
        package init(location: SourceLocation?, message: String) {
            self.location = location
            self.message = message
        }
    }

    package var severity: Severity
    package var location: SourceLocation?
    package var message: String
    /// A stable identifier for scripts (e.g. `unknown-field`).
    package var code: String
    package var notes: [Note]

    package init(
        _ severity: Severity, _ message: String, at location: SourceLocation?, code: String, notes: [Note] = []
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.code = code
        self.notes = notes
    }

    package static func error(_ message: String, at location: SourceLocation?, code: String, notes: [Note] = [])
        -> Diagnostic
    {
        Diagnostic(.error, message, at: location, code: code, notes: notes)
    }

    package static func warning(_ message: String, at location: SourceLocation?, code: String) -> Diagnostic {
        Diagnostic(.warning, message, at: location, code: code)
    }

    /// The compiler-style first line: `file:line:column: severity: message`.
    package var headline: String {
        if let location { "\(location): \(severity.rawValue): \(message)" } else { "\(severity.rawValue): \(message)" }
    }

    /// The headline followed by one line per note.
    package var description: String {
        ([headline]
            + notes.map { note in
                note.location.map { "\($0): note: \(note.message)" } ?? "note: \(note.message)"
            }).joined(separator: "\n")
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics sorted by file, line and column; unlocated ones first.
    package func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return x == y ? a.offset < b.offset : x < y
            }
        }.map(\.element)
    }

    /// True when any diagnostic is an error.
    package var hasErrors: Bool { contains { $0.severity == .error } }
}
