/// A client's address, `provider/name` (e.g. `prod/billing-web`): unique across all manifests.
package struct ClientAddress: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    package var provider: String
    package var name: String

    package init(provider: String, name: String) {
        self.provider = provider
        self.name = name
    }

    /// Parses `provider/name`; nil when it has no single `/` separating two non-empty parts.
    package init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(provider: String(parts[0]), name: String(parts[1]))
    }

    package var description: String { "\(provider)/\(name)" }

    package static func < (a: ClientAddress, b: ClientAddress) -> Bool { a.description < b.description }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = ClientAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad address"))
        }
        self = address
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
