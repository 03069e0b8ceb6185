/// A server rule: at most one of `fields` may be set (an error).
public struct ExclusiveFieldsRule: LintRule {
    public var fields: [String]
    public var id: String
    public init(id: String, fields: [String]) {
        self.id = id
        self.fields = fields
    }
    public var summary: String { "only one of \(fields.joined(separator: ", ")) may be set" }

    public func check(_ client: ClientManifest) -> [Diagnostic] {
        let set = fields.filter { client.spec[$0] != nil }
        guard set.count > 1, let second = set.dropFirst().first else { return [] }
        let names = set.map { "'\($0)'" }.joined(separator: " and ")
        return [
            .error(
                "\(client.address): \(names) can't both be set; choose one", at: client.fieldLocations[second] ?? client.location, code: id)
        ]
    }
}
