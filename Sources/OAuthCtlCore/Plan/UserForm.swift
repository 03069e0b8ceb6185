/// Writes and shows a value the way the manifest (or the server) spelled it, where the spelling is not
/// the canonical one: a space-separated set in the user's order (`openid offline_access profile`), a
/// duration as written (`720h`, not `720h0m0s`).
///
/// Comparison stays canonical (the differ ran on canonical values before this step); only the value
/// sent (`after`) and the values shown (`changes`) change, and only when they mean the same as the
/// canonical value they replace.
struct UserForm {
    var schema: ClientSchema

    /// The field kinds whose canonical spelling differs from what a user writes.
    static func keepsSpelling(_ field: FieldSchema) -> Bool {
        switch field.kind {
        case .spaceSeparatedSet, .duration: field.normalization == nil
        default: false
        }
    }

    /// Puts `action.after` and its changes' `after` in the manifest's spelling and its changes' `before`
    /// in the live client's spelling. `action.after` must have been canonicalized from `spec` itself
    /// (as the planner does), so a spelling taken from `spec` for it needs no second check.
    func apply<Live: LiveFields>(to action: inout PlannedAction, spec: [String: JSONValue], live: Live?) {
        // A no-op that records no state (a plain plan's unchanged client) holds nothing to respell.
        guard action.after != nil || !action.changes.isEmpty else { return }
        for field in schema.spellingFields {
            let name = field.name
            guard let written = spec[name] else { continue }
            if written.stringValue?.isEmpty == false, let canonical = action.after?[name], canonical != written, canonical != .null {
                action.after?[name] = written
            }
            for index in action.changes.indices where action.changes[index].path == name && !action.changes[index].sensitive {
                if let written = spelling(written, field: field, canonical: action.changes[index].after) {
                    action.changes[index].after = written
                }
                if let shown = spelling(live?[name], field: field, canonical: action.changes[index].before) {
                    action.changes[index].before = shown
                }
            }
        }
    }

    /// `value` when it is a non-empty string whose canonical form is `canonical` and that is spelled
    /// otherwise; else nil (nothing to rewrite).
    private func spelling(_ value: JSONValue?, field: FieldSchema, canonical: JSONValue?) -> JSONValue? {
        guard let value, value != canonical, let text = value.stringValue, !text.isEmpty, let canonical, canonical != .null,
            Canonicalizer.canonicalize(value, field: field) == canonical
        else { return nil }
        return value
    }
}
