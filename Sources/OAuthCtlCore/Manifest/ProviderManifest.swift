/// A `kind: Provider` document: which server, how to reach it, and this repository's ownership name.
public struct ProviderManifest: Sendable {
    public var name: String
    public var type: String
    /// Plain settings from `spec` (`url`, `project_slug`, ...), already interpolated.
    public var settings: [String: String]
    /// `spec.auth`: plain strings and secret references, never secret values.
    public var auth: [String: AuthSetting]
    /// `spec.managed_by` (default `oauthctl`): names this repository's set of clients.
    public var managedBy: String
    /// `managed_by` when the manifest leaves it out.
    public static let defaultManagedBy = "oauthctl"
    public var location: SourceLocation
    /// `spec.allow_insecure_http`: true lets `url` be plain http to a host that is not loopback.
    public var allowInsecureHTTP = false
    /// Where each setting of `settings` was written (`url` → its `file:line:column`).
    public var settingLocations: [String: SourceLocation] = [:]
    /// `spec.type` named no known type: `type` is then the nearest known one (its clients are still checked
    /// against that type's schema, to report their errors too) or, with none near, the unknown name. Such a
    /// provider is never part of a resolved `ManifestSet`.
    var typeIsUnknown = false

    /// One `spec.auth` entry.
    public enum AuthSetting: Sendable, Hashable {
        case string(String)
        case secret(SecretReference)
        case mapping([String: AuthSetting])
    }

    public init(
        name: String, type: String, settings: [String: String], auth: [String: AuthSetting], managedBy: String,
        location: SourceLocation
    ) {
        self.name = name
        self.type = type
        self.settings = settings
        self.auth = auth
        self.managedBy = managedBy
        self.location = location
    }
}
