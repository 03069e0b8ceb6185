/// A digest of a live client as planned against: its canonical fields plus its ownership marker.
///
/// `apply --plan` recomputes it from a fresh read; a different digest means the client changed since
/// the plan was made (per-object optimistic concurrency). It holds no secret: a hash of canonical
/// fields, which exclude secrets.
public enum LiveDigest {
    public static func of(_ live: [String: JSONValue], schema: ClientSchema) -> String {
        of(live, canonical: Canonicalizer(schema: schema).canonicalize(live), schema: schema)
    }

    /// The same digest when the canonical form of `live` is already at hand (the planner has it).
    public static func of(_ live: [String: JSONValue], canonical: [String: JSONValue], schema: ClientSchema) -> String {
        var material = canonical
        material["(marker)"] = schema.ownership.marker(in: live)?.json ?? .null
        let bytes = SHA256.hash(Array(JSONEncoding.compact(.object(material)).utf8))
        return "sha256:" + bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
