/// One field of a provider's client, as data: type, server default and how it behaves.
///
/// The engine is generic: everything it knows about a provider's fields comes from these values.
package struct FieldSchema: Sendable, Hashable {
    /// The shape of a field's value.
    package enum Kind: Sendable, Hashable {
        case string
        case boolean
        case integer
        /// A list of strings; `ordered: false` makes it a set (order and duplicates don't matter).
        case stringList(ordered: Bool)
        /// A string of space-separated tokens compared as a set (e.g. OAuth `scope`).
        case spaceSeparatedSet
        /// A Go-style duration string (`1h`, `90m`), compared by its length in nanoseconds.
        case duration
        /// Any JSON value, compared as parsed JSON.
        case json
        /// A JSON Web Key Set `{keys: [...]}`; no keys and an empty set are equal.
        case jwks
        /// A JSON object of string keys to values (e.g. a list of named settings).
        case object
        /// A reference to another server object, written as a mapping of string `keys` (e.g. `{id: ...}`);
        /// only those keys are compared (the server may add others on read, such as a `name`), and a
        /// reference whose keys are all null is the same as none.
        case objectRef(keys: [String])
    }

    /// How a value must be written for the server to accept it.
    package enum Format: Sendable, Hashable {
        /// An absolute URI; `schemes` restricts the scheme when non-empty; `fragment` allows `#`.
        case uri(schemes: [String], fragment: Bool)
        /// A web origin: `scheme://host[:port]`, nothing else.
        case origin
        /// An absolute URI with a scheme *and* a host, whatever the scheme, and no fragment.
        case hostURI
        /// A UUID in its canonical lower-case 8-4-4-4-12 form.
        case uuid
    }

    /// How the server rewrites a value before storing it; applied to desired and live alike.
    package enum Normalization: Sendable, Hashable {
        case lowercase
        /// Lower-case scheme and host, trailing `/` trimmed (Go `url.Parse` + `String()`).
        case origin
        /// Numbers and booleans inside a JSON object compare as their text (`2048` == `"2048"`).
        case scalarsAsStrings
    }

    package var name: String
    package var kind: Kind
    /// One line for `--help`, schemas and editors.
    package var summary: String
    /// The canonical value when the field is left out (`nil` = JSON null, the "unset" value).
    package var serverDefault: JSONValue?
    /// Values the field (or each list item) accepts; `nil` = any.
    package var allowedValues: [String]?
    /// When true, a value outside `allowedValues` is a warning, not an error.
    package var allowedValuesAdvisory: Bool = false
    package var format: Format?
    package var normalization: Normalization?
    /// Set by the server only; a manifest may not set it and it never produces a change.
    package var readOnly: Bool = false
    /// A change forces delete-then-create (`replace`).
    package var immutable: Bool = false
    /// A secret: only references in manifests, redacted everywhere, never read back.
    package var sensitive: Bool = false
    /// Accepted on write but never returned on read (so it can't be diffed against live).
    package var writeOnly: Bool = false
    /// True when the server treats JSON `null` as distinct from the default.
    package var nullable: Bool = false
    /// A manifest must set it (for the id field: even on a tombstone).
    package var required: Bool = false

    package init(
        _ name: String, _ kind: Kind, _ summary: String, default serverDefault: JSONValue? = nil,
        allowed: [String]? = nil, advisory: Bool = false, format: Format? = nil, normalization: Normalization? = nil,
        readOnly: Bool = false, immutable: Bool = false, sensitive: Bool = false, writeOnly: Bool = false,
        nullable: Bool = false, required: Bool = false
    ) {
        self.required = required
        self.name = name
        self.kind = kind
        self.summary = summary
        self.serverDefault = serverDefault
        self.allowedValues = allowed
        self.allowedValuesAdvisory = advisory
        self.format = format
        self.normalization = normalization
        self.readOnly = readOnly
        self.immutable = immutable
        self.sensitive = sensitive
        self.writeOnly = writeOnly
        self.nullable = nullable
    }
}
