import OAuthCtlCore

/// Glewlwyd's client-authentication pitfalls (glewlwyd.md §5): a confidential client with no
/// `token_endpoint_auth_method` never gets a token, and a public client can't keep a secret.
struct ConfidentialClientRule: LintRule {
    var id: String { "glewlwyd-client-auth" }
    var summary: String { "confidential clients need token_endpoint_auth_method; public clients use no secret" }

    func check(_ client: ClientManifest) -> [Diagnostic] {
        let confidential = client.spec["confidential"]?.boolValue ?? false
        let methods = client.spec["token_endpoint_auth_method"]?.arrayValue ?? []
        let grants = client.spec["authorization_type"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var findings: [Diagnostic] = []
        if confidential, methods.isEmpty {
            findings.append(
                finding(
                    "a confidential client without 'token_endpoint_auth_method' is refused at the token endpoint; list e.g. [client_secret_basic]",
                    field: "confidential", in: client))
        }
        if !confidential, grants.contains("client_credentials") {
            findings.append(
                finding(
                    "a public client (confidential: false) can't use client_credentials; set confidential: true",
                    field: "authorization_type", in: client))
        }
        if !confidential, let secret = ["client_secret", "password"].first(where: { client.secrets[$0] != nil }) {
            findings.append(finding("'\(secret)' is unused by a public client (confidential: false)", field: secret, in: client))
        }
        return findings
    }

    private func finding(_ message: String, field: String, in client: ClientManifest) -> Diagnostic {
        .warning("\(client.address): \(message) (\(id))", at: client.fieldLocations[field] ?? client.location, code: id)
    }
}
