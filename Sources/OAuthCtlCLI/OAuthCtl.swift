import Foundation
import OAuthCtlCore

/// The oauthctl command line: the command table, global flags and dispatch.
package enum OAuthCtl {
    package static let version = "0.1.0"

    /// Every subcommand, in help order. Help, usage and "did you mean" come from this table.
    package static let commands: [CommandSpec] = [
        ValidateCommand.spec, PlanCommand.spec, ApplyCommand.spec, RotateCommand.spec, DriftCommand.spec, SchemaCommand.spec,
        ShowCommand.spec, ExportCommand.spec, SandboxCommand.spec, CompletionCommand.spec,
    ]

    /// Runs the process: real streams and environment; returns the exit code.
    package static func main(_ arguments: [String]) async -> Int32 {
        await run(Array(arguments.dropFirst()), console: .standard()).rawValue
    }

    /// Runs one command line (without the program name) against `console`.
    package static func run(_ arguments: [String], console: Console) async -> ExitCode {
        var arguments = arguments
        // `--chdir DIR` before the command (as Terraform's -chdir): run as if started in DIR.
        if let first = arguments.first, first == "--chdir" || first.hasPrefix("--chdir=") {
            let inline = first.hasPrefix("--chdir=") ? String(first.dropFirst("--chdir=".count)) : nil
            guard let directory = inline ?? (arguments.count > 1 ? arguments[1] : nil), !directory.isEmpty else {
                console.printError(UsageError.missingValue(option: "chdir", valueName: "DIR"))
                return .failure
            }
            arguments.removeFirst(inline == nil ? 2 : 1)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
                FileManager.default.changeCurrentDirectoryPath(directory)
            else {
                console.printError("error: --chdir '\(TerminalText.escape(directory))': not a directory that can be entered")
                return .failure
            }
            var moved = console
            moved.workingDirectory = FileManager.default.currentDirectoryPath
            return await run(arguments, console: moved)
        }
        guard let first = arguments.first else {
            console.printError(overview)
            return .failure
        }
        switch first {
        case "--version", "-v", "version":
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
            let error = UsageError.unknownCommand(first, suggestion: NearestName.nearest(to: first, in: commands.map(\.name)))
            console.printError("error: \(error)")
            console.printError("See 'oauthctl --help'.")
            return .failure
        }
        switch ArgumentParser.parse(Array(arguments.dropFirst()), for: command) {
        case .failure(let error):
            return command.report(error, to: console)
        case .success(let parsed):
            if parsed.flag(.helpSwitch) {
                console.print(command.help)
                return .success
            }
            return await command.run(parsed, console)
        }
    }

    static var overview: String {
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        let lines = commands.map { "  \($0.name)\(String(repeating: " ", count: width - $0.name.count))\($0.abstract)" }
        return
            ([
                "oauthctl \(version): manage OAuth 2.0 / OpenID Connect clients from YAML manifests", "",
                "usage: oauthctl COMMAND [ARGS...]", "", "commands:",
            ] + lines
            + ["", "global: --help, -v/--version, --chdir DIR (before the command: run in DIR). See 'oauthctl COMMAND --help'."]).joined(
                separator: "\n")
    }
}
