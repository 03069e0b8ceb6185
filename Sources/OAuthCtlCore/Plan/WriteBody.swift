/// Builds the full body that apply sends for a create, update or replace (pure).
///
/// Starts from the action's canonical desired client, writes ignored fields back with their live
/// values (a full replace would otherwise reset them), adds the ownership marker and the secrets.
package enum WriteBody {
    package static func make(
        _ action: PlannedAction, schema: ClientSchema, secrets: [String: SecretValue], fingerprints: [String: String]
    ) -> [String: JSONValue] {
        var body = action.after ?? [:]
        for path in action.ignoreFields.sorted() {
            let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
            guard let field = parts.first else { continue }
            if parts.count == 1 {
                body[field] = action.before?[field]
            } else if var object = body[field]?.objectValue {
                object[parts[1]] = action.before?[field]?[parts[1]]
                body[field] = .object(object)
            }
        }
        if var marker = action.marker {
            marker.fingerprints = fingerprints
            schema.ownership.write(marker, into: &body)
        }
        for (field, value) in secrets { body[field] = .string(value.revealed) }
        return body
    }
}
