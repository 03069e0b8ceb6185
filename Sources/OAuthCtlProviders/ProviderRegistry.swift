import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

/// Every provider type oauthctl knows: its descriptor (schema) and how to build its adapter.
package enum ProviderRegistry {
    /// The provider types, in help order. A new provider adds its folder's `ProviderKind` here.
    static let kinds: [ProviderKind] = [
        HydraAdapter.hydraKind, HydraAdapter.oryNetworkKind, BorutaAdapter.kind, RightbrainAdapter.kind,
        GlewlwydAdapter.kind,
    ]

    /// The descriptors, in help order.
    package static let descriptors: [ProviderDescriptor] = kinds.map(\.descriptor)

    /// The descriptor for `type`.
    package static func descriptor(_ type: String) -> ProviderDescriptor? {
        kind(type)?.descriptor
    }

    static func kind(_ type: String) -> ProviderKind? {
        kinds.first { $0.descriptor.type == type }
    }

    /// How adapters talk HTTP: the transport (real, or a recording one for `--dry-run`) and its policies.
    package struct Connection: Sendable {
        package var transport: any HTTPTransport
        /// The `--timeout` budget the transport was built with (seconds), for side connections (Boruta's token).
        package var timeout: Double
        package init(transport: any HTTPTransport, timeout: Double = RetryPolicy.defaultConnectionBudget) {
            self.transport = transport
            self.timeout = timeout
        }

        /// The standard stack: URLSession (bounded bodies, a total deadline per request), pacing, retries,
        /// and, when `provider` is given, that provider's circuit breaker on top.
        ///
        /// `timeout` (`--timeout`) is the budget for connection-level failures: the idle timeout of one
        /// attempt and the time past which no retry after a refused, lost or timed-out connection starts.
        /// Each request's total deadline is 60 s, or `timeout` when that is longer. Statuses (429, 503
        /// with `Retry-After`) keep the policy's longer `totalBudget`.
        package static func standard(
            provider: String? = nil, timeout: Double = RetryPolicy.defaultConnectionBudget, policy: RetryPolicy = RetryPolicy(),
            writesPerMinute: Int? = nil, writesPerSecond: Int? = nil, onRetry: RetryingTransport.RetryObserver? = nil,
            onPacingWait: (@Sendable (Double) -> Void)? = nil
        ) -> Connection {
            var policy = policy
            policy.connectionBudget = timeout
            let breaker = provider.map(CircuitBreaker.init(provider:))
            var base: any HTTPTransport = URLSessionTransport(
                timeout: max(timeout, 0.1), deadline: max(URLSessionTransport.defaultDeadline, timeout))
            if let breaker { base = CircuitBreakerTransport(base: base, breaker: breaker, trips: false) }
            base = PacedTransport(
                base: base, pacer: WritePacer(writesPerMinute: writesPerMinute, writesPerSecond: writesPerSecond, onWait: onPacingWait))
            base = RetryingTransport(base: base, policy: policy, onRetry: onRetry)
            if let breaker { base = CircuitBreakerTransport(base: base, breaker: breaker) }
            return Connection(transport: base, timeout: timeout)
        }
    }

    /// Builds the adapter for `provider`, resolving its credentials through `secrets`.
    package static func adapter(
        for provider: ProviderManifest, secrets: any SecretResolving, connection: (ProviderManifest) -> Connection
    ) throws -> any ProviderAdapter {
        guard let kind = kind(provider.type) else {
            throw ProviderError.setting(provider: provider.name, .unknownType(provider.type))
        }
        // Before any connection is made: plain http off loopback would send the credentials in clear.
        if let (message, location) = InsecureURL.check(provider) { throw ProviderError.insecureURL(message: message, location: location) }
        let schema = kind.descriptor.clientSchema
        let sensitive = Set(schema.fields.filter(\.sensitive).map(\.name))
        let made = connection(provider)
        var transport = made.transport
        if let limit = maxConcurrentWrites(for: provider) { transport = ConcurrentWriteLimit(base: transport, limit: limit) }
        let http = HTTPClient(transport: transport, sensitiveKeys: sensitive)
        return try kind.makeAdapter(
            ProviderKind.Context(provider: provider, schema: schema, secrets: secrets, http: http, timeout: made.timeout))
    }

    /// The writes-per-minute budget to pace at: `spec.writes_per_minute`, else the type's default, else none.
    package static func writesPerMinute(for provider: ProviderManifest) -> Int? {
        guard let limits = descriptor(provider.type)?.writeLimits, let fallback = limits.defaultPerMinute else { return nil }
        return provider.settings["writes_per_minute"].flatMap(Int.init) ?? fallback
    }

    /// Writes per second to pace at: the minute budget spread evenly (⌈N/60⌉), which stays under every
    /// published per-second threshold of Ory's write bucket (hydra.md §4), instead of bursting into it.
    package static func writesPerSecond(for provider: ProviderManifest) -> Int? {
        writesPerMinute(for: provider).map { max(1, ($0 + 59) / 60) }
    }

    /// How many writes may overlap on this provider's server, when it can't take `--parallelism` of them.
    package static func maxConcurrentWrites(for provider: ProviderManifest) -> Int? {
        descriptor(provider.type)?.writeLimits.maxConcurrent
    }
}
