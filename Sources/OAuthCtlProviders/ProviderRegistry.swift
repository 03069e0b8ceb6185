import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

/// Every provider type oauthctl knows: its descriptor (schema) and how to build its adapter.
public enum ProviderRegistry {
    /// The descriptors, in help order.
    public static let descriptors: [ProviderDescriptor] = [HydraSchema.hydra, HydraSchema.oryNetwork]

    /// The descriptor for `type`.
    public static func descriptor(_ type: String) -> ProviderDescriptor? {
        descriptors.first { $0.type == type }
    }

    /// How adapters talk HTTP: the transport (real, or a recording one for `--dry-run`) and its policies.
    public struct Connection: Sendable {
        public var transport: any HTTPTransport
        public init(transport: any HTTPTransport) {
            self.transport = transport
        }

        /// The standard stack (URLSession, pacing, retries), with an optional retry observer.
        public static func standard(
            timeout: TimeInterval = 30, policy: RetryPolicy = RetryPolicy(), writesPerMinute: Int? = nil, writesPerSecond: Int? = nil,
            onRetry: RetryingTransport.RetryObserver? = nil
        ) -> Connection {
            var base: any HTTPTransport = URLSessionTransport(timeout: timeout)
            base = PacedTransport(base: base, pacer: WritePacer(writesPerMinute: writesPerMinute, writesPerSecond: writesPerSecond))
            return Connection(transport: RetryingTransport(base: base, policy: policy, onRetry: onRetry))
        }
    }

    /// Builds the adapter for `provider`, resolving its credentials through `secrets`.
    public static func adapter(
        for provider: ProviderManifest, secrets: any SecretResolving, connection: (ProviderManifest) -> Connection
    ) throws -> any ProviderAdapter {
        guard let descriptor = descriptor(provider.type) else {
            throw ProviderError("provider '\(provider.name)': unknown type '\(provider.type)'")
        }
        let schema = descriptor.clientSchema
        let sensitive = Set(schema.fields.filter(\.sensitive).map(\.name))
        let http = HTTPClient(transport: connection(provider).transport, sensitiveKeys: sensitive)
        switch provider.type {
        case "hydra", "ory-network":
            let key = provider.type == "hydra" ? "bearer_token" : "api_key"
            var token: SecretValue?
            var source: String?
            if case .secret(let reference)? = provider.auth[key] {
                token = try secrets.resolve(reference)
                source = "\(key) \(reference)"
            }
            guard let url = hydraURL(provider) else {
                throw ProviderError("provider '\(provider.name)': no usable url (set spec.url\(provider.type == "ory-network" ? " or spec.project_slug" : ""))")
            }
            return HydraAdapter(schema: schema, baseURL: url, token: token, authSource: source, http: http)
        default:
            throw ProviderError("provider '\(provider.name)': type '\(provider.type)' has no adapter yet")
        }
    }

    /// Ory Network's writes-per-minute budget to pace at (Developer plan default), else nil.
    public static func writesPerMinute(for provider: ProviderManifest) -> Int? {
        guard provider.type == "ory-network" else { return nil }
        return provider.settings["writes_per_minute"].flatMap(Int.init) ?? 15
    }

    /// Writes per second to pace at: the minute budget spread evenly (⌈N/60⌉), which stays under every
    /// published per-second threshold of Ory's write bucket (hydra.md §4), instead of bursting into it.
    public static func writesPerSecond(for provider: ProviderManifest) -> Int? {
        writesPerMinute(for: provider).map { max(1, ($0 + 59) / 60) }
    }

    static func hydraURL(_ provider: ProviderManifest) -> URL? {
        if let url = provider.settings["url"] { return URL(string: url) }
        if let slug = provider.settings["project_slug"] { return URL(string: "https://\(slug).projects.oryapis.com") }
        return nil
    }
}
