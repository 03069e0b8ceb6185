import Foundation

/// One HTTP request to send: method, absolute URL, headers and an optional body.
package struct HTTPRequest: Sendable {
    package var method: HTTPMethod
    package var url: URL
    /// Header names as the caller wrote them; transports send them unchanged.
    package var headers: [String: String]
    package var body: Data?
    /// True for writes that must not be retried after the server may have acted.
    ///
    /// Defaults to `!method.isIdempotent` (POST and PATCH). A request with this flag is retried only on
    /// statuses that say the server did not act (429, 503), never after a transport error, a 500 or a
    /// gateway's 502/504. A caller may clear it for a write it knows to be safe to repeat, or set it for a PUT
    /// that must not be repeated.
    package var unsafeToRepeat: Bool

    package init(
        method: HTTPMethod, url: URL, headers: [String: String] = [:], body: Data? = nil,
        unsafeToRepeat: Bool? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.unsafeToRepeat = unsafeToRepeat ?? !method.isIdempotent
    }

    /// The URL's path without query string or fragment, for messages (`/admin/clients/billing-web`).
    package var path: String {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
        return path.isEmpty ? "/" : path
    }
}
