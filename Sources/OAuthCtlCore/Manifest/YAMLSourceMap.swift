import YAML

/// Maps YAML positions and problems to located diagnostics of a manifest file.
package enum YAMLSourceMap {
    static func location(_ mark: Mark, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    static func diagnostic(_ yaml: YAMLDiagnostic, file: String) -> Diagnostic {
        .error(
            yaml.message, at: location(yaml.mark, file), code: "yaml",
            notes: yaml.notes.map { Diagnostic.Note(location: location($0.mark, file), message: $0.message) })
    }
}
