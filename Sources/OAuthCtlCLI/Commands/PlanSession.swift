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

    /// Everything computed: the plan, and what apply needs to carry it out.
    struct Result {
        var manifests: ManifestSet
        var providers: [ProviderManifest]
        var adapters: [String: any ProviderAdapter]
        var plan: Plan
    }

    static let selectionOptions: [OptionSpec] = [
        .init("provider", value: "NAME", repeatable: true, help: "only this provider's clients"),
        .init("target", value: "ADDRESS", repeatable: true, help: "only this client (provider/name)"),
    ]
    static let changeOptions: [OptionSpec] = [
        .init("prune", help: "delete clients that carry this repository's marker but are not in the manifests"),
        .init("allow-replace", help: "allow delete-then-create when an immutable field (client_id) changes"),
        .init("set-secrets", help: "write secrets whose live value can't be compared (no fingerprint)"),
        .init("max-deletes", value: "N", help: "refuse a plan that deletes more than N clients"),
    ]

    /// Runs the front half; prints diagnostics; nil when it failed (exit 1).
    func run() async -> Result? {
        let printer = DiagnosticPrinter(console: console, color: console.colorEnabled(arguments, stream: .stderr))
        let (manifests, diagnostics, _) = ManifestInput(arguments: arguments, console: console).resolve()
        printer.printText(diagnostics)
        guard !diagnostics.hasErrors else { return nil }
        guard let options = planOptions(), let providers = selectedProviders(manifests) else { return nil }
        let secrets = SecretResolver(environment: console.environment)
        guard let adapters = makeAdapters(providers) else { return nil }
        guard let states = await listAll(providers, adapters) else { return nil }
        let comparer = SecretComparer(resolver: secrets)
        let (plan, planDiagnostics) = Planner(options: options, liveSecretComparer: comparer.liveStatus).plan(manifests, states: states, secretStatus: comparer.status)
        printer.printText(planDiagnostics)
        guard !planDiagnostics.hasErrors else { return nil }
        return Result(manifests: manifests, providers: providers, adapters: adapters, plan: plan)
    }

    /// One adapter per provider, credentials resolved; nil (after printing why) when one can't be built.
    func makeAdapters(_ providers: [ProviderManifest]) -> [String: any ProviderAdapter]? {
        let secrets = SecretResolver(environment: console.environment)
        var adapters: [String: any ProviderAdapter] = [:]
        for provider in providers {
            do {
                adapters[provider.name] = try ProviderRegistry.adapter(for: provider, secrets: secrets) { provider in
                    let standard = ProviderRegistry.Connection.standard(
                        writesPerMinute: ProviderRegistry.writesPerMinute(for: provider),
                        writesPerSecond: ProviderRegistry.writesPerSecond(for: provider),
                        onRetry: Self.retryNote(provider: provider.name, console: console))
                    let schema = ProviderRegistry.descriptor(provider.type)?.clientSchema
                    return .init(transport: schema.map { wrapTransport(standard.transport, $0) } ?? standard.transport)
                }
            } catch {
                console.printError("error: \(error)")
                return nil
            }
        }
        return adapters
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

    private func listAll(_ providers: [ProviderManifest], _ adapters: [String: any ProviderAdapter]) async -> [Planner.ProviderState]? {
        var states: [Planner.ProviderState] = []
        var failed = false
        typealias Listing = (schema: ClientSchema, live: [[String: JSONValue]])
        await withTaskGroup(of: (ProviderManifest, Swift.Result<Listing, any Error>).self) { group in
            for provider in providers {
                guard let adapter = adapters[provider.name] else { continue }
                group.addTask {
                    do {
                        let schema = try await adapter.liveSchema()
                        return (provider, .success((schema, try await adapter.listClients())))
                    } catch {
                        return (provider, .failure(error))
                    }
                }
            }
            for await (provider, result) in group {
                switch result {
                case .success(let listing):
                    states.append(.init(provider: provider, schema: listing.schema, live: listing.live))
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
        options.prune = arguments.flag("prune")
        options.allowReplace = arguments.flag("allow-replace")
        options.setSecrets = arguments.flag("set-secrets")
        for target in arguments.all("target") {
            guard let address = ClientAddress(target) else {
                console.printError("error: invalid --target '\(target)'; write provider/name, e.g. prod/billing-web")
                return nil
            }
            options.targets.insert(address)
        }
        if let max = arguments.value("max-deletes") {
            guard let value = Int(max), value >= 0 else {
                console.printError("error: invalid --max-deletes '\(max)'; expected a whole number ≥ 0")
                return nil
            }
            options.maxDeletes = value
        }
        return options
    }

    private func selectedProviders(_ manifests: ManifestSet) -> [ProviderManifest]? {
        let names = arguments.all("provider")
        for name in names where manifests.provider(name) == nil {
            let hint = NearestName.suggestion(for: name, in: manifests.providers.map(\.name))
            console.printError("error: unknown provider '\(name)' in --provider\(hint)")
            return nil
        }
        if manifests.providers.isEmpty {
            console.printError("error: no kind: Provider document found; declare the server to manage")
            return nil
        }
        return names.isEmpty ? manifests.providers : manifests.providers.filter { names.contains($0.name) }
    }
}

/// Compares a manifest's secret with the fingerprint on the server, without keeping the value.
struct SecretComparer: Sendable {
    var resolver: SecretResolver

    func status(_ address: ClientAddress, _ field: String, _ reference: SecretReference, _ marker: OwnershipMarker?) -> SecretStatus {
        guard let encoded = marker?.fingerprints[field], let fingerprint = SecretFingerprint(encoded: encoded),
            let value = try? resolver.resolve(reference)
        else { return .unknown }
        return fingerprint.matches(value.revealed) ? .unchanged : .changed
    }

    /// For a secret the server returns on read: compares the referenced value with the live one in memory
    /// (constant time); neither value leaves this function.
    func liveStatus(_ reference: SecretReference, _ live: String) -> SecretStatus {
        guard let value = try? resolver.resolve(reference) else { return .unknown }
        let a = Array(value.revealed.utf8), b = Array(live.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0 ? .unchanged : .changed
    }
}
