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
