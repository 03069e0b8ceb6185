/// Turns a `CanonicalClient` into named fields without hashing a name per field: a dictionary holding
/// every comparable field's name (built once per schema) is copied, and each value is written through
/// the dictionary index of its slot, which a copy keeps.
struct NamedFieldsTemplate: Sendable {
    private let empty: [String: JSONValue]
    /// For each position of a `CanonicalClient`, the slot of its field (nil: a field that is left out).
    private let slots: [Dictionary<String, JSONValue>.Index?]

    /// `names`: the comparable fields in canonical order; `leftOut`: a name that is never output (the
    /// field that holds the ownership marker on its own).
    init(names: [String], leftOut: String?) {
        var empty: [String: JSONValue] = [:]
        for name in names where name != leftOut { empty[name] = .null }
        self.empty = empty
        slots = names.map { empty.index(forKey: $0) }
    }

    func fields(_ canonical: CanonicalClient) -> [String: JSONValue] {
        var out = empty
        for (position, slot) in slots.enumerated() {
            if let slot { out.values[slot] = canonical.values[position] }
        }
        return out
    }
}
