import OAuthCtlCore

/// What apply did: each action's outcome, in plan order. Append-only; always returned, even on failure.
public struct ApplyReport: Sendable {
    /// The result of one action.
    public enum Outcome: Sendable, Hashable {
        case succeeded
        case failed(String)
        /// Not sent, with why (an earlier failure, a refused pre-flight check, an interrupt).
        case notAttempted(String)
        /// The client was created, but its server-generated secret never reached the sink.
        case secretLost(String)
    }

    /// One action and its outcome.
    public struct Entry: Sendable, Hashable {
        public var address: ClientAddress
        public var action: Action
        public var id: String
        public var outcome: Outcome
    }

    public var entries: [Entry] = []
    /// Problems found before anything was sent (e.g. an unresolvable secret); nothing was changed.
    public var preflightErrors: [String] = []
    /// Clients whose generated secret an earlier run lost (read from the sink), with what to do.
    public var warnings: [String] = []
    /// True when a signal stopped the run: writes in flight finished, nothing new was sent.
    public var interrupted = false

    public init() {}

    public var succeeded: [Entry] { entries.filter { $0.outcome == .succeeded } }
    public var failed: [Entry] { entries.filter { if case .failed = $0.outcome { true } else { false } } }
    public var notAttempted: [Entry] { entries.filter { if case .notAttempted = $0.outcome { true } else { false } } }
    public var secretsLost: [Entry] { entries.filter { if case .secretLost = $0.outcome { true } else { false } } }
    public var hasFailures: Bool {
        !preflightErrors.isEmpty || !failed.isEmpty || !notAttempted.isEmpty || !secretsLost.isEmpty
    }

    /// kubectl-style lines: `local/billing-web updated`, `local/x failed: ...`, then the totals.
    public func lines(dryRun: Bool) -> [String] {
        let suffix = dryRun ? " (dry run)" : ""
        var lines = preflightErrors.map { "error: \($0)" } + warnings.map { "warning: \($0)" }
        for entry in entries {
            switch entry.outcome {
            case .succeeded: lines.append("\(entry.address) \(Self.pastTense(entry.action))\(suffix)")
            case .failed(let message): lines.append("\(entry.address) failed: \(message)")
            case .notAttempted(let why): lines.append("\(entry.address) not attempted: \(why)")
            case .secretLost(let message): lines.append("\(entry.address) secret lost: \(message)")
            }
        }
        let lost = secretsLost.isEmpty ? "" : ", \(secretsLost.count) created with a lost secret"
        let title = interrupted ? "Apply interrupted" : "Apply"
        lines.append(
            "\(title)\(suffix): \(succeeded.count) succeeded, \(failed.count) failed\(lost), \(notAttempted.count) not attempted.")
        return lines
    }

    public static func pastTense(_ action: Action) -> String {
        switch action {
        case .create: "created"
        case .update: "updated"
        case .replace: "replaced"
        case .delete: "deleted"
        case .noOp: "unchanged"
        }
    }
}
