/// A server rule: at most one of `fields` may be set (an error).
package struct ExclusiveFieldsRule: LintRule {
    package var fields: [String]
    package var id: String
    package init(id: String, fields: [String]) {
        self.id = id
        self.fields = fields
    }
    package var summary: String { "only one of \(fields.joined(separator: ", ")) may be set" }

    package func check(_ client: ClientManifest) -> [Diagnostic] {
        let set = fields.filter { client.spec[$0] != nil }
        guard set.count > 1, let second = set.dropFirst().first else { return [] }
        let names = set.map { "'\($0)'" }.joined(separator: " and ")
        return [
            .error(
                "\(client.address): \(names) can't both be set; choose one", at: client.fieldLocations[second] ?? client.location, code: id)
        ]
    }
}
