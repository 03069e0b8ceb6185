import OAuthCtlCore

/// Every message of `ProviderError`, rendered from its case (the one place its text is written).
extension ProviderError {
    package var description: String {
        switch self {
        case .setting(let provider, let problem): return "provider '\(provider)': \(Self.text(problem))"
        case .insecureURL(let message, let location): return "\(location): \(message)"
        case .invalidURL(let method, let path, let rootSource):
            return "\(method.rawValue) \(path): can't build a URL from \(rootSource)"
        case .status(let http, nil): return http.description
        case .status(let http, .checkCredential(let source)?): return "\(http); check the credential given by \(source)"
        case .status(let http, .credentialsWanted?): return "\(http); the server wants credentials: set spec.auth on the provider"
        case .status(let http, .explained(let hint)?): return "\(http): \(hint)"
        case .transport(let method, let path, let transport): return "\(method.rawValue) \(path): \(transport)"
        case .failed(let method, let path, let error): return "\(method.rawValue) \(path): \(error)"
        case .response(let call, let problem): return "\(call): \(Self.text(problem))"
        case .tokenStatus(let http, let hint): return "\(http)" + (hint.map { "; " + $0 } ?? "")
        case .tokenFailed(let path, let error): return "POST \(path) (token): \(error)"
        case .unauthorizedTwice(let method, let path, let source):
            return "\(method.rawValue) \(path): 401 Unauthorized twice; check \(source)"
        case .systemClient(let id):
            return
                "refusing to write client '\(id)': it is a Boruta system client (the admin UI client, or the client oauthctl authenticates with), which oauthctl never changes; choose another id"
        case .unknownScope(let name, let available):
            return
                "authorized_scopes: no scope named '\(name)' on the server\(NearestName.suggestion(for: name, in: available)); create it first (oauthctl doesn't send unknown scope names, because Boruta would silently create a private scope of that name)"
        case .goneBeforeUpdate(let path): return "PUT \(path): the client is gone (404 on the read that precedes a full PUT)"
        }
    }

    private static func text(_ problem: SettingProblem) -> String {
        switch problem {
        case .unknownType(let type): return "unknown type '\(type)'"
        case .noUsableURL(nil): return "no usable url"
        case .noUsableURL(let fix?): return "no usable url (set \(fix))"
        case .needsOrgAndProject: return "rightbrain needs spec.org_id and spec.project_id"
        case .needsClientCredentials:
            return
                "Boruta's admin API needs a token: set spec.auth.client_credentials {client_id, client_secret: {from_env: NAME}} of a client with authorize_scope: true and the scope clients:manage:all"
        case .invalidTokenURL(let url): return "invalid client_credentials.token_url '\(url)'"
        case .insecureTokenURL(let host):
            return
                "client_credentials.token_url is plain http to '\(host)', which is not a loopback address, so the client secret would cross the network in clear; use https, or set spec.allow_insecure_http: true"
        }
    }

    private static func text(_ problem: ResponseProblem) -> String {
        switch problem {
        case .malformedJSON(let message): return "the server sent malformed JSON (\(message))"
        case .notAnObject: return "the server sent JSON that is not an object"
        case .notAList: return "the server sent JSON that is not a list"
        case .itemNotAnObject: return "a list item is not an object"
        case .clientNotAnObject: return "a client is not an object"
        case .missingData: return "the response has no 'data'"
        case .dataNotAList: return "'data' is not a list"
        case .missingResults: return "the server's page has no 'results' list"
        case .noClientSecret(let publicClientsHaveNone):
            return "the answer holds no client_secret" + (publicClientsHaveNone ? " (a public client has none)" : "")
        case .noAccessToken: return "the token response has no access_token"
        case .repeatedPage: return "the server's Link header repeats a page; stopping to avoid a loop"
        case .repeatedCursor(let cursor): return "the server repeated cursor '\(cursor)'; stopping to avoid a loop"
        case .tooManyPages(let limit): return "more than \(limit) pages; stopping"
        }
    }
}
