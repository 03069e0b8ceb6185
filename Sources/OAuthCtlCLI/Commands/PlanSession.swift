import Foundation
import OAuthCtlApply
import OAuthCtlCore
import OAuthCtlHTTP
import OAuthCtlProviders

/// Load, resolve, list and plan: the shared front half of `plan`, `apply` and `drift`.
///
/// Reads secrets only to compare fingerprints; keeps no value.
struct PlanSession {
    var arguments: ParsedArguments
    var console: Console
    /// Wraps each provider's transport (e.g. for `--dry-run`).
    var wrapTransport: @Sendable (any HTTPTransport, ClientSchema) -> any HTTPTransport = { transport, _ in transport }
    /// Choices fixed by a saved plan (`apply --plan`), used instead of the command-line options.
    var fixed: FixedChoices?
    /// `drift` lists every client, to report the unmanaged and orphaned ones; `plan` and `apply` only
    /// with `--prune` (else they read the managed clients by id where that is cheaper; see `LiveReader`).
    var listsEverything = false
    /// False when no JSON plan will be written or compared (a text plan, a plain apply): the planner then
    /// skips the live digests and the fields of no-ops (see `PlanOptions.recordsLiveState`).
    var recordsLiveState = true
    /// Write-budget waits of the providers' transports, for apply's progress display.
    let pacing = PacingRelay()

    /// The options and providers of a saved plan.
    struct FixedChoices {
        var options: PlanOptions
        var providers: [String]
    }

    /// Everything computed: the plan, and what apply needs to carry it out.
    struct Result {
        var manifests: ManifestSet
        var providers: [ProviderManifest]
        var adapters: [String: any ProviderAdapter]
        var plan: Plan
        var options: PlanOptions
        /// The manifest files the plan came from (their bytes; digested only when a plan is saved or checked).
        var files: [SourceFile]
        var manifestDigest: ManifestDigest { ManifestDigest(files) }
    }

    /// Runs the front half; prints diagnostics; nil when it failed (exit 1).
    ///
    /// Listing starts as soon as the Provider documents are decoded, while the clients are still being
    /// decoded (see `EarlyListing`); what is printed, and in which order, is the same as if it started after.
    func run() async -> Result? {
        let printer = DiagnosticPrinter(console: console, color: console.colorEnabled(arguments, stream: .stderr))
        let early = EarlyListing(console: console)
        let (manifests, diagnostics, files) = ManifestInput(arguments: arguments, console: console).resolve { providers in
            startListing(providers, into: early)
        }
        // From here until `early.release()`, every way out cancels the early listings (and drops their notes).
        printer.printText(diagnostics)
        guard !diagnostics.hasErrors else { return early.cancel() }
        guard var options = fixed?.options ?? planOptions(), let providers = selectedProviders(manifests) else { return early.cancel() }
        let secrets = SecretResolver(environment: console.environment)
        let planned = Set(providers.map(\.name))
        let unresolved = SecretReferenceCheck(resolver: secrets).diagnostics(
            manifests.clients.filter {
                planned.contains($0.address.provider) && (options.targets.isEmpty || options.targets.contains($0.address))
            })
        printer.printText(unresolved)
        guard unresolved.isEmpty else { return early.cancel() }
        guard let adapters = makeAdapters(providers, reusing: early.adapters) else { return early.cancel() }
        let fingerprintKey: FingerprintKey?
        do {
            fingerprintKey = try FingerprintKey.from(environment: console.environment)
        } catch {
            console.printError("error: \(error)")
            return early.cancel()
        }
        early.release()
        options.recordsLiveState = options.recordsLiveState && recordsLiveState
        let comparer = SecretComparer(resolver: secrets, fingerprinter: Fingerprinter(key: fingerprintKey))
        let planner = Planner(options: options, liveSecretComparer: comparer.liveStatus)
        let reader = LiveReader(listsEverything: listsEverything || options.prune, planner: planner, secretStatus: comparer.status)
        guard let states = await readAll(providers, adapters, manifests: manifests, reader: reader, early: early) else { return nil }
        let (plan, planDiagnostics) = planner.plan(manifests, states: states, secretStatus: comparer.status)
        Self.freeInBackground(consume states)
        guard unknownTargets(options.targets, manifests, plan).isEmpty else { return nil }
        if planDiagnostics.hasErrors, planDiagnostics.filter({ $0.severity == .error }).allSatisfy({ $0.code == Planner.tooManyDeletes }) {
            // Refused, but complete: show it, so the reviewer sees what would have been deleted.
            PlanOutput(providers: providers).write(plan, format: arguments.format, color: console.colorEnabled(arguments), to: console.out)
        }
        printer.printText(planDiagnostics)
        guard !planDiagnostics.hasErrors else { return nil }
        return Result(
            manifests: manifests, providers: providers, adapters: adapters, plan: plan, options: options,
            files: files)
    }

    /// Frees `value` on a background thread: the 10,000 live clients of a large plan take tens of
    /// milliseconds to free, which the command need not wait for (at exit, the process just ends).
    static func freeInBackground<Value: Sendable>(_ value: consuming Value) {
        let box = FreeingBox(value)
        DispatchQueue.global(qos: .utility).async { box.value = nil }
    }

    /// One adapter per provider, credentials resolved; nil (after printing why) when one can't be built.
    /// `reusing`: adapters already built for some of these providers (by name), taken as they are.
    func makeAdapters(_ providers: [ProviderManifest], reusing: [String: any ProviderAdapter] = [:]) -> [String: any ProviderAdapter]? {
        if let text = arguments.value(.timeout), Self.seconds(text) == nil {
            let expected = UsageError.Expectation.kind("a duration such as 10s, 500ms or 2m (or plain seconds)")
            console.printError(UsageError.invalidOptionValue(option: OptionSpec.timeout.name, value: text, expected: expected))
            return nil
        }
        var adapters: [String: any ProviderAdapter] = [:]
        for provider in providers {
            if let adapter = reusing[provider.name] {
                adapters[provider.name] = adapter
                continue
            }
            do {
                adapters[provider.name] = try makeAdapter(provider, notes: console)
            } catch {
                console.printError("error: \(TerminalText.escape("\(error)"))")
                return nil
            }
        }
        return adapters
    }

    /// The adapter for `provider`, its retry notes written to `notes`' stderr.
    private func makeAdapter(_ provider: ProviderManifest, notes: Console) throws -> any ProviderAdapter {
        try ProviderRegistry.adapter(for: provider, secrets: SecretResolver(environment: console.environment)) { provider in
            let standard = ProviderRegistry.Connection.standard(
                provider: provider.name, timeout: timeout,
                writesPerMinute: ProviderRegistry.writesPerMinute(for: provider),
                writesPerSecond: ProviderRegistry.writesPerSecond(for: provider),
                onRetry: Self.retryNote(provider: provider.name, console: notes),
                onPacingWait: { [pacing] seconds in pacing.wait(provider: provider.name, seconds: seconds) })
            let schema = ProviderRegistry.descriptor(provider.type)?.clientSchema
            return .init(transport: schema.map { wrapTransport(standard.transport, $0) } ?? standard.transport)
        }
    }

    /// `--timeout`, in seconds (the default when absent or invalid; `makeAdapters` reports an invalid one).
    var timeout: Double {
        arguments.value(.timeout).flatMap(Self.seconds) ?? RetryPolicy.defaultConnectionBudget
    }

    /// A positive duration in seconds from Go syntax (`10s`, `500ms`, `1m30s`) or plain seconds (`10`, `2.5`).
    static func seconds(_ text: String) -> Double? {
        let value: Double
        if let plain = Double(text) {
            value = plain
        } else if let nanoseconds = GoDuration.parse(text) {
            value = Double(nanoseconds) / 1_000_000_000
        } else {
            return nil
        }
        return value > 0 && value.isFinite ? value : nil
    }

    /// Starts listing the providers the command will plan (all, or those named by `--provider`), called as
    /// soon as they are decoded. A provider whose adapter can't be built yet is left to the normal path,
    /// which reports why in its usual place.
    private func startListing(_ providers: [ProviderManifest], into early: EarlyListing) {
        // A listing that must keep only what the manifests need can't start before they are decoded.
        guard !listsEverything, !(fixed?.options.prune ?? arguments.flag(.prune)) else { return }
        let names = providerNames
        for provider in providers where names.isEmpty || names.contains(provider.name) {
            guard let adapter = try? makeAdapter(provider, notes: early.heldConsole) else { continue }
            early.start(provider.name, adapter: adapter) { try await Self.list(adapter, managedBy: provider.managedBy) }
        }
    }

    /// The live schema and the first page of the listing, which tells whether the server is small, and
    /// the pages after it when they are sure to be read (see `list`).
    struct Listing: Sendable {
        var schema: ClientSchema
        var first: FirstPage
        /// The rest of the listing, already being fetched.
        var ahead: PagesAhead?

        /// The pages after the first, from `ahead` or fetched now; nil when the first page was all.
        var rest: FirstPage.Pages? {
            if let ahead { return { body in try await ahead.read(body) } }
            return first.rest
        }
    }

    /// The listing's first page; the pages after it are fetched at once (`PagesAhead`) when the reader
    /// is sure to list them: the provider matches by a field (nothing to read by id), or the first page
    /// alone holds more clients marked as this repository's (`managedBy`) than are worth reading by id.
    /// Otherwise they wait until the reader knows whether it lists.
    static func list(_ adapter: any ProviderAdapter, managedBy: String) async throws -> Listing {
        let schema = try await adapter.liveSchema()
        let first = try await adapter.firstPage()
        guard let rest = first.rest else { return Listing(schema: schema, first: first) }
        let ours = first.clients.lazy.filter { schema.ownership.marker(in: $0)?.managedBy == managedBy }.count
        guard schema.matchField != nil || ours > LiveReader.byIDLimit else { return Listing(schema: schema, first: first) }
        return Listing(schema: schema, first: first, ahead: await PagesAhead.start(rest))
    }

    /// One stderr line per retry, so a long wait (an unreachable server, a rate limit) is explained.
    static func retryNote(provider: String, console: Console) -> RetryingTransport.RetryObserver {
        { attempt, outcome, delay in
            let cause: String
            switch outcome {
            case .response(let status, _): cause = "\(status) \(HTTPStatus.reasonPhrase(status))"
            case .transportError(let error): cause = "\(error)"
            }
            console.printError("note: \(provider): \(cause); retrying in \(String(format: "%.1f", delay)) s (attempt \(attempt + 1))")
        }
    }

    private func readAll(
        _ providers: [ProviderManifest], _ adapters: [String: any ProviderAdapter], manifests: ManifestSet, reader: LiveReader,
        early: EarlyListing
    ) async -> [Planner.ProviderState]? {
        var states: [Planner.ProviderState] = []
        var failed = false
        await withTaskGroup(of: (ProviderManifest, Swift.Result<Planner.ProviderState, any Error>).self) { group in
            for provider in providers {
                guard let adapter = adapters[provider.name] else { continue }
                let clients = manifests.clients.filter { $0.address.provider == provider.name }
                let started = early.listing(provider.name)
                group.addTask {
                    do {
                        return (provider, .success(try await reader.read(provider, adapter, clients: clients, started: started)))
                    } catch {
                        return (provider, .failure(error))
                    }
                }
            }
            for await (provider, result) in group {
                switch result {
                case .success(let state):
                    states.append(state)
                case .failure(let error):
                    console.printError("error: \(provider.name): \(error)")
                    failed = true
                }
            }
        }
        return failed ? nil : states.sorted { $0.provider.name < $1.provider.name }
    }

    private func planOptions() -> PlanOptions? {
        var options = PlanOptions()
        // `drift` has no change options: it changes nothing.
        options.prune = arguments.offers(.prune) && arguments.flag(.prune)
        options.allowReplace = arguments.offers(.allowReplace) && arguments.flag(.allowReplace)
        options.setSecrets = arguments.offers(.setSecrets) && arguments.flag(.setSecrets)
        for target in arguments.all(.target) {
            guard let address = ClientAddress(target) else {
                let expected = UsageError.Expectation.form("provider/name, e.g. prod/billing-web")
                console.printError(UsageError.invalidOptionValue(option: OptionSpec.target.name, value: target, expected: expected))
                return nil
            }
            options.targets.insert(address)
        }
        if arguments.offers(.maxDeletes), let max = arguments.value(.maxDeletes) {
            guard let value = Int(max), value >= 0 else {
                console.printError(
                    UsageError.invalidOptionValue(option: OptionSpec.maxDeletes.name, value: max, expected: .kind("a whole number ≥ 0")))
                return nil
            }
            options.maxDeletes = value
        }
        return options
    }

    /// `--target` addresses that name no client of the manifests nor of the plan (a pruned client), each
    /// reported with the nearest address.
    private func unknownTargets(_ targets: Set<ClientAddress>, _ manifests: ManifestSet, _ plan: Plan) -> [ClientAddress] {
        guard fixed == nil, !targets.isEmpty else { return [] }
        let known = manifests.clients.map(\.address.description)
        let planned = Set(plan.actions.map(\.address.description))
        let unknown = targets.filter { !known.contains($0.description) && !planned.contains($0.description) }.sorted {
            $0.description < $1.description
        }
        for target in unknown {
            let hint = NearestName.suggestion(for: target.description, in: known)
            console.printError("error: --target '\(TerminalText.escape(target.description))' matches no client in the manifests\(hint)")
        }
        return unknown
    }

    /// The providers chosen with `--provider` (or by a saved plan); empty means all.
    private var providerNames: [String] { fixed?.providers ?? arguments.all(.provider) }

    private func selectedProviders(_ manifests: ManifestSet) -> [ProviderManifest]? {
        let names = providerNames
        for name in names where manifests.provider(name) == nil {
            let hint = NearestName.suggestion(for: name, in: manifests.providers.map(\.name))
            console.printError("error: unknown provider '\(TerminalText.escape(name))' in --provider\(hint)")
            return nil
        }
        if manifests.providers.isEmpty {
            console.printError("error: no kind: Provider document found; declare the server to manage")
            return nil
        }
        return names.isEmpty ? manifests.providers : manifests.providers.filter { names.contains($0.name) }
    }
}

/// Holds a value until a background thread drops it (see `PlanSession.freeInBackground`).
private final class FreeingBox<Value: Sendable>: @unchecked Sendable {
    var value: Value?
    init(_ value: consuming Value) { self.value = value }
}
