import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends requests with URLSession: an ephemeral session with no cookies, no cache and no stored credentials.
///
/// Redirects are not followed (the 3xx comes back as the response), so `Authorization` is never
/// resent to another location.
/// Every status comes back as a response; a request that got no response throws `HTTPTransportError`,
/// whose text names the host and port, never the path, the headers or the body. Task cancellation
/// is rethrown as `CancellationError`. A GET is sent without a body.
public struct URLSessionTransport: HTTPTransport {
    public let timeout: TimeInterval
    private let session: URLSession

    /// - Parameter timeout: seconds without progress after which a request fails with `timedOut`.
    public init(timeout: TimeInterval = 30) {
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = max(timeout * 4, timeout)
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(
            url: request.url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method.rawValue
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        // URLSession on Linux fails a GET that has a body (URLError -1103); a GET never needs one here.
        urlRequest.httpBody = request.method == .get ? nil : request.body
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            if error.code == .cancelled { throw CancellationError() }
            throw Self.transportError(error.code, url: request.url)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw HTTPTransportError.connectionFailed("\(Self.endpoint(request.url)): request failed")
        }
        guard let http = response as? HTTPURLResponse else { throw HTTPTransportError.invalidResponse }
        let fields = http.allHeaderFields.map { ("\($0.key)", "\($0.value)") }.sorted { $0.0 < $1.0 }
        return HTTPResponse(status: http.statusCode, headerFields: fields, body: data)
    }

    /// Maps a URLError code to the transport error the retry policy understands.
    static func transportError(_ code: URLError.Code, url: URL) -> HTTPTransportError {
        let endpoint = endpoint(url)
        switch code {
        case .timedOut:
            return .timedOut
        case .cannotFindHost, .dnsLookupFailed:
            return .dns("cannot resolve \(url.host ?? endpoint)")
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
            .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
            .clientCertificateRequired:
            return .tls("secure connection to \(endpoint) failed (URLError \(code.rawValue))")
        case .badServerResponse, .cannotParseResponse, .cannotDecodeRawData, .cannotDecodeContentData:
            return .invalidResponse
        case .cannotConnectToHost:
            return .connectionFailed("could not connect to \(endpoint)")
        case .networkConnectionLost:
            return .connectionFailed("the connection to \(endpoint) was lost")
        case .notConnectedToInternet:
            return .connectionFailed("no network connection to reach \(endpoint)")
        default:
            return .connectionFailed("request to \(endpoint) failed (URLError \(code.rawValue))")
        }
    }

    /// `host:port` of a URL, with the scheme's default port; no path, query or user info.
    static func endpoint(_ url: URL) -> String {
        let host = url.host ?? "(no host)"
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
