import OAuthCtlCore
import Synchronization

/// An in-memory provider for the engine's tests: it keeps clients in a dictionary, logs every call as
/// `verb id` (e.g. `create web`), and fails a call once when told to. No network.
final class FakeAdapter: ProviderAdapter {
    /// How a call fails (once).
    enum Failure: Sendable {
        /// The server refuses: a plain error with this message.
        case refuse(String)
        /// The answer never arrives (`outcomeIsUnknown`); `done` says whether the server carried the write out.
        case timeOut(done: Bool)
    }

    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    struct TimedOut: UncertainOutcome, CustomStringConvertible {
        var outcomeIsUnknown: Bool { true }
        var description: String { "timed out" }
    }

    private struct State {
        var calls: [String] = []
        var clients: [String: [String: JSONValue]] = [:]
        var failures: [String: Failure]
    }

    static let secretField = "client_secret"
    let schema = ClientSchema(
        providerType: "fake", idField: "client_id", serverGeneratesID: false, fields: [],
        ownership: .unavailable(reason: "the fake keeps no marker"), secretField: FakeAdapter.secretField)
    private let state: Mutex<State>
    /// What a create answers as the server-generated secret (a dummy), if anything.
    let generatedSecret: String?
    /// How long each create and update takes before it reaches the server.
    let writeDelay: Duration?
    /// Told of each call as it starts, before it can fail.
    let onCall: @Sendable (String) -> Void

    init(
        clients: [String] = [], failures: [String: Failure] = [:], generatedSecret: String? = nil, writeDelay: Duration? = nil,
        onCall: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        var initial = State(failures: failures)
        for id in clients { initial.clients[id] = ["client_id": .string(id)] }
        self.state = Mutex(initial)
        self.generatedSecret = generatedSecret
        self.writeDelay = writeDelay
        self.onCall = onCall
    }

    /// Every call so far, in order.
    var calls: [String] { state.withLock { $0.calls } }
    /// The ids of the clients on the fake server, sorted.
    var clientIDs: [String] { state.withLock { $0.clients.keys.sorted() } }

    /// Logs `call`, then throws its failure (once) or carries out `write`.
    private func handle(_ call: String, _ write: (inout [String: [String: JSONValue]]) -> Void) throws {
        onCall(call)
        let failure = state.withLock { state in
            state.calls.append(call)
            return state.failures.removeValue(forKey: call)
        }
        switch failure {
        case .refuse(let message):
            throw Refused(description: message)
        case .timeOut(let done):
            if done { state.withLock { write(&$0.clients) } }
            throw TimedOut()
        case nil:
            state.withLock { write(&$0.clients) }
        }
    }

    func listClients() async throws -> [[String: JSONValue]] {
        try handle("list") { _ in }
        return state.withLock { state in state.clients.keys.sorted().compactMap { state.clients[$0] } }
    }

    func getClient(id: String) async throws -> [String: JSONValue]? {
        try handle("get \(id)") { _ in }
        return state.withLock { $0.clients[id] }
    }

    func createClient(_ body: [String: JSONValue]) async throws -> CreateResult {
        let id = body["client_id"]?.stringValue ?? ""
        if let writeDelay { try await Task.sleep(for: writeDelay) }
        try handle("create \(id)") { $0[id] = body }
        return CreateResult(id: id, generatedSecret: generatedSecret.map(SecretValue.init))
    }

    func updateClient(id: String, _ body: [String: JSONValue]) async throws {
        if let writeDelay { try await Task.sleep(for: writeDelay) }
        try handle("update \(id)") { $0[id] = body }
    }

    func deleteClient(id: String) async throws {
        try handle("delete \(id)") { $0[id] = nil }
    }
}

/// What a test's callbacks saw, in order (callbacks may run on any task).
final class Recorder<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])
    func append(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
}
