import Foundation
import OAuthCtlCore
import OAuthCtlHTTP

/// The one engine behind `apply`, `apply --plan` and `--dry-run`: carries out a plan's actions
/// through the provider adapters, with bounded parallelism, and reports every outcome.
///
/// Order: creates, updates and replaces first (in parallel), then deletes, only if nothing failed.
/// Nothing is sent until every secret resolves and every generated secret has a sink. Once
/// `interruption` is requested, no new write starts; the ones in flight finish and are reported.
package struct Executor: Sendable {
    /// Adapters by provider name.
    package var adapters: [String: any ProviderAdapter]
    package var secrets: any SecretResolving
    package var sink: SecretsSink?
    package var parallelism: Int
    package var interruption: Interruption
    /// Fresh random salt for secret fingerprints.
    package var salt: @Sendable () -> [UInt8]
    /// Keyed (HMAC) when `OAUTHCTL_FINGERPRINT_KEY` is set; else salted PBKDF2.
    package var fingerprinter = Fingerprinter(key: nil)
    /// Told as each action ends (for progress; the entry holds no secret).
    package var finished: @Sendable (ApplyReport.Entry) -> Void

    package init(
        adapters: [String: any ProviderAdapter], secrets: any SecretResolving, sink: SecretsSink?, parallelism: Int,
        interruption: Interruption = Interruption(),
        salt: @escaping @Sendable () -> [UInt8] = Executor.randomSalt,
        finished: @escaping @Sendable (ApplyReport.Entry) -> Void = { _ in }
    ) {
        self.adapters = adapters
        self.secrets = secrets
        self.sink = sink
        self.parallelism = max(1, parallelism)
        self.interruption = interruption
        self.salt = salt
        self.finished = finished
    }

    package static let randomSalt: @Sendable () -> [UInt8] = {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    package func apply(_ plan: Plan) async -> ApplyReport {
        var report = ApplyReport()
        let work = plan.actions.filter { $0.action != .noOp }
        let resolved = preflight(work, into: &report)
        report.warnings = sink.map { Self.earlierLosses(plan, sink: $0) } ?? []
        guard report.preflightErrors.isEmpty else {
            report.entries = work.map {
                .init(
                    address: $0.address, action: $0.action, id: $0.id, outcome: .notAttempted("nothing was sent: a pre-flight check failed")
                )
            }
            return report
        }
        let writes = work.filter { $0.action != .delete }
        let deletes = work.filter { $0.action == .delete }
        report.entries += await run(writes, secrets: resolved)
        if report.failed.isEmpty && report.secretsLost.isEmpty && !interruption.isRequested {
            report.entries += await run(deletes, secrets: resolved)
        } else {
            let why = interruption.isRequested ? "not sent: apply was interrupted" : "skipped because an earlier action failed"
            report.entries += deletes.map { .init(address: $0.address, action: $0.action, id: $0.id, outcome: .notAttempted(why)) }
        }
        report.interrupted = interruption.isRequested
        return report
    }

    /// Resolves every secret and checks every action can be carried out, before anything is sent.
    private func preflight(_ actions: [PlannedAction], into report: inout ApplyReport) -> [ClientAddress: [String: SecretValue]] {
        var resolved: [ClientAddress: [String: SecretValue]] = [:]
        for action in actions {
            guard adapters[action.address.provider] != nil else {
                report.preflightErrors.append("\(action.address): no connection to provider '\(action.address.provider)'")
                continue
            }
            for (field, reference) in action.secrets.sorted(by: { $0.key < $1.key }) where action.action != .delete {
                do {
                    resolved[action.address, default: [:]][field] = try secrets.resolve(reference)
                } catch {
                    report.preflightErrors.append("\(action.address): \(error)")
                }
            }
            if action.receivesGeneratedSecret, sink == nil {
                report.preflightErrors.append(
                    "\(action.address): the server will generate a secret at create time and there would be nowhere to keep it; pass --secrets-out FILE (nothing was changed)"
                )
            }
        }
        return resolved
    }

    /// Clients that an earlier run left `pending` or `lost` in the sink and that this plan doesn't create
    /// (so they exist): their generated secret is gone.
    package static func earlierLosses(_ plan: Plan, sink: SecretsSink) -> [String] {
        let creating = Set(plan.actions.filter { $0.action == .create || $0.action == .replace }.map(\.address.description))
        return sink.problems.filter { !creating.contains($0.key) }.sorted { $0.key < $1.key }.compactMap { address, status in
            guard let parsed = ClientAddress(address) else { return nil }
            let what = status == .lost ? "was created without its answer arriving" : "was being created when the run ended"
            return "\(address): \(what), so its generated secret is not in '\(sink.path)' (status: \(status.rawValue)); "
                + SecretRecovery.steps(parsed)
        }
    }

    private func run(_ actions: [PlannedAction], secrets: [ClientAddress: [String: SecretValue]]) async -> [ApplyReport.Entry] {
        var results: [Int: ApplyReport.Entry] = [:]
        // A server may echo a secret of another request in its error text: scrub every value resolved here.
        let scrubbing = secrets.values.flatMap { $0.values.map(\.revealed) }
        await withTaskGroup(of: (Int, ApplyReport.Entry).self) { group in
            var next = 0
            func launch() {
                guard next < actions.count, !interruption.isRequested else { return }
                let index = next
                let action = actions[index]
                next += 1
                group.addTask { (index, await self.perform(action, secrets: secrets[action.address] ?? [:], scrubbing: scrubbing)) }
            }
            for _ in 0..<min(parallelism, actions.count) { launch() }
            while let (index, entry) = await group.next() {
                results[index] = entry
                launch()
            }
        }
        return actions.indices.map { index in
            results[index]
                ?? .init(
                    address: actions[index].address, action: actions[index].action, id: actions[index].id,
                    outcome: .notAttempted("not sent: apply was interrupted"))
        }
    }

    /// Secrets this action doesn't send whose live fingerprint is in an older form (migration to keyed
    /// fingerprints): their values, to fingerprint them again with this write.
    private func outdatedFingerprints(_ action: PlannedAction, sent: [String: SecretValue]) -> [String: SecretValue] {
        guard action.action == .update else { return [:] }
        var values: [String: SecretValue] = [:]
        for (field, reference) in action.secretReferences where sent[field] == nil {
            guard let live = action.liveMarker?.fingerprints[field], !fingerprinter.isCurrent(live),
                let value = try? self.secrets.resolve(reference), fingerprinter.verify(live, value.revealed) == true
            else { continue }
            values[field] = value
        }
        return values
    }

    private func perform(_ action: PlannedAction, secrets: [String: SecretValue], scrubbing: [String]) async -> ApplyReport.Entry {
        var entry = ApplyReport.Entry(address: action.address, action: action.action, id: action.id, outcome: .succeeded)
        guard let adapter = adapters[action.address.provider] else { return entry }
        guard interruption.begin(action.address) else {
            entry.outcome = .notAttempted("not sent: apply was interrupted")
            return entry
        }
        defer { interruption.end(action.address) }
        // Counts this action's writes that went out, so "not attempted" is said only when none did.
        let writes = SentWrites()
        do {
            entry.outcome = try await SentWrites.$current.withValue(writes) {
                try await ActionRunner(
                    action: action, adapter: adapter, secrets: secrets, sink: sink, salt: salt, fingerprinter: fingerprinter,
                    refresh: outdatedFingerprints(action, sent: secrets)
                ).run()
            }
            if case .secretLost(let message) = entry.outcome {
                entry.outcome = .secretLost(Redaction.scrub(message, values: scrubbing))
            }
            if let field = adapter.schema.secretField, secrets[field] != nil { try? sink?.clearProblem(action.address) }
        } catch  where HTTPTransportError.isCircuitOpen(error) && writes.value == 0 {
            entry.outcome = .notAttempted("provider '\(action.address.provider)' is unreachable; not sent")
        } catch {
            // The prefix every provider error has, in plan, drift, export and here: `provider: METHOD path: message`.
            entry.outcome = .failed(Redaction.scrub("\(action.address.provider): \(error)", values: scrubbing))
        }
        finished(entry)
        return entry
    }
}
