import Foundation

/// An HTTP error status from the server: who was asked what, the status, and the server's own words.
///
/// The description is one line, `PUT /admin/clients/billing-web: 400 Bad Request: invalid_redirect_uri:
/// The value of one or more redirect_uris is invalid.`; it never holds headers, request bodies or the
/// query string, and server text that echoes a sensitive request value is scrubbed.
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public var method: HTTPMethod
    /// The request path without query string or fragment.
    public var path: String
    public var status: Int
    public var reason: String
    /// The server's error code (`invalid_redirect_uri`, `UNPROCESSABLE_ENTITY`), when it sent one.
    public var serverError: String?
    /// The server's explanation, flattened to one line and shortened, when it sent one.
    public var serverDescription: String?

    /// The longest server text kept, in characters. Hydra puts its specific hint after a 218-character
    /// boilerplate sentence (`invalid_client_metadata`), so a shorter limit would cut off the useful part.
    public static let maximumServerTextLength = 600

    public init(
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
    public init(request: HTTPRequest, response: HTTPResponse, sensitiveKeys: Set<String> = []) {
        let body = ServerErrorBody.parse(response.body)
        let secrets = Redaction.sensitiveValues(in: request.body, sensitiveKeys: sensitiveKeys)
            + Redaction.credentialValues(in: request.headers)
        self.init(method: request.method, path: request.path, status: response.status)
        serverError = HTTPError.clean(body.error, scrubbing: secrets)
        serverDescription = HTTPError.clean(body.description, scrubbing: secrets)
    }

    public var description: String {
        var text = "\(method.rawValue) \(path): \(status)"
        if !reason.isEmpty { text += " \(reason)" }
        if let serverError, serverError.lowercased() != reason.lowercased() { text += ": \(serverError)" }
        if let serverDescription { text += ": \(serverDescription)" }
        return text
    }

    /// `text` with control characters (C0, DEL, C1), bidi overrides and isolates, U+2028/U+2029 and the
    /// renderers' markup characters (U+E000, U+E001) written as `\u001b`-style escapes, as
    /// `OAuthCtlCore.TerminalText` does: the server's words can't act on the terminal that shows them.
    public static func escapeControls(_ text: String) -> String {
        func unsafe(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x2028...0x202E, 0x2066...0x2069, 0xE000...0xE001: return true
            default: return false
            }
        }
        guard text.unicodeScalars.contains(where: unsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard unsafe(scalar) else {
                out.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16)
            out.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
        }
        return String(out)
    }

    /// One line, scrubbed, at most `maximumServerTextLength` characters; nil when empty.
    private static func clean(_ text: String?, scrubbing secrets: [String]) -> String? {
        guard let text else { return nil }
        let oneLine = escapeControls(Redaction.scrub(text, values: secrets)
            .split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " "))
        guard !oneLine.isEmpty else { return nil }
        guard oneLine.count > maximumServerTextLength else { return oneLine }
        return String(oneLine.prefix(maximumServerTextLength)) + "…"
    }
}
