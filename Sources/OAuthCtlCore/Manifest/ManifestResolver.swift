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

    /// Loads and resolves `files`.
    public func resolve(_ files: [SourceFile]) -> (ManifestSet, [Diagnostic]) {
        let (documents, loadDiagnostics) = DocumentLoader.load(files)
        var diagnostics = loadDiagnostics
        var providerDocs: [(DocumentLoader.LoadedDocument, Node.Mapping)] = []
        var clientDocs: [(DocumentLoader.LoadedDocument, Node.Mapping)] = []
        for document in documents {
            let root = NodeInterpolator(interpolation: interpolation, file: document.file).apply(document.root, into: &diagnostics)
            let keys = KeyChecker(file: document.file)
            guard case .mapping(let mapping) = root else {
                diagnostics.append(.error("a manifest document must be a mapping with apiVersion, kind, metadata and spec", at: keys.loc(root.mark), code: "bad-document"))
                continue
            }
            keys.check(mapping, known: ["apiVersion", "kind", "metadata", "spec"], required: ["apiVersion", "kind", "metadata"], context: "a manifest", allowExtensions: true, into: &diagnostics)
            if let version = mapping["apiVersion"], version.scalarText != Self.apiVersion {
                diagnostics.append(.error("unsupported apiVersion '\(version.scalarText ?? version.foundDescription)'; expected '\(Self.apiVersion)'", at: keys.loc(version.mark), code: "bad-api-version"))
            }
            guard let kindNode = mapping["kind"] else { continue }
            switch kindNode.scalarText {
            case "Provider": providerDocs.append((document, mapping))
            case "OAuth2Client": clientDocs.append((document, mapping))
            default:
                let kind = kindNode.scalarText ?? kindNode.foundDescription
                diagnostics.append(.error("unknown kind '\(kind)'\(NearestName.suggestion(for: kind, in: Self.kinds)); expected one of: \(Self.kinds.joined(separator: ", "))", at: keys.loc(kindNode.mark), code: "bad-kind"))
            }
        }
        var providers: [ProviderManifest] = []
        for (document, mapping) in providerDocs {
            let decoder = ProviderDecoder(descriptors: descriptors, file: document.file, directory: document.directory)
            guard let provider = decoder.decode(mapping, into: &diagnostics) else { continue }
            if let first = providers.first(where: { $0.name == provider.name }) {
                diagnostics.append(.error("duplicate provider '\(provider.name)'", at: provider.location, code: "duplicate-provider", notes: [.init(location: first.location, message: "first defined here")]))
                continue
            }
            providers.append(provider)
        }
        var clients: [ClientManifest] = []
        for (document, mapping) in clientDocs {
            let decoder = ClientDecoder(descriptors: descriptors, providers: providers, file: document.file, directory: document.directory)
            guard let client = decoder.decode(mapping, into: &diagnostics) else { continue }
            if let first = clients.first(where: { $0.address == client.address }) {
                diagnostics.append(.error("duplicate client address '\(client.address)'", at: client.location, code: "duplicate-address", notes: [.init(location: first.location, message: "first defined here")]))
                continue
            }
            if let schema = descriptors[client.providerType]?.clientSchema {
                let id = client.clientID(schema: schema)
                if let first = clients.first(where: { $0.address.provider == client.address.provider && $0.clientID(schema: schema) == id }) {
                    diagnostics.append(.error("client id '\(id)' is already used by '\(first.address)' on provider '\(client.address.provider)'", at: client.fieldLocations[schema.idField] ?? client.location, code: "duplicate-client-id", notes: [.init(location: first.location, message: "first used here")]))
                    continue
                }
                if client.state == .present {
                    for rule in schema.lintRules { diagnostics += rule.check(client) }
                }
            }
            clients.append(client)
        }
        return (ManifestSet(providers: providers, clients: clients), diagnostics.sortedByLocation())
    }
}
