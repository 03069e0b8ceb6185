import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

/// `--dry-run`: reads go to the server; writes are printed (secrets redacted) and answered as the
/// server would, so the same executor runs end to end and nothing is changed.
package struct DryRunTransport: HTTPTransport {
    let base: any HTTPTransport
    let sensitiveKeys: Set<String>
    let print: @Sendable (String) -> Void

    package init(base: any HTTPTransport, sensitiveKeys: Set<String>, print: @escaping @Sendable (String) -> Void) {
        self.base = base
        self.sensitiveKeys = sensitiveKeys.union(["fingerprints"])
        self.print = print
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method != .get else { return try await base.send(request) }
        var line = "\(request.method.rawValue) \(request.url.path)"
        if let body = request.body { line += " " + Redaction.jsonBody(body, sensitiveKeys: sensitiveKeys) }
        print(line)
        switch request.method {
        case .post: return HTTPResponse(status: 201, body: echo(request.body))
        case .delete: return HTTPResponse(status: 204)
        default: return HTTPResponse(status: 200, body: echo(request.body))
        }
    }

    /// The request body without sensitive keys: what a server would answer, minus any generated secret.
    private func echo(_ body: Data?) -> Data {
        guard let body, case .object(var object)? = try? JSONParser.parse(Array(body)) else { return Data("{}".utf8) }
        for key in sensitiveKeys { object[key] = nil }
        return Data(JSONEncoding.compactUTF8(.object(object)))
    }
}
