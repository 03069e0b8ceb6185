import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

extension BorutaAdapter {
    /// Boruta: the admin URL, and a token by client credentials (DESIGN §2). The token request goes
    /// through its own standard connection: it changes nothing on the server, so `--dry-run` sends it too.
    static let kind = ProviderKind(descriptor: BorutaSchema.descriptor) { context in
        let provider = context.provider
        guard let text = provider.settings["url"], let url = URL(string: text), url.scheme != nil else {
            throw ProviderError.setting(
                provider: provider.name, .noUsableURL(fix: "spec.url to Boruta's admin API base, e.g. http://127.0.0.1:8081"))
        }
        guard case .mapping(let auth)? = provider.auth["client_credentials"],
            case .string(let clientID)? = auth["client_id"], case .secret(let reference)? = auth["client_secret"]
        else {
            throw ProviderError.setting(provider: provider.name, .needsClientCredentials)
        }
        let base = text.hasSuffix("/") ? String(text.dropLast()) : text
        var tokenText = base + "/oauth/token"
        if case .string(let given)? = auth["token_url"] { tokenText = given }
        guard let tokenURL = URL(string: tokenText), tokenURL.scheme != nil else {
            throw ProviderError.setting(provider: provider.name, .invalidTokenURL(tokenText))
        }
        if !provider.allowInsecureHTTP, let host = InsecureURL.insecureHost(tokenText) {
            throw ProviderError.setting(provider: provider.name, .insecureTokenURL(host: host))
        }
        var scope = "clients:manage:all identity-providers:manage:all"
        if case .string(let given)? = auth["scope"] { scope = given }
        let credentials = BorutaTokenSource.Credentials(
            clientID: clientID, clientSecret: try context.secrets.resolve(reference), tokenURL: tokenURL, scope: scope,
            source: "client_credentials of provider '\(provider.name)' (client_id \(clientID), client_secret \(reference))")
        let tokenHTTP = HTTPClient(
            transport: ProviderRegistry.Connection.standard(provider: provider.name, timeout: context.timeout).transport)
        return BorutaAdapter(
            schema: context.schema, baseURL: url, http: context.http,
            tokens: BorutaTokenSource(credentials: credentials, http: tokenHTTP),
            adminClientID: provider.settings["admin_client_id"] ?? BorutaAdapter.defaultAdminClientID)
    }
}
