/// Compares two canonical clients field by field (pure).
package struct Differ: Sendable {
    package var schema: ClientSchema

    package init(schema: ClientSchema) {
        self.schema = schema
    }

    /// The changes that turn `live` into `desired`, in schema field order.
    /// Fields in `ignoring` (or a `field.key` path inside a JSON field) are left out of the comparison.
    package func diff(desired: [String: JSONValue], live: [String: JSONValue], ignoring: Set<String> = []) -> [FieldChange] {
        var changes: [FieldChange] = []
        // The comparable fields in schema order (worked out once per schema, see `ClientSchema`).
        for field in schema.canonicalRules where ignoring.isEmpty || !ignoring.contains(field.name) {
            var after = desired[field.name] ?? .null
            var before = live[field.name] ?? .null
            if !ignoring.isEmpty {
                let nested = ignoring.compactMap { path -> String? in
                    path.hasPrefix(field.name + ".") ? String(path.dropFirst(field.name.count + 1)) : nil
                }
                if !nested.isEmpty {
                    after = Self.removing(nested, from: after)
                    before = Self.removing(nested, from: before)
                }
            }
            if after != before {
                changes.append(FieldChange(path: field.name, before: before, after: after, forcesReplacement: field.immutable))
            }
        }
        return changes
    }

    /// `value` without the top-level keys in `keys` (for `ignore_fields: [metadata.team]`).
    static func removing(_ keys: [String], from value: JSONValue) -> JSONValue {
        guard var object = value.objectValue else { return value }
        for key in keys { object[key] = nil }
        return .object(object)
    }
}
