import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

/// Every provider type oauthctl knows: its descriptor (schema) and how to build its adapter.
public enum ProviderRegistry {
    /// The descriptors, in help order.
    public static let descriptors: [ProviderDescriptor] = [
        HydraSchema.hydra, HydraSchema.oryNetwork, BorutaSchema.descriptor,
        RightbrainSchema.descriptor, GlewlwydSchema.descriptor,
    ]

    /// The descriptor for `type`.
    public static func descriptor(_ type: String) -> ProviderDescriptor? {
        descriptors.first { $0.type == type }
    }

    /// How adapters talk HTTP: the transport (real, or a recording one for `--dry-run`) and its policies.
    public struct Connection: Sendable {
        public var transport: any HTTPTransport
        /// The `--timeout` budget the transport was built with (seconds), for side connections (Boruta's token).
        public var timeout: Double
        public init(transport: any HTTPTransport, timeout: Double = RetryPolicy.defaultConnectionBudget) {
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
        public static func standard(
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
    public static func adapter(
        for provider: ProviderManifest, secrets: any SecretResolving, connection: (ProviderManifest) -> Connection
    ) throws -> any ProviderAdapter {
        guard let descriptor = descriptor(provider.type) else {
            throw ProviderError("provider '\(provider.name)': unknown type '\(provider.type)'")
        }
        // Before any connection is made: plain http off loopback would send the credentials in clear.
        if let problem = InsecureURL.problem(provider) { throw ProviderError(problem) }
        let schema = descriptor.clientSchema
        let sensitive = Set(schema.fields.filter(\.sensitive).map(\.name))
        let made = connection(provider)
        var transport = made.transport
        if let limit = maxConcurrentWrites(for: provider) { transport = ConcurrentWriteLimit(base: transport, limit: limit) }
        let http = HTTPClient(transport: transport, sensitiveKeys: sensitive)
        switch provider.type {
        case "hydra", "ory-network":
            let (token, source) = try credential(provider.type == "hydra" ? "bearer_token" : "api_key", of: provider, secrets: secrets)
            guard let url = hydraURL(provider) else {
                throw ProviderError("provider '\(provider.name)': no usable url (set spec.url\(provider.type == "ory-network" ? " or spec.project_slug" : ""))")
            }
            return HydraAdapter(schema: schema, baseURL: url, token: token, authSource: source, http: http)
        case "glewlwyd":
            return try glewlwydAdapter(provider, schema: schema, secrets: secrets, http: http)
        case "boruta":
            return try borutaAdapter(provider, schema: schema, secrets: secrets, http: http, timeout: made.timeout)
        case "rightbrain":
            return try rightbrainAdapter(provider, schema: schema, secrets: secrets, http: http)
        default:
            throw ProviderError("provider '\(provider.name)': type '\(provider.type)' has no adapter yet")
        }
    }

    /// The secret at `spec.auth.<key>` resolved, and where it comes from (for 401/403 hints); nils when unset.
    static func credential(
        _ key: String, of provider: ProviderManifest, secrets: any SecretResolving
    ) throws -> (SecretValue?, String?) {
        guard case .secret(let reference)? = provider.auth[key] else { return (nil, nil) }
        return (try secrets.resolve(reference), "\(key) \(reference)")
    }

    /// Boruta: the admin URL, and a token by client credentials (DESIGN §2). The token request goes
    /// through its own standard connection: it changes nothing on the server, so `--dry-run` sends it too.
    static func borutaAdapter(
        _ provider: ProviderManifest, schema: ClientSchema, secrets: any SecretResolving, http: HTTPClient,
        timeout: Double = RetryPolicy.defaultConnectionBudget
    ) throws -> any ProviderAdapter {
        guard let text = provider.settings["url"], let url = URL(string: text), url.scheme != nil else {
            throw ProviderError("provider '\(provider.name)': no usable url (set spec.url to Boruta's admin API base, e.g. http://127.0.0.1:8081)")
        }
        guard case .mapping(let auth)? = provider.auth["client_credentials"],
            case .string(let clientID)? = auth["client_id"], case .secret(let reference)? = auth["client_secret"]
        else {
            throw ProviderError("provider '\(provider.name)': Boruta's admin API needs a token: set spec.auth.client_credentials {client_id, client_secret: {from_env: NAME}} of a client with authorize_scope: true and the scope clients:manage:all")
        }
        let base = text.hasSuffix("/") ? String(text.dropLast()) : text
        var tokenText = base + "/oauth/token"
        if case .string(let given)? = auth["token_url"] { tokenText = given }
        guard let tokenURL = URL(string: tokenText), tokenURL.scheme != nil else {
            throw ProviderError("provider '\(provider.name)': invalid client_credentials.token_url '\(tokenText)'")
        }
        if !provider.allowInsecureHTTP, let host = InsecureURL.insecureHost(tokenText) {
            throw ProviderError("provider '\(provider.name)': client_credentials.token_url is plain http to '\(host)', which is not a loopback address, so the client secret would cross the network in clear; use https, or set spec.allow_insecure_http: true")
        }
        var scope = "clients:manage:all identity-providers:manage:all"
        if case .string(let given)? = auth["scope"] { scope = given }
        let credentials = BorutaTokenSource.Credentials(
            clientID: clientID, clientSecret: try secrets.resolve(reference), tokenURL: tokenURL, scope: scope,
            source: "client_credentials of provider '\(provider.name)' (client_id \(clientID), client_secret \(reference))")
        let tokenHTTP = HTTPClient(transport: Connection.standard(provider: provider.name, timeout: timeout).transport)
        return BorutaAdapter(
            schema: schema, baseURL: url, http: http, tokens: BorutaTokenSource(credentials: credentials, http: tokenHTTP),
            adminClientID: provider.settings["admin_client_id"] ?? BorutaAdapter.defaultAdminClientID)
    }

    /// The writes-per-minute budget to pace at: `spec.writes_per_minute`, else the type's default, else none.
    public static func writesPerMinute(for provider: ProviderManifest) -> Int? {
        guard let limits = descriptor(provider.type)?.writeLimits, let fallback = limits.defaultPerMinute else { return nil }
        return provider.settings["writes_per_minute"].flatMap(Int.init) ?? fallback
    }

    /// Writes per second to pace at: the minute budget spread evenly (⌈N/60⌉), which stays under every
    /// published per-second threshold of Ory's write bucket (hydra.md §4), instead of bursting into it.
    public static func writesPerSecond(for provider: ProviderManifest) -> Int? {
        writesPerMinute(for: provider).map { max(1, ($0 + 59) / 60) }
    }

    /// How many writes may overlap on this provider's server, when it can't take `--parallelism` of them.
    public static func maxConcurrentWrites(for provider: ProviderManifest) -> Int? {
        descriptor(provider.type)?.writeLimits.maxConcurrent
    }

    static func glewlwydAdapter(
        _ provider: ProviderManifest, schema: ClientSchema, secrets: any SecretResolving, http: HTTPClient
    ) throws -> GlewlwydAdapter {
        let (key, source) = try credential("api_key", of: provider, secrets: secrets)
        guard let url = provider.settings["url"].flatMap(URL.init(string:)) else {
            throw ProviderError("provider '\(provider.name)': no usable url (set spec.url to the API base, e.g. http://127.0.0.1:4593/api)")
        }
        return GlewlwydAdapter(
            schema: schema, baseURL: url, apiKey: key, authSource: source,
            module: provider.settings["client_module"] ?? "database", http: http)
    }

    static func rightbrainAdapter(
        _ provider: ProviderManifest, schema: ClientSchema, secrets: any SecretResolving, http: HTTPClient
    ) throws -> RightbrainAdapter {
        let (token, source) = try credential("bearer_token", of: provider, secrets: secrets)
        guard let url = URL(string: provider.settings["url"] ?? RightbrainSchema.defaultURL) else {
            throw ProviderError("provider '\(provider.name)': no usable url")
        }
        guard let org = provider.settings["org_id"], let project = provider.settings["project_id"] else {
            throw ProviderError("provider '\(provider.name)': rightbrain needs spec.org_id and spec.project_id")
        }
        return RightbrainAdapter(
            schema: schema, baseURL: url, orgID: org, projectID: project, token: token, authSource: source, http: http)
    }

    static func hydraURL(_ provider: ProviderManifest) -> URL? {
        if let url = provider.settings["url"] { return URL(string: url) }
        if let slug = provider.settings["project_slug"] { return URL(string: "https://\(slug).projects.oryapis.com") }
        return nil
    }
}
