/// A server rule: when `field` has `value`, at least one of `requires` must be set (an error).
package struct RequiredWithRule: LintRule {
    package var field: String
    package var value: String
    package var requires: [String]
    package var id: String
    package init(id: String, when field: String, is value: String, requires: [String]) {
        self.id = id
        self.field = field
        self.value = value
        self.requires = requires
    }
    package var summary: String { "'\(field): \(value)' needs \(requires.joined(separator: " or "))" }

    package func check(_ client: ClientManifest) -> [Diagnostic] {
        guard client.spec[field]?.stringValue == value,
            !requires.contains(where: { client.spec[$0] != nil || client.secrets[$0] != nil })
        else { return [] }
        let needs = requires.map { "'\($0)'" }.joined(separator: " or ")
        return [
            .error(
                "\(client.address): '\(field): \(value)' needs \(needs); the server rejects it otherwise",
                at: client.fieldLocations[field] ?? client.location, code: id)
        ]
    }
}
