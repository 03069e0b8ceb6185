/// Flags a public client (no authentication) that asks for grants only a confidential client may use.
package struct PublicClientGrantRule: LintRule {
    package var grantTypesField: String
    package var authMethodField: String
    package init(grantTypesField: String, authMethodField: String) {
        self.grantTypesField = grantTypesField
        self.authMethodField = authMethodField
    }
    package var id: String { "public-client-credentials" }
    package var summary: String { "a public client can't keep a secret, so client_credentials makes no sense for it" }

    package func check(_ client: ClientManifest) -> [Diagnostic] {
        guard client.spec[authMethodField]?.stringValue == "none",
            strings(grantTypesField, in: client).contains("client_credentials")
        else { return [] }
        return [
            finding(
                "a public client (token_endpoint_auth_method none) can't use client_credentials; anyone could get tokens",
                field: grantTypesField, in: client)
        ]
    }
}
