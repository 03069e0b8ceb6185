import OAuthCtlCore
import OAuthCtlHTTP
import Testing

@testable import OAuthCtlProviders

/// `ProviderError`: which failures leave a write's outcome unknown, which carry the circuit-open
/// provider, and the one line each case renders.
@Suite("provider errors")
struct ProviderErrorTests {
    static func status(_ method: HTTPMethod, _ status: Int) -> HTTPError {
        HTTPError(method: method, path: "/admin/clients", status: status)
    }

    static func wrap(_ error: any Error, _ method: HTTPMethod, authSource: String? = nil) -> ProviderError {
        ProviderError.wrap(error, method: method, path: "/admin/clients", authSource: authSource)
    }

    @Test("a POST that timed out, lost or was refused its connection, or got a garbled answer may have acted; a GET or PUT is repeatable")
    func transportOutcome() {
        for failure: HTTPTransportError in [.timedOut, .connectionFailed("h"), .connectionRefused("h"), .invalidResponse] {
            #expect(Self.wrap(failure, .post).outcomeIsUnknown, "\(failure)")
            #expect(Self.wrap(failure, .patch).outcomeIsUnknown, "\(failure)")
            #expect(!Self.wrap(failure, .get).outcomeIsUnknown, "\(failure)")
            #expect(!Self.wrap(failure, .put).outcomeIsUnknown, "\(failure)")
            #expect(!Self.wrap(failure, .delete).outcomeIsUnknown, "\(failure)")
        }
        // These never reached the server: even a POST may be sent again.
        for failure: HTTPTransportError in [.dns("h"), .tls("x"), .circuitOpen("prod")] {
            #expect(!Self.wrap(failure, .post).outcomeIsUnknown, "\(failure)")
        }
    }

    @Test("a gateway's 502 or 504 to a POST leaves its outcome unknown; any other status, or to a GET or PUT, does not")
    func statusOutcome() {
        #expect(Self.wrap(Self.status(.post, 502), .post).outcomeIsUnknown)
        #expect(Self.wrap(Self.status(.post, 504), .post).outcomeIsUnknown)
        for code in [400, 401, 409, 500, 503] { #expect(!Self.wrap(Self.status(.post, code), .post).outcomeIsUnknown, "\(code)") }
        #expect(!Self.wrap(Self.status(.get, 502), .get).outcomeIsUnknown)
        #expect(!Self.wrap(Self.status(.put, 504), .put).outcomeIsUnknown)
        // Boruta's hinted statuses keep the same rule.
        #expect(ProviderError.status(Self.status(.post, 504), hint: .explained("x")).outcomeIsUnknown)
        // A token request is no client write: a 502 to it leaves nothing unknown.
        #expect(!ProviderError.tokenStatus(Self.status(.post, 502), hint: nil).outcomeIsUnknown)
        #expect(!ProviderError.tokenFailed(path: "/oauth/token", HTTPTransportError.timedOut).outcomeIsUnknown)
    }

    @Test("the circuit-open transport error keeps its provider through the wrap, so the engine knows nothing was sent")
    func circuitOpen() {
        let wrapped = Self.wrap(HTTPTransportError.circuitOpen("prod"), .post)
        #expect(wrapped.circuitOpen == "prod")
        #expect(HTTPTransportError.isCircuitOpen(wrapped))
        #expect(wrapped.description == "POST /admin/clients: provider 'prod' is unreachable; no further requests were sent")
        #expect(Self.wrap(HTTPTransportError.timedOut, .get).circuitOpen == nil)
        #expect(!HTTPTransportError.isCircuitOpen(Self.wrap(Self.status(.get, 503), .get)))
        #expect(ProviderError.tokenFailed(path: "/t", HTTPTransportError.circuitOpen("prod")).circuitOpen == nil)
    }

    @Test("wrap: 401/403 gets the credential hint, other statuses none; a provider error passes through unchanged")
    func wrapCases() {
        guard
            case .status(_, .checkCredential("bearer_token from_env T")?) = Self.wrap(
                Self.status(.get, 401), .get, authSource: "bearer_token from_env T")
        else { Issue.record("401 with a credential"); return }
        guard case .status(_, .credentialsWanted?) = Self.wrap(Self.status(.get, 403), .get) else {
            Issue.record("403 without a credential")
            return
        }
        guard case .status(_, nil) = Self.wrap(Self.status(.get, 404), .get, authSource: "x") else {
            Issue.record("404")
            return
        }
        guard case .systemClient("a") = Self.wrap(ProviderError.systemClient(id: "a"), .post) else {
            Issue.record("a provider error is kept")
            return
        }
        struct Other: Error, CustomStringConvertible { var description: String { "cancelled" } }
        guard case .failed(.delete, "/admin/clients", _) = Self.wrap(Other(), .delete) else {
            Issue.record("another error")
            return
        }
    }

    @Test("every case renders its one line")
    func messages() {
        let http = Self.status(.post, 409)
        let cases: [(ProviderError, String)] = [
            (.setting(provider: "p", .unknownType("hydar")), "provider 'p': unknown type 'hydar'"),
            (.setting(provider: "p", .noUsableURL(fix: nil)), "provider 'p': no usable url"),
            (.setting(provider: "p", .noUsableURL(fix: "spec.url")), "provider 'p': no usable url (set spec.url)"),
            (.setting(provider: "p", .needsOrgAndProject), "provider 'p': rightbrain needs spec.org_id and spec.project_id"),
            (
                .setting(provider: "p", .needsClientCredentials),
                "provider 'p': Boruta's admin API needs a token: set spec.auth.client_credentials {client_id, client_secret: {from_env: NAME}} of a client with authorize_scope: true and the scope clients:manage:all"
            ),
            (.setting(provider: "p", .invalidTokenURL("::")), "provider 'p': invalid client_credentials.token_url '::'"),
            (
                .setting(provider: "p", .insecureTokenURL(host: "h")),
                "provider 'p': client_credentials.token_url is plain http to 'h', which is not a loopback address, so the client secret would cross the network in clear; use https, or set spec.allow_insecure_http: true"
            ),
            (.insecureURL(message: "m", location: SourceLocation(file: "f.yaml", line: 6, column: 8)), "f.yaml:6:8: m"),
            (.invalidURL(.get, path: "/x y", rootSource: "the provider's url"), "GET /x y: can't build a URL from the provider's url"),
            (.status(http, hint: nil), "POST /admin/clients: 409 Conflict"),
            (
                .status(http, hint: .checkCredential(source: "api_key from_env K")),
                "POST /admin/clients: 409 Conflict; check the credential given by api_key from_env K"
            ),
            (
                .status(http, hint: .credentialsWanted),
                "POST /admin/clients: 409 Conflict; the server wants credentials: set spec.auth on the provider"
            ),
            (.status(http, hint: .explained("why")), "POST /admin/clients: 409 Conflict: why"),
            (.transport(.get, path: "/c", .timedOut), "GET /c: the request timed out"),
            (.response(call: "GET /c", .malformedJSON("at 3")), "GET /c: the server sent malformed JSON (at 3)"),
            (.response(call: "GET /c", .notAnObject), "GET /c: the server sent JSON that is not an object"),
            (.response(call: "GET /c", .notAList), "GET /c: the server sent JSON that is not a list"),
            (.response(call: "GET /c", .itemNotAnObject), "GET /c: a list item is not an object"),
            (.response(call: "GET /c", .clientNotAnObject), "GET /c: a client is not an object"),
            (.response(call: "GET /c", .missingData), "GET /c: the response has no 'data'"),
            (.response(call: "GET /c", .dataNotAList), "GET /c: 'data' is not a list"),
            (.response(call: "GET /c", .missingResults), "GET /c: the server's page has no 'results' list"),
            (.response(call: "POST /c", .noClientSecret(publicClientsHaveNone: false)), "POST /c: the answer holds no client_secret"),
            (
                .response(call: "POST /c", .noClientSecret(publicClientsHaveNone: true)),
                "POST /c: the answer holds no client_secret (a public client has none)"
            ),
            (.response(call: "POST /t", .noAccessToken), "POST /t: the token response has no access_token"),
            (.response(call: "GET /c", .repeatedPage), "GET /c: the server's Link header repeats a page; stopping to avoid a loop"),
            (.response(call: "GET /c", .repeatedCursor("k")), "GET /c: the server repeated cursor 'k'; stopping to avoid a loop"),
            (.response(call: "GET /c", .tooManyPages(7)), "GET /c: more than 7 pages; stopping"),
            (.tokenStatus(Self.status(.post, 401), hint: nil), "POST /admin/clients: 401 Unauthorized"),
            (.tokenStatus(Self.status(.post, 401), hint: "fix it"), "POST /admin/clients: 401 Unauthorized; fix it"),
            (.tokenFailed(path: "/oauth/token", HTTPTransportError.timedOut), "POST /oauth/token (token): the request timed out"),
            (.unauthorizedTwice(.put, path: "/api/clients/a", source: "s"), "PUT /api/clients/a: 401 Unauthorized twice; check s"),
            (
                .systemClient(id: "a"),
                "refusing to write client 'a': it is a Boruta system client (the admin UI client, or the client oauthctl authenticates with), which oauthctl never changes; choose another id"
            ),
            (
                .unknownScope("opnid", available: ["openid", "email"]),
                "authorized_scopes: no scope named 'opnid' on the server; did you mean 'openid'?; create it first (oauthctl doesn't send unknown scope names, because Boruta would silently create a private scope of that name)"
            ),
            (.goneBeforeUpdate(path: "/client/a"), "PUT /client/a: the client is gone (404 on the read that precedes a full PUT)"),
        ]
        for (error, text) in cases { #expect(error.description == text) }
    }
}
