import Foundation

/// A stored OAuth 2.0 client as Hydra keeps it: field values, the secret's hash and timestamps.
///
/// `values` holds JSON per field name; a missing key is Go's zero value (`""`, nil slice, `false`,
/// null lifespan). Arrays stay nil until something normalizes them, so a write response can echo
/// `null` where a later GET shows `[]`.
struct HydraClient: Sendable {
    var values: [String: JSONValue] = [:]
    /// `sha256$<salt>$<hex>` of the secret; never the clear secret.
    var secretHash = ""
    var rotatedSecretHashes: [String] = []
    var createdAt = Date(timeIntervalSince1970: 0)
    var updatedAt = Date(timeIntervalSince1970: 0)

    var id: String { string("client_id") }

    func string(_ name: String) -> String { values[name]?.stringValue ?? "" }

    func strings(_ name: String) -> [String] {
        (values[name]?.arrayValue ?? []).map { $0.stringValue ?? "" }
    }

    mutating func set(_ name: String, _ value: String) { values[name] = .string(value) }

    /// Whether `jwks` counts as set (Go's `JSONWebKeys != nil`): `{}` does not, `{"keys":[]}` does.
    var hasJWKS: Bool {
        guard let keys = values["jwks"]?["keys"] else { return false }
        return keys != .null
    }

    /// The JSON Hydra writes for this client.
    ///
    /// - Parameters:
    ///   - echo: true for POST/PUT/PATCH responses (unset arrays are `null`), false for reads (`[]`).
    ///   - secret: the clear secret to include (write responses only).
    ///   - createdAtText: the `created_at` to show instead of the stored one (PUT echoes the body's).
    func render(echo: Bool, secret: String? = nil, createdAtText: String? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        pairs.reserveCapacity(ClientField.all.count)
        for field in ClientField.all {
            let value = values[field.name]
            switch field.kind {
            case .secret:
                if let secret, !secret.isEmpty { pairs.append((field.name, .string(secret))) }
            case .time:
                let text = field.name == "created_at" ? (createdAtText ?? RFC3339.format(createdAt)) : RFC3339.format(updatedAt)
                pairs.append((field.name, .string(text)))
            case .string:
                let text = value?.stringValue ?? ""
                if field.unset == .omit && text.isEmpty { continue }
                pairs.append((field.name, .string(text)))
            case .strings:
                let items = value?.arrayValue
                if field.unset == .omit && (items?.isEmpty ?? true) { continue }
                pairs.append((field.name, items.map(JSONValue.array) ?? (echo ? .null : .array([]))))
            case .bool:
                let flag = value == .bool(true)
                if field.unset == .omit && !flag { continue }
                pairs.append((field.name, .bool(flag)))
            case .int:
                pairs.append((field.name, value ?? .number("0")))
            case .lifespan, .nullBool:
                pairs.append((field.name, value ?? .null))
            case .raw, .jwks:
                pairs.append((field.name, value ?? .object([])))
            }
        }
        return .object(pairs)
    }
}
