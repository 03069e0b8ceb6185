/// An HTTP request method used by the admin APIs.
package enum HTTPMethod: String, Sendable, CaseIterable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"

    /// True when repeating the request has the same effect as sending it once (GET, PUT, DELETE).
    ///
    /// PATCH is not idempotent in general (a JSON Patch `add` to `/-` appends again), and POST creates.
    package var isIdempotent: Bool {
        switch self {
        case .get, .put, .delete: return true
        case .post, .patch: return false
        }
    }

    /// True for methods that change server state; these are the ones a `WritePacer` paces.
    package var isWrite: Bool { self != .get }
}
