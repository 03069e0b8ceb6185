/// A client's address, `provider/name` (e.g. `prod/billing-web`): unique across all manifests.
public struct ClientAddress: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var provider: String
    public var name: String

    public init(provider: String, name: String) {
        self.provider = provider
        self.name = name
    }

    /// Parses `provider/name`; nil when it has no single `/` separating two non-empty parts.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(provider: String(parts[0]), name: String(parts[1]))
    }

    public var description: String { "\(provider)/\(name)" }

    public static func < (a: ClientAddress, b: ClientAddress) -> Bool { a.description < b.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = ClientAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad address"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
