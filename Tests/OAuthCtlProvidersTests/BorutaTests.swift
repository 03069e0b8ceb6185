import Foundation
import OAuthCtlCore
import OAuthCtlHTTP
import Testing

@testable import OAuthCtlProviders

/// Boruta's logic that needs no server: error hints, token hints, write bodies and system clients.
@Suite("Boruta adapter logic")
struct BorutaTests {
    static func credentials() throws -> BorutaTokenSource.Credentials {
        BorutaTokenSource.Credentials(
            clientID: "cid", clientSecret: SecretValue("s"), tokenURL: try #require(URL(string: "http://127.0.0.1:8080/oauth/token")),
            scope: "clients:manage:all openid", source: "client_credentials of provider 'p'")
    }

    /// A transport that records every request and answers none (so a test sees whether one was sent).
    final class Refusing: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var sent: Int { lock.withLock { count } }
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            lock.withLock { count += 1 }
            throw HTTPTransportError.connectionRefused("test")
        }
    }

    static func adapter(_ transport: Refusing = Refusing()) throws -> BorutaAdapter {
        let http = HTTPClient(transport: transport)
        return BorutaAdapter(
            schema: BorutaSchema.descriptor.clientSchema, baseURL: try #require(URL(string: "http://127.0.0.1:8081")), http: http,
            tokens: BorutaTokenSource(credentials: try credentials(), http: http), adminClientID: "ADMIN")
    }

    static func error(_ method: HTTPMethod, _ status: Int, _ description: String? = nil) -> HTTPError {
        HTTPError(method: method, path: "/api/clients/x", status: status, serverDescription: description)
    }

    @Test("the access_token_ttl bug is named only for an update above 300 s")
    func ttlBug() {
        let invalid = Self.error(.put, 422, "access_token_ttl: is invalid")
        guard case .explained(let hint)? = BorutaErrorHints.hint(invalid, sent: ["access_token_ttl": 3600], source: "s") else {
            Issue.record("expected the ttl hint")
            return
        }
        #expect(hint.hasPrefix("this is a known Boruta bug") && hint.contains("3600"))
        #expect(BorutaErrorHints.hint(invalid, sent: ["access_token_ttl": 300], source: "s") == nil)
        let create = Self.error(.post, 422, "access_token_ttl: is invalid")
        #expect(BorutaErrorHints.hint(create, sent: ["access_token_ttl": 3600], source: "s") == nil)
    }

    @Test("the first matching row wins: a write-protected 403 names the admin client, any other 403 the scope")
    func rows() {
        guard case .explained(let admin)? = BorutaErrorHints.hint(Self.error(.put, 403, "write protected"), sent: [:], source: "s"),
            case .explained(let scope)? = BorutaErrorHints.hint(Self.error(.put, 403), sent: [:], source: "SRC")
        else {
            Issue.record("expected both 403 hints")
            return
        }
        #expect(admin.contains("BORUTA_ADMIN_OAUTH_CLIENT_ID"))
        #expect(
            scope == "the token lacks the scope clients:manage:all; give the client of SRC authorize_scope: true and that authorized scope")
        let blank = BorutaErrorHints.hint(Self.error(.post, 422, "identity_provider_id: can't be blank"), sent: [:], source: "s")
        #expect(blank == .explained("Boruta needs identity_provider: {id: UUID} to create a client"))
        #expect(BorutaErrorHints.hint(Self.error(.post, 422, "name: too long"), sent: [:], source: "s") == nil)
        #expect(BorutaErrorHints.hint(Self.error(.get, 500), sent: [:], source: "s") == nil)
    }

    @Test("token endpoint hints: refused credentials, scope, grant type, wrong port; none for a 500")
    func tokenHints() throws {
        let credentials = try Self.credentials()
        func hint(_ status: Int, _ code: String? = nil) -> String? {
            BorutaTokenSource.tokenHint(
                HTTPError(method: .post, path: "/oauth/token", status: status, serverError: code), credentials: credentials)
        }
        #expect(hint(401)?.hasPrefix("Boruta refused the client credentials: check client_credentials of provider 'p'") == true)
        #expect(hint(400, "invalid_client")?.hasPrefix("Boruta refused the client credentials") == true)
        #expect(hint(400, "invalid_scope")?.contains("authorized_scopes clients:manage:all, openid") == true)
        #expect(hint(400, "unsupported_grant_type") == "add client_credentials to the supported_grant_types of the client 'cid'")
        #expect(hint(404)?.hasPrefix("no token endpoint there") == true)
        #expect(hint(500) == nil)
    }

    @Test("write bodies: no read-only keys, nulls only where Boruta takes them, no empty secret, no id on update")
    func toWire() async throws {
        let adapter = try Self.adapter()
        let body: [String: JSONValue] = [
            "id": "c", "name": .null, "confidential": .null, "secret": "", "public_key": "k", "did": "d", "authorized_scopes": [],
        ]
        let create = try await adapter.toWire(body, creating: true)
        #expect(create == ["id": "c", "name": .null, "authorized_scopes": []])
        let update = try await adapter.toWire(body, creating: false)
        #expect(update == ["name": .null, "authorized_scopes": []])
        #expect(try await adapter.toWire(["secret": "x"], creating: false)["secret"] == "x")
    }

    @Test("system clients are never listed and never written: refused before anything is sent")
    func systemClients() async throws {
        let transport = Refusing()
        let adapter = try Self.adapter(transport)
        #expect(adapter.isSystemClient(["id": "admin"]))
        #expect(adapter.isSystemClient(["id": "CID"]))
        #expect(adapter.isSystemClient(["id": "r", "name": "public client", "public_client_id": "https://issuer"]))
        #expect(!adapter.isSystemClient(["id": "r", "name": "public client"]))
        #expect(!adapter.isSystemClient(["id": "mine"]))
        for write in [
            { try await adapter.deleteClient(id: "ADMIN") }, { try await adapter.updateClient(id: "cid", [:]) },
            { _ = try await adapter.createClient(["id": "admin"]) },
        ] as [@Sendable () async throws -> Void] {
            do {
                try await write()
                Issue.record("expected a refusal")
            } catch let error as ProviderError {
                guard case .systemClient = error else {
                    Issue.record("\(error)")
                    continue
                }
            } catch {
                Issue.record("\(error)")
            }
        }
        #expect(transport.sent == 0)
    }
}
