/// Turns live clients into manifests (pure): fields equal to the server's defaults left out, secrets
/// as `{from_env: ...}` references written as a comment (a live secret can't be exported, and a
/// reference that nobody has set would fail every plan), so that export then plan is a no-op.
package struct ClientExporter: Sendable {
    package var provider: ProviderManifest
    package var schema: ClientSchema

    package init(provider: ProviderManifest, schema: ClientSchema) {
        self.provider = provider
        self.schema = schema
    }

    /// One exported client: its manifest name, YAML document and the variable its secret reference names.
    package struct Exported: Sendable, Hashable {
        package var name: String
        package var document: String
        package var secretVariable: String?
    }

    /// The manifest for `live`, or nil when another repository's marker says it is managed elsewhere.
    package func export(_ live: [String: JSONValue]) -> Exported? {
        let marker = schema.ownership.marker(in: live)
        if let marker, marker.managedBy != provider.managedBy { return nil }
        let canonicalizer = Canonicalizer(schema: schema)
        let canonical = canonicalizer.canonicalize(live)
        let id = live[schema.idField]?.stringValue ?? ""
        let preferred =
            marker?.address.flatMap(ClientAddress.init)?.name
            ?? schema.matchField.flatMap { live[$0]?.stringValue } ?? id
        let name = Self.manifestName(preferred)
        var spec: [String: JSONValue] = [:]
        for field in schema.fields where field.isComparable {
            let value = canonical[field.name] ?? .null
            if value != canonicalizer.canonicalize(nil, field: field) {
                // A scope or a duration as the server keeps it (Hydra: as written), when it means the same.
                let raw = live[field.name]
                spec[field.name] =
                    UserForm.keepsSpelling(field) && raw?.stringValue != nil && canonicalizer.canonicalize(raw, field: field) == value
                    ? raw : value
            }
        }
        if schema.matchField == nil, schema.field(schema.idField)?.required != true, spec[schema.idField]?.stringValue == name {
            spec[schema.idField] = nil
        }
        // The match field defaults to the manifest name, so it is written only when it differs.
        if let field = schema.matchField, spec[field]?.stringValue == name { spec[field] = nil }
        var variable: String?
        // A secret only the server sets (read-only, e.g. Rightbrain's) can't be referenced in a manifest.
        if let secretField = schema.secretField, schema.field(secretField)?.readOnly != true, schema.usesSecret(canonical) {
            let key = "\(provider.name)_\(name)_\(secretField)".uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            variable = key
        }
        var lines = ["apiVersion: \(ManifestResolver.apiVersion)", "kind: OAuth2Client", "metadata:"]
        lines += YAMLEmitter.mapping(["name": .string(name), "provider": .string(provider.name)], indent: 2)
        lines += spec.isEmpty ? ["spec: {}"] : ["spec:"] + YAMLEmitter.mapping(spec, indent: 2)
        if let variable, let secretField = schema.secretField {
            lines += [
                "  # The live \(secretField) is kept as it is. To manage it from here, set \(variable) and uncomment:",
                "  # \(secretField): {from_env: \(variable)}",
            ]
        }
        return Exported(name: name, document: lines.joined(separator: "\n") + "\n", secretVariable: variable)
    }

    /// The Provider document for the exported clients, so the export folder plans as it is: the type, the
    /// settings as resolved (`url`, ...), `managed_by`, and `auth` as references (never values).
    package var providerDocument: String {
        var spec: [String: JSONValue] = ["type": .string(provider.type)]
        for (key, value) in provider.settings {
            spec[key] = Int(value).map { .int($0) } ?? .string(value)
        }
        if provider.managedBy != ProviderManifest.defaultManagedBy { spec["managed_by"] = .string(provider.managedBy) }
        if provider.allowInsecureHTTP { spec[ProviderDescriptor.allowInsecureHTTPKey] = .bool(true) }
        if !provider.auth.isEmpty { spec["auth"] = .object(provider.auth.mapValues(Self.json)) }
        var lines = ["apiVersion: \(ManifestResolver.apiVersion)", "kind: Provider", "metadata:"]
        lines += YAMLEmitter.mapping(["name": .string(provider.name)], indent: 2)
        lines += ["spec:"] + YAMLEmitter.mapping(spec, indent: 2)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func json(_ setting: ProviderManifest.AuthSetting) -> JSONValue {
        switch setting {
        case .string(let text): .string(text)
        case .secret(let reference): reference.json
        case .mapping(let object): .object(object.mapValues(json))
        }
    }

    /// A valid manifest name (letters, digits, `.`, `_`, `-`) for any id.
    static func manifestName(_ text: String) -> String {
        let name = String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "-" })
        return name.isEmpty ? "client" : name
    }
}
