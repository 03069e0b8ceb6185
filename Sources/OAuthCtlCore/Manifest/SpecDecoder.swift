import YAML

/// Decodes a client's `spec` mapping against its provider's schema: types, enums, formats, secrets.
struct SpecDecoder {
    var schema: ClientSchema
    var file: String
    var directory: String
    /// Whose spec this is, for messages.
    var context: Context

    /// Whose spec is decoded: named in a message only when there is one (not built for every client).
    enum Context: CustomStringConvertible {
        case client(name: String, type: String)
        case provider(String)

        var description: String {
            switch self {
            case .client(let name, let type): "OAuth2Client '\(name)' (\(type))"
            case .provider(let name): "provider '\(name)'"
            }
        }
    }

    struct Output {
        var spec: [String: JSONValue] = [:]
        var secrets: [String: SecretReference] = [:]
        var locations = FieldLocations()
    }

    func decode(_ mapping: Node.Mapping, into diagnostics: inout [Diagnostic]) -> Output {
        let count = mapping.entries.count
        var output = Output(spec: .init(minimumCapacity: count), locations: FieldLocations(file: file, capacity: count))
        for entry in mapping.entries {
            guard let name = entry.key.scalarText else {
                diagnostics.append(.error("field names must be plain strings", at: loc(entry.key.mark), code: "bad-key"))
                continue
            }
            output.locations.add(name, line: entry.key.mark.line, column: entry.key.mark.column)
            guard let field = schema.field(name) else {
                let hint = NearestName.suggestion(for: name, in: schema.writableFieldNames)
                diagnostics.append(.error("unknown field '\(name)' in \(context)\(hint)", at: loc(entry.key.mark), code: "unknown-field"))
                continue
            }
            if field.readOnly {
                diagnostics.append(
                    .error(
                        "'\(name)' is set by the server and can't be set in a manifest; remove it", at: loc(entry.key.mark),
                        code: "read-only-field"))
                continue
            }
            if field.sensitive {
                if let reference = secretReference(entry.value, field: name, into: &diagnostics) {
                    output.secrets[name] = reference
                }
                continue
            }
            if let value = FieldValueChecker(field: field, file: file).check(entry.value, into: &diagnostics) {
                output.spec[name] = value
            }
        }
        return output
    }

    /// Reads `{from_env: NAME}` or `{from_file: PATH}`; anything else is an error that says how to fix it.
    func secretReference(_ node: Node, field: String, into diagnostics: inout [Diagnostic]) -> SecretReference? {
        let fix = "write {from_env: NAME} or {from_file: PATH}"
        guard case .mapping(let mapping) = node else {
            diagnostics.append(.error("'\(field)' takes a reference, not a literal; \(fix)", at: loc(node.mark), code: "literal-secret"))
            return nil
        }
        guard mapping.entries.count == 1, let entry = mapping.entries.first, let key = entry.key.scalarText,
            key == "from_env" || key == "from_file"
        else {
            diagnostics.append(
                .error("'\(field)' takes exactly one of from_env or from_file; \(fix)", at: loc(node.mark), code: "bad-secret-reference"))
            return nil
        }
        guard case .scalar(let scalar) = entry.value, case .string(let text) = scalar.resolved, !text.isEmpty else {
            diagnostics.append(
                .error("'\(key)' of '\(field)' expects a non-empty string", at: loc(entry.value.mark), code: "bad-secret-reference"))
            return nil
        }
        if key == "from_env" {
            guard Interpolation.isValidName(text) else {
                diagnostics.append(
                    .error(
                        "'\(text.excerpt)' is not a valid environment variable name; use letters, digits and '_'",
                        at: loc(entry.value.mark), code: "bad-secret-reference"))
                return nil
            }
            return .env(text)
        }
        return .file(text.hasPrefix("/") || directory.isEmpty ? text : directory + "/" + text)
    }

    func loc(_ mark: Mark) -> SourceLocation { YAMLSourceMap.location(mark, file) }
}
