import Foundation
import Synchronization

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
///
/// Responses are bounded: the body is read as it arrives (a data delegate, not `data(for:)`), and a body
/// larger than `maxBodyBytes` (by its `Content-Length` or by what arrived) cancels the request with
/// `responseRefused`; so does a request that has no complete response `deadline` seconds after it was
/// sent. Memory stays at most about `maxBodyBytes` per request, whatever the server sends.
package struct URLSessionTransport: HTTPTransport {
    package let timeout: TimeInterval
    package let maxBodyBytes: Int
    package let deadline: TimeInterval
    private let session: URLSession
    private let tasks: BoundedBodyDelegate
    /// The queue the session's callbacks run on, held here: an `OperationQueue` does not keep its
    /// `underlyingQueue` alive (the property is `unowned(unsafe)`).
    private let callbacks = DispatchQueue(label: "oauthctl-http")

    /// The default cap on a response body: 64 MB.
    package static let defaultMaxBodyBytes = 64 << 20
    /// The default total deadline of one request: 60 s.
    package static let defaultDeadline: TimeInterval = 60

    /// - Parameters:
    ///   - timeout: seconds without progress after which a request fails with `timedOut`.
    ///   - maxBodyBytes: the largest response body read; a larger one fails with `responseRefused`.
    ///   - deadline: seconds from sending to the end of the response; later, the request fails with `responseRefused`.
    package init(timeout: TimeInterval = 30, maxBodyBytes: Int = defaultMaxBodyBytes, deadline: TimeInterval = defaultDeadline) {
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.deadline = deadline
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = max(deadline * 2, timeout)
        let delegate = BoundedBodyDelegate()
        tasks = delegate
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: Self.delegateQueue(on: callbacks))
    }

    /// The session's callbacks run on a serial queue of their own: a response is taken in as it arrives,
    /// even while every core runs CPU-bound work on Dispatch's shared pool (a serial queue gets a thread
    /// of its own when that pool is busy; the pool's queues wait for a free one).
    private static func delegateQueue(on callbacks: DispatchQueue) -> OperationQueue {
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        queue.underlyingQueue = callbacks
        return queue
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(
            url: request.url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method.rawValue
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        // URLSession on Linux fails a GET that has a body (URLError -1103); a GET never needs one here.
        urlRequest.httpBody = request.method == .get ? nil : request.body
        let result: BoundedBodyDelegate.Outcome
        do {
            result = try await tasks.run(session.dataTask(with: urlRequest), maxBodyBytes: maxBodyBytes, deadline: deadline)
        } catch let error as URLError {
            if error.code == .cancelled { throw CancellationError() }
            throw Self.transportError(error.code, url: request.url, detail: error.userInfo[NSLocalizedDescriptionKey] as? String)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw HTTPTransportError.connectionFailed("\(Self.endpoint(request.url)): request failed")
        }
        let (data, response): (Data, URLResponse)
        switch result {
        case .complete(let body, let received): (data, response) = (body, received)
        case .tooLarge: throw HTTPTransportError.responseRefused("response body exceeds \(Self.size(maxBodyBytes)); refused")
        case .pastDeadline: throw HTTPTransportError.responseRefused("no complete response within \(Self.seconds(deadline)); gave up")
        }
        guard let http = response as? HTTPURLResponse else { throw HTTPTransportError.invalidResponse }
        let fields = http.allHeaderFields.map { ("\($0.key)", "\($0.value)") }.sorted { $0.0 < $1.0 }
        return HTTPResponse(status: http.statusCode, headerFields: fields, body: data)
    }

    /// `64 MB`, `512 KB`, `100 bytes`: a byte count in binary units, for messages.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KB" }
        return "\(bytes) bytes"
    }

    static func seconds(_ value: TimeInterval) -> String {
        value.rounded() == value ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    /// Maps a URLError code to the transport error the retry policy understands. `detail` is the error's own
    /// description, if it has one: on Linux, Foundation reports most libcurl failures as code -1 (unknown)
    /// with curl's words (`SSL certificate problem: self-signed certificate`), which say what went wrong.
    package static func transportError(_ code: URLError.Code, url: URL, detail: String? = nil) -> HTTPTransportError {
        let endpoint = endpoint(url)
        // Curl's words name hosts and ports, never paths, queries or credentials: one short line of them.
        if code == .unknown, let detail = HTTPError.clean(detail, limit: 200) {
            return Self.mentionsTLS(detail)
                ? .tls("secure connection to \(endpoint) failed: \(detail)")
                : .connectionFailed("request to \(endpoint) failed: \(detail)")
        }
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
            return .connectionRefused("could not connect to \(endpoint)")
        case .networkConnectionLost:
            return .connectionFailed("the connection to \(endpoint) was lost")
        case .notConnectedToInternet:
            return .connectionFailed("no network connection to reach \(endpoint)")
        default:
            return .connectionFailed("request to \(endpoint) failed (URLError \(code.rawValue))")
        }
    }

    /// True when curl's words are about TLS (certificates, the handshake): retrying can't mend those.
    static func mentionsTLS(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return ["ssl", "tls", "certificate"].contains { lowered.contains($0) }
    }

    /// `host:port` of a URL, with the scheme's default port; no path, query or user info.
    static func endpoint(_ url: URL) -> String {
        let host = url.host ?? "(no host)"
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// The session's delegate: collects each task's body up to its cap, refuses redirects (so the 3xx reaches
/// the caller and `Authorization` is never resent elsewhere), and ends a task at its deadline.
final class BoundedBodyDelegate: NSObject, URLSessionDataDelegate, Sendable {
    enum Outcome: Sendable {
        case complete(Data, URLResponse)
        case tooLarge
        case pastDeadline
    }

    private enum Stop { case tooLarge, pastDeadline }

    private struct Pending {
        var continuation: CheckedContinuation<Outcome, any Error>
        var maxBodyBytes: Int
        var body = Data()
        var response: URLResponse?
    }

    private let pending = Mutex<[Int: Pending]>([:])

    /// Starts `task` and waits for its outcome; cancelling the calling task cancels it.
    func run(_ task: URLSessionDataTask, maxBodyBytes: Int, deadline: TimeInterval) async throws -> Outcome {
        let id = task.taskIdentifier
        // A dispatch timer, not a sleeping task: it fires even when every cooperative thread is busy.
        let timer = DispatchWorkItem { [weak task] in if let task { self.stop(task, because: .pastDeadline) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + max(deadline, 0.001), execute: timer)
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                pending.withLock { $0[id] = Pending(continuation: continuation, maxBodyBytes: maxBodyBytes) }
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }

    /// Ends the wait for `task` at once with `reason` (not when URLSession reports the cancellation, which
    /// can take many seconds on Linux), then cancels it; its later completion finds nothing pending.
    private func stop(_ task: URLSessionTask, because reason: Stop) {
        guard let entry = pending.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        entry.continuation.resume(returning: reason == .tooLarge ? .tooLarge : .pastDeadline)
        task.cancel()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let cap = pending.withLock { tasks -> Int? in
            guard var entry = tasks.removeValue(forKey: dataTask.taskIdentifier) else { return nil }
            entry.response = response
            // A body of known length is received into one buffer of that size, not grown (and copied) chunk by
            // chunk; never more than the cap, which a longer one is refused at.
            if response.expectedContentLength > 0, response.expectedContentLength <= Int64(entry.maxBodyBytes) {
                entry.body.reserveCapacity(Int(response.expectedContentLength))
            }
            tasks[dataTask.taskIdentifier] = entry
            return entry.maxBodyBytes
        }
        if let cap, response.expectedContentLength > Int64(cap) {
            stop(dataTask, because: .tooLarge)
            return completionHandler(.cancel)
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = pending.withLock { tasks -> Bool in
            guard var entry = tasks[dataTask.taskIdentifier] else { return false }
            guard entry.body.count + data.count <= entry.maxBodyBytes else { return true }
            tasks[dataTask.taskIdentifier] = nil  // no copy-on-write of the growing body
            entry.body.append(data)
            tasks[dataTask.taskIdentifier] = entry
            return false
        }
        if over { stop(dataTask, because: .tooLarge) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let entry = pending.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        switch (error, entry.response) {
        case (let error?, _): entry.continuation.resume(throwing: error)
        case (nil, let response?): entry.continuation.resume(returning: .complete(entry.body, response))
        case (nil, nil): entry.continuation.resume(throwing: URLError(.badServerResponse))
        }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
