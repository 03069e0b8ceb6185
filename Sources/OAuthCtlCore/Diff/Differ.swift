/// Compares two canonical clients field by field (pure).
package struct Differ: Sendable {
    package var schema: ClientSchema

    package init(schema: ClientSchema) {
        self.schema = schema
    }

    /// The changes that turn `live` into `desired`, in schema field order: a walk over the comparable
    /// fields by index. Fields in `ignoring` (or a `field.key` path inside a JSON field) are left out.
    package func diff(desired: CanonicalClient, live: CanonicalClient, ignoring: Set<String> = []) -> [FieldChange] {
        // One form (a live client canonicalized `like:` the desired one is that very form): nothing differs.
        if desired == live { return [] }
        var changes: [FieldChange] = []
        let rules = schema.canonicalRules
        for index in rules.indices where desired.values[index] != live.values[index] {
            let field = rules[index]
            var after = desired.values[index]
            var before = live.values[index]
            if !ignoring.isEmpty {
                if ignoring.contains(field.name) { continue }
                let nested = ignoring.compactMap { path -> String? in
                    path.hasPrefix(field.name + ".") ? String(path.dropFirst(field.name.count + 1)) : nil
                }
                if !nested.isEmpty {
                    after = Self.removing(nested, from: after)
                    before = Self.removing(nested, from: before)
                    if after == before { continue }
                }
            }
            changes.append(FieldChange(path: field.name, before: before, after: after, forcesReplacement: field.immutable))
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
