import Foundation
import OAuthCtlCore
import Testing

@testable import OAuthCtlProviders

/// The request and response bodies the adapters map, and the shared JSON reading with its errors as cases.
@Suite("wire bodies")
struct WireBodyTests {
    static func problem(_ body: String, _ read: (Data) throws -> Any) -> ProviderError.ResponseProblem? {
        do {
            _ = try read(Data(body.utf8))
            return nil
        } catch let ProviderError.response(call, problem) {
            #expect(call == "GET /c")
            return problem
        } catch {
            Issue.record("\(error)")
            return nil
        }
    }

    @Test("JSONWire reads objects and lists; anything else is the matching response problem")
    func jsonWire() throws {
        #expect(try JSONWire.object(Data(#"{"a":1}"#.utf8), context: "GET /c") == ["a": 1])
        #expect(try JSONWire.array(Data(#"[{"a":1},{}]"#.utf8), context: "GET /c") == [["a": 1], [:]])
        #expect(Self.problem("[]") { try JSONWire.object($0, context: "GET /c") } == .notAnObject)
        #expect(Self.problem("{}") { try JSONWire.array($0, context: "GET /c") } == .notAList)
        #expect(Self.problem("[{}, 3]") { try JSONWire.array($0, context: "GET /c") } == .itemNotAnObject)
        let malformed = Self.problem("{") { try JSONWire.value($0, context: "GET /c") }
        guard case .malformedJSON? = malformed else {
            Issue.record("malformed JSON: \(String(describing: malformed))")
            return
        }
    }

    @Test("a path segment percent-encodes everything but unreserved characters; a form value writes spaces as +")
    func encoding() {
        #expect(PercentEncoding.segment("a/b?c d~e.f_g-h") == "a%2Fb%3Fc%20d~e.f_g-h")
        #expect(PercentEncoding.form("clients:manage:all openid") == "clients%3Amanage%3Aall+openid")
        #expect(PercentEncoding.form("a+b&c=d") == "a%2Bb%26c%3Dd")
    }

    @Test("Hydra writes leave nulls out, always send metadata as an object and omit an empty jwks")
    func hydra() {
        let out = HydraWire.body(["client_id": "a", "client_name": .null, "metadata": .null, "jwks": ["keys": []]])
        #expect(out == ["client_id": "a", "metadata": [:]])
        let kept = HydraWire.body(["metadata": ["k": "v"], "jwks": ["keys": [["kty": "RSA"]]]])
        #expect(kept == ["metadata": ["k": "v"], "jwks": ["keys": [["kty": "RSA"]]]])
    }

    @Test("Boruta's live clients show authorized_scopes as sorted names (the id when a scope has no name)")
    func borutaFromWire() {
        let live: [String: JSONValue] = [
            "id": "c", "authorized_scopes": [["id": "1", "name": "openid"], ["id": "2", "name": "email"], ["id": "3"]],
        ]
        #expect(BorutaAdapter.fromWire(live) == ["id": "c", "authorized_scopes": ["3", "email", "openid"]])
        #expect(BorutaAdapter.fromWire(["id": "c"]) == ["id": "c"])
    }
}
