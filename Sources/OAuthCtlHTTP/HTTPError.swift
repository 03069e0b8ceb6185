import Foundation
import OAuthCtlJSON

/// An HTTP error status from the server: who was asked what, the status, and the server's own words.
///
/// The description is one line, `PUT /admin/clients/billing-web: 400 Bad Request: invalid_redirect_uri:
/// The value of one or more redirect_uris is invalid.`; it never holds headers, request bodies or the
/// query string, and server text that echoes a sensitive request value is scrubbed.
package struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    package var method: HTTPMethod
    /// The request path without query string or fragment.
    package var path: String
    package var status: Int
    package var reason: String
    /// The server's error code (`invalid_redirect_uri`, `UNPROCESSABLE_ENTITY`), when it sent one.
    package var serverError: String?
    /// The server's explanation, flattened to one line and shortened, when it sent one.
    package var serverDescription: String?

    /// The longest server text kept, in characters. Hydra puts its specific hint after a 218-character
    /// boilerplate sentence (`invalid_client_metadata`), so a shorter limit would cut off the useful part.
    package static let maximumServerTextLength = 600

    package init(
        method: HTTPMethod, path: String, status: Int, reason: String? = nil, serverError: String? = nil,
        serverDescription: String? = nil
    ) {
        self.method = method
        self.path = String(path.prefix { $0 != "?" && $0 != "#" })
        self.status = status
        self.reason = reason ?? HTTPStatus.reasonPhrase(status)
        self.serverError = HTTPError.clean(serverError, scrubbing: [])
        self.serverDescription = HTTPError.clean(serverDescription, scrubbing: [])
    }

    /// Builds the error for `response` to `request`, parsing the body's error shape.
    ///
    /// Values found under `sensitiveKeys` in the request body are scrubbed from the server's text, in
    /// case the server echoes them.
    package init(request: HTTPRequest, response: HTTPResponse, sensitiveKeys: Set<String> = []) {
        let body = ServerErrorBody.parse(response.body)
        let secrets =
            Redaction.sensitiveValues(in: request.body, sensitiveKeys: sensitiveKeys)
            + Redaction.credentialValues(in: request.headers)
        self.init(method: request.method, path: request.path, status: response.status)
        serverError = HTTPError.clean(body.error, scrubbing: secrets)
        serverDescription = HTTPError.clean(body.description, scrubbing: secrets)
    }

    package var description: String {
        var text = "\(method.rawValue) \(path): \(status)"
        if !reason.isEmpty { text += " \(reason)" }
        if let serverError, serverError.lowercased() != reason.lowercased() { text += ": \(serverError)" }
        if let serverDescription { text += ": \(serverDescription)" }
        return text
    }

    /// One line, scrubbed, escaped for a terminal, at most `limit` characters; nil when empty.
    static func clean(_ text: String?, scrubbing secrets: [String] = [], limit: Int = maximumServerTextLength) -> String? {
        guard let text else { return nil }
        let oneLine = TerminalText.escape(
            Redaction.scrub(text, values: secrets)
                .split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " "))
        guard !oneLine.isEmpty else { return nil }
        guard oneLine.count > limit else { return oneLine }
        return String(oneLine.prefix(limit)) + "…"
    }
}
