import Foundation
import OAuthCtlJSON

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
        guard let json = try? JSONParser.parse(Array(data)) else {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return ServerErrorBody(description: text.hasPrefix("<") ? nil : text)
        }
        if case .array(let list) = json { return ServerErrorBody(description: messages(list)) }
        guard case .object(let object) = json else { return ServerErrorBody(description: json.stringValue) }
        if let error = object["error"]?.stringValue {
            return ServerErrorBody(
                error: error, description: (object["error_description"] ?? object["message"]).flatMap(text))
        }
        if case .object(let nested)? = object["error"] {
            let message = nested["message"].flatMap(text)
            let reason = nested["reason"].flatMap(text)
            return ServerErrorBody(
                error: nested["code"]?.stringValue ?? nested["id"]?.stringValue,
                description: joined(message, reason == message ? nil : reason, separator: ": "))
        }
        let message = (object["message"] ?? object["error_description"]).flatMap(text)
        let details = (object["errors"] ?? object["detail"]).flatMap(fieldMessages)
        return ServerErrorBody(error: object["code"]?.stringValue, description: joined(message, details, separator: " "))
    }

    /// A string, a number or a list of those, as text; nil when empty.
    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let string): string.isEmpty ? nil : string
        case .int, .double: JSONEncoding.compact(value)
        case .array(let list): messages(list)
        default: nil
        }
    }

    /// Messages from a list: strings, or objects with `msg`/`message` and an optional `loc` path.
    private static func messages(_ list: [JSONValue]) -> String? {
        let parts = list.compactMap { item -> String? in
            if let string = item.stringValue { return string }
            guard case .object(let object) = item, let message = (object["msg"] ?? object["message"]).flatMap(text)
            else { return nil }
            let location = object["loc"]?.arrayValue?.map { $0.stringValue ?? JSONEncoding.compact($0) }
                .filter { $0 != "body" }.joined(separator: ".")
            return location.map { $0.isEmpty ? message : "\($0): \(message)" } ?? message
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// `{"field": ["msg", …]}` as `field: msg, msg; other: msg` (sorted by field), or a list or string.
    private static func fieldMessages(_ value: JSONValue) -> String? {
        guard case .object(let object) = value else { return text(value) }
        let parts = object.keys.sorted().compactMap { key -> String? in
            let messages = stringList(object[key])?.joined(separator: ", ") ?? object[key].flatMap(text)
            return messages.flatMap { $0.isEmpty ? nil : "\(key): \($0)" }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The strings of a list that holds only strings.
    private static func stringList(_ value: JSONValue?) -> [String]? {
        guard let items = value?.arrayValue else { return nil }
        let strings = items.compactMap(\.stringValue)
        return strings.count == items.count ? strings : nil
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
