import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Minimal HTTP calls for tests: seed a server, inspect its request log, script its faults.
package enum LoopbackHTTP {
    /// Sends one request and returns the status and body.
    package static func send(
        _ method: String, _ url: String, json: String? = nil, headers: [String: String] = [:]
    ) async throws -> (status: Int, body: Data) {
        guard let target = URL(string: url) else { throw SandboxStartError(message: "bad URL \(url)") }
        var request = URLRequest(url: target)
        request.httpMethod = method
        // A fresh connection each time: between two calls a test may wait longer than the server keeps
        // an idle connection (10 s in the sandbox), and a request sent on a connection the server is
        // closing gets an empty reply (seen once under a loaded CI run).
        request.setValue("close", forHTTPHeaderField: "Connection")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }
}
