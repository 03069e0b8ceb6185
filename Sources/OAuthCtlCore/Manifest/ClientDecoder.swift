import YAML

/// Decodes a `kind: OAuth2Client` document: metadata, provider reference and spec.
struct ClientDecoder {
    var descriptors: [String: ProviderDescriptor]
    var providers: [ProviderManifest]
    var file: String
    var directory: String

    static let metadataKeys = ["name", "provider", "ignore_fields", "accept_drift", "state"]

    func decode(_ mapping: Node.Mapping, into diagnostics: inout [Diagnostic]) -> ClientManifest? {
        let keys = KeyChecker(file: file)
        guard let name = MetadataReader(file: file).name(of: mapping, known: Self.metadataKeys, into: &diagnostics),
            let metadata = mapping["metadata"]?.mappingValue,
            let provider = providerReference(metadata, client: name, into: &diagnostics),
            let schema = descriptors[provider.type]?.clientSchema
        else { return nil }
        let state = self.state(metadata, into: &diagnostics)
        var output = SpecDecoder.Output()
        if let specNode = mapping["spec"] {
            if case .mapping(let spec) = specNode {
                let context = SpecDecoder.Context.client(name: name, type: provider.type)
                output = SpecDecoder(schema: schema, file: file, directory: directory, context: context).decode(spec, into: &diagnostics)
            } else {
                diagnostics.append(
                    .error(
                        "'spec' expects a mapping of the client's fields, found \(specNode.foundDescription)", at: keys.loc(specNode.mark),
                        code: "wrong-type"))
            }
        } else if state == .present {
            diagnostics.append(
                .error(
                    "OAuth2Client '\(name)' needs a spec (or metadata.state: absent to delete it)", at: keys.loc(mapping.mark),
                    code: "missing-key"))
        }
        for field in schema.requiredFieldNames where state == .present || field == schema.idField {
            guard output.locations[field] == nil else { continue }
            let why = field == schema.idField ? "it identifies the client on \(provider.type)" : schema.field(field)?.summary ?? ""
            diagnostics.append(
                .error(
                    "OAuth2Client '\(name)' must set spec.\(field) (\(why))", at: keys.loc(mapping["spec"]?.mark ?? mapping.mark),
                    code: "missing-field"))
        }
        if case .jsonKey(let field, let key) = schema.ownership, output.spec[field]?[key] != nil {
            diagnostics.append(
                .error(
                    "'\(field).\(key)' is reserved for oauthctl's ownership marker; use another key",
                    at: output.locations[field] ?? keys.loc(mapping.mark), code: "reserved-key"))
        }
        let ignore = ignoreFields(metadata, schema: schema, into: &diagnostics)
        let accepted = acceptedDrift(metadata, schema: schema, into: &diagnostics)
        var client = ClientManifest(
            address: ClientAddress(provider: provider.name, name: name), providerType: provider.type, spec: output.spec,
            secrets: output.secrets, ignoreFields: ignore, state: state ?? .present, location: keys.loc(mapping.mark),
            fieldLocations: output.locations)
        client.acceptedDrift = accepted
        client.nameLocation = metadata["name"].map { keys.loc($0.mark) }
        return client
    }

    private func providerReference(_ metadata: Node.Mapping, client: String, into diagnostics: inout [Diagnostic]) -> ProviderManifest? {
        let keys = KeyChecker(file: file)
        let names = providers.map(\.name)
        guard let node = metadata["provider"] else {
            if providers.count == 1 { return providers.first }
            let message =
                providers.isEmpty
                ? "client '\(client)' has no provider: no kind: Provider document is declared; add one"
                : "client '\(client)' must name its provider in metadata.provider; one of: \(names.joined(separator: ", "))"
            diagnostics.append(.error(message, at: keys.loc(metadata.mark), code: "missing-provider"))
            return nil
        }
        guard let name = node.scalarText, let provider = providers.first(where: { $0.name == name }) else {
            let known = names.isEmpty ? "no Provider is declared" : "declared: \(names.joined(separator: ", "))"
            let hint = node.scalarText.map { NearestName.suggestion(for: $0, in: names, then: known) } ?? "; \(known)"
            diagnostics.append(
                .error(
                    "client '\(client)' \(node.described(as: "refers to undeclared provider"))\(hint)", at: keys.loc(node.mark),
                    code: "undeclared-provider"))
            return nil
        }
        return provider
    }

    /// The state; nil (after a diagnostic) when it is invalid, so no check guesses at the user's intent.
    private func state(_ metadata: Node.Mapping, into diagnostics: inout [Diagnostic]) -> ClientManifest.State? {
        guard let node = metadata["state"] else { return .present }
        guard let text = node.scalarText, let state = ClientManifest.State(rawValue: text) else {
            diagnostics.append(
                .error(
                    "\(node.described(as: "invalid state")); expected one of: present, absent", at: KeyChecker(file: file).loc(node.mark),
                    code: "bad-value"))
            return nil
        }
        return state
    }

    private func ignoreFields(_ metadata: Node.Mapping, schema: ClientSchema, into diagnostics: inout [Diagnostic]) -> Set<String> {
        guard let node = metadata["ignore_fields"] else { return [] }
        let keys = KeyChecker(file: file)
        guard case .sequence(let list) = node else {
            diagnostics.append(
                .error(
                    "'ignore_fields' expects a list of field names, found \(node.foundDescription)", at: keys.loc(node.mark),
                    code: "wrong-type"))
            return []
        }
        var fields: Set<String> = []
        for item in list.items {
            guard let path = item.scalarText else { continue }
            let head = String(path.split(separator: ".").first ?? "")
            guard let field = schema.field(head), !field.readOnly else {
                diagnostics.append(
                    .error(
                        "unknown field '\(path)' in ignore_fields\(NearestName.suggestion(for: path, in: schema.writableFieldNames))",
                        at: keys.loc(item.mark), code: "unknown-field"))
                continue
            }
            if head == schema.idField {
                diagnostics.append(
                    .error("'\(path)' identifies the client and can't be ignored", at: keys.loc(item.mark), code: "bad-value"))
                continue
            }
            fields.insert(path)
        }
        return fields
    }
}
