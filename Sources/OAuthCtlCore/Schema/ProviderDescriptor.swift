/// What a provider type accepts in a `Provider` manifest, and its client schema.
public struct ProviderDescriptor: Sendable {
    /// The kind of value a `spec.auth` key takes.
    public enum AuthValueKind: Sendable, Hashable {
        /// A secret reference (`{from_env: NAME}`).
        case secret
        /// A plain string.
        case string
        /// A mapping of keys (e.g. `client_credentials: {client_id, client_secret, ...}`) whose secret keys
        /// take references.
        case mapping(keys: [String], required: [String], secrets: [String])
    }

    public var type: String
    /// Keys of `spec` besides `type`, `auth` and `managed_by`, e.g. `url`, `project_slug`.
    public var specKeys: [String]
    /// At least one of these must be set (e.g. `url` or `project_slug`).
    public var requiredOneOf: [String]
    /// Every one of these must be set (e.g. Rightbrain's `org_id` and `project_id`).
    public var required: [String]
    public var authKeys: [String: AuthValueKind]
    public var clientSchema: ClientSchema
    /// How the server wants writes paced, when it does.
    public var writeLimits = WriteLimits()

    /// A server's write limits: a default per-minute budget (overridable by `spec.writes_per_minute`),
    /// and how many writes may overlap when it can't take `--parallelism` of them.
    public struct WriteLimits: Sendable, Hashable {
        public var defaultPerMinute: Int?
        public var maxConcurrent: Int?
        public init(defaultPerMinute: Int? = nil, maxConcurrent: Int? = nil) {
            self.defaultPerMinute = defaultPerMinute
            self.maxConcurrent = maxConcurrent
        }
    }

    public init(
        type: String, specKeys: [String], requiredOneOf: [String], authKeys: [String: AuthValueKind],
        clientSchema: ClientSchema, required: [String] = []
    ) {
        self.required = required
        self.type = type
        self.specKeys = specKeys
        self.requiredOneOf = requiredOneOf
        self.authKeys = authKeys
        self.clientSchema = clientSchema
    }
}
