/// A structural version of go-jose's `JSONWebKey.Valid()`: the key type's required members are present.
enum JWKCheck {
    static func isValid(_ key: JSONValue) -> Bool {
        guard key.objectValue != nil, let kty = key["kty"]?.stringValue else { return false }
        func has(_ names: String...) -> Bool { names.allSatisfy { !(key[$0]?.stringValue ?? "").isEmpty } }
        switch kty {
        case "RSA": return has("n", "e")
        case "EC": return has("crv", "x", "y") && ["P-256", "P-384", "P-521"].contains(key["crv"]?.stringValue ?? "")
        case "oct": return has("k")
        case "OKP": return has("crv", "x") && ["Ed25519", "X25519"].contains(key["crv"]?.stringValue ?? "")
        default: return false
        }
    }
}
