import Foundation
import OAuthCtlHTTP

/// A value guarded by a lock, for test doubles shared with `@Sendable` closures.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    var current: Value { withLock { $0 } }
}

/// A transport that plays back a script of responses and errors and records what it was sent.
final class ScriptedTransport: HTTPTransport {
    private let script: Locked<[Result<HTTPResponse, HTTPTransportError>]>
    let sent = Locked<[HTTPRequest]>([])

    init(_ script: [Result<HTTPResponse, HTTPTransportError>]) { self.script = Locked(script) }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        sent.withLock { $0.append(request) }
        let next = script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        guard let next else { return HTTPResponse(status: 599) }
        return try next.get()
    }
}

/// A manual clock and a sleep that advances it instead of waiting, recording every wait.
final class FakeClock: Sendable {
    let time: Locked<Double>
    let sleeps = Locked<[Double]>([])

    init(start: Double = 1000) { time = Locked(start) }

    var now: @Sendable () -> Double { { [time] in time.current } }

    var sleep: @Sendable (Double) async -> Void {
        { [time, sleeps] seconds in
            sleeps.withLock { $0.append(seconds) }
            // Wakes at "now + seconds", even if another sleeper already moved time past that point.
            let start = time.current
            time.withLock { $0 = max($0, start + max(seconds, 0)) }
        }
    }
}

func response(_ status: Int, _ headers: [String: String] = [:], _ body: String = "") -> Result<HTTPResponse, HTTPTransportError> {
    .success(HTTPResponse(status: status, headers: headers, body: Data(body.utf8)))
}

func request(_ method: HTTPMethod, _ url: String = "http://127.0.0.1:4445/admin/clients/billing-web") -> HTTPRequest {
    HTTPRequest(method: method, url: URL(string: url) ?? URL(fileURLWithPath: "/"))
}
