import Foundation
import OAuthCtlCore

/// `oauthctl plan`: shows what apply would change, and changes nothing.
enum PlanCommand {
    static let exitCodes = """
        exit codes: 0 success (with --detailed-exitcode: no changes), 1 error, 2 (--detailed-exitcode) changes present
        """

    static let spec = CommandSpec(
        name: "plan", abstract: "Show the changes that apply would make; change nothing.",
        discussion: exitCodes, positionals: "[PATH...]",
        options: OptionGroups.manifests + OptionGroups.selection + OptionGroups.changes
            + [Options.out, Options.format, Options.detailedExitcode] + OptionGroups.connection + OptionGroups.output,
        run: run)

    /// `plan`'s own options, declared once for the table and read through the same constants. The shared
    /// groups are read where they are used (`PlanSession`, `ManifestInput`).
    struct Options {
        static let out = OptionSpec("out", value: "PLAN", help: "also save the plan (JSON) for 'apply --plan'")
        static let format = OutputFormat.option(help: "output format (default text)")
        static let detailedExitcode = OptionSpec("detailed-exitcode", help: "exit 2 when there are changes")

        var out: String?
        var format: OutputFormat
        var detailedExitcode: Bool

        init(_ arguments: ParsedArguments) {
            out = arguments.value(Self.out)
            format = arguments.format
            detailedExitcode = arguments.flag(Self.detailedExitcode)
        }
    }

    static func run(_ arguments: ParsedArguments, _ console: Console) async -> ExitCode {
        let options = Options(arguments)
        var session = PlanSession(arguments: arguments, console: console)
        session.recordsLiveState = options.format == .json || options.out != nil
        guard let result = await session.run() else { return .failure }
        let output = PlanOutput(providers: result.providers)
        output.write(result.plan, format: options.format, color: console.colorEnabled(arguments), to: console.out)
        if let path = options.out {
            do {
                try output.save(result, to: path)
            } catch {
                console.printError(
                    "error: can't write the plan to '\(TerminalText.escape(path))': \(Self.writeFailure(path)) (the plan above was not saved)"
                )
                return .failure
            }
            console.printError(
                "Saved the plan to '\(path)'. Apply exactly this plan with:\n  \(applyCommand(path, arguments, result.plan))")
        }
        let code: ExitCode = options.detailedExitcode && result.plan.hasChanges ? .changesPresent : .success
        PlanSession.freeInBackground(consume result)
        return code
    }

    /// Why `path` can't be written, in a few words: the folder is missing or not a folder, or no permission.
    static func writeFailure(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            return "the directory '\(TerminalText.escape(folder))' does not exist; create it or choose another --out"
        }
        if !folder.isEmpty, !isDirectory.boolValue { return "'\(TerminalText.escape(folder))' is not a directory" }
        if let kind = ManifestInput.fileKind(path) { return "'\(TerminalText.escape(path))' is \(kind)" }
        return "permission denied or the disk is full; check the directory's permissions"
    }

    /// The `apply --plan` command line that applies this saved plan, ready to paste: the same manifest
    /// paths and variables, and a secrets file when the plan creates clients whose secret the server makes.
    static func applyCommand(_ path: String, _ arguments: ParsedArguments, _ plan: Plan) -> String {
        var words = ["oauthctl", "apply", "--plan", path] + arguments.positionals
        words += arguments.all(.varFile).flatMap { ["--var-file", $0] } + arguments.all(.variable).flatMap { ["--var", $0] }
        if plan.actions.contains(where: \.receivesGeneratedSecret) { words += ["--secrets-out", "generated-secrets.env"] }
        return words.map(ShellQuote.word).joined(separator: " ")
    }
}
