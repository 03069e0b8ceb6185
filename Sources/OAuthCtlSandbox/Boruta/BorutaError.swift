/// Boruta's error answers (boruta.md §7): `{code, message, errors}` from the FallbackController and
/// `{code, message}` from `Router.handle_errors` for raised exceptions (404, 400, 406).
struct BorutaError: Error {
    let status: Int
    let code: String
    let message: String
    let errors: JSONValue?

    var response: HTTPResponse {
        var pairs: [(String, JSONValue)] = [("code", .string(code)), ("message", .string(message))]
        if let errors { pairs.append(("errors", errors)) }
        var response = HTTPResponse.json(status, .object(pairs))
        response.body.removeLast()
        return response
    }

    static let unauthorized = BorutaError(
        status: 401, code: "UNAUTHORIZED", message: "You are unauthorized to access this resource.",
        errors: .object([("resource", .array([.string("you are unauthorized to access this resource.")]))]))

    static let forbidden = BorutaError(
        status: 403, code: "FORBIDDEN", message: "You are forbidden to access this resource.",
        errors: .object([("resource", .array([.string("you are forbidden to access this resource.")]))]))

    static let writeProtected = BorutaError(
        status: 403, code: "FORBIDDEN", message: "The resource is write protected.",
        errors: .object([("resource", .array([.string("is write protected.")]))]))

    static func unprocessable(_ errors: BorutaChangeset.Errors) -> BorutaError {
        BorutaError(status: 422, code: "UNPROCESSABLE_ENTITY", message: "Your request could not be processed.", errors: errors.json)
    }

    /// `Ecto.NoResultsError` rendered by `handle_errors`: no `errors` key.
    static func notFound(schema: String, id: String) -> BorutaError {
        BorutaError(
            status: 404, code: "NOT_FOUND",
            message: "expected at least one result but got none in query:\n\nfrom c0 in \(schema),\n  where: c0.id == ^\"\(id)\"\n",
            errors: nil)
    }

    /// `Phoenix.Router.NoRouteError`.
    static func noRoute(_ request: HTTPRequest) -> BorutaError {
        BorutaError(
            status: 404, code: "NOT_FOUND", message: "no route found for \(request.method) \(request.path) (BorutaAdminWeb.Router)",
            errors: nil)
    }

    /// `Ecto.Query.CastError` for a malformed UUID in the path.
    static func castError(_ id: String) -> BorutaError {
        badRequest(
            "value `\"\(id)\"` in `where` cannot be cast to type Ecto.UUID in query:\n\nfrom c0 in Boruta.Ecto.Client,\n  where: c0.id == ^\"\(id)\""
        )
    }

    static func badRequest(_ message: String) -> BorutaError {
        BorutaError(status: 400, code: "BAD_REQUEST", message: message, errors: nil)
    }

    static let notAcceptable = BorutaError(
        status: 406, code: "NOT_ACCEPTABLE", message: "no supported media type in accept header.\n\nExpected one of [\"json\"]", errors: nil
    )

    /// An OAuth error of the token endpoint (RFC 6749 §5.2).
    static func oauth(_ status: Int, _ error: String, _ description: String) -> HTTPResponse {
        var response = HTTPResponse.json(status, .object([("error", .string(error)), ("error_description", .string(description))]))
        response.body.removeLast()
        return response
    }
}
