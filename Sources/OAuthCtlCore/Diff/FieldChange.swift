/// One changed field of a client: its path, the live (`before`) and desired (`after`) canonical values.
///
/// For a sensitive field both values are `{"sensitive": true}` (or null when unset): never the secret.
package struct FieldChange: Sendable, Hashable {
    package var path: String
    package var before: JSONValue
    package var after: JSONValue
    /// True when this change alone turns the action into a `replace` (an immutable field).
    package var forcesReplacement: Bool
    package var sensitive: Bool

    package init(path: String, before: JSONValue, after: JSONValue, forcesReplacement: Bool = false, sensitive: Bool = false) {
        self.path = path
        self.before = before
        self.after = after
        self.forcesReplacement = forcesReplacement
        self.sensitive = sensitive
    }

    /// The redacted stand-in for a secret value in plans: `{"sensitive": true}`.
    package static let sensitiveValue: JSONValue = ["sensitive": true]
}
