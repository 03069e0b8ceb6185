import Foundation
import OAuthCtlApply
import OAuthCtlCore
import OAuthCtlHTTP

/// `oauthctl apply`: computes the plan (or loads a saved one) and carries out exactly that plan.
enum ApplyCommand {
    static let spec = CommandSpec(
        name: "apply", abstract: "Carry out the plan: create, update and (with --prune) delete clients.",
        discussion: """
            exit codes: 0 success, 1 error or partial apply (the report says what was done), 3 saved plan is stale
            apply asks for confirmation on a terminal; without one it needs --auto-approve.
            """,
        positionals: "[PATH...]",
        options: OptionGroups.manifests + PlanSession.selectionOptions + PlanSession.changeOptions + [
            .init("auto-approve", help: "don't ask for confirmation"),
            .init("dry-run", help: "print each HTTP call apply would make (secrets redacted) and send nothing"),
            .init("parallelism", value: "N", help: "how many clients to write at once (default 4)"),
            .init("secrets-out", value: "FILE", help: "write server-generated secrets here (mode 0600; .json or dotenv)"),
            .init("plan", value: "PLAN", help: "apply exactly this saved plan (from 'plan --out'); refuses if live changed since"),
        ] + OptionGroups.connection + OptionGroups.output,
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) async -> ExitCode {
        let dryRun = arguments.flag("dry-run")
        guard let parallelism = Int(arguments.value("parallelism") ?? "4"), parallelism >= 1 else {
            console.printError("error: invalid --parallelism '\(arguments.value("parallelism") ?? "")'; expected a whole number ≥ 1")
            return .failure
        }
        var session = PlanSession(arguments: arguments, console: console)
        if dryRun {
            session.wrapTransport = { transport, schema in
                DryRunTransport(base: transport, sensitiveKeys: Set(schema.fields.filter(\.sensitive).map(\.name))) {
                    console.print("  would send: \($0)")
                }
            }
        }
        let plan: Plan
        let adapters: [String: any ProviderAdapter]
        if let path = arguments.value("plan") {
            switch await SavedPlan(arguments: arguments, console: console, session: session).load(path) {
            case .failure(let error): return error.code
            case .success(let loaded): (plan, adapters) = loaded
            }
        } else {
            guard let result = await session.run() else { return .failure }
            console.out(PlanOutput(providers: result.providers).render(result.plan, format: "text", color: console.colorEnabled(arguments)))
            (plan, adapters) = (result.plan, result.adapters)
        }
        guard plan.hasChanges else { return .success }
        if !dryRun, !arguments.flag("auto-approve") {
            guard console.stdinIsTerminal else {
                console.printError("error: apply needs confirmation: run it on a terminal, or pass --auto-approve (nothing was changed)")
                return .failure
            }
            console.out("\nDo you want to apply these changes? Only 'yes' will be accepted: ")
            guard console.readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
                console.printError("Apply cancelled; nothing was changed.")
                return .failure
            }
        }
        let sink = arguments.value("secrets-out").map(SecretsSink.init(path:))
        let executor = Executor(
            adapters: adapters, secrets: SecretResolver(environment: console.environment), sink: sink,
            parallelism: parallelism)
        let report = await executor.apply(plan)
        for line in report.lines(dryRun: dryRun) {
            if line.hasPrefix("error:") || line.contains(" failed: ") || line.contains(" not attempted: ") {
                console.printError(line)
            } else {
                console.print(line)
            }
        }
        return report.hasFailures ? .failure : .success
    }
}
