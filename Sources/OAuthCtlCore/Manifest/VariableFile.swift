import Foundation
import YAML

/// Parses a `--var-file`: a YAML mapping of names to scalars, or dotenv lines (`NAME=value`, `# comments`).
package enum VariableFile {
    /// The variables in `file`, and a diagnostic per problem.
    package static func parse(_ file: SourceFile) -> ([String: String], [Diagnostic]) {
        let text = String(decoding: file.bytes, as: UTF8.self)
        let looksLikeDotenv = text.split(separator: "\n").contains { line in
            let t = line.trimmingCharacters(in: .whitespaces)
            return !t.isEmpty && !t.hasPrefix("#") && t.contains("=") && !t.contains(": ")
        }
        return looksLikeDotenv ? parseDotenv(text, file: file.path) : parseYAML(file)
    }

    static func parseDotenv(_ text: String, file: String) -> ([String: String], [Diagnostic]) {
        var values: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let eq = line.firstIndex(of: "="), Interpolation.isValidName(String(line[..<eq])) else {
                diagnostics.append(
                    .error(
                        "expected NAME=value in variable file", at: SourceLocation(file: file, line: index + 1, column: 1),
                        code: "bad-var-file"))
                continue
            }
            var value = String(line[line.index(after: eq)...])
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            values[String(line[..<eq])] = value
        }
        return (values, diagnostics)
    }

    static func parseYAML(_ file: SourceFile) -> ([String: String], [Diagnostic]) {
        let result = YAMLLoader.load(file.bytes)
        var diagnostics = result.diagnostics.map { YAMLSourceMap.diagnostic($0, file: file.path) }
        var values: [String: String] = [:]
        for document in result.documents {
            guard let root = document.root else { continue }
            guard case .mapping(let mapping) = root else {
                diagnostics.append(
                    .error(
                        "a variable file must be a mapping of NAME: value", at: YAMLSourceMap.location(root.mark, file.path),
                        code: "bad-var-file"))
                continue
            }
            for entry in mapping.entries {
                guard case .scalar(let key) = entry.key, case .scalar(let value) = entry.value else {
                    diagnostics.append(
                        .error(
                            "variable values must be scalars", at: YAMLSourceMap.location(entry.key.mark, file.path), code: "bad-var-file")
                    )
                    continue
                }
                values[key.value] = value.value
            }
        }
        return (values, diagnostics)
    }
}
