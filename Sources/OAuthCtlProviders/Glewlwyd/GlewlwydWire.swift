import OAuthCtlCore

/// Glewlwyd's wire quirks for writes (glewlwyd.md §4): no nulls (a null property is a 400), no empty
/// `jwks`, no read-only fields, and PUT replaces every module property.
enum GlewlwydWire {
    /// Core fields, which PUT merges; everything else is a module property, which PUT replaces.
    static let coreFields: Set<String> = ["client_id", "name", "description", "enabled", "confidential", "password", "scope"]

    static func body(_ body: [String: JSONValue], schema: ClientSchema) -> [String: JSONValue] {
        var out = body.filter { $0.value != .null && schema.field($0.key)?.readOnly != true }
        if let jwks = out["jwks"], (jwks["keys"]?.arrayValue ?? []).isEmpty { out["jwks"] = nil }
        return out
    }

    /// The full PUT body: `body`, plus the live properties a full replace would otherwise wipe: the
    /// `client_secret` when the body doesn't change it (the plan sends secrets only when they change),
    /// and properties this schema doesn't know (declared in the module's data-format by someone else).
    static func updateBody(_ desired: [String: JSONValue], live: [String: JSONValue], schema: ClientSchema) -> [String: JSONValue] {
        var out = body(desired, schema: schema)
        let marker: String? = if case .field(let name) = schema.ownership { name } else { nil }
        if out["client_secret"] == nil, out["confidential"]?.boolValue == true, let secret = live["client_secret"], secret != .null {
            out["client_secret"] = secret
        }
        for (key, value) in live where schema.field(key) == nil && key != marker && !coreFields.contains(key) && out[key] == nil {
            if value != .null { out[key] = value }
        }
        return out
    }

    /// 32 characters from [A-Za-z0-9] (≈190 bits), from the system's CSPRNG.
    static func randomSecret(length: Int = 32) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var generator = SystemRandomNumberGenerator()
        return String(decoding: (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }, as: UTF8.self)
    }
}
