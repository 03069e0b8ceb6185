import Foundation
import OAuthCtlCore

/// The oauthctl command line: the command table, global flags and dispatch.
public enum OAuthCtl {
    public static let version = "0.1.0"

    /// Every subcommand, in help order. Help, usage and "did you mean" come from this table.
    public static let commands: [CommandSpec] = [
        ValidateCommand.spec, PlanCommand.spec, ApplyCommand.spec, RotateCommand.spec, DriftCommand.spec, SchemaCommand.spec,
        ExportCommand.spec, SandboxCommand.spec,
    ]

    /// Runs the process: real streams and environment; returns the exit code.
    public static func main(_ arguments: [String]) async -> Int32 {
        await run(Array(arguments.dropFirst()), console: .standard()).rawValue
    }

    /// Runs one command line (without the program name) against `console`.
    public static func run(_ arguments: [String], console: Console) async -> ExitCode {
        guard let first = arguments.first else {
            console.printError(overview)
            return .failure
        }
        switch first {
        case "--version", "version":
            console.print("oauthctl \(version)")
            return .success
        case "--help", "-h", "help":
            if arguments.count > 1, let command = commands.first(where: { $0.name == arguments[1] }) {
                console.print(command.help)
            } else {
                console.print(overview)
            }
            return .success
        default: break
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            let hint = NearestName.suggestion(for: first, in: commands.map(\.name))
            console.printError("error: unknown command '\(first)'\(hint)")
            console.printError("See 'oauthctl --help'.")
            return .failure
        }
        switch ArgumentParser.parse(Array(arguments.dropFirst()), for: command) {
        case .failure(let error):
            console.printError("error: \(error.message)")
            console.printError(command.usage)
            console.printError("See 'oauthctl \(command.name) --help'.")
            return .failure
        case .success(let parsed):
            if parsed.flag("help") {
                console.print(command.help)
                return .success
            }
            return await command.run(parsed, console)
        }
    }

    static var overview: String {
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        let lines = commands.map { "  \($0.name)\(String(repeating: " ", count: width - $0.name.count))\($0.abstract)" }
        return (["oauthctl \(version): manage OAuth 2.0 / OpenID Connect clients from YAML manifests", "",
                 "usage: oauthctl COMMAND [ARGS...]", "", "commands:"] + lines
            + ["", "global: --help, --version. See 'oauthctl COMMAND --help'."]).joined(separator: "\n")
    }
}
