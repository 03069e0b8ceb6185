/// A live client as a listing hands it over: decoded straight into its schema's layout (each field at a
/// fixed position, `ClientSchema.liveLayout`; no dictionary per client) or, from an adapter that builds
/// its clients itself, a plain JSON object.
package struct LiveClient: Sendable {
    private enum Storage: Sendable {
        case object([String: JSONValue])
        case record(JSONRecord, JSONRecordLayout)
    }

    private let storage: Storage
    /// The record's layout, compared without retaining it: a layout is shared by every client of a listing,
    /// read on every core at once, and each retain of it is contended.
    private let layoutID: ObjectIdentifier?

    /// A client given as a JSON object.
    package init(_ object: [String: JSONValue]) {
        storage = .object(object)
        layoutID = nil
    }

    /// A client decoded as `record` of `layout`.
    package init(_ record: JSONRecord, layout: JSONRecordLayout) {
        storage = .record(record, layout)
        layoutID = ObjectIdentifier(layout)
    }
}

/// A live client's fields by name: a plain JSON object, or a `LiveClient` from a listing. The planner
/// reads either; a listed client in its schema's layout is canonicalized without a lookup by name.
package protocol LiveFields: Sendable {
    /// The value of `field`, nil when the client doesn't have it.
    subscript(_ field: String) -> JSONValue? { get }
    /// The client as one JSON object.
    var object: [String: JSONValue] { get }
    /// The values at the positions of `layout`, when the client was decoded in exactly that layout.
    func values(in layout: JSONRecordLayout) -> [JSONValue?]?
}

extension LiveClient: LiveFields {
    package subscript(_ field: String) -> JSONValue? {
        switch storage {
        case .object(let object): object[field]
        case .record(let record, let layout): record.value(field, layout: layout)
        }
    }

    package var object: [String: JSONValue] {
        switch storage {
        case .object(let object): object
        case .record(let record, let layout): record.object(layout: layout)
        }
    }

    package func values(in layout: JSONRecordLayout) -> [JSONValue?]? {
        guard layoutID == ObjectIdentifier(layout), case .record(let record, _) = storage else { return nil }
        return record.values
    }
}

extension Dictionary: LiveFields where Key == String, Value == JSONValue {
    package var object: [String: JSONValue] { self }
    package func values(in layout: JSONRecordLayout) -> [JSONValue?]? { nil }
}
