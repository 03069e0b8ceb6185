import OAuthCtlCore

/// `oauthctl drift`: a plan for schedulers: exit 0 no drift, 2 drift, 1 error; never changes anything.
enum DriftCommand {
    static let spec = CommandSpec(
        name: "drift", abstract: "Report drift between the manifests and the servers (for nightly jobs).",
        discussion: "exit codes: 0 no drift, 1 error, 2 drift found",
        positionals: "[PATH...]",
        options: OptionGroups.manifests + OptionGroups.selection + [Options.format] + OptionGroups.connection + OptionGroups.output,
        run: run)

    /// `drift`'s own options, declared once for the table and read through the same constants.
    struct Options {
        static let format = OutputFormat.option(help: "report format (default text)")

        var format: OutputFormat

        init(_ arguments: ParsedArguments) { format = arguments.format }
    }

    static func run(_ arguments: ParsedArguments, _ console: Console) async -> ExitCode {
        let options = Options(arguments)
        var session = PlanSession(arguments: arguments, console: console)
        session.listsEverything = true
        session.recordsLiveState = options.format == .json
        guard let result = await session.run() else { return .failure }
        let report = DriftReport(plan: result.plan, manifests: result.manifests)
        report.write(
            format: options.format, output: PlanOutput(providers: result.providers), color: console.colorEnabled(arguments),
            to: console.out)
        let code: ExitCode = report.hasDrift ? .changesPresent : .success
        PlanSession.freeInBackground(consume result)
        return code
    }
}
