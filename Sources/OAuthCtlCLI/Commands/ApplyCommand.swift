import Foundation
import OAuthCtlApply
import OAuthCtlCore
import OAuthCtlHTTP

/// `oauthctl apply`: computes the plan (or checks a saved one against a fresh one) and carries out
/// exactly that plan.
enum ApplyCommand {
    static let spec = CommandSpec(
        name: "apply", abstract: "Carry out the plan: create, update and (with --prune) delete clients.",
        discussion: """
            exit codes: 0 success, 1 error or partial apply (the report says what was done), 3 saved plan is stale,
            130 interrupted (the report says what was done)
            apply asks for confirmation on a terminal; without one it needs --auto-approve. A saved plan
            (--plan) was reviewed already: it is applied without a prompt.
            """,
        positionals: "[PATH...]",
        options: OptionGroups.manifests + OptionGroups.selection + OptionGroups.changes
            + [Options.autoApprove, Options.dryRun, Options.parallelism] + SecretsOutput.options + [Options.plan, Options.format]
            + OptionGroups.connection + OptionGroups.output,
        run: run)

    /// Options that shape a plan: a saved plan already fixed them, so they are refused beside `--plan`.
    static let planShapingOptions = OptionGroups.selection + OptionGroups.changes

    static func run(_ arguments: ParsedArguments, _ terminal: Console) async -> ExitCode {
        let options = Options(arguments)
        let dryRun = options.dryRun
        let json = options.format == .json
        if json, !dryRun, options.plan == nil, !options.autoApprove {
            terminal.printError(UsageError.jsonReportNeedsApproval)
            return .failure
        }
        // With a JSON report on stdout, everything else apply prints goes to stderr.
        let stdout = terminal.out
        var redirected = terminal
        if json { redirected.out = terminal.err }
        let console = redirected
        guard let parallelism = Int(options.parallelism ?? "4"), parallelism >= 1 else {
            let error = UsageError.invalidOptionValue(
                option: Options.parallelism.name, value: options.parallelism ?? "", expected: .kind("a whole number ≥ 1"))
            console.printError(error)
            return .failure
        }
        // From here a signal ends the run cleanly: at once while nothing was sent, else after the writes in flight.
        let interruption = Interruption()
        let trap = SignalTrap(interruption: interruption, console: console)
        trap.arm()
        defer { trap.disarm() }
        var session = PlanSession(arguments: arguments, console: console)
        // A saved plan's options (with digests) come from the file; a plain apply writes no JSON plan.
        session.recordsLiveState = options.plan != nil
        if dryRun {
            session.wrapTransport = { transport, schema in
                DryRunTransport(base: transport, sensitiveKeys: Set(schema.fields.filter(\.sensitive).map(\.name))) {
                    console.print("  would send: \($0)")
                }
            }
        }
        let plan: Plan
        let adapters: [String: any ProviderAdapter]
        let savedPlan = options.plan
        if let path = savedPlan {
            let shaping = planShapingOptions.filter { arguments.flag($0) || !arguments.all($0).isEmpty }
            guard shaping.isEmpty else {
                console.printError(UsageError.conflictsWithSavedPlan(options: shaping.map(\.name)))
                return .failure
            }
            switch await SavedPlan(arguments: arguments, console: console, session: session).load(path) {
            case .failure(let error): return error.code
            case .success(let loaded): (plan, adapters) = loaded
            }
        } else {
            guard let result = await session.run() else { return .failure }
            PlanOutput(providers: result.providers).write(
                result.plan, format: .text, color: console.colorEnabled(arguments), to: console.out)
            (plan, adapters) = (result.plan, result.adapters)
        }
        let receiving = plan.actions.filter(\.receivesGeneratedSecret).map(\.address)
        guard
            case .success(let sink) = await SecretsOutput.open(arguments, console, addresses: receiving, dryRun: dryRun || !plan.hasChanges)
        else { return .failure }
        defer { sink?.finish() }
        guard plan.hasChanges else {
            // Nothing to write, but a secret an earlier run lost is still worth saying.
            for warning in sink.map({ Executor.earlierLosses(plan, sink: $0) }) ?? [] { console.printError("warning: \(warning)") }
            if json { stdout(ApplyReportDocument(plan: plan, report: ApplyReport(), dryRun: dryRun).text) }
            return .success
        }
        if !dryRun, savedPlan == nil, !options.autoApprove {
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
        trap.sink = sink
        let progress = ApplyProgress(
            total: plan.actions.filter { $0.action != .noOp }.count, console: console, live: console.stderrIsTerminal && !dryRun)
        session.pacing.set { provider, seconds in progress.waiting(provider: provider, seconds: seconds) }
        var executor = Executor(
            adapters: adapters, secrets: SecretResolver(environment: console.environment), sink: sink,
            parallelism: parallelism, interruption: interruption, finished: progress.finished)
        // The session refused an unusable key already.
        executor.fingerprinter = Fingerprinter(key: try? FingerprintKey.from(environment: console.environment))
        let report = await executor.apply(plan)
        session.pacing.set(nil)
        progress.end()
        if json { stdout(ApplyReportDocument(plan: plan, report: report, dryRun: dryRun).text) }
        for line in report.lines(dryRun: dryRun) {
            if line.hasPrefix("error:") || line.hasPrefix("warning:") || line.contains(" failed: ") || line.contains(" not attempted: ")
                || line.contains(" secret lost: ")
            {
                console.printError(line)
            } else {
                console.print(line)
            }
        }
        if report.interrupted { return .interrupted }
        return report.hasFailures ? .failure : .success
    }
}
