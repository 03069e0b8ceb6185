import Foundation

/// Reads the error code and description out of the error bodies the supported servers send.
///
/// Shapes: `{"error","error_description"}` (Hydra, RFC 6749); `{"error":{"message","reason"}}`
/// (herodot); `{"code","message","errors":{field:[msg]}}` (Boruta); `{"detail": "…" | [{"loc","msg"}]}`
/// (FastAPI, Rightbrain); a bare array of strings (Glewlwyd); `{"message"}`; short plain text.
struct ServerErrorBody: Equatable {
    var error: String?
    var description: String?

    static func parse(_ data: Data) -> ServerErrorBody {
        guard !data.isEmpty else { return ServerErrorBody() }
        guard let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return ServerErrorBody(description: text.hasPrefix("<") ? nil : text)
        }
        if let list = json as? [Any] { return ServerErrorBody(description: messages(list)) }
        guard let object = json as? [String: Any] else { return ServerErrorBody(description: json as? String) }
        if let error = object["error"] as? String {
            return ServerErrorBody(
                error: error, description: (object["error_description"] ?? object["message"]).flatMap(text))
        }
        if let nested = object["error"] as? [String: Any] {
            let message = nested["message"].flatMap(text)
            let reason = nested["reason"].flatMap(text)
            return ServerErrorBody(
                error: (nested["code"] as? String) ?? (nested["id"] as? String),
                description: joined(message, reason == message ? nil : reason, separator: ": "))
        }
        let message = (object["message"] ?? object["error_description"]).flatMap(text)
        let details = (object["errors"] ?? object["detail"]).flatMap(fieldMessages)
        return ServerErrorBody(error: object["code"] as? String, description: joined(message, details, separator: " "))
    }

    /// A string, a number or a list of those, as text; nil when empty.
    private static func text(_ value: Any) -> String? {
        if let string = value as? String { return string.isEmpty ? nil : string }
        if let number = value as? NSNumber { return number.stringValue }
        if let list = value as? [Any] { return messages(list) }
        return nil
    }

    /// Messages from a list: strings, or objects with `msg`/`message` and an optional `loc` path.
    private static func messages(_ list: [Any]) -> String? {
        let parts = list.compactMap { item -> String? in
            if let string = item as? String { return string }
            guard let object = item as? [String: Any], let message = (object["msg"] ?? object["message"]).flatMap(text)
            else { return nil }
            let location = (object["loc"] as? [Any])?.map { "\($0)" }.filter { $0 != "body" }.joined(separator: ".")
            return location.map { $0.isEmpty ? message : "\($0): \(message)" } ?? message
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// `{"field": ["msg", …]}` as `field: msg, msg; other: msg` (sorted by field), or a list or string.
    private static func fieldMessages(_ value: Any) -> String? {
        guard let object = value as? [String: Any] else { return text(value) }
        let parts = object.keys.sorted().compactMap { key -> String? in
            let messages = (object[key] as? [String])?.joined(separator: ", ") ?? object[key].flatMap(text)
            return messages.flatMap { $0.isEmpty ? nil : "\(key): \($0)" }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    private static func joined(_ first: String?, _ second: String?, separator: String) -> String? {
        switch (first, second) {
        case (let first?, let second?):
            let glue = first.hasSuffix(".") || first.hasSuffix(":") ? " " : separator
            return first + glue + second
        case (let only?, nil), (nil, let only?): return only
        case (nil, nil): return nil
        }
    }
}
