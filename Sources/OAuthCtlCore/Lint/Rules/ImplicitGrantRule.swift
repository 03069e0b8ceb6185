/// Flags the implicit grant, which OAuth 2.0 Security BCP (RFC 9700) says not to use.
package struct ImplicitGrantRule: LintRule {
    package var grantTypesField: String
    package init(grantTypesField: String) { self.grantTypesField = grantTypesField }
    package var id: String { "implicit-grant" }
    package var summary: String { "the implicit grant exposes tokens in URLs; use authorization_code with PKCE" }

    package func check(_ client: ClientManifest) -> [Diagnostic] {
        guard strings(grantTypesField, in: client).contains("implicit") else { return [] }
        return [
            finding(
                "the implicit grant exposes tokens in the browser; use authorization_code with PKCE", field: grantTypesField, in: client)
        ]
    }
}
