import OAuthCtlCore
import OAuthCtlHTTP

/// A provider call that failed, as a case: the call, the status or the transport's reason, and the hint
/// that helps (e.g. which credential to check). Its one-line text is `description`
/// (`ProviderError+Description.swift`). Never holds a secret.
package enum ProviderError: UncertainOutcome, Sendable, CustomStringConvertible, CircuitOpenCarrying {
    /// The Provider document can't give an adapter (`provider 'NAME': …`); nothing was sent.
    case setting(provider: String, SettingProblem)
    /// `spec.url` is plain http to a host off loopback; nothing was sent. `message` names the provider.
    case insecureURL(message: String, location: SourceLocation)
    /// A request path that makes no URL with the root built from `rootSource`; nothing was sent.
    case invalidURL(HTTPMethod, path: String, rootSource: String)
    /// The server answered with an error status, with the hint that explains it, if any.
    case status(HTTPError, hint: StatusHint?)
    /// No HTTP answer arrived: a transport failure, or `.circuitOpen` (the request was not sent).
    case transport(HTTPMethod, path: String, HTTPTransportError)
    /// The call failed for a reason that is neither a status nor a transport failure (e.g. cancelled).
    case failed(HTTPMethod, path: String, any Error)
    /// The answer to `call` (`GET /admin/clients`) can't be used.
    case response(call: String, ResponseProblem)
    /// Boruta's token request was answered with an error status; `hint` says what to fix.
    case tokenStatus(HTTPError, hint: String?)
    /// Boruta's token request to `path` got no answer.
    case tokenFailed(path: String, any Error)
    /// Boruta's admin API answered 401 to a fresh token too; `source` names the credentials.
    case unauthorizedTwice(HTTPMethod, path: String, source: String)
    /// A write to one of Boruta's system clients, refused before anything was sent.
    case systemClient(id: String)
    /// A Boruta `authorized_scopes` name that no scope on the server has.
    case unknownScope(String, available: [String])
    /// Glewlwyd's full PUT found the client gone on the read before it.
    case goneBeforeUpdate(path: String)

    /// Why a Provider document can't give an adapter.
    package enum SettingProblem: Sendable, Equatable {
        case unknownType(String)
        /// No `spec.url` (or one that is no URL); `fix` says what to set.
        case noUsableURL(fix: String?)
        case needsOrgAndProject
        case needsClientCredentials
        case invalidTokenURL(String)
        case insecureTokenURL(host: String)
    }

    /// What explains an error status, where the status alone would mislead.
    package enum StatusHint: Sendable, Equatable {
        /// 401/403 with a configured credential: check the one `source` names.
        case checkCredential(source: String)
        /// 401/403 without a credential: the provider needs `spec.auth`.
        case credentialsWanted
        /// The provider's own reading of the error (`BorutaErrorHints`).
        case explained(String)
    }

    /// Why an answer can't be used.
    package enum ResponseProblem: Sendable, Equatable {
        case malformedJSON(String)
        case notAnObject
        case notAList
        case itemNotAnObject
        case clientNotAnObject
        case missingData
        case dataNotAList
        case missingResults
        /// No `client_secret` in an answer that should carry one; `publicClientsHaveNone` adds why.
        case noClientSecret(publicClientsHaveNone: Bool)
        case noAccessToken
        /// The `Link` header's next page was seen before.
        case repeatedPage
        case repeatedCursor(String)
        case tooManyPages(Int)
    }

    /// True when a write that is not safe to repeat failed in a way that leaves its effect unknown: a
    /// timeout, a lost or refused connection (a refusal may follow a send that reached the server on a
    /// dead keep-alive connection), a garbled answer or a gateway's 502/504 may have come after the
    /// server acted. A circuit-open error never left the process; a token request is no write.
    package var outcomeIsUnknown: Bool {
        switch self {
        case .status(let http, _): return !http.method.isIdempotent && [502, 504].contains(http.status)
        case .transport(let method, _, let transport): return !method.isIdempotent && transport.mayHaveReachedServer
        default: return false
        }
    }

    /// The provider name when this wraps `HTTPTransportError.circuitOpen` (the request was not sent).
    package var circuitOpen: String? {
        guard case .transport(_, _, .circuitOpen(let provider)) = self else { return nil }
        return provider
    }

    /// Wraps an HTTP or transport failure of `method path`, adding the credential hint for 401/403.
    static func wrap(_ error: any Error, method: HTTPMethod, path: String, authSource: String?) -> ProviderError {
        if let http = error as? HTTPError {
            guard http.status == 401 || http.status == 403 else { return .status(http, hint: nil) }
            return .status(http, hint: authSource.map { .checkCredential(source: $0) } ?? .credentialsWanted)
        }
        if let provider = error as? ProviderError { return provider }
        if let transport = error as? HTTPTransportError { return .transport(method, path: path, transport) }
        return .failed(method, path: path, error)
    }
}
