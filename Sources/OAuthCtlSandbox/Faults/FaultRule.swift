/// One scripted fault: which requests it matches, on which matches it fires, and what it does.
///
/// JSON: `{"method":"PUT","path_prefix":"/admin/clients","nth":1,"times":2,"status":503,
/// "retry_after":"1","body":"…","headers":{"Link":"…"},"latency_ms":0}` or `"action":"reset"`. `nth` (default 1) is the
/// first matching request that fires; `times` (default 1, negative = forever) how many in a row.
/// `"after_commit":true`: the server carries the request out first, then waits `latency_ms`, then answers
/// with the fault instead of its real answer (a response lost after the server acted).
struct FaultRule: Sendable {
    enum Action: Sendable, Equatable { case status(Int), reset, delay }

    var method: String?
    var pathPrefix: String?
    var nth = 1
    var times = 1
    var action: Action
    var retryAfter: String?
    var body: String?
    /// Extra response header fields (e.g. a `Link` that repeats a page, `x-ratelimit-reset`).
    var headers: [(String, String)] = []
    var latencyMs = 0
    /// The request is carried out before the fault replaces (or delays) its answer.
    var afterCommit = false
    /// Requests matched so far.
    var seen = 0

    /// Parses one rule; returns a message for a bad rule.
    static func parse(_ json: JSONValue) -> Result<FaultRule, FaultRuleError> {
        guard json.objectValue != nil else { return .failure(FaultRuleError(message: "each rule must be an object")) }
        func int(_ key: String) -> Int? { json[key].flatMap { if case .number(let n) = $0 { return Int(n) } else { return nil } } }
        let latency = int("latency_ms") ?? 0
        let action: Action
        switch (json["action"]?.stringValue, int("status")) {
        case ("reset"?, _): action = .reset
        case (_, let status?) where (100...599).contains(status): action = .status(status)
        case (nil, nil) where latency > 0: action = .delay
        default: return .failure(FaultRuleError(message: "a rule needs \"status\" (100-599), \"action\":\"reset\" or \"latency_ms\""))
        }
        var rule = FaultRule(action: action)
        rule.method = json["method"]?.stringValue?.uppercased()
        rule.pathPrefix = json["path_prefix"]?.stringValue
        rule.nth = max(1, int("nth") ?? 1)
        rule.times = int("times") ?? 1
        rule.retryAfter = json["retry_after"]?.stringValue ?? int("retry_after").map(String.init)
        rule.body = json["body"]?.stringValue
        if let headers = json["headers"] {
            guard let pairs = headers.objectValue, pairs.allSatisfy({ $0.1.stringValue != nil }) else {
                return .failure(FaultRuleError(message: "\"headers\" must be an object of strings"))
            }
            rule.headers = pairs.map { ($0.0, $0.1.stringValue ?? "") }
            guard rule.headers.allSatisfy({ HTTPSyntax.isToken($0.0) && HTTPSyntax.isFieldValue($0.1) }) else {
                return .failure(FaultRuleError(message: "\"headers\" names must be tokens and values hold no CR, LF or NUL"))
            }
        }
        if let retryAfter = rule.retryAfter, !HTTPSyntax.isFieldValue(retryAfter) {
            return .failure(FaultRuleError(message: "\"retry_after\" must hold no CR, LF or NUL"))
        }
        rule.latencyMs = latency
        rule.afterCommit = json["after_commit"] == .bool(true)
        return .success(rule)
    }

    /// Counts the request if it matches and says whether the rule fires for it.
    mutating func fires(method: String, paths: [String]) -> Bool {
        if let m = self.method, m != method { return false }
        if let prefix = pathPrefix, !paths.contains(where: { $0.hasPrefix(prefix) }) { return false }
        seen += 1
        guard seen >= nth else { return false }
        return times < 0 || seen < nth + times
    }

    var json: JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let method { pairs.append(("method", .string(method))) }
        if let pathPrefix { pairs.append(("path_prefix", .string(pathPrefix))) }
        pairs.append(("nth", .number(String(nth))))
        pairs.append(("times", .number(String(times))))
        switch action {
        case .status(let s): pairs.append(("status", .number(String(s))))
        case .reset: pairs.append(("action", .string("reset")))
        case .delay: break
        }
        if let retryAfter { pairs.append(("retry_after", .string(retryAfter))) }
        if !headers.isEmpty { pairs.append(("headers", .object(headers.map { ($0.0, .string($0.1)) }))) }
        if latencyMs > 0 { pairs.append(("latency_ms", .number(String(latencyMs)))) }
        if afterCommit { pairs.append(("after_commit", .bool(true))) }
        pairs.append(("seen", .number(String(seen))))
        return .object(pairs)
    }
}

/// Why a fault rule was rejected (answered as 400 by the control endpoint).
struct FaultRuleError: Error {
    let message: String
}
