/// A digest of a live client as planned against: its canonical fields plus its ownership marker.
///
/// `apply --plan` recomputes it from a fresh read; a different digest means the client changed since
/// the plan was made (per-object optimistic concurrency). It holds no secret: a hash of canonical
/// fields, which exclude secrets.
package enum LiveDigest {
    package static func of(_ live: [String: JSONValue], schema: ClientSchema) -> String {
        of(live, canonical: Canonicalizer(schema: schema).canonicalize(live), schema: schema)
    }

    /// The same digest when the canonical form of `live` is already at hand (the planner has it).
    package static func of(_ live: some LiveFields, canonical: [String: JSONValue], schema: ClientSchema) -> String {
        // The material is the canonical fields plus the marker under `markerKey`, written without copying
        // `canonical` to add the key.
        let marker = schema.ownership.marker(in: live)?.json ?? .null
        let material = JSONEncoding.compactUTF8(canonical, adding: (markerKey, marker), sortedKeys: schema.digestKeyOrder)
        return SHA256.labelledDigest(material)
    }

    /// The key under which the marker joins the canonical fields in the digested material.
    static let markerKey = "(marker)"
}
