#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Puts a client (desired or live) into one canonical form, driven only by the provider's schema.
///
/// The same function runs on both sides, so a client that was just applied compares equal:
/// defaults filled in, omitted == empty, sets sorted, server rewrites applied, read-only,
/// write-only and sensitive fields dropped, the ownership marker kept out of the fields.
package struct Canonicalizer: Sendable {
    package let schema: ClientSchema
    /// The schema's tables, held here: read for every client, on every core at once, they are not
    /// fetched (and retained) through the schema each time.
    private let rules: [Rule]
    private let defaults: [JSONValue]
    private let markerIndex: Int?
    private let liveLayout: JSONRecordLayout
    private let ownership: ClientSchema.OwnershipPlacement

    package init(schema: ClientSchema) {
        self.schema = schema
        rules = schema.canonicalRules
        defaults = schema.canonicalDefaults
        markerIndex = schema.markerIndex
        liveLayout = schema.liveLayout
        ownership = schema.ownership
    }

    /// The canonical client: every comparable field of the schema, present exactly once.
    package func canonicalize(_ client: [String: JSONValue]) -> [String: JSONValue] {
        fields(canonicalClient(client))
    }

    /// The typed canonical form of `client` (a live client, or a manifest's spec), one value per rule.
    /// `setting`: a string field given its value here, whatever the client holds (the id a manifest
    /// client was matched to).
    ///
    /// `like`: a canonical client that `client` is expected to equal (the desired one, for a live client).
    /// A value that already equals its counterpart there is taken as it is: it is in canonical form, and
    /// canonicalizing a canonical value changes nothing (the idempotence every provider schema must have,
    /// or an applied client would plan a change forever; `CanonicalIdempotenceTests` checks it). An unchanged
    /// client is then compared, not rewritten, field by field.
    package func canonicalClient(
        _ client: [String: JSONValue], setting: (field: String, value: String)? = nil, like expected: CanonicalClient? = nil
    ) -> CanonicalClient {
        let rules = rules
        // The common case of a plan (a live client that is as its manifest says): equal to `expected`
        // value for value, so that is the canonical form, with no array built and no value copied.
        if setting == nil, let expected, equals({ client[rules[$0].name] }, expected) { return expected }
        // Whichever is shorter is walked: a manifest's spec names a few fields, a live client all of them.
        guard client.count < rules.count else {
            return canonicalClient({ client[rules[$0].name] }, setting: setting, like: expected)
        }
        return canonicalClient(setting: setting, like: expected) { take in
            for (name, value) in client {
                if let index = rulePosition(name) { take(value, index) }
            }
        }
    }

    /// `canonicalClient(_:setting:like:)` of a live client: one listed in this schema's layout
    /// (`ClientSchema.liveLayout`) is read by position, with no lookup by name.
    package func canonicalClient(_ live: some LiveFields, like expected: CanonicalClient?) -> CanonicalClient {
        guard let positions = live.values(in: liveLayout) else { return canonicalClient(live.object, like: expected) }
        // The layout puts each comparable field at its rule's position.
        if let expected, equals({ positions[$0] }, expected) { return expected }
        return canonicalClient({ positions[$0] }, setting: nil, like: expected)
    }

    /// The canonical form of the client whose value for the `i`-th rule is `given(i)` (nil: left out).
    private func canonicalClient(
        _ given: (Int) -> JSONValue?, setting: (field: String, value: String)?, like expected: CanonicalClient?
    ) -> CanonicalClient {
        canonicalClient(setting: setting, like: expected) { take in
            for index in rules.indices {
                if let value = given(index) { take(value, index) }
            }
        }
    }

    /// The canonical form of the client whose values `walk` hands over, each with its rule's position
    /// (a position at most once; a position not handed over is left out).
    private func canonicalClient(
        setting: (field: String, value: String)?, like expected: CanonicalClient?,
        walk: (_ take: (JSONValue, Int) -> Void) -> Void
    ) -> CanonicalClient {
        var values = defaults
        let expectedValues = expected?.values
        rules.withUnsafeBufferPointer { rules in
            walk { value, index in
                guard value != .null else { return }
                let canonical = value == expectedValues?[index]
                values[index] = canonical ? value : Self.canonicalize(value, rule: rules[index])
            }
            if let setting, let index = rulePosition(setting.field) {
                values[index] = Self.canonicalize(.string(setting.value), rule: rules[index])
            }
        }
        if let markerIndex {
            switch ownership {
            case .jsonKey(_, let key):
                // The marker is not a field of the client: its key is taken out of the field's object.
                if case .object(var object) = values[markerIndex], object[key] != nil {
                    values[markerIndex] = .null  // The only other reference, dropped so the key is removed in place.
                    object[key] = nil
                    values[markerIndex] = .object(object)
                }
            case .field:
                // A marker kept in a field of its own is not a field of the client.
                values[markerIndex] = .null
            case .unavailable:
                break
            }
        }
        return CanonicalClient(values: values)
    }

    /// True when the client whose `i`-th rule's value is `given(i)`, canonicalized, is `expected`: each
    /// value is the expected one or canonicalizes to it (or is left out where the default is expected),
    /// the ownership marker aside (a marker field is compared as it is, so false may still be equal: the
    /// caller then builds the form).
    private func equals(_ given: (Int) -> JSONValue?, _ expected: CanonicalClient) -> Bool {
        let markerIndex = markerIndex
        return rules.withUnsafeBufferPointer { rules in
            expected.values.withUnsafeBufferPointer { expected in
                defaults.withUnsafeBufferPointer { defaults in
                    for index in rules.indices {
                        let value = given(index) ?? .null
                        if value == .null {
                            guard defaults[index] == expected[index] else { return false }
                        } else if index == markerIndex {
                            guard markerFieldEquals(value, expected[index]) else { return false }
                        } else if value != expected[index] {
                            guard Self.canonicalize(value, rule: rules[index]) == expected[index] else { return false }
                        }
                    }
                    return true
                }
            }
        }
    }

    /// `equals` for the field that holds the marker: compared without it (a marker is not a field).
    private func markerFieldEquals(_ given: JSONValue, _ expected: JSONValue) -> Bool {
        switch ownership {
        case .jsonKey(_, let key):
            guard case .object(let object) = given, object[key] != nil else { return given == expected }
            guard case .object(let wanted) = expected, wanted[key] == nil, object.count == wanted.count + 1 else { return false }
            return wanted.allSatisfy { object[$0.key] == $0.value }
        case .field:
            return expected == .null
        case .unavailable:
            return given == expected
        }
    }

    /// The position of the rule of the comparable field named `name` (found in the live layout, which puts
    /// each comparable field at its rule's position).
    private func rulePosition(_ name: String) -> Int? {
        liveLayout.position(of: name).flatMap { $0 < rules.count ? $0 : nil }
    }

    /// The canonical form of a value given for `rule`'s field.
    private static func canonicalize(_ value: JSONValue, rule: borrowing Rule) -> JSONValue {
        canonicalize(value, rule.kind, rule.normalization, fallback: rule.fallback)
    }

    /// `canonical` as named fields (a field held as the ownership marker is left out).
    package func fields(_ canonical: CanonicalClient) -> [String: JSONValue] {
        schema.namedFields.fields(canonical)
    }

    /// The canonical form of one field's value (`nil` = left out).
    package func canonicalize(_ value: JSONValue?, field: FieldSchema) -> JSONValue {
        Self.canonicalize(value, field: field)
    }

    /// The canonical form of one field's value (`nil` = left out); depends on the field alone.
    static func canonicalize(_ value: JSONValue?, field: FieldSchema) -> JSONValue {
        let fallback = field.serverDefault ?? .null
        guard let value, value != .null else {
            // The default goes through the same rules as a value (e.g. Hydra's default scope is sorted
            // like any scope), or an omitted field would differ from what the server reads back.
            return fallback == .null ? fallback : canonicalize(fallback, field.kind, field.normalization, fallback: fallback)
        }
        return canonicalize(value, field.kind, field.normalization, fallback: fallback)
    }

    /// What canonicalizing one comparable field needs, worked out once per schema (`ClientSchema.canonicalRules`).
    struct Rule: Sendable {
        var name: String
        var kind: FieldSchema.Kind
        var normalization: FieldSchema.Normalization?
        /// The server default, or null.
        var fallback: JSONValue
        /// The canonical value of the field when it is left out (or null).
        var canonicalDefault: JSONValue
        /// A change forces replacement (for the differ).
        var immutable: Bool

        init(_ field: FieldSchema) {
            name = field.name
            immutable = field.immutable
            kind = field.kind
            normalization = field.normalization
            fallback = field.serverDefault ?? .null
            canonicalDefault = Canonicalizer.canonicalize(nil, field: field)
        }
    }

    private static func canonicalize(
        _ value: JSONValue, _ kind: FieldSchema.Kind, _ normalization: FieldSchema.Normalization?, fallback: JSONValue
    ) -> JSONValue {
        switch kind {
        case .string:
            guard let text = value.stringValue else { return value }
            if text.isEmpty { return fallback }
            return normalization == nil ? value : .string(normalize(text, normalization))
        case .boolean:
            return value
        case .integer:
            return canonicalNumbers(value)
        case .object:
            return normalization == .scalarsAsStrings ? scalarsAsStrings(value) : canonicalNumbers(value)
        case .objectRef(let keys):
            guard let object = value.objectValue else { return value }
            var kept: [String: JSONValue] = [:]
            for key in keys where (object[key] ?? .null) != .null { kept[key] = object[key] }
            return kept.isEmpty ? fallback : .object(kept)
        case .stringList(let ordered):
            guard let items = value.arrayValue else { return value }
            // Fast path: plain strings, no rewrite, and (for a set) already sorted without duplicates, which
            // is how canonical lists come back from the server: the value is its own canonical form.
            if normalization == nil, isStrictlySortedStrings(items, orAnyOrder: ordered) { return value }
            let texts = items.map { $0.stringValue.map { normalize($0, normalization) } }
            guard texts.allSatisfy({ $0 != nil }) else { return value }
            let strings = texts.compactMap { $0 }
            return .array((ordered ? strings : Array(Set(strings)).sorted()).map(JSONValue.string))
        case .spaceSeparatedSet:
            guard let text = value.stringValue else { return value }
            let set = tokenSet(text)
            if set.isEmpty {
                return fallback == .null ? .string("") : canonicalize(fallback, kind, normalization, fallback: .string(""))
            }
            return set == text ? value : .string(set)
        case .duration:
            guard let text = value.stringValue else { return value }
            if text.isEmpty { return fallback }
            return GoDuration.parse(text).map { .string(GoDuration.format($0)) } ?? value
        case .json:
            return canonicalNumbers(value)
        case .jwks:
            guard let keys = value["keys"]?.arrayValue, !keys.isEmpty else { return .null }
            let canonical = keys.map(Self.canonicalNumbers)
            return .object(["keys": .array(canonical.sorted { JSONEncoding.compact($0) < JSONEncoding.compact($1) })])
        }
    }

    /// A space-separated set in canonical form: its tokens sorted, each once, joined by single spaces (`text`
    /// itself when it already is). Tokens are split at spaces, tabs and line feeds, as characters (so a
    /// combining mark after a space, or a CR before a LF, makes one character that is not a separator).
    package static func tokenSet(_ text: String) -> String {
        var contiguous = text
        if let set = contiguous.withUTF8({ asciiTokenSet($0, of: text) }) { return set }
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        // Sorted in place, then equal neighbours dropped: the set without hashing a token.
        tokens.sort()
        var joined = ""
        for index in tokens.indices where index == tokens.startIndex || tokens[index] != tokens[index - 1] {
            if !joined.isEmpty { joined += " " }
            joined += tokens[index]
        }
        return joined
    }

    /// `tokenSet` of `text`, whose UTF-8 is `bytes`, when it is ASCII without a CR (every real scope), by its
    /// bytes: for ASCII, byte order is `String`'s order. Nil for other text.
    private static func asciiTokenSet(_ bytes: UnsafeBufferPointer<UInt8>, of text: String) -> String? {
        guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
        func separates(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }
        func precedes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
            guard let base = bytes.baseAddress else { return false }
            let order = memcmp(base + a.lowerBound, base + b.lowerBound, min(a.count, b.count))
            return order < 0 || (order == 0 && a.count < b.count)
        }
        var tokens: [Range<Int>] = []
        var start: Int?
        for index in 0...bytes.count {
            if index == bytes.count || separates(bytes[index]) {
                if let first = start { tokens.append(first..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        // Already canonical: single spaces between tokens only, each token before the next.
        let singleSpaced =
            bytes.count == tokens.reduce(max(tokens.count - 1, 0)) { $0 + $1.count }
            && tokens.dropLast().allSatisfy { bytes[$0.upperBound] == 0x20 }
        if singleSpaced, zip(tokens, tokens.dropFirst()).allSatisfy({ precedes($0, $1) }) { return text }
        tokens.sort(by: precedes)
        var joined: [UInt8] = []
        joined.reserveCapacity(bytes.count)
        for index in tokens.indices where index == 0 || precedes(tokens[index - 1], tokens[index]) {
            if !joined.isEmpty { joined.append(0x20) }
            joined += bytes[tokens[index]]
        }
        return String(decoding: joined, as: UTF8.self)
    }

    /// True when every item is a string and, unless any order will do, each is less than the next
    /// (so sorting and removing duplicates would change nothing).
    private static func isStrictlySortedStrings(_ items: [JSONValue], orAnyOrder anyOrder: Bool) -> Bool {
        var previous: String?
        for item in items {
            guard case .string(let text) = item else { return false }
            if !anyOrder, let previous, !(previous < text) { return false }
            previous = text
        }
        return true
    }

    /// JSON numbers compared by value: an integral double (`1.0`, `1e3` in YAML) equals the integer
    /// the server sends back (`1`, `1000`), at any depth.
    static func canonicalNumbers(_ value: JSONValue) -> JSONValue {
        // Most values hold no double at all; they are returned as they are, without rebuilding them.
        guard containsDouble(value) else { return value }
        return switch value {
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: .int(Int(d))
        case .array(let items): .array(items.map(canonicalNumbers))
        case .object(let object): .object(object.mapValues(canonicalNumbers))
        default: value
        }
    }

    private static func containsDouble(_ value: JSONValue) -> Bool {
        switch value {
        case .double: true
        case .array(let items): items.contains(where: containsDouble)
        case .object(let object): object.values.contains(where: containsDouble)
        default: false
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

    private static func normalize(_ text: String, _ normalization: FieldSchema.Normalization?) -> String {
        switch normalization {
        case nil, .scalarsAsStrings: text
        case .lowercase: text.lowercased()
        case .origin: OriginNormalizer.normalize(text)
        }
    }
}

extension FieldSchema {
    /// True for fields that take part in diffs: not read-only, not sensitive, not write-only.
    package var isComparable: Bool { !readOnly && !sensitive && !writeOnly }
}
