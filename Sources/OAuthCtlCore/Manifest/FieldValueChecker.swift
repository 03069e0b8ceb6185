import YAML

/// Checks one field's YAML value against its `FieldSchema` and converts it to JSON.
struct FieldValueChecker {
    var field: FieldSchema
    var file: String

    func check(_ node: Node, into diagnostics: inout [Diagnostic]) -> JSONValue? {
        switch field.kind {
        case .string, .duration:
            guard let text = string(node, into: &diagnostics) else { return nil }
            if field.kind == .duration, GoDuration.parse(text) == nil {
                diagnostics.append(
                    .error(
                        "'\(field.name)' expects a duration like '1h', '30m' or '3600s', found '\(text.excerpt)'", at: loc(node),
                        code: "bad-duration"))
                return nil
            }
            return checkItem(text, at: node, into: &diagnostics) ? .string(text) : nil
        case .boolean:
            if case .scalar(let s) = node, case .bool(let b) = s.resolved { return .bool(b) }
            var hint = ""
            if case .scalar(let s) = node, s.style == .plain, ["yes", "no", "on", "off", "y", "n"].contains(s.value.lowercased()) {
                hint = "; write true or false (YAML 1.2 reads '\(s.value)' as a string)"
            }
            diagnostics.append(
                .error("'\(field.name)' expects true or false, found \(node.foundDescription)\(hint)", at: loc(node), code: "wrong-type"))
            return nil
        case .integer:
            if case .scalar(let s) = node, case .int(let i) = s.resolved { return .int(i) }
            return mismatch("an integer", node, &diagnostics)
        case .stringList:
            guard case .sequence(let sequence) = node else { return mismatch("a list of strings", node, &diagnostics) }
            var items: [JSONValue] = []
            var seen = SeenStrings()
            for item in sequence.items {
                guard let text = string(item, into: &diagnostics) else { continue }
                if !seen.insert(text) {
                    diagnostics.append(
                        .warning("'\(text.excerpt)' is listed twice in '\(field.name)'", at: loc(item), code: "duplicate-item"))
                }
                if checkItem(text, at: item, into: &diagnostics) { items.append(.string(text)) }
            }
            return .array(items)
        case .spaceSeparatedSet:
            if case .sequence(let sequence) = node {
                let tokens = sequence.items.compactMap { string($0, into: &diagnostics) }
                return .string(tokens.joined(separator: " "))
            }
            return string(node, into: &diagnostics).map(JSONValue.string)
        case .json:
            return node.json
        case .object:
            guard case .mapping = node else { return mismatch("a mapping", node, &diagnostics) }
            return node.json
        case .objectRef(let keys):
            guard case .mapping(let mapping) = node else {
                return mismatch("a mapping with \(keys.joined(separator: " or "))", node, &diagnostics)
            }
            var object: [String: JSONValue] = [:]
            for entry in mapping.entries {
                guard let key = entry.key.scalarText, keys.contains(key) else {
                    let name = entry.key.scalarText ?? entry.key.foundDescription
                    diagnostics.append(
                        .error(
                            "unknown key '\(name)' in '\(field.name)'\(NearestName.suggestion(for: name, in: keys)); expected: \(keys.joined(separator: ", "))",
                            at: loc(entry.key), code: "unknown-field"))
                    continue
                }
                guard let text = string(entry.value, into: &diagnostics) else { continue }
                if let format = field.format, let problem = URIFormat.problem(with: text, format: format) {
                    diagnostics.append(
                        .error("'\(text)' is not valid for '\(field.name).\(key)': \(problem)", at: loc(entry.value), code: "bad-value"))
                    continue
                }
                object[key] = .string(text)
            }
            if object.isEmpty {
                diagnostics.append(.error("'\(field.name)' needs \(keys.joined(separator: " or "))", at: loc(node), code: "missing-key"))
                return nil
            }
            return .object(object)
        case .jwks:
            return JWKSChecker(field: field.name, file: file).check(node, into: &diagnostics)
        }
    }

    private func string(_ node: Node, into diagnostics: inout [Diagnostic]) -> String? {
        if case .scalar(let s) = node, case .string(let text) = s.resolved { return text }
        let quote = if case .scalar = node { "; quote it if you mean a string" } else { "" }
        diagnostics.append(
            .error("'\(field.name)' expects a string, found \(node.foundDescription)\(quote)", at: loc(node), code: "wrong-type"))
        return nil
    }

    private func mismatch(_ expected: String, _ node: Node, _ diagnostics: inout [Diagnostic]) -> JSONValue? {
        diagnostics.append(.error("'\(field.name)' expects \(expected), found \(node.foundDescription)", at: loc(node), code: "wrong-type"))
        return nil
    }

    /// Allowed values and formats, for a string or one list item.
    private func checkItem(_ text: String, at node: Node, into diagnostics: inout [Diagnostic]) -> Bool {
        if let allowed = field.allowedValues {
            let candidate = field.normalization == .lowercase ? text.lowercased() : text
            if !allowed.contains(candidate) {
                let suggestion = NearestName.nearest(to: text, in: allowed).map { "did you mean '\($0)'? " } ?? ""
                let message =
                    "invalid value '\(text.excerpt)' for '\(field.name)'; \(suggestion)expected one of: \(allowed.joined(separator: ", "))"
                if field.allowedValuesAdvisory {
                    diagnostics.append(.warning(message, at: loc(node), code: "unknown-value"))
                } else {
                    diagnostics.append(.error(message, at: loc(node), code: "bad-value"))
                    return false
                }
            }
        }
        if let format = field.format, let problem = URIFormat.problem(with: text, format: format) {
            diagnostics.append(.error("'\(text.excerpt)' is not valid for '\(field.name)': \(problem)", at: loc(node), code: "bad-uri"))
            return false
        }
        return true
    }

    private func loc(_ node: Node) -> SourceLocation { YAMLSourceMap.location(node.mark, file) }
}

/// The strings of a list seen so far: a few (every real list) are compared one by one, more are hashed.
private struct SeenStrings {
    private var few: [String] = []
    private var many: Set<String>?

    /// Adds `text`; false when it was already there.
    mutating func insert(_ text: String) -> Bool {
        if many != nil { return many?.insert(text).inserted ?? true }
        if few.contains(text) { return false }
        few.append(text)
        if few.count > 16 { many = Set(few) }
        return true
    }
}
