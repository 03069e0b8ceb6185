/// One `--flag` a command accepts: a switch, or an option that takes a value.
package struct OptionSpec: Sendable, Hashable {
    package var name: String
    /// The value's placeholder (`FILE`, `N`); nil for a switch.
    package var valueName: String?
    package var help: String
    /// Allowed values, checked by the parser ("expected one of: ...").
    package var choices: [String]?
    package var repeatable: Bool
    /// The command can't run without it: usage shows it without brackets.
    package var required: Bool
    /// A one-letter form (`y` for `-y`).
    package var short: Character?
    /// Other long names that mean the same (`yes` for `--yes`).
    package var aliases: [String]

    package init(
        _ name: String, value: String? = nil, choices: [String]? = nil, repeatable: Bool = false, required: Bool = false,
        short: Character? = nil, aliases: [String] = [], help: String
    ) {
        self.name = name
        self.valueName = value
        self.help = help
        self.choices = choices
        self.repeatable = repeatable
        self.required = required
        self.short = short
        self.aliases = aliases
    }

    /// Every spelling on the command line: `-y`, `--yes`, `--auto-approve`.
    package var spellings: [String] {
        (short.map { ["-\($0)"] } ?? []) + ([name] + aliases).map { "--\($0)" }
    }

    /// `--name VALUE` or `--name`, for usage lines.
    package var synopsis: String {
        if let choices { return "--\(name) \(choices.joined(separator: "|"))" }
        return valueName.map { "--\(name) \($0)" } ?? "--\(name)"
    }

    /// The synopsis with the other spellings, for `--help`: `-y, --yes, --auto-approve`.
    package var helpSynopsis: String {
        let others = (short.map { ["-\($0)"] } ?? []) + aliases.map { "--\($0)" }
        return others.isEmpty ? synopsis : (others + [synopsis]).joined(separator: ", ")
    }
}

/// The option groups shared by several commands (the argument parser's `@OptionGroup` idea).
package enum OptionGroups {
    package static let manifests: [OptionSpec] = [
        .init(
            "var", value: "NAME=VALUE", repeatable: true,
            help: "set ${NAME} in manifests; wins over --var-file and OAUTHCTL_VAR_NAME (the only environment variables read)"),
        .init(
            "var-file", value: "FILE", repeatable: true,
            help: "read variables from a YAML or dotenv file; wins over OAUTHCTL_VAR_NAME, later files win"),
    ]
    /// For commands that talk to providers (`plan`, `apply`, `drift`, `export`).
    package static let connection: [OptionSpec] = [
        .init("timeout", value: "DURATION", help: "give up on an unreachable provider after DURATION (10s, 500ms, 2m; default 10s)")
    ]
    package static let output: [OptionSpec] = [
        .init("no-color", help: "never use colour (also: NO_COLOR; FORCE_COLOR=1 forces colour off a terminal)")
    ]
}
