import Foundation
import OAuthCtlJSON

/// Hides credentials and sensitive values before headers or bodies reach a log, a dry run or an error.
package enum Redaction {
    /// What a redacted header value reads as.
    package static let redactedHeader = "(redacted)"
    /// What a sensitive JSON value reads as.
    package static let sensitiveValue = "(sensitive)"

    private static let sensitiveHeaderNames: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key",
    ]
    private static let sensitiveHeaderWords = ["token", "secret", "key", "password", "auth", "session"]

    /// True when a header of this name may carry a credential.
    package static func isSensitiveHeader(_ name: String) -> Bool {
        let lower = name.lowercased()
        return sensitiveHeaderNames.contains(lower) || sensitiveHeaderWords.contains { lower.contains($0) }
    }

    /// The headers with every credential-bearing value replaced by `(redacted)`; names are kept.
    package static func headers(_ headers: [String: String]) -> [String: String] {
        headers.reduce(into: [:]) { result, field in
            result[field.key] = isSensitiveHeader(field.key) ? redactedHeader : field.value
        }
    }

    /// Compact JSON (keys sorted) with the values of `sensitiveKeys` replaced by `"(sensitive)"`.
    ///
    /// Keys match at any depth and case-insensitively. A body that is not JSON becomes `(N bytes)`.
    package static func jsonBody(_ data: Data, sensitiveKeys: Set<String>) -> String {
        let keys = Set(sensitiveKeys.map { $0.lowercased() })
        guard let value = try? JSONParser.parse(Array(data)) else { return "(\(data.count) bytes)" }
        return JSONEncoding.compact(redact(value, keys: keys))
    }

    /// Every string (or number) held under one of `sensitiveKeys` in a JSON body, at any depth.
    ///
    /// Used to scrub a server's error text that may echo what was sent (`HTTPError`).
    package static func sensitiveValues(in data: Data?, sensitiveKeys: Set<String>) -> [String] {
        guard let data, !sensitiveKeys.isEmpty, let value = try? JSONParser.parse(Array(data)) else { return [] }
        var found: [String] = []
        collect(value, keys: Set(sensitiveKeys.map { $0.lowercased() }), underSensitiveKey: false, into: &found)
        return found
    }

    /// The credentials in request headers (`Bearer X` gives both the whole value and `X`), so that a
    /// server or gateway that echoes them in an error body can't put them in front of the user.
    package static func credentialValues(in headers: [String: String]) -> [String] {
        headers.filter { isSensitiveHeader($0.key) }.flatMap { _, value -> [String] in
            let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
            return parts.count == 2 ? [value, parts[1]] : [value]
        }
    }

    /// `text` with every occurrence of each value replaced by `(sensitive)`; empty values are ignored.
    package static func scrub(_ text: String, values: [String]) -> String {
        values.filter { !$0.isEmpty }.sorted { $0.count > $1.count }.reduce(text) {
            $0.replacingOccurrences(of: $1, with: sensitiveValue)
        }
    }

    private static func redact(_ value: JSONValue, keys: Set<String>) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(
                object.reduce(into: [:]) { result, field in
                    result[field.key] =
                        keys.contains(field.key.lowercased()) ? .string(sensitiveValue) : redact(field.value, keys: keys)
                })
        case .array(let items):
            return .array(items.map { redact($0, keys: keys) })
        // A JSON object carried as a string (Glewlwyd's ownership-marker property) is redacted inside too.
        case .string(let text) where text.hasPrefix("{"):
            guard let nested = try? JSONParser.parse(text), case .object = nested else { return value }
            return .string(JSONEncoding.compact(redact(nested, keys: keys)))
        default:
            return value
        }
    }

    private static func collect(_ value: JSONValue, keys: Set<String>, underSensitiveKey: Bool, into found: inout [String]) {
        switch value {
        case .object(let object):
            for (key, child) in object {
                collect(child, keys: keys, underSensitiveKey: underSensitiveKey || keys.contains(key.lowercased()), into: &found)
            }
        case .array(let items):
            for child in items { collect(child, keys: keys, underSensitiveKey: underSensitiveKey, into: &found) }
        case .string(let string) where underSensitiveKey:
            found.append(string)
        case .int, .double:
            if underSensitiveKey { found.append(JSONEncoding.compact(value)) }
        default:
            break
        }
    }
}
