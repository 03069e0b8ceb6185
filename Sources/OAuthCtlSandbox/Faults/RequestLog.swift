/// The admin API calls the sandbox received, for tests that compare what oauthctl sent.
///
/// Bodies are stored parsed with every `client_secret` (Hydra) and `secret` (Boruta) value replaced by `"(redacted)"`, including
/// JSON Patch operations on `/client_secret`. Headers (and so tokens) are never recorded.
final class RequestLog: @unchecked Sendable {
    private let entries = LockedValue<[JSONValue]>([])
    private let capacity = 100_000

    func record(_ request: HTTPRequest, status: Int) {
        var body: JSONValue = .null
        if !request.body.isEmpty {
            if request.path.hasSuffix("/oauth/token") {
                body = .string("(redacted)")  // a form body that may carry client_secret
            } else if let parsed = try? JSONParser.parseDocument(request.body) {
                body = Self.redact(parsed)
            } else {
                body = .string(String(decoding: request.body, as: UTF8.self))
            }
        }
        let entry = JSONValue.object([
            ("method", .string(request.method)), ("path", .string(request.path)), ("query", .string(request.query)),
            ("body", body), ("status", .number(String(status))),
        ])
        entries.withValue { list in
            if list.count >= capacity { list.removeFirst(list.count - capacity + 1) }
            list.append(entry)
        }
    }

    var json: JSONValue { entries.withValue { .array($0) } }

    func clear() { entries.withValue { $0.removeAll() } }

    static func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let pairs):
            let patchesSecret = value["path"]?.stringValue == "/client_secret"
            return .object(
                pairs.map { key, item in
                    if key == "client_secret" || key == "secret" || (patchesSecret && key == "value") {
                        return (key, item.stringValue == nil ? redact(item) : .string("(redacted)"))
                    }
                    return (key, redact(item))
                })
        case .array(let items): return .array(items.map(redact))
        default: return value
        }
    }
}
