/// Where each field of a client's `spec` was written (its key), for diagnostics: one file name and a line
/// and column per field, in source order. Read only to place a message, so a name is found by a scan; a
/// decoded manifest builds no table and holds no copy of the file name per field.
package struct FieldLocations: Sendable {
    private let file: String
    private var entries: [(name: String, line: Int, column: Int)] = []

    /// No fields yet, in `file`.
    package init(file: String = "", capacity: Int = 0) {
        self.file = file
        entries.reserveCapacity(capacity)
    }

    /// Where `name` was written; nil when the spec doesn't set it.
    package subscript(name: String) -> SourceLocation? {
        guard let entry = entries.first(where: { $0.name == name }) else { return nil }
        return SourceLocation(file: file, line: entry.line, column: entry.column)
    }

    /// Records where `name` was written, in this file (a name not set yet: the decoder sees each key once).
    mutating func add(_ name: String, line: Int, column: Int) {
        entries.append((name, line, column))
    }
}
