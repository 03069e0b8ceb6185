import Foundation
import OAuthCtlApply
import OAuthCtlCore
import Testing

/// The apply engine against an in-memory `FakeAdapter`: what it sends, in which order, what it holds
/// back after a failure, a refused pre-flight check or an interrupt, and how it settles a create whose
/// answer never arrived (read back, never re-sent blindly).
@Suite("executor")
struct ExecutorTests {
    static func action(
        _ name: String, _ kind: Action, secret: SecretReference? = nil, generated: Bool = false, provider: String = "fake"
    ) -> PlannedAction {
        var action = PlannedAction(
            address: ClientAddress(provider: provider, name: name), providerType: "fake", action: kind, id: name,
            reason: kind == .delete ? .notInManifests : .fieldsDiffer,
            after: kind == .delete ? nil : ["client_id": .string(name)])
        if kind == .replace { action.replacedID = "\(name)-old" }
        if let secret { action.secrets[FakeAdapter.secretField] = secret }
        action.receivesGeneratedSecret = generated
        return action
    }

    static func executor(
        _ adapter: FakeAdapter, environment: [String: String] = [:], sink: SecretsSink? = nil, parallelism: Int = 4,
        interruption: Interruption = Interruption(), finished: @escaping @Sendable (ApplyReport.Entry) -> Void = { _ in }
    ) -> Executor {
        Executor(
            adapters: ["fake": adapter], secrets: SecretResolver(environment: environment), sink: sink, parallelism: parallelism,
            interruption: interruption, salt: { [UInt8](repeating: 0, count: 16) }, finished: finished)
    }

    static func outcomes(_ report: ApplyReport) -> [String: ApplyReport.Outcome] {
        Dictionary(uniqueKeysWithValues: report.entries.map { ($0.address.name, $0.outcome) })
    }

    @Test("no-ops are neither sent nor reported")
    func noOpsNotSent() async {
        let adapter = FakeAdapter(clients: ["same", "changed"])
        let plan = Plan(actions: [Self.action("same", .noOp), Self.action("changed", .update)])
        let report = await Self.executor(adapter).apply(plan)
        #expect(adapter.calls == ["update changed"])
        #expect(report.entries.map(\.address.name) == ["changed"])
        #expect(!report.hasFailures)
    }

    @Test("every create, update and replace has ended before the first delete is sent")
    func writesBeforeDeletes() async {
        // Writes are slow: a delete sent alongside them would be logged first.
        let adapter = FakeAdapter(clients: ["u1", "u2", "r1-old", "d1", "d2"], writeDelay: .milliseconds(30))
        let plan = Plan(actions: [
            Self.action("d1", .delete), Self.action("d2", .delete), Self.action("c1", .create), Self.action("u1", .update),
            Self.action("u2", .update), Self.action("r1", .replace),
        ])
        let report = await Self.executor(adapter, parallelism: 8).apply(plan)
        #expect(report.succeeded.count == 6)
        let calls = adapter.calls
        let lastWrite = calls.lastIndex { !$0.hasPrefix("delete d") }
        let firstDelete = calls.firstIndex { $0.hasPrefix("delete d") }
        #expect(Set(calls) == ["create c1", "update u1", "update u2", "delete r1-old", "create r1", "delete d1", "delete d2"])
        #expect(lastWrite != nil && firstDelete != nil && lastWrite! < firstDelete!, "calls: \(calls)")
        #expect(adapter.clientIDs == ["c1", "r1", "u1", "u2"])
    }

    @Test("after a failed write no delete is sent: each is reported not attempted")
    func failedWriteHoldsBackDeletes() async {
        let adapter = FakeAdapter(clients: ["u1", "d1"], failures: ["update u1": .refuse("HTTP 500: dummy failure")])
        let plan = Plan(actions: [Self.action("c1", .create), Self.action("u1", .update), Self.action("d1", .delete)])
        let report = await Self.executor(adapter).apply(plan)
        #expect(!adapter.calls.contains("delete d1"))
        #expect(adapter.clientIDs.contains("d1"))
        let outcomes = Self.outcomes(report)
        #expect(outcomes["c1"] == .succeeded)
        #expect(outcomes["u1"] == .failed("fake: HTTP 500: dummy failure"))
        #expect(outcomes["d1"] == .notAttempted("skipped because an earlier action failed"))
        #expect(!report.interrupted)
    }

    @Test("an unresolvable secret reference sends nothing and reports every action not attempted")
    func unresolvableSecret() async {
        let adapter = FakeAdapter(clients: ["u1", "d1"])
        let plan = Plan(actions: [
            Self.action("c1", .create, secret: .env("OAUTHCTL_TEST_UNSET")), Self.action("u1", .update), Self.action("d1", .delete),
            Self.action("same", .noOp),
        ])
        let report = await Self.executor(adapter).apply(plan)
        #expect(adapter.calls.isEmpty)
        #expect(report.preflightErrors.count == 1)
        #expect(report.preflightErrors.first?.hasPrefix("fake/c1: secret from_env OAUTHCTL_TEST_UNSET is not set") == true)
        #expect(report.entries.map(\.address.name) == ["c1", "u1", "d1"])
        #expect(report.notAttempted.count == 3)
        #expect(report.entries.allSatisfy { $0.outcome == .notAttempted("nothing was sent: a pre-flight check failed") })
    }

    @Test("a provider with no adapter, or a generated secret with no sink, also stops the run before anything is sent")
    func otherPreflightRefusals() async {
        let adapter = FakeAdapter(clients: ["u1"])
        let plan = Plan(actions: [
            Self.action("c1", .create, generated: true), Self.action("x1", .update, provider: "elsewhere"), Self.action("u1", .update),
        ])
        let report = await Self.executor(adapter).apply(plan)
        #expect(adapter.calls.isEmpty)
        #expect(report.preflightErrors.count == 2)
        #expect(report.preflightErrors.contains { $0.hasPrefix("fake/c1: the server will generate a secret") })
        #expect(report.preflightErrors.contains("elsewhere/x1: no connection to provider 'elsewhere'"))
        #expect(report.notAttempted.count == 3)
    }

    @Test("an interruption requested before the run starts no write")
    func interruptedBeforeStart() async {
        let adapter = FakeAdapter(clients: ["u1", "d1"])
        let interruption = Interruption()
        #expect(interruption.request() == false)
        let plan = Plan(actions: [Self.action("c1", .create), Self.action("u1", .update), Self.action("d1", .delete)])
        let report = await Self.executor(adapter, interruption: interruption).apply(plan)
        #expect(adapter.calls.isEmpty)
        #expect(report.interrupted)
        #expect(report.entries.count == 3)
        #expect(report.entries.allSatisfy { $0.outcome == .notAttempted("not sent: apply was interrupted") })
    }

    @Test("an interruption during a write lets that write finish and starts no other")
    func interruptedDuringWrite() async {
        let interruption = Interruption()
        let inFlight = Recorder<[ClientAddress]>()
        let adapter = FakeAdapter(clients: ["u1", "u2", "d1"]) { call in
            guard call == "update u1" else { return }
            interruption.request()
            inFlight.append(interruption.inFlight)
        }
        let plan = Plan(actions: [Self.action("u1", .update), Self.action("u2", .update), Self.action("d1", .delete)])
        let report = await Self.executor(adapter, parallelism: 1, interruption: interruption).apply(plan)
        #expect(adapter.calls == ["update u1"])
        #expect(inFlight.all == [[ClientAddress(provider: "fake", name: "u1")]])
        #expect(interruption.inFlight.isEmpty)
        #expect(report.interrupted)
        let outcomes = Self.outcomes(report)
        #expect(outcomes["u1"] == .succeeded)
        #expect(outcomes["u2"] == .notAttempted("not sent: apply was interrupted"))
        #expect(outcomes["d1"] == .notAttempted("not sent: apply was interrupted"))
    }

    @Test("a create whose answer never arrived is read back, not sent again, when the server made it")
    func unknownCreateReadBack() async {
        let adapter = FakeAdapter(failures: ["create c1": .timeOut(done: true)])
        let report = await Self.executor(adapter).apply(Plan(actions: [Self.action("c1", .create)]))
        #expect(adapter.calls == ["create c1", "get c1"])
        #expect(adapter.clientIDs == ["c1"])
        #expect(Self.outcomes(report)["c1"] == .succeeded)
    }

    @Test("a create whose answer never arrived is sent once more only when reading back finds nothing")
    func unknownCreateNotThere() async {
        let adapter = FakeAdapter(failures: ["create c1": .timeOut(done: false)])
        let report = await Self.executor(adapter).apply(Plan(actions: [Self.action("c1", .create)]))
        #expect(adapter.calls == ["create c1", "get c1", "create c1"])
        #expect(adapter.clientIDs == ["c1"])
        #expect(Self.outcomes(report)["c1"] == .succeeded)
    }

    @Test("a create whose answer never arrived and whose read-back fails is reported unknown, not re-sent")
    func unknownCreateReadBackFails() async {
        let adapter = FakeAdapter(failures: ["create c1": .timeOut(done: true), "get c1": .refuse("HTTP 503")])
        let report = await Self.executor(adapter).apply(Plan(actions: [Self.action("c1", .create)]))
        #expect(adapter.calls == ["create c1", "get c1"])
        guard case .failed(let message) = Self.outcomes(report)["c1"] else {
            Issue.record("expected a failure, got \(report.entries)")
            return
        }
        #expect(message.contains("the outcome is unknown: the write failed (timed out) and reading the client back failed too (HTTP 503)"))
    }

    @Test("a generated secret whose create answer never arrived is marked lost in the sink, not re-sent")
    func unknownCreateLosesGeneratedSecret() async throws {
        try await withTemporaryFolder { folder in
            let address = ClientAddress(provider: "fake", name: "c1")
            let sink = try SecretsSink.open(path: folder + "/out.json", addresses: [address])
            let adapter = FakeAdapter(failures: ["create c1": .timeOut(done: true)], generatedSecret: "dummy-generated-secret")
            let report = await Self.executor(adapter, sink: sink).apply(Plan(actions: [Self.action("c1", .create, generated: true)]))
            #expect(adapter.calls == ["create c1", "get c1"])
            #expect(report.secretsLost.map(\.address) == [address])
            #expect(sink.problems == ["fake/c1": .lost])
        }
    }

    @Test("a generated secret is in the sink when the create is reported")
    func generatedSecretStored() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/out.json"
            let sink = try SecretsSink.open(path: path, addresses: [ClientAddress(provider: "fake", name: "c1")])
            let adapter = FakeAdapter(generatedSecret: "dummy-generated-secret")
            let report = await Self.executor(adapter, sink: sink).apply(Plan(actions: [Self.action("c1", .create, generated: true)]))
            #expect(report.succeeded.count == 1)
            let stored = try SecretsFile.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))), format: .json)
            #expect(stored.entries["fake/c1"]?.values[FakeAdapter.secretField] == "dummy-generated-secret")
            #expect(sink.problems.isEmpty)
        }
    }

    @Test("clients an earlier run left pending or lost are warned about, unless this plan creates them again")
    func earlierLossesWarned() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/out.json"
            let earlier = try SecretsSink.open(path: path, addresses: [])
            try earlier.markLost(ClientAddress(provider: "fake", name: "lost"), id: "lost")
            try earlier.markPending(ClientAddress(provider: "fake", name: "pending"))
            try earlier.markLost(ClientAddress(provider: "fake", name: "again"), id: "again")
            let sink = try SecretsSink.open(path: path, addresses: [])
            let adapter = FakeAdapter(clients: ["lost", "pending"])
            let report = await Self.executor(adapter, sink: sink).apply(Plan(actions: [Self.action("again", .create)]))
            #expect(report.warnings.count == 2)
            #expect(
                report.warnings.first?.hasPrefix(
                    "fake/lost: was created without its answer arriving, so its generated secret is not in '\(path)' (status: lost); ")
                    == true)
            #expect(
                report.warnings.last?.hasPrefix(
                    "fake/pending: was being created when the run ended, so its generated secret is not in '\(path)' (status: pending); ")
                    == true)
        }
    }

    @Test("an update that sends the client's secret clears the state an earlier run left in the sink")
    func sentSecretClearsEarlierState() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/out.json"
            let sink = try SecretsSink.open(path: path, addresses: [])
            try sink.markLost(ClientAddress(provider: "fake", name: "u1"), id: "u1")
            try sink.markLost(ClientAddress(provider: "fake", name: "u2"), id: "u2")
            let adapter = FakeAdapter(clients: ["u1", "u2"])
            let plan = Plan(actions: [Self.action("u1", .update, secret: .env("DUMMY_SECRET")), Self.action("u2", .update)])
            let report = await Self.executor(adapter, environment: ["DUMMY_SECRET": "dummy-secret-value"], sink: sink).apply(plan)
            #expect(report.succeeded.count == 2)
            #expect(sink.problems == ["fake/u2": .lost])
        }
    }

    @Test("a secret echoed in a server's error is scrubbed from the report")
    func errorsScrubbed() async {
        let adapter = FakeAdapter(clients: ["u1"], failures: ["update u1": .refuse("rejected dummy-secret-value")])
        let plan = Plan(actions: [Self.action("u1", .update, secret: .env("DUMMY_SECRET"))])
        let report = await Self.executor(adapter, environment: ["DUMMY_SECRET": "dummy-secret-value"]).apply(plan)
        #expect(Self.outcomes(report)["u1"] == .failed("fake: rejected (sensitive)"))
    }

    @Test("the finished callback is told once per action sent, with its reported entry")
    func finishedOncePerAction() async {
        let told = Recorder<ApplyReport.Entry>()
        let adapter = FakeAdapter(clients: ["u1", "u2", "d1"], failures: ["update u2": .refuse("dummy failure")])
        let plan = Plan(actions: [
            Self.action("c1", .create), Self.action("u1", .update), Self.action("u2", .update), Self.action("same", .noOp),
        ])
        let report = await Self.executor(adapter) { told.append($0) }.apply(plan)
        let entries = told.all
        #expect(entries.count == 3)
        #expect(Set(entries) == Set(report.entries))
    }
}
