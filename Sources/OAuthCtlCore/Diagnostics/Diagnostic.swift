/// A problem found in the user's input, with where it is and what would be right.
///
/// Holds only strings built from names, paths and positions: never a secret value.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    /// How serious the problem is. Only `error` changes the exit code.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    /// A secondary message at another place (e.g. "first defined here").
    public struct Note: Sendable, Hashable {
        public var location: SourceLocation?
        public var message: String
        public init(location: SourceLocation?, message: String) {
            self.location = location
            self.message = message
        }
    }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    /// A stable identifier for scripts (e.g. `unknown-field`).
    public var code: String
    public var notes: [Note]

    public init(
        _ severity: Severity, _ message: String, at location: SourceLocation?, code: String, notes: [Note] = []
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.code = code
        self.notes = notes
    }

    public static func error(_ message: String, at location: SourceLocation?, code: String, notes: [Note] = [])
        -> Diagnostic
    {
        Diagnostic(.error, message, at: location, code: code, notes: notes)
    }

    public static func warning(_ message: String, at location: SourceLocation?, code: String) -> Diagnostic {
        Diagnostic(.warning, message, at: location, code: code)
    }

    /// The compiler-style first line: `file:line:column: severity: message`.
    public var headline: String {
        if let location { "\(location): \(severity.rawValue): \(message)" } else { "\(severity.rawValue): \(message)" }
    }

    /// The headline followed by one line per note.
    public var description: String {
        ([headline]
            + notes.map { note in
                note.location.map { "\($0): note: \(note.message)" } ?? "note: \(note.message)"
            }).joined(separator: "\n")
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics sorted by file, line and column; unlocated ones first.
    public func sortedByLocation() -> [Diagnostic] {
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
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
