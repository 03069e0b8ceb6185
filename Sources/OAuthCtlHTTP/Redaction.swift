import Foundation

/// Hides credentials and sensitive values before headers or bodies reach a log, a dry run or an error.
public enum Redaction {
    /// What a redacted header value reads as.
    public static let redactedHeader = "(redacted)"
    /// What a sensitive JSON value reads as.
    public static let sensitiveValue = "(sensitive)"

    private static let sensitiveHeaderNames: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key",
    ]
    private static let sensitiveHeaderWords = ["token", "secret", "key", "password", "auth", "session"]

    /// True when a header of this name may carry a credential.
    public static func isSensitiveHeader(_ name: String) -> Bool {
        let lower = name.lowercased()
        return sensitiveHeaderNames.contains(lower) || sensitiveHeaderWords.contains { lower.contains($0) }
    }

    /// The headers with every credential-bearing value replaced by `(redacted)`; names are kept.
    public static func headers(_ headers: [String: String]) -> [String: String] {
        headers.reduce(into: [:]) { result, field in
            result[field.key] = isSensitiveHeader(field.key) ? redactedHeader : field.value
        }
    }

    /// Compact JSON (keys sorted) with the values of `sensitiveKeys` replaced by `"(sensitive)"`.
    ///
    /// Keys match at any depth and case-insensitively. A body that is not JSON becomes `(N bytes)`.
    public static func jsonBody(_ data: Data, sensitiveKeys: Set<String>) -> String {
        let keys = Set(sensitiveKeys.map { $0.lowercased() })
        guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
            let encoded = try? JSONSerialization.data(
                withJSONObject: redact(value, keys: keys), options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return "(\(data.count) bytes)" }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Every string (or number) held under one of `sensitiveKeys` in a JSON body, at any depth.
    ///
    /// Used to scrub a server's error text that may echo what was sent (`HTTPError`).
    public static func sensitiveValues(in data: Data?, sensitiveKeys: Set<String>) -> [String] {
        guard let data, !sensitiveKeys.isEmpty,
            let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return [] }
        var found: [String] = []
        collect(value, keys: Set(sensitiveKeys.map { $0.lowercased() }), underSensitiveKey: false, into: &found)
        return found
    }

    /// The credentials in request headers (`Bearer X` gives both the whole value and `X`), so that a
    /// server or gateway that echoes them in an error body can't put them in front of the user.
    public static func credentialValues(in headers: [String: String]) -> [String] {
        headers.filter { isSensitiveHeader($0.key) }.flatMap { _, value -> [String] in
            let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
            return parts.count == 2 ? [value, parts[1]] : [value]
        }
    }

    /// `text` with every occurrence of each value replaced by `(sensitive)`; empty values are ignored.
    public static func scrub(_ text: String, values: [String]) -> String {
        values.filter { !$0.isEmpty }.sorted { $0.count > $1.count }.reduce(text) {
            $0.replacingOccurrences(of: $1, with: sensitiveValue)
        }
    }

    private static func redact(_ value: Any, keys: Set<String>) -> Any {
        if let object = value as? [String: Any] {
            return object.reduce(into: [String: Any]()) { result, field in
                result[field.key] = keys.contains(field.key.lowercased()) ? sensitiveValue : redact(field.value, keys: keys)
            }
        }
        if let array = value as? [Any] { return array.map { redact($0, keys: keys) } }
        // A JSON object carried as a string (Glewlwyd's ownership-marker property) is redacted inside too.
        if let text = value as? String, text.hasPrefix("{"), let data = text.data(using: .utf8),
            let nested = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let encoded = try? JSONSerialization.data(withJSONObject: redact(nested, keys: keys), options: [.sortedKeys, .withoutEscapingSlashes])
        {
            return String(decoding: encoded, as: UTF8.self)
        }
        return value
    }

    private static func collect(_ value: Any, keys: Set<String>, underSensitiveKey: Bool, into found: inout [String]) {
        if let object = value as? [String: Any] {
            for (key, child) in object {
                collect(child, keys: keys, underSensitiveKey: underSensitiveKey || keys.contains(key.lowercased()), into: &found)
            }
        } else if let array = value as? [Any] {
            for child in array { collect(child, keys: keys, underSensitiveKey: underSensitiveKey, into: &found) }
        } else if underSensitiveKey, let string = value as? String {
            found.append(string)
        } else if underSensitiveKey, let number = value as? NSNumber {
            found.append(number.stringValue)
        }
    }
}
