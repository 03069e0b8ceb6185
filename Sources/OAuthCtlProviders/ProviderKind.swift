import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

/// A provider type: its descriptor (the manifest's `spec` keys, the client schema) and the factory that
/// builds its adapter. A new provider is one folder that defines one of these, plus one line in
/// `ProviderRegistry.kinds`.
struct ProviderKind: Sendable {
    /// What a factory is given: the manifest's provider, its type's schema, how to resolve secrets, and
    /// the HTTP client already built on the provider's connection.
    struct Context {
        var provider: ProviderManifest
        var schema: ClientSchema
        var secrets: any SecretResolving
        var http: HTTPClient
        /// The `--timeout` budget of the connection (seconds), for side connections (Boruta's token).
        var timeout: Double

        /// The secret at `spec.auth.<key>` resolved, and where it comes from (for 401/403 hints); nils when unset.
        func credential(_ key: String) throws -> (SecretValue?, String?) {
            guard case .secret(let reference)? = provider.auth[key] else { return (nil, nil) }
            return (try secrets.resolve(reference), "\(key) \(reference)")
        }
    }

    let descriptor: ProviderDescriptor
    let makeAdapter: @Sendable (Context) throws -> any ProviderAdapter
}
