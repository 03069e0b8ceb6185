import OAuthCtlCore

/// Every `from_env` / `from_file` reference of the clients a command will plan must resolve, or the
/// command stops before it plans: a plan that can't know a secret would show "No changes" in a pull
/// request and then fail (or send nothing) at merge. Names the reference and its place, never a value.
package struct SecretReferenceCheck: Sendable {
    package var resolver: any SecretResolving

    package init(resolver: any SecretResolving) {
        self.resolver = resolver
    }

    /// One error per reference that can't be resolved, at the field that holds it.
    /// Tombstoned clients (`state: absent`) are skipped: a delete sends no secret.
    package func diagnostics(_ clients: [ClientManifest]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for client in clients where client.state == .present {
            for (field, reference) in client.secrets.sorted(by: { $0.key < $1.key }) {
                do {
                    _ = try resolver.resolve(reference)
                } catch {
                    diagnostics.append(
                        .error(
                            "\(client.address): \(field): \(error); a secret that can't be read can't be compared or written",
                            at: client.fieldLocations[field] ?? client.location, code: "unresolved-secret"))
                }
            }
        }
        return diagnostics
    }
}
