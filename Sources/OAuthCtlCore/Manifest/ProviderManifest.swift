/// A `kind: Provider` document: which server, how to reach it, and this repository's ownership name.
package struct ProviderManifest: Sendable {
    package var name: String
    package var type: String
    /// Plain settings from `spec` (`url`, `project_slug`, ...), already interpolated.
    package var settings: [String: String]
    /// `spec.auth`: plain strings and secret references, never secret values.
    package var auth: [String: AuthSetting]
    /// `spec.managed_by` (default `oauthctl`): names this repository's set of clients.
    package var managedBy: String
    /// `managed_by` when the manifest leaves it out.
    package static let defaultManagedBy = "oauthctl"
    package var location: SourceLocation
    /// `spec.allow_insecure_http`: true lets `url` be plain http to a host that is not loopback.
    package var allowInsecureHTTP = false
    /// Where each setting of `settings` was written (`url` → its `file:line:column`).
    package var settingLocations: [String: SourceLocation] = [:]
    /// `spec.type` named no known type: `type` is then the nearest known one (its clients are still checked
    /// against that type's schema, to report their errors too) or, with none near, the unknown name. Such a
    /// provider is never part of a resolved `ManifestSet`.
    var typeIsUnknown = false

    /// One `spec.auth` entry.
    package enum AuthSetting: Sendable, Hashable {
        case string(String)
        case secret(SecretReference)
        case mapping([String: AuthSetting])
    }

    package init(
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
