/// Turns a secret reference into its value. Implemented outside the pure core (it reads env and files).
package protocol SecretResolving: Sendable {
    /// The secret's value, or an error that names the reference (never a value).
    func resolve(_ reference: SecretReference) throws -> SecretValue
}
