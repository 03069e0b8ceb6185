/// Every provider and client declared in a set of manifests, after resolve.
package struct ManifestSet: Sendable {
    package var providers: [ProviderManifest]
    package var clients: [ClientManifest]

    package init(providers: [ProviderManifest], clients: [ClientManifest]) {
        self.providers = providers
        self.clients = clients
    }

    /// The provider named `name`.
    package func provider(_ name: String) -> ProviderManifest? { providers.first { $0.name == name } }
}
