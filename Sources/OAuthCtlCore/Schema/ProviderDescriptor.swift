/// What a provider type accepts in a `Provider` manifest, and its client schema.
package struct ProviderDescriptor: Sendable {
    /// The kind of value a `spec.auth` key takes.
    package enum AuthValueKind: Sendable, Hashable {
        /// A secret reference (`{from_env: NAME}`).
        case secret
        /// A plain string.
        case string
        /// A mapping of keys (e.g. `client_credentials: {client_id, client_secret, ...}`) whose secret keys
        /// take references.
        case mapping(keys: [String], required: [String], secrets: [String])
    }

    package var type: String
    /// Keys of `spec` besides `type`, `auth` and `managed_by`, e.g. `url`, `project_slug`.
    package var specKeys: [String]
    /// At least one of these must be set (e.g. `url` or `project_slug`).
    package var requiredOneOf: [String]
    /// Every one of these must be set (e.g. Rightbrain's `org_id` and `project_id`).
    package var required: [String]
    package var authKeys: [String: AuthValueKind]
    package var clientSchema: ClientSchema

    /// `spec.allow_insecure_http` (boolean): plain http to a host that is not loopback is refused without it.
    package static let allowInsecureHTTPKey = "allow_insecure_http"

    /// Provider settings that are whole numbers (`writes_per_minute: 30`); the decoder and the JSON Schema
    /// both read this.
    package static let wholeNumberSettings: Set<String> = ["writes_per_minute"]

    /// Provider `spec` keys that only a connection needs (where the server is, which tenant, how to log in).
    /// `validate` is offline, so an unset `${NAME}` in them is reported by `plan`, not by `validate`.
    package static let connectionSettings: Set<String> = [
        "url", "project_slug", "org_id", "project_id", "admin_client_id", "client_module", "auth",
    ]

    /// Keys every type with a `url` takes beyond its own `specKeys`: `allow_insecure_http`.
    package var commonSpecKeys: [String] { specKeys.contains("url") ? [Self.allowInsecureHTTPKey] : [] }
    /// How the server wants writes paced, when it does.
    package var writeLimits = WriteLimits()

    /// A server's write limits: a default per-minute budget (overridable by `spec.writes_per_minute`),
    /// and how many writes may overlap when it can't take `--parallelism` of them.
    package struct WriteLimits: Sendable, Hashable {
        package var defaultPerMinute: Int?
        package var maxConcurrent: Int?
        package init(defaultPerMinute: Int? = nil, maxConcurrent: Int? = nil) {
            self.defaultPerMinute = defaultPerMinute
            self.maxConcurrent = maxConcurrent
        }
    }

    package init(
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
