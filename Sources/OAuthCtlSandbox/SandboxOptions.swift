/// Which admin API the sandbox emulates.
package enum SandboxType: String, Sendable, CaseIterable {
    /// Self-hosted Ory Hydra (v25+/master): no auth of its own, no rate limits.
    case hydra
    /// Ory Network: the Hydra API behind a project API key and Ory's rate-limit buckets.
    case oryNetwork = "ory-network"
    /// Boruta: `/api/clients` and its lookups behind a client-credentials token from `/oauth/token`.
    case boruta
    /// Rightbrain's project-scoped OAuth-client API (`/api/v1/org/{org}/project/{project}/oauth_client`).
    case rightbrain
}

/// How to run a `SandboxServer`.
package struct SandboxOptions: Sendable {
    package var type: SandboxType
    /// Must be `127.0.0.1`; anything else is refused.
    package var host = "127.0.0.1"
    /// 0 picks a free port (read it back from `start()`'s URL).
    package var port = 0
    /// Loaded at start and saved (write-then-rename) after every write and at stop.
    package var stateFile: String?
    /// Ory Network: the project API key every `/admin/*` call must send as `Bearer`.
    /// Hydra: optional; when set, the same check applies (Hydra behind an auth proxy).
    /// Boruta: the client secret of the seeded CI client (default `sandbox-admin-secret`).
    package var token: String?
    /// Pre-creates this many deterministic clients `sandbox-00001`… when the store is empty.
    package var seed: Int?
    /// Ory Network `hydra-admin-low` (writes) per-minute limit; the Developer plan's is 15.
    package var writesPerMinute = 15
    package var faults = FaultPlan()
    /// The clock for timestamps, page-token expiry and rate-limit windows.
    package var clock = SandboxClock()
    /// Stop when the process that started the sandbox exits (a test harness that crashed can't stop it).
    package var exitWithParent = false

    package init(type: SandboxType = .hydra) { self.type = type }
}
