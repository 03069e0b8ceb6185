import YAML

/// Resolves loaded documents into providers and clients: variables, kinds, schemas, references, lint.
///
/// Collects every diagnostic (never stops at the first) and returns them sorted by position.
public struct ManifestResolver: Sendable {
    public static let apiVersion = "oauthctl/v1"
    public static let kinds = ["Provider", "OAuth2Client"]

    public var descriptors: [String: ProviderDescriptor]
    public var interpolation: Interpolation

    public init(descriptors: [ProviderDescriptor], variables: [String: String]) {
        self.descriptors = Dictionary(descriptors.map { ($0.type, $0) }, uniquingKeysWith: { first, _ in first })
        self.interpolation = Interpolation(variables: variables)
    }

    private typealias Pending = (document: DocumentLoader.LoadedDocument, mapping: Node.Mapping)

    /// Loads and resolves `files`.
    public func resolve(_ files: [SourceFile]) -> (ManifestSet, [Diagnostic]) {
        var loadDiagnostics: [Diagnostic] = []
        var diagnostics: [Diagnostic] = []
        // Scalars whose interpolation failed; later checks of their (meaningless) values are dropped.
        var unresolved: Set<SourceLocation> = []
        var providerDocs: [Pending] = []
        var clientDocs: [Pending] = []
        // File by file, each raw tree dropped once interpolated, so one copy of the manifests is alive at a time.
        for file in files {
            var loaded = YAMLLoader.load(file.bytes)
            loadDiagnostics += loaded.diagnostics.map { DocumentLoader.diagnostic($0, file: file.path) }
            for index in loaded.documents.indices {
                guard let raw = loaded.documents[index].root else { continue }
                loaded.documents[index].root = nil
                let interpolator = NodeInterpolator(interpolation: interpolation, file: file.path)
                let root = interpolator.apply(raw, into: &diagnostics, unresolved: &unresolved)
                guard let (kind, mapping) = classify(root, file: file.path, into: &diagnostics) else { continue }
                let pending = Pending(DocumentLoader.LoadedDocument(file: file.path, directory: file.directory, root: root), mapping)
                if kind == "Provider" { providerDocs.append(pending) } else { clientDocs.append(pending) }
            }
        }
        var providers: [ProviderManifest] = []
        var providerByName: [String: ProviderManifest] = [:]
        for (document, mapping) in providerDocs {
            let decoder = ProviderDecoder(descriptors: descriptors, file: document.file, directory: document.directory)
            guard let provider = decoder.decode(mapping, into: &diagnostics) else { continue }
            if let first = providerByName[provider.name] {
                diagnostics.append(.error("duplicate provider '\(provider.name)'", at: provider.location, code: "duplicate-provider", notes: [.init(location: first.location, message: "first defined here")]))
                continue
            }
            providers.append(provider)
            providerByName[provider.name] = provider
        }
        // Dictionaries, not scans: duplicate checks stay linear in the number of clients.
        var clients: [ClientManifest] = []
        var clientByAddress: [ClientAddress: SourceLocation] = [:]
        var clientByID: [ClientAddress: (address: ClientAddress, location: SourceLocation)] = [:]
        // Consumed front to back, each document freed once decoded.
        var remaining = Array(clientDocs.reversed())
        clientDocs = []
        while let (document, mapping) = remaining.popLast() {
            let decoder = ClientDecoder(descriptors: descriptors, providers: providers, file: document.file, directory: document.directory)
            guard let client = decoder.decode(mapping, into: &diagnostics) else { continue }
            if let first = clientByAddress[client.address] {
                diagnostics.append(.error("duplicate client address '\(client.address)'", at: client.location, code: "duplicate-address", notes: [.init(location: first, message: "first defined here")]))
                continue
            }
            if let schema = descriptors[client.providerType]?.clientSchema {
                let id = client.clientID(schema: schema)
                // Keyed by provider and id; a ClientAddress is a convenient (provider, string) pair.
                let idKey = ClientAddress(provider: client.address.provider, name: id)
                if let first = clientByID[idKey] {
                    diagnostics.append(.error("client id '\(id)' is already used by '\(first.address)' on provider '\(client.address.provider)'", at: client.fieldLocations[schema.idField] ?? client.location, code: "duplicate-client-id", notes: [.init(location: first.location, message: "first used here")]))
                    continue
                }
                clientByID[idKey] = (client.address, client.location)
                if client.state == .present {
                    for rule in schema.lintRules { diagnostics += rule.check(client) }
                }
            }
            clientByAddress[client.address] = client.location
            clients.append(client)
        }
        if !unresolved.isEmpty {
            diagnostics.removeAll { $0.code != NodeInterpolator.code && $0.location.map(unresolved.contains) == true }
        }
        return (ManifestSet(providers: providers, clients: clients), (loadDiagnostics + diagnostics).sortedByLocation())
    }

    /// Checks a document's top level; returns its kind (`Provider` or `OAuth2Client`) and mapping.
    private func classify(_ root: Node, file: String, into diagnostics: inout [Diagnostic]) -> (String, Node.Mapping)? {
        let keys = KeyChecker(file: file)
        guard case .mapping(let mapping) = root else {
            diagnostics.append(.error("a manifest document must be a mapping with apiVersion, kind, metadata and spec", at: keys.loc(root.mark), code: "bad-document"))
            return nil
        }
        keys.check(mapping, known: ["apiVersion", "kind", "metadata", "spec"], required: ["apiVersion", "kind", "metadata"], context: "a manifest", allowExtensions: true, into: &diagnostics)
        if let version = mapping["apiVersion"], version.scalarText != Self.apiVersion {
            diagnostics.append(.error("\(version.described(as: "unsupported apiVersion")); expected '\(Self.apiVersion)'", at: keys.loc(version.mark), code: "bad-api-version"))
        }
        guard let kindNode = mapping["kind"] else { return nil }
        if let kind = kindNode.scalarText, Self.kinds.contains(kind) { return (kind, mapping) }
        let expected = "expected one of: \(Self.kinds.joined(separator: ", "))"
        let hint = kindNode.scalarText.map { NearestName.suggestion(for: $0, in: Self.kinds, then: expected) } ?? "; \(expected)"
        diagnostics.append(.error("\(kindNode.described(as: "unknown kind"))\(hint)", at: keys.loc(kindNode.mark), code: "bad-kind"))
        return nil
    }
}
