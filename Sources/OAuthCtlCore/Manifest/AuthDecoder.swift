import YAML

/// Decodes a provider's `spec.auth`: plain strings where allowed, references for every secret.
struct AuthDecoder {
    var descriptor: ProviderDescriptor
    var provider: String
    var file: String
    var directory: String

    func decode(_ node: Node?, into diagnostics: inout [Diagnostic]) -> [String: ProviderManifest.AuthSetting] {
        guard let node else { return [:] }
        let keys = KeyChecker(file: file)
        guard case .mapping(let mapping) = node else {
            diagnostics.append(.error("'auth' of provider '\(provider)' expects a mapping", at: keys.loc(node.mark), code: "wrong-type"))
            return [:]
        }
        let known = descriptor.authKeys.keys.sorted()
        keys.check(mapping, known: known, context: "the auth of provider '\(provider)' (\(descriptor.type))", into: &diagnostics)
        var auth: [String: ProviderManifest.AuthSetting] = [:]
        for (key, kind) in descriptor.authKeys {
            guard let value = mapping[key] else { continue }
            if let setting = decode(value, kind: kind, name: key, into: &diagnostics) { auth[key] = setting }
        }
        return auth
    }

    private func decode(
        _ node: Node, kind: ProviderDescriptor.AuthValueKind, name: String, into diagnostics: inout [Diagnostic]
    ) -> ProviderManifest.AuthSetting? {
        let keys = KeyChecker(file: file)
        switch kind {
        case .secret:
            return secret(node, name: name, into: &diagnostics).map { .secret($0) }
        case .string:
            guard let text = node.scalarText, !text.isEmpty else {
                diagnostics.append(
                    .error("'\(name)' expects a string, found \(node.foundDescription)", at: keys.loc(node.mark), code: "wrong-type"))
                return nil
            }
            return .string(text)
        case .mapping(let known, let required, let secrets):
            guard case .mapping(let mapping) = node else {
                diagnostics.append(
                    .error(
                        "'\(name)' expects a mapping with \(required.joined(separator: ", "))", at: keys.loc(node.mark), code: "wrong-type")
                )
                return nil
            }
            keys.check(mapping, known: known, required: required, context: "'\(name)'", into: &diagnostics)
            var values: [String: ProviderManifest.AuthSetting] = [:]
            for key in known {
                guard let value = mapping[key] else { continue }
                let inner: ProviderDescriptor.AuthValueKind = secrets.contains(key) ? .secret : .string
                values[key] = decode(value, kind: inner, name: "\(name).\(key)", into: &diagnostics)
            }
            return .mapping(values)
        }
    }

    private func secret(_ node: Node, name: String, into diagnostics: inout [Diagnostic]) -> SecretReference? {
        let schema = ClientSchema(
            providerType: descriptor.type, idField: "", serverGeneratesID: false, fields: [], ownership: .unavailable(reason: ""),
            secretField: nil)
        return SpecDecoder(schema: schema, file: file, directory: directory, context: .provider(provider))
            .secretReference(node, field: name, into: &diagnostics)
    }
}
