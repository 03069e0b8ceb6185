import OAuthCtlCore

/// `oauthctl completion bash|zsh|fish`: a shell completion script generated from the command table.
enum CompletionCommand {
    static let shells = ["bash", "zsh", "fish"]

    static let spec = CommandSpec(
        name: "completion", abstract: "Print a shell completion script (bash, zsh or fish).",
        discussion: """
            install: bash: oauthctl completion bash > ~/.local/share/bash-completion/completions/oauthctl
                     zsh:  oauthctl completion zsh > "${fpath[1]}/_oauthctl"
                     fish: oauthctl completion fish > ~/.config/fish/completions/oauthctl.fish
            """,
        positionals: "SHELL", options: [], run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) async -> ExitCode {
        guard arguments.positionals.count == 1, let shell = arguments.positionals.first, shells.contains(shell) else {
            let error =
                arguments.positionals.first.map { UsageError.invalidArgument(kind: "shell", value: $0, expected: .oneOf(shells)) }
                ?? .missingArgument("SHELL", expected: .oneOf(shells))
            console.printError("error: \(error)")
            console.printError(spec.usage)
            return .failure
        }
        console.out(CompletionScript(commands: OAuthCtl.commands).text(for: shell))
        return .success
    }
}
