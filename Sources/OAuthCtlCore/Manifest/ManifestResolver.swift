import OAuthCtlConcurrency
import YAML

/// Resolves loaded documents into providers and clients: variables, kinds, schemas, references, lint.
///
/// Collects every diagnostic (never stops at the first) and returns them sorted by position.
package struct ManifestResolver: Sendable {
    package static let apiVersion = "oauthctl/v1"
    package static let kinds = ["Provider", "OAuth2Client"]

    package var descriptors: [String: ProviderDescriptor]
    package var interpolation: Interpolation
    /// True for `validate`, which is offline: an unset `${NAME}` in a Provider's connection settings
    /// (`ProviderDescriptor.connectionSettings`: `url`, `auth`, ...) is not reported (`plan` reports it);
    /// everything else is checked as usual.
    package var offline = false

    /// `variables` are the only values `${NAME}` sees (see `Interpolation`); `unreadEnvironmentNames` only
    /// improves the message for an unset one.
    package init(descriptors: [ProviderDescriptor], variables: [String: String], unreadEnvironmentNames: Set<String> = []) {
        self.descriptors = Dictionary(descriptors.map { ($0.type, $0) }, uniquingKeysWith: { first, _ in first })
        self.interpolation = Interpolation(variables: variables, unreadEnvironmentNames: unreadEnvironmentNames)
    }

    /// A document waiting to be decoded: the index of its file (in the files being resolved) and its
    /// top-level mapping. Documents are handed between steps and threads by the thousand, so this holds
    /// nothing else to copy (and count references to).
    private struct Pending: Sendable {
        var file: Int
        var mapping: Node.Mapping
    }

    /// How many documents one piece of parallel work interpolates or decodes.
    private static let documentsPerTask = 128

    /// Loads and resolves `files`.
    ///
    /// Loading, interpolation and client decoding run on every core; duplicate checks and everything else
    /// that depends on earlier documents run in order. Each parallel step returns its diagnostics per piece
    /// of work, concatenated in input order, so the output is the same as a single loop's.
    ///
    /// `providersDecoded` is called once, as early as it can be, with providers that decoded (the same
    /// values the result holds), so a caller can start talking to the servers meanwhile: the small files
    /// that spell `Provider` are read ahead of the rest (see `providersAhead`), else it is called after
    /// every document is loaded, before the clients are decoded. It may name fewer providers than the result
    /// (one in a file not read ahead), and learns nothing of diagnostics: the caller must still check the
    /// result before relying on it.
    package func resolve(
        _ files: [SourceFile], providersDecoded: (([ProviderManifest]) -> Void)? = nil
    ) -> (ManifestSet, [Diagnostic]) {
        var loadDiagnostics: [Diagnostic] = []
        var diagnostics: [Diagnostic] = []
        // Scalars whose interpolation failed; later checks of their (meaningless) values are dropped.
        var unresolved: Set<SourceLocation> = []
        var providerDocs: [Pending] = []
        var clientDocs: [Pending] = []
        var announce = providersDecoded
        if let early = announce, let ahead = providersAhead(files), !ahead.isEmpty {
            early(ahead)
            announce = nil
        }
        let loaded = Self.load(files)
        for (file, result) in loaded { loadDiagnostics += result.diagnostics.map { YAMLSourceMap.diagnostic($0, file: file.path) } }
        let parts = ParallelMap.map(consuming: Self.documentBatches(loaded), { prepare(&$0, files: files) })
        clientDocs.reserveCapacity(parts.reduce(0) { $0 + $1.clients.count })
        for part in parts {
            diagnostics += part.diagnostics
            unresolved.formUnion(part.unresolved)
            providerDocs += part.providers
            clientDocs += part.clients
        }
        var providers = decodeProviders(providerDocs, files: files, unresolved: unresolved, into: &diagnostics)
        // A provider of unknown type still lets its clients be checked (against the nearest type), so their
        // errors are reported together with the type's; it is not resolved and nothing connects to it.
        let unknownType = Set(providers.filter(\.typeIsUnknown).map(\.name))
        let clientProviders = providers
        providers.removeAll { $0.typeIsUnknown }
        announce?(providers)
        let clientBatches = ParallelMap.ranges(count: clientDocs.count, size: Self.documentsPerTask).map { Array(clientDocs[$0]) }
        clientDocs = []  // Each batch is freed once decoded.
        let decoded = decodeClients(clientBatches, files: files, providers: clientProviders)
        // Dictionaries, not scans: duplicate checks stay linear in the number of clients.
        var clients: [ClientManifest] = []
        // The first client of each address and of each id (its locations are read only for a duplicate).
        var clientByAddress: [ClientAddress: ClientManifest] = [:]
        var clientByID: [ClientAddress: ClientManifest] = [:]
        let clientCount = decoded.reduce(0) { $0 + $1.count }
        clients.reserveCapacity(clientCount)
        clientByAddress.reserveCapacity(clientCount)
        clientByID.reserveCapacity(clientCount)
        for part in decoded {
            for result in part {
                diagnostics += result.diagnostics
                guard let client = result.client else { continue }
                if let first = clientByAddress[client.address] {
                    diagnostics.append(
                        .error(
                            "duplicate client address '\(client.address)'; give each client of provider '\(client.address.provider)' its own metadata.name",
                            at: client.nameLocation ?? client.location, code: "duplicate-address",
                            notes: [.init(location: first.nameLocation ?? first.location, message: "first defined here")]))
                    continue
                }
                if let schema = descriptors[client.providerType]?.clientSchema {
                    let id = client.clientID(schema: schema)
                    // Keyed by provider and id; a ClientAddress is a convenient (provider, string) pair.
                    let idKey = ClientAddress(provider: client.address.provider, name: id)
                    if let first = clientByID[idKey] {
                        diagnostics.append(
                            .error(
                                "client id '\(id)' is already used by '\(first.address)' on provider '\(client.address.provider)'",
                                at: client.fieldLocations[schema.idField] ?? client.nameLocation ?? client.location,
                                code: "duplicate-client-id",
                                notes: [
                                    .init(
                                        location: first.fieldLocations[schema.idField] ?? first.nameLocation ?? first.location,
                                        message: "first used here")
                                ]))
                        continue
                    }
                    clientByID[idKey] = client
                    diagnostics += result.lint
                }
                clientByAddress[client.address] = client
                if !unknownType.contains(client.address.provider) { clients.append(client) }
            }
        }
        if !unresolved.isEmpty {
            diagnostics.removeAll { $0.code != NodeInterpolator.code && $0.location.map(unresolved.contains) == true }
        }
        return (ManifestSet(providers: providers, clients: clients), (loadDiagnostics + diagnostics).sortedByLocation())
    }

    /// The Provider documents, decoded in order; a duplicate name is an error at the second.
    private func decodeProviders(
        _ documents: [Pending], files: [SourceFile], unresolved: Set<SourceLocation>, into diagnostics: inout [Diagnostic]
    ) -> [ProviderManifest] {
        var providers: [ProviderManifest] = []
        var providerByName: [String: ProviderManifest] = [:]
        for document in documents {
            let file = files[document.file]
            let decoder = ProviderDecoder(descriptors: descriptors, file: file.path, directory: file.directory)
            guard var provider = decoder.decode(document.mapping, into: &diagnostics) else { continue }
            if let first = providerByName[provider.name] {
                diagnostics.append(
                    .error(
                        "duplicate provider '\(provider.name)'", at: provider.location, code: "duplicate-provider",
                        notes: [.init(location: first.location, message: "first defined here")]))
                continue
            }
            // A setting whose `${NAME}` is unset has no value (reported, or deferred to `plan` when offline).
            for (key, location) in provider.settingLocations where unresolved.contains(location) { provider.settings[key] = nil }
            providers.append(provider)
            providerByName[provider.name] = provider
        }
        return providers
    }

    /// The providers of the small files that spell `Provider`, decoded ahead of everything else (their
    /// diagnostics are left to the full pass, which reads them again: a few kilobytes), so listing can
    /// start while thousands of client documents are still being parsed. Nil when any of them has a
    /// problem: the full pass then decides, as if nothing was read ahead.
    private func providersAhead(_ files: [SourceFile]) -> [ProviderManifest]? {
        let candidates = files.filter { $0.bytes.count <= Self.aheadLimit && Self.spellsProvider($0.bytes) }
        guard !candidates.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        var providerDocs: [Pending] = []
        var unresolved: Set<SourceLocation> = []
        let loaded = Self.load(candidates)
        for (_, result) in loaded where !result.diagnostics.isEmpty { return nil }
        for var batch in Self.documentBatches(loaded) {
            let part = prepare(&batch, files: candidates)
            diagnostics += part.diagnostics
            unresolved.formUnion(part.unresolved)
            providerDocs += part.providers
        }
        let providers = decodeProviders(providerDocs, files: candidates, unresolved: unresolved, into: &diagnostics)
        guard !diagnostics.hasErrors else { return nil }
        return providers.filter { !$0.typeIsUnknown }
    }

    /// Files up to this size are read ahead when they spell `Provider`.
    private static let aheadLimit = 64 << 10

    /// True when `bytes` hold the word `Provider` (a Provider document must spell its kind).
    private static func spellsProvider(_ bytes: [UInt8]) -> Bool {
        let word = Array("Provider".utf8)
        guard bytes.count >= word.count else { return false }
        for start in 0...(bytes.count - word.count) where bytes[start] == word[0] {
            if bytes[start..<start + word.count].elementsEqual(word) { return true }
        }
        return false
    }

    /// Every file's YAML documents and problems, in order. Small files load in parallel with each other;
    /// large ones one after another, each on every core (nested parallel work would run serially).
    private static func load(_ files: [SourceFile]) -> [(file: SourceFile, result: LoadResult)] {
        let small = ParallelMap.map(count: files.count) { index in
            isLarge(files[index]) ? nil : YAMLLoader.load(files[index].bytes)
        }
        return files.indices.map { index in (files[index], small[index] ?? YAMLLoader.load(files[index].bytes)) }
    }

    private static func isLarge(_ file: SourceFile) -> Bool { file.bytes.count >= YAMLLoader.parallelLoadThreshold }

    /// Documents that still need interpolating, in order, with the index of the file they come from.
    private struct DocumentBatch: Sendable {
        var documents: [(file: Int, root: Node)] = []
    }

    /// What preparing a batch found: its diagnostics, failed scalars and documents by kind, in order.
    private struct PreparedBatch: Sendable {
        var diagnostics: [Diagnostic] = []
        var unresolved: Set<SourceLocation> = []
        var providers: [Pending] = []
        var clients: [Pending] = []
    }

    /// Every non-empty document of `loaded`, in order, in batches of about `documentsPerTask`. The trees move
    /// into the batches (the load results are consumed), so each has one owner and is interpolated in place.
    private static func documentBatches(_ loaded: consuming [(file: SourceFile, result: LoadResult)]) -> [DocumentBatch] {
        var batches: [DocumentBatch] = []
        var batch = DocumentBatch()
        for index in loaded.indices {
            let documents = loaded[index].result.documents
            loaded[index].result.documents = []
            for document in documents {
                guard let root = document.root else { continue }
                batch.documents.append((index, root))
                if batch.documents.count == documentsPerTask {
                    batches.append(batch)
                    batch = DocumentBatch()
                }
            }
        }
        if !batch.documents.isEmpty { batches.append(batch) }
        return batches
    }

    /// Interpolates and classifies a batch of documents of `files`.
    private func prepare(_ batch: inout DocumentBatch, files: [SourceFile]) -> PreparedBatch {
        var prepared = PreparedBatch()
        var documents = batch.documents
        batch.documents = []
        for index in documents.indices {
            let file = files[documents[index].file]
            var root = documents[index].root
            // Taken out of the batch, so the tree has one owner and is interpolated in place.
            documents[index].root = Self.emptyRoot
            var interpolator = NodeInterpolator(interpolation: interpolation, file: file.path)
            if offline { interpolator.deferUnsetAt = Self.connectionScalars(of: root) }
            interpolator.apply(to: &root, into: &prepared.diagnostics, unresolved: &prepared.unresolved)
            guard let (kind, mapping) = classify(root, file: file.path, into: &prepared.diagnostics) else { continue }
            let pending = Pending(file: documents[index].file, mapping: mapping)
            if kind == "Provider" { prepared.providers.append(pending) } else { prepared.clients.append(pending) }
        }
        return prepared
    }

    /// The positions of the scalars in a Provider document's connection settings (none for other documents).
    private static func connectionScalars(of root: Node) -> Set<Mark> {
        guard case .mapping(let document) = root, document["kind"]?.scalarText == "Provider",
            case .mapping(let spec)? = document["spec"]
        else { return [] }
        var marks: Set<Mark> = []
        func collect(_ node: Node) {
            switch node {
            case .scalar(let scalar): marks.insert(scalar.mark)
            case .sequence(let sequence): sequence.items.forEach(collect)
            case .mapping(let mapping): mapping.entries.forEach { collect($0.value) }
            }
        }
        for entry in spec.entries where entry.key.scalarText.map(ProviderDescriptor.connectionSettings.contains) == true {
            collect(entry.value)
        }
        return marks
    }

    /// Stands in for a tree taken out of a batch (an empty scalar: no allocation).
    private static let emptyRoot = Node.scalar(Node.Scalar(value: "", mark: Mark(line: 1, column: 1)))

    /// A decoded client document: its diagnostics, the client if it decoded, and its lint findings (reported
    /// only if it turns out not to be a duplicate).
    private struct DecodedClient: Sendable {
        var diagnostics: [Diagnostic]
        var client: ClientManifest?
        var lint: [Diagnostic]
    }

    /// Decodes and lints client documents, batch by batch on every core; results in input order.
    private func decodeClients(_ batches: [[Pending]], files: [SourceFile], providers: [ProviderManifest]) -> [[DecodedClient]] {
        ParallelMap.map(consuming: batches) { batch in
            let documents = batch
            batch = []
            // One decoder per file: the documents of a batch mostly share theirs.
            var decoder: (file: Int, decoder: ClientDecoder)?
            return documents.map { document in
                if decoder?.file != document.file {
                    let file = files[document.file]
                    let fileDecoder = ClientDecoder(
                        descriptors: descriptors, providers: providers, file: file.path, directory: file.directory)
                    decoder = (document.file, fileDecoder)
                }
                var diagnostics: [Diagnostic] = []
                let client = decoder?.decoder.decode(document.mapping, into: &diagnostics)
                var lint: [Diagnostic] = []
                if let client, client.state == .present, let schema = descriptors[client.providerType]?.clientSchema {
                    for rule in schema.lintRules { lint += rule.check(client) }
                }
                return DecodedClient(diagnostics: diagnostics, client: client, lint: lint)
            }
        }
    }

    /// Checks a document's top level; returns its kind (`Provider` or `OAuth2Client`) and mapping.
    private func classify(_ root: Node, file: String, into diagnostics: inout [Diagnostic]) -> (String, Node.Mapping)? {
        let keys = KeyChecker(file: file)
        guard case .mapping(let mapping) = root else {
            diagnostics.append(
                .error(
                    "a manifest document must be a mapping with apiVersion, kind, metadata and spec", at: keys.loc(root.mark),
                    code: "bad-document"))
            return nil
        }
        keys.check(
            mapping, known: ["apiVersion", "kind", "metadata", "spec"], required: ["apiVersion", "kind", "metadata"], context: "a manifest",
            allowExtensions: true, into: &diagnostics)
        if let version = mapping["apiVersion"], version.scalarText != Self.apiVersion {
            diagnostics.append(
                .error(
                    "\(version.described(as: "unsupported apiVersion")); expected '\(Self.apiVersion)'", at: keys.loc(version.mark),
                    code: "bad-api-version"))
        }
        guard let kindNode = mapping["kind"] else { return nil }
        if let kind = kindNode.scalarText, Self.kinds.contains(kind) { return (kind, mapping) }
        let expected = "expected one of: \(Self.kinds.joined(separator: ", "))"
        let hint = kindNode.scalarText.map { NearestName.suggestion(for: $0, in: Self.kinds, then: expected) } ?? "; \(expected)"
        diagnostics.append(.error("\(kindNode.described(as: "unknown kind"))\(hint)", at: keys.loc(kindNode.mark), code: "bad-kind"))
        return nil
    }
}
