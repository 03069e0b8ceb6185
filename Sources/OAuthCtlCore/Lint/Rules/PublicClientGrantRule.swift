/// Flags a public client (no authentication) that asks for grants only a confidential client may use.
public struct PublicClientGrantRule: LintRule {
    public var grantTypesField: String
    public var authMethodField: String
    public init(grantTypesField: String, authMethodField: String) {
        self.grantTypesField = grantTypesField
        self.authMethodField = authMethodField
    }
    public var id: String { "public-client-credentials" }
    public var summary: String { "a public client can't keep a secret, so client_credentials makes no sense for it" }

    public func check(_ client: ClientManifest) -> [Diagnostic] {
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
