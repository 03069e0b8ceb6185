import YAML

/// Loads manifest files into YAML documents, mapping YAML problems to located diagnostics.
package enum DocumentLoader {
    /// A YAML document and the file it came from.
    package struct LoadedDocument: Sendable {
        package var file: String
        package var directory: String
        package var root: Node
    }

    /// Loads every document of every file; empty documents are skipped.
    package static func load(_ files: [SourceFile]) -> ([LoadedDocument], [Diagnostic]) {
        var documents: [LoadedDocument] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            let result = YAMLLoader.load(file.bytes)
            diagnostics += result.diagnostics.map { diagnostic($0, file: file.path) }
            for document in result.documents {
                guard let root = document.root else { continue }
                documents.append(LoadedDocument(file: file.path, directory: file.directory, root: root))
            }
        }
        return (documents, diagnostics)
    }

    static func location(_ mark: Mark, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    static func diagnostic(_ yaml: YAMLDiagnostic, file: String) -> Diagnostic {
        .error(
            yaml.message, at: location(yaml.mark, file), code: "yaml",
            notes: yaml.notes.map { Diagnostic.Note(location: location($0.mark, file), message: $0.message) })
    }
}
