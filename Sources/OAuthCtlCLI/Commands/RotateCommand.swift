import Foundation
import OAuthCtlApply
import OAuthCtlCore

/// `oauthctl rotate ADDRESS... [--finish] [PATH...]`: a new secret for existing clients, through each
/// provider's own way (overlap on Hydra and Ory Network; regenerate on Rightbrain; a new secret set by
/// an update on Glewlwyd and Boruta), or the end of an overlap (`--finish`).
enum RotateCommand {
    static let spec = CommandSpec(
        name: "rotate", abstract: "Give clients a new secret (kept only in --secrets-out); --finish ends the overlap.",
        discussion: """
            ADDRESS is provider/name, as in plans; arguments that name an existing file or folder are manifest
            PATHs (default: the current directory). Where the server keeps the old secret valid beside the new
            one (Hydra, Ory Network), run 'rotate ADDRESS --finish' once every consumer has the new secret;
            elsewhere the old secret stops working at once, which rotate says before it asks.
            The new secret goes only to --secrets-out (encrypted with --pgp-key), and the fingerprint in the
            client's ownership marker follows it. Asks for confirmation on a terminal; without one it needs
            --auto-approve.
            exit codes: 0 success, 1 error (the report says which clients were rotated)
            """,
        positionals: "ADDRESS... [PATH...]",
        options: OptionGroups.manifests + [Options.finish, Options.autoApprove] + SecretsOutput.options + OptionGroups.connection
            + OptionGroups.output,
        run: run)

    /// `rotate`'s own options (and `--secrets-out`, which it requires), read through the declared constants.
    struct Options {
        static let finish = OptionSpec("finish", help: "end the overlap: only the newest secret keeps working (Hydra, Ory Network)")
        static let autoApprove = OptionSpec("auto-approve", help: "don't ask for confirmation")

        var finish: Bool
        var autoApprove: Bool
        var secretsOut: String?

        init(_ arguments: ParsedArguments) {
            finish = arguments.flag(Self.finish)
            autoApprove = arguments.flag(Self.autoApprove)
            secretsOut = arguments.value(SecretsOutput.secretsOut)
        }
    }

    static func run(_ arguments: ParsedArguments, _ console: Console) async -> ExitCode {
        let options = Options(arguments)
        var addresses: [ClientAddress] = []
        var paths: [String] = []
        for argument in arguments.positionals {
            if FileManager.default.fileExists(atPath: argument) {
                paths.append(argument)
            } else if let address = ClientAddress(argument) {
                if !addresses.contains(address) { addresses.append(address) }
            } else {
                console.printError(
                    "error: '\(TerminalText.escape(argument))' is neither a client address (provider/name, e.g. prod/billing-web) nor an existing manifest file or folder"
                )
                return .failure
            }
        }
        guard !addresses.isEmpty else {
            console.printError(UsageError.rotateNeedsClients)
            return .failure
        }
        let finish = options.finish
        if !finish, options.secretsOut == nil {
            console.printError(UsageError.rotateNeedsSecretsOut)
            return .failure
        }
        var sessionArguments = arguments
        sessionArguments.positionals = paths
        var session = PlanSession(arguments: sessionArguments, console: console)
        var planOptions = PlanOptions()
        planOptions.targets = Set(addresses)
        session.fixed = .init(options: planOptions, providers: Array(Set(addresses.map(\.provider))).sorted())
        guard let result = await session.run() else { return .failure }

        // Every address must be a client of the manifests that exists on the server.
        var actions: [PlannedAction] = []
        for address in addresses {
            guard let action = result.plan.actions.first(where: { $0.address == address }) else {
                let known = result.manifests.clients.map(\.address.description)
                let hint = NearestName.suggestion(for: address.description, in: known)
                console.printError("error: no client '\(address)' in the manifests\(hint)")
                return .failure
            }
            guard [.update, .noOp].contains(action.action), action.before != nil, !action.id.isEmpty else {
                let why =
                    action.action == .create
                    ? "does not exist on the server yet; create it with 'oauthctl apply' first"
                    : action.action == .delete
                        ? "is planned for deletion" : "is planned to be replaced (\(action.action.rawValue)); apply that first"
                console.printError("error: \(address) \(why) (nothing was changed)")
                return .failure
            }
            actions.append(action)
        }
        var problems: [String] = []
        for action in actions {
            guard let adapter = result.adapters[action.address.provider] else { continue }
            let preview = SecretRotator.preview(action, adapter: adapter, finish: finish)
            if let problem = preview.problem { problems.append(problem) }
            if let text = preview.text { console.print(text) }
            if action.action == .update {
                console.print("  note: \(action.address) has other planned changes; rotate changes only the secret (apply makes the rest)")
            }
        }
        guard problems.isEmpty else {
            for problem in problems { console.printError("error: \(TerminalText.escape(problem)) (nothing was changed)") }
            return .failure
        }
        guard case .success(let sink) = await SecretsOutput.open(arguments, console, addresses: finish ? [] : addresses, dryRun: finish)
        else { return .failure }
        defer { sink?.finish() }
        if !options.autoApprove {
            guard console.stdinIsTerminal else {
                console.printError("error: rotate needs confirmation: run it on a terminal, or pass --auto-approve (nothing was changed)")
                return .failure
            }
            console.out("\nDo you want to \(finish ? "end the overlap" : "rotate these secrets")? Only 'yes' will be accepted: ")
            guard console.readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
                console.printError("Rotate cancelled; nothing was changed.")
                return .failure
            }
        }
        let rotator = SecretRotator(
            adapters: result.adapters, sink: sink,
            fingerprinter: Fingerprinter(key: try? FingerprintKey.from(environment: console.environment)))
        var failed = false
        for action in actions {
            let outcome = finish ? await rotator.finish(action) : await rotator.rotate(action)
            if outcome.succeeded {
                console.print("\(outcome.address): \(TerminalText.escape(outcome.message))")
            } else {
                failed = true
                console.printError("\(outcome.address) failed: \(TerminalText.escape(outcome.message))")
            }
        }
        return failed ? .failure : .success
    }
}
