/// A JSON value that keeps object key order and number lexemes, as Go's `json.RawMessage` does.
///
/// Objects are arrays of pairs so that `metadata` comes back with the key order it was sent in.
/// Numbers keep their source text so that large or precise numbers survive a round trip.
enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b || Double(a) == Double(b)
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value for `key` when this is an object (the last occurrence wins, as in Go).
    subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.last(where: { $0.0 == key })?.1
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    var objectValue: [(String, JSONValue)]? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Go's name for the JSON kind, used in `cannot unmarshal <kind>` messages.
    var goKind: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Returns a copy of an object with `key` set (replacing the first occurrence or appending).
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(let pairs) = self else { return self }
        var out: [(String, JSONValue)] = []
        var done = false
        for pair in pairs {
            if pair.0 != key {
                out.append(pair)
            } else if !done {
                out.append((key, value))
                done = true
            }
        }
        if !done { out.append((key, value)) }
        return .object(out)
    }
}
