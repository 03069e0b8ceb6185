/// What to tell the user about a client whose server-generated secret was lost (the server shows a
/// generated secret once, in the create response).
package enum SecretRecovery {
    /// The steps that give the client a secret again.
    package static func steps(_ address: ClientAddress) -> String {
        "give it a new secret: set client_secret to a {from_env}/{from_file} reference in its manifest and run 'oauthctl apply --set-secrets --target \(address)', or rotate it on the server"
    }
}
