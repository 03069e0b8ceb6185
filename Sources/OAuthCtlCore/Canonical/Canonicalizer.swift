/// Puts a client (desired or live) into one canonical form, driven only by the provider's schema.
///
/// The same function runs on both sides, so a client that was just applied compares equal:
/// defaults filled in, omitted == empty, sets sorted, server rewrites applied, read-only,
/// write-only and sensitive fields dropped, the ownership marker kept out of the fields.
public struct Canonicalizer: Sendable {
    public var schema: ClientSchema

    public init(schema: ClientSchema) {
        self.schema = schema
    }

    /// The canonical client: every comparable field of the schema, present exactly once.
    public func canonicalize(_ client: [String: JSONValue]) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        out.reserveCapacity(schema.fields.count)
        for field in schema.fields where field.isComparable {
            out[field.name] = canonicalize(client[field.name], field: field)
        }
        switch schema.ownership {
        case .jsonKey(let field, let key):
            if var object = out[field]?.objectValue {
                object[key] = nil
                out[field] = .object(object)
            }
        case .field(let name):
            out[name] = nil
        case .unavailable:
            break
        }
        return out
    }

    /// The canonical form of one field's value (`nil` = left out).
    public func canonicalize(_ value: JSONValue?, field: FieldSchema) -> JSONValue {
        let fallback = field.serverDefault ?? .null
        guard let value, value != .null else {
            // The default goes through the same rules as a value (e.g. Hydra's default scope is sorted
            // like any scope), or an omitted field would differ from what the server reads back.
            return fallback == .null ? fallback : canonicalize(fallback, field: field, fallback: fallback)
        }
        return canonicalize(value, field: field, fallback: fallback)
    }

    private func canonicalize(_ value: JSONValue, field: FieldSchema, fallback: JSONValue) -> JSONValue {
        switch field.kind {
        case .string:
            guard let text = value.stringValue else { return value }
            if text.isEmpty { return fallback }
            return .string(normalize(text, field.normalization))
        case .boolean:
            return value
        case .integer:
            return Self.canonicalNumbers(value)
        case .object:
            return field.normalization == .scalarsAsStrings ? Self.scalarsAsStrings(value) : Self.canonicalNumbers(value)
        case .objectRef(let keys):
            guard let object = value.objectValue else { return value }
            var kept: [String: JSONValue] = [:]
            for key in keys where (object[key] ?? .null) != .null { kept[key] = object[key] }
            return kept.isEmpty ? fallback : .object(kept)
        case .stringList(let ordered):
            guard let items = value.arrayValue else { return value }
            let texts = items.map { $0.stringValue.map { normalize($0, field.normalization) } }
            guard texts.allSatisfy({ $0 != nil }) else { return value }
            let strings = texts.compactMap { $0 }
            return .array((ordered ? strings : Array(Set(strings)).sorted()).map(JSONValue.string))
        case .spaceSeparatedSet:
            guard let text = value.stringValue else { return value }
            let tokens = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
            if tokens.isEmpty { return fallback == .null ? .string("") : canonicalize(fallback, field: field, fallback: .string("")) }
            return .string(tokens.sorted().joined(separator: " "))
        case .duration:
            guard let text = value.stringValue else { return value }
            if text.isEmpty { return fallback }
            return GoDuration.parse(text).map { .string(GoDuration.format($0)) } ?? value
        case .json:
            return Self.canonicalNumbers(value)
        case .jwks:
            guard let keys = value["keys"]?.arrayValue, !keys.isEmpty else { return .null }
            let canonical = keys.map(Self.canonicalNumbers)
            return .object(["keys": .array(canonical.sorted { JSONEncoding.compact($0) < JSONEncoding.compact($1) })])
        }
    }

    /// JSON numbers compared by value: an integral double (`1.0`, `1e3` in YAML) equals the integer
    /// the server sends back (`1`, `1000`), at any depth.
    static func canonicalNumbers(_ value: JSONValue) -> JSONValue {
        switch value {
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: .int(Int(d))
        case .array(let items): .array(items.map(canonicalNumbers))
        case .object(let object): .object(object.mapValues(canonicalNumbers))
        default: value
        }
    }

    /// Numbers and booleans inside objects and arrays, as their JSON text.
    static func scalarsAsStrings(_ value: JSONValue) -> JSONValue {
        switch value {
        case .int(let i): .string(String(i))
        case .double(let d): .string(d.rounded() == d && abs(d) < 9e15 ? String(Int(d)) : String(d))
        case .bool(let b): .string(b ? "true" : "false")
        case .array(let items): .array(items.map(scalarsAsStrings))
        case .object(let object): .object(object.mapValues(scalarsAsStrings))
        case .null, .string: value
        }
    }

    private func normalize(_ text: String, _ normalization: FieldSchema.Normalization?) -> String {
        switch normalization {
        case nil, .scalarsAsStrings: text
        case .lowercase: text.lowercased()
        case .origin: OriginNormalizer.normalize(text)
        }
    }
}

extension FieldSchema {
    /// True for fields that take part in diffs: not read-only, not sensitive, not write-only.
    public var isComparable: Bool { !readOnly && !sensitive && !writeOnly }
}
