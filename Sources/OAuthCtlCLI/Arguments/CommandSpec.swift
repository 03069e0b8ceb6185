/// A subcommand as data: name, help, options, and what it runs. Help and usage come from here.
package struct CommandSpec: Sendable {
    package var name: String
    package var abstract: String
    /// Text after the options in `--help` (exit codes, examples).
    package var discussion: String
    /// The positional arguments' placeholder, e.g. `[PATH...]`; nil when none are accepted.
    package var positionals: String?
    package var options: [OptionSpec]
    package var run: @Sendable (ParsedArguments, Console) async -> ExitCode

    package init(
        name: String, abstract: String, discussion: String = "", positionals: String?, options: [OptionSpec],
        run: @escaping @Sendable (ParsedArguments, Console) async -> ExitCode
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.positionals = positionals
        self.options = options + [.helpSwitch]
        self.run = run
    }

    /// `usage: oauthctl NAME [PATH...] [--flag VALUE] ...`
    package var usage: String {
        let parts =
            ["usage: oauthctl", name] + (positionals.map { [$0] } ?? [])
            + options.filter { $0 != .helpSwitch }.map { $0.required ? $0.synopsis : "[\($0.synopsis)]" }
        return parts.joined(separator: " ")
    }

    /// Prints a command-line mistake the way every command does: the message, the usage line, a help hint.
    package func report(_ error: UsageError, to console: Console) -> ExitCode {
        console.printError("error: \(error)")
        console.printError(usage)
        console.printError("See 'oauthctl \(name) --help'.")
        return .failure
    }

    /// The full `--help` text.
    package var help: String {
        var lines = ["\(abstract)", "", usage, "", "options:"]
        let width = (options.map(\.helpSynopsis.count).max() ?? 0) + 2
        for option in options {
            let pad = String(repeating: " ", count: max(1, width - option.helpSynopsis.count))
            lines.append(
                "  \(option.helpSynopsis)\(pad)\(option.help)\(option.repeatable ? " (repeatable)" : "")\(option.required ? " (required)" : "")"
            )
        }
        if !discussion.isEmpty { lines += ["", discussion] }
        return lines.joined(separator: "\n")
    }
}
