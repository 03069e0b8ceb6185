/// Every provider and client declared in a set of manifests, after resolve.
public struct ManifestSet: Sendable {
    public var providers: [ProviderManifest]
    public var clients: [ClientManifest]

    public init(providers: [ProviderManifest], clients: [ClientManifest]) {
        self.providers = providers
        self.clients = clients
    }

    /// The provider named `name`.
    public func provider(_ name: String) -> ProviderManifest? { providers.first { $0.name == name } }
}
