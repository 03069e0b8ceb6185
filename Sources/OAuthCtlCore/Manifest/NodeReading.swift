import YAML

/// Small readers from YAML nodes to plain values, shared by the manifest decoders.
extension Node {
    /// The scalar text when this is a scalar.
    var scalarText: String? { if case .scalar(let s) = self { s.value } else { nil } }

    var mappingValue: Node.Mapping? { if case .mapping(let m) = self { m } else { nil } }

    /// The node as JSON: scalars by the YAML 1.2 core schema, mapping keys as text.
    var json: JSONValue {
        switch self {
        case .scalar(let s):
            switch s.resolved {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .float(let d): return .double(d)
            case .string(let t): return .string(t)
            }
        case .sequence(let s): return .array(s.items.map(\.json))
        case .mapping(let m):
            var object = [String: JSONValue](minimumCapacity: m.entries.count)
            for entry in m.entries { object[entry.key.scalarText ?? "\(entry.key.json)"] = entry.value.json }
            return .object(object)
        }
    }

    /// `noun 'text'` for a scalar, `noun: found a list` (or a mapping) otherwise, so a collection is never
    /// quoted as if it were a name.
    func described(as noun: String) -> String {
        if let text = scalarText { "\(noun) '\(text.excerpt)'" } else { "\(noun): found \(foundDescription)" }
    }

    /// A short description of what was found, for "expects X, found Y" messages.
    var foundDescription: String {
        switch self {
        case .scalar(let s):
            switch s.resolved {
            case .null: return "null"
            case .bool(let b): return "boolean \(b)"
            case .int, .float: return "number \(s.value)"
            case .string(let t) where s.style == .plain: return "plain '\(t.excerpt)'"
            case .string(let t): return "string '\(t.excerpt)'"
            }
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// Checks a mapping's keys against the expected ones, reporting unknown and missing keys.
struct KeyChecker {
    var file: String

    func check(
        _ mapping: Node.Mapping, known: [String], required: [String] = [], context: String,
        allowExtensions: Bool = false, into diagnostics: inout [Diagnostic]
    ) {
        for entry in mapping.entries {
            guard let key = entry.key.scalarText else {
                diagnostics.append(.error("keys in \(context) must be plain strings", at: loc(entry.key.mark), code: "bad-key"))
                continue
            }
            if !known.contains(key), !(allowExtensions && key.hasPrefix("x-")) {
                diagnostics.append(
                    .error(
                        "unknown key '\(key)' in \(context)\(NearestName.suggestion(for: key, in: known))", at: loc(entry.key.mark),
                        code: "unknown-key"))
            }
        }
        for key in required where mapping[key] == nil {
            diagnostics.append(.error("missing required key '\(key)' in \(context)", at: loc(mapping.mark), code: "missing-key"))
        }
    }

    func loc(_ mark: Mark) -> SourceLocation { YAMLSourceMap.location(mark, file) }
}

extension String {
    /// The text for a message: at most 80 characters and one line, so a huge or multi-line value can't
    /// flood the output.
    var excerpt: String {
        let line = prefix { $0 != "\n" && $0 != "\r" }
        if line.count == count, count <= 80 { return self }
        return String(line.prefix(77)) + "..."
    }
}
