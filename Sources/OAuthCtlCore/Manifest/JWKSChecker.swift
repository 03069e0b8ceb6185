import YAML

/// Checks a JSON Web Key Set: `{keys: [{kty: ..., ...}]}` with public keys only.
struct JWKSChecker {
    var field: String
    var file: String

    /// Private-key members that must never be published in a client's key set (RFC 7518 §6).
    static let privateMembers = ["d", "p", "q", "dp", "dq", "qi", "k", "oth"]

    func check(_ node: Node, into diagnostics: inout [Diagnostic]) -> JSONValue? {
        guard case .mapping(let mapping) = node else {
            diagnostics.append(
                .error("'\(field)' expects a key set {keys: [...]}, found \(node.foundDescription)", at: loc(node.mark), code: "wrong-type")
            )
            return nil
        }
        KeyChecker(file: file).check(mapping, known: ["keys"], required: ["keys"], context: "'\(field)'", into: &diagnostics)
        guard case .sequence(let keys)? = mapping["keys"] else {
            if let keys = mapping["keys"] {
                diagnostics.append(
                    .error("'\(field).keys' expects a list of keys, found \(keys.foundDescription)", at: loc(keys.mark), code: "wrong-type")
                )
            }
            return nil
        }
        var ok = true
        for key in keys.items {
            guard case .mapping(let jwk) = key else {
                diagnostics.append(.error("each key in '\(field).keys' must be a mapping", at: loc(key.mark), code: "wrong-type"))
                ok = false
                continue
            }
            if jwk["kty"]?.scalarText == nil {
                diagnostics.append(
                    .error("a key in '\(field).keys' has no 'kty'; every JSON Web Key needs one", at: loc(jwk.mark), code: "bad-jwk"))
                ok = false
            }
            for member in Self.privateMembers {
                if let entry = jwk.entry(member) {
                    diagnostics.append(
                        .error(
                            "'\(field)' holds private key material ('\(member)'); publish only the public key", at: loc(entry.key.mark),
                            code: "private-jwk"))
                    ok = false
                }
            }
        }
        return ok ? node.json : nil
    }

    func loc(_ mark: Mark) -> SourceLocation { YAMLSourceMap.location(mark, file) }
}
