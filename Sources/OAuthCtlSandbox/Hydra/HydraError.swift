/// An error Hydra's admin API answers with: a status and the RFC 6749 body `{"error","error_description"}`.
///
/// Descriptions have `"` replaced by `'`, as fosite's `GetDescription` does.
struct HydraError: Error, Equatable {
    let status: Int
    let error: String
    let description: String

    init(_ status: Int, _ error: String, _ description: String) {
        self.status = status
        self.error = error
        self.description = description.replacingOccurrences(of: "\"", with: "'")
    }

    var response: HTTPResponse {
        .json(status, .object([("error", .string(error)), ("error_description", .string(description))]))
    }

    static let metadataDescription =
        "The value of one of the Client Metadata fields is invalid and the server has rejected this request. "
        + "Note that an Authorization Server MAY choose to substitute a valid value for any requested parameter of a Client's Metadata."

    /// 400 `invalid_client_metadata`, with an optional hint appended.
    static func invalidMetadata(_ hint: String?) -> HydraError {
        HydraError(400, "invalid_client_metadata", hint.map { metadataDescription + " " + $0 } ?? metadataDescription)
    }

    /// 400 `invalid_redirect_uri` with a hint.
    static func invalidRedirectURI(_ hint: String) -> HydraError {
        HydraError(400, "invalid_redirect_uri", "The value of one or more redirect_uris is invalid. " + hint)
    }

    static let malformed = "The request was malformed or contained invalid parameters"

    /// 400 herodot "malformed" with `Unable to decode the request body: <go error>`.
    static func badBody(_ goError: String) -> HydraError {
        HydraError(400, malformed, "Unable to decode the request body: " + goError)
    }

    /// 400 herodot "malformed" for `page_size` / `page_token`.
    static func badPagination(_ reason: String) -> HydraError {
        HydraError(400, malformed, "Unable to parse pagination parameters: " + reason)
    }

    static let notFound = HydraError(404, "Unable to locate the resource", "")
    static let conflict = HydraError(
        409, "Unable to insert or update resource because a resource with that value exists already", "")
    /// A plain Go error through fosite: what PATCH document errors become.
    static let unrecognizable = HydraError(500, "error", "The error is unrecognizable")
    static let methodNotAllowed = HydraError(405, "Method Not Allowed", "")
}
