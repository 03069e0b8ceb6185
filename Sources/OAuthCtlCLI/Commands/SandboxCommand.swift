import Foundation
import OAuthCtlSandbox

/// `oauthctl sandbox`: runs a local Hydra / Ory Network / Boruta / Rightbrain admin API until SIGINT or SIGTERM.
enum SandboxCommand {
    static let spec = CommandSpec(
        name: "sandbox", abstract: "Run a local Hydra / Ory Network / Boruta / Rightbrain admin API on 127.0.0.1.",
        discussion: "prints its base URL as the first line of stdout (rightbrain: ending in /api/v1), then serves until SIGINT/SIGTERM",
        positionals: nil,
        options: [
            Options.sandboxType, Options.listen, Options.state, Options.token, Options.seed, Options.writesPerMinute, Options.latencyMs,
            Options.failureRate, Options.exitWithParent,
        ],
        run: run)

    /// `sandbox`'s options, declared once for the table and read through the same constants (`makeOptions`
    /// turns them into the server's typed `SandboxOptions`).
    enum Options {
        static let sandboxType = OptionSpec(
            "type", choices: SandboxType.allCases.map(\.rawValue), help: "the API to emulate (default: hydra)")
        static let listen = OptionSpec(
            "listen", value: "127.0.0.1:PORT", help: "address to listen on; port 0 picks a free one (default: 127.0.0.1:0)")
        static let state = OptionSpec("state", value: "FILE", help: "load clients from FILE and save them there after every write")
        static let token = OptionSpec(
            "token", value: "T",
            help:
                "API key required as 'Authorization: Bearer T'; boruta: the secret of the seeded client 5ab0c11e-0000-4000-8000-000000000001 (default sandbox-admin-secret) (also: OAUTHCTL_SANDBOX_TOKEN)"
        )
        static let seed = OptionSpec(
            "seed", value: "N",
            help:
                "pre-create N deterministic clients when the store is empty (rightbrain: in org 0195f3a0-0000-7000-8000-000000000001, project 0195f3a0-0000-7000-8000-000000000002)"
        )
        static let writesPerMinute = OptionSpec("writes-per-minute", value: "N", help: "ory-network write bucket per minute (default: 15)")
        static let latencyMs = OptionSpec("latency-ms", value: "N", help: "delay every admin API response by N milliseconds")
        static let failureRate = OptionSpec("failure-rate", value: "F", help: "answer a fraction F (0-1) of admin API requests with 500")
        static let exitWithParent = OptionSpec(
            "exit-with-parent", help: "stop when the process that started the sandbox exits (for test harnesses)")
    }

    static func run(_ arguments: ParsedArguments, _ console: Console) async -> ExitCode {
        let options: SandboxOptions
        switch makeOptions(arguments, environment: console.environment) {
        case .success(let built): options = built
        case .failure(let error): return spec.report(error, to: console)
        }
        do {
            try SandboxServer.runUntilSignalled(options: options) { url in
                console.print(url)
            }
            return .success
        } catch {
            console.printError("error: sandbox: \(error)")
            return .failure
        }
    }

    static func makeOptions(_ arguments: ParsedArguments, environment: [String: String]) -> Result<SandboxOptions, UsageError> {
        var options = SandboxOptions(type: SandboxType(rawValue: arguments.value(Options.sandboxType) ?? "hydra") ?? .hydra)
        let listen = arguments.value(Options.listen) ?? "127.0.0.1:0"
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port)
        else {
            return .failure(.invalidValue(option: Options.listen.name, value: listen, expected: .form("127.0.0.1:PORT")))
        }
        let host = String(listen[..<colon])
        guard host == "127.0.0.1" else {
            return .failure(.notLoopback(host: host))
        }
        options.port = port
        options.stateFile = arguments.value(Options.state)
        options.exitWithParent = arguments.flag(Options.exitWithParent)
        options.token = arguments.value(Options.token) ?? environment["OAUTHCTL_SANDBOX_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        for (option, apply) in [
            (Options.seed, { (n: Int) in options.seed = n }), (Options.writesPerMinute, { options.writesPerMinute = $0 }),
            (Options.latencyMs, { options.faults.latencyMs = $0 }),
        ] as [(OptionSpec, (Int) -> Void)] {
            guard let raw = arguments.value(option) else { continue }
            guard let value = Int(raw), value >= 0 else {
                return .failure(.invalidValue(option: option.name, value: raw, expected: .kind("a whole number ≥ 0")))
            }
            apply(value)
        }
        if let raw = arguments.value(Options.failureRate) {
            guard let rate = Double(raw), (0...1).contains(rate) else {
                return .failure(.invalidValue(option: Options.failureRate.name, value: raw, expected: .kind("a number from 0 to 1")))
            }
            options.faults.failureRate = rate
        }
        return .success(options)
    }
}
