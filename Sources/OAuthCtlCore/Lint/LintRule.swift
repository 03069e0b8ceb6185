/// A security check on a desired client: legal for the server, but risky. Findings are warnings.
package protocol LintRule: Sendable {
    /// A stable id, shown in parentheses after the message, e.g. `(implicit-grant)`.
    var id: String { get }
    /// One sentence: what the rule guards against.
    var summary: String { get }
    /// The findings for one client.
    func check(_ client: ClientManifest) -> [Diagnostic]
}

extension LintRule {
    /// A warning at the field's position (or the client's), tagged with the rule id.
    func finding(_ message: String, field: String, in client: ClientManifest) -> Diagnostic {
        .warning("\(client.address): \(message) (\(id))", at: client.fieldLocations[field] ?? client.location, code: id)
    }

    /// The string items of a list field.
    func strings(_ field: String, in client: ClientManifest) -> [String] {
        client.spec[field]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
