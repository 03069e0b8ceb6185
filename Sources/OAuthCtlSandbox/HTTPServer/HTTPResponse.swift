import Foundation

/// A response to write, or an instruction to reset the connection without answering.
struct HTTPResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]
    /// When true the connection is closed with a TCP reset and nothing is written.
    var reset = false
    /// When true the connection is closed after this response.
    var close = false

    init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response with Hydra's content type.
    static func json(_ status: Int, _ value: JSONValue, headers: [(String, String)] = []) -> HTTPResponse {
        var body = JSONWriter.bytes(value)
        body.append(0x0A)  // Go's json.Encoder ends every value with a newline.
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: body)
    }

    /// A connection reset (no answer at all).
    static var connectionReset: HTTPResponse {
        var response = HTTPResponse(status: 0)
        response.reset = true
        return response
    }

    /// Serializes status line, headers and body, adding `Content-Length`, `Date` and `Connection`.
    /// Controls in a header's name or value are written `%XX`, so no header can add a line or end the head.
    func serialized(keepAlive: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(HTTPResponse.reason(status))\r\n"
        for (name, value) in headers {
            head += "\(HTTPSyntax.escapedFieldValue(name)): \(HTTPSyntax.escapedFieldValue(value))\r\n"
        }
        if status != 204 && status != 304 { head += "Content-Length: \(body.count)\r\n" }
        head += "Date: \(HTTPDate.now())\r\n"
        if !keepAlive || close { head += "Connection: close\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if status != 204 && status != 304 { bytes.append(contentsOf: body) }
        return bytes
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 411: return "Length Required"
        case 413: return "Request Entity Too Large"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status \(status)"
        }
    }
}
