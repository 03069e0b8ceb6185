/// A FastAPI-style error (rightbrain.md §7): `{"detail": "…"}` for handled errors, and
/// `{"detail": [{"type","loc","msg"}]}` (Pydantic v2) for request validation, always 422.
struct RightbrainError: Error, Sendable {
    /// One Pydantic validation problem, located by `loc` such as `["body", "grant_types", 0]`.
    struct Item: Sendable {
        var type: String
        var loc: [JSONValue]
        var msg: String

        init(_ type: String, _ loc: [JSONValue], _ msg: String) {
            self.type = type
            self.loc = loc
            self.msg = msg
        }
    }

    var status: Int
    var detail: JSONValue

    init(_ status: Int, _ message: String) {
        self.status = status
        detail = .string(message)
    }

    init(validation items: [Item]) {
        status = 422
        detail = .array(items.map { .object([("type", .string($0.type)), ("loc", .array($0.loc)), ("msg", .string($0.msg))]) })
    }

    var response: HTTPResponse {
        var response = HTTPResponse.json(status, .object([("detail", detail)]))
        if status == 401 { response.headers.append(("WWW-Authenticate", "Bearer")) }
        return response
    }

    static let notFound = RightbrainError(404, "Not Found")
    static let clientNotFound = RightbrainError(404, "OAuth client not found")
    static let notAuthenticated = RightbrainError(401, "Not authenticated")
    static func methodNotAllowed() -> RightbrainError { RightbrainError(405, "Method Not Allowed") }

    /// The body a fault rule answers with (rate limits included), unless the rule gives its own.
    static func injected(_ status: Int) -> RightbrainError {
        RightbrainError(status, status == 429 ? "Rate limit exceeded" : HTTPResponse.reason(status))
    }
}
