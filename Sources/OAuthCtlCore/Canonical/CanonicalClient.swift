/// A client in canonical form, typed for the plan's hot path: one value per comparable field of its
/// schema, addressed by the field's position in `ClientSchema.canonicalRules` instead of by name.
///
/// Comparing two of them is an index walk (no string hashing); `Canonicalizer.fields(_:)` turns one
/// back into named fields for output.
package struct CanonicalClient: Sendable, Hashable {
    /// `values[i]` is the canonical value of the schema's `i`-th comparable field (JSON null = unset).
    package var values: [JSONValue]
}
