/// Object keys known in advance, each given a fixed position in a `JSONRecord`: a list of objects that
/// spell the same keys (a page of clients) is decoded with no dictionary per object.
package final class JSONRecordLayout: Sendable {
    /// The known keys; `keys[i]` is held at position `i`.
    package let keys: [String]
    /// Each known key's position.
    package let positions: [String: Int]

    /// A layout of `keys` (a repeated key keeps its first position).
    package init(keys: [String]) {
        self.keys = keys
        positions = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A JSON object decoded against a `JSONRecordLayout`: the value of each known key at its position (nil
/// when the object doesn't have the key) and every other key beside them. It holds exactly what the
/// object's dictionary holds (`object`), including a key given as null.
package struct JSONRecord: Sendable, Hashable {
    /// By the layout's positions; nil where the object doesn't have the key.
    package var values: [JSONValue?]
    /// The keys the layout doesn't know.
    package var others: [String: JSONValue]

    package init(values: [JSONValue?], others: [String: JSONValue] = [:]) {
        self.values = values
        self.others = others
    }

    /// `object` decoded against `layout`.
    package init(_ object: [String: JSONValue], layout: JSONRecordLayout) {
        var values = [JSONValue?](repeating: nil, count: layout.keys.count)
        var others: [String: JSONValue] = [:]
        for (key, value) in object {
            if let position = layout.positions[key] { values[position] = value } else { others[key] = value }
        }
        self.init(values: values, others: others)
    }

    /// The value of `key` (`layout` must be the record's own).
    package func value(_ key: String, layout: JSONRecordLayout) -> JSONValue? {
        if let position = layout.positions[key] { return values[position] }
        return others[key]
    }

    /// The object as a dictionary (`layout` must be the record's own).
    package func object(layout: JSONRecordLayout) -> [String: JSONValue] {
        var object = others
        object.reserveCapacity(others.count + values.count)
        for (position, value) in values.enumerated() {
            if let value { object[layout.keys[position]] = value }
        }
        return object
    }
}
