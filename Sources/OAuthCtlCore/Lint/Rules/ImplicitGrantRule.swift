/// Flags the implicit grant, which OAuth 2.0 Security BCP (RFC 9700) says not to use.
public struct ImplicitGrantRule: LintRule {
    public var grantTypesField: String
    public init(grantTypesField: String) { self.grantTypesField = grantTypesField }
    public var id: String { "implicit-grant" }
    public var summary: String { "the implicit grant exposes tokens in URLs; use authorization_code with PKCE" }

    public func check(_ client: ClientManifest) -> [Diagnostic] {
        guard strings(grantTypesField, in: client).contains("implicit") else { return [] }
        return [
            finding(
                "the implicit grant exposes tokens in the browser; use authorization_code with PKCE", field: grantTypesField, in: client)
        ]
    }
}
