import Foundation
import OAuthCtlCore

/// `oauthctl show PLAN`: re-renders a saved plan (from `plan --out`) without contacting any provider.
enum ShowCommand {
    static let spec = CommandSpec(
        name: "show", abstract: "Show a saved plan (from 'plan --out') as text, JSON or Markdown; contact nothing.",
        discussion: "the plan's seal (digest) is checked first: a plan file edited by hand is refused",
        positionals: "PLAN",
        options: [Options.format] + OptionGroups.output,
        run: run)

    /// `show`'s own options, declared once for the table and read through the same constants.
    struct Options {
        static let format = OutputFormat.option(help: "output format (default text)")

        var format: OutputFormat

        init(_ arguments: ParsedArguments) { format = arguments.format }
    }

    static func run(_ arguments: ParsedArguments, _ console: Console) async -> ExitCode {
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            let example = UsageError.Expectation.form("'oauthctl show plan.json'")
            let error: UsageError =
                arguments.positionals.isEmpty
                ? .missingArgument("PLAN", expected: example)
                : .tooManyArguments("PLAN", count: arguments.positionals.count, expected: example)
            console.printError("error: \(error)")
            console.printError(spec.usage)
            return .failure
        }
        let shown = TerminalText.escape(path)
        guard FileManager.default.fileExists(atPath: path) else {
            console.printError("error: can't read the saved plan '\(shown)': no such file")
            return .failure
        }
        if let kind = ManifestInput.fileKind(path) {
            console.printError("error: can't read the saved plan '\(shown)': it is \(kind), not a regular file")
            return .failure
        }
        guard case .bytes(let data) = ManifestInput.readBytes(path) else {
            console.printError("error: can't read the saved plan '\(shown)'; check that it is readable")
            return .failure
        }
        let saved: SavedPlanFile
        do {
            saved = try SavedPlanFile.read(data)
        } catch {
            console.printError("error: '\(shown)' is not a usable saved plan: \(TerminalText.escape("\(error)"))")
            return .failure
        }
        console.out(
            PlanOutput(providers: []).render(saved.document, format: Options(arguments).format, color: console.colorEnabled(arguments)))
        return .success
    }
}
