/// The options several commands share, each declared once here. Commands list them in their table and read
/// them through the same names (`arguments.flag(.prune)`), so a misspelt option is a compile error.
extension OptionSpec {
    /// `--help` / `-h`, which every command has.
    static let helpSwitch = OptionSpec("help", help: "show this help")

    static let variable = OptionSpec(
        "var", value: "NAME=VALUE", repeatable: true,
        help: "set ${NAME} in manifests; wins over --var-file and OAUTHCTL_VAR_NAME (the only environment variables read)")
    static let varFile = OptionSpec(
        "var-file", value: "FILE", repeatable: true,
        help: "read variables from a YAML or dotenv file; wins over OAUTHCTL_VAR_NAME, later files win")

    static let provider = OptionSpec("provider", value: "NAME", repeatable: true, help: "only this provider's clients")
    static let target = OptionSpec("target", value: "ADDRESS", repeatable: true, help: "only this client (provider/name)")

    static let prune = OptionSpec("prune", help: "delete clients that carry this repository's marker but are not in the manifests")
    static let allowReplace = OptionSpec("allow-replace", help: "allow delete-then-create when an immutable field (client_id) changes")
    static let setSecrets = OptionSpec("set-secrets", help: "write secrets whose live value can't be compared (no fingerprint)")
    static let maxDeletes = OptionSpec("max-deletes", value: "N", help: "refuse a plan that deletes more than N clients")

    static let timeout = OptionSpec(
        "timeout", value: "DURATION", help: "give up on an unreachable provider after DURATION (10s, 500ms, 2m; default 10s)")
    static let noColor = OptionSpec("no-color", help: "never use colour (also: NO_COLOR; FORCE_COLOR=1 forces colour off a terminal)")
}

/// The shared options in the groups commands list them in (the argument parser's `@OptionGroup` idea).
package enum OptionGroups {
    package static let manifests: [OptionSpec] = [.variable, .varFile]
    /// Which clients a plan covers (`plan`, `apply`, `drift`).
    package static let selection: [OptionSpec] = [.provider, .target]
    /// What a plan may change (`plan`, `apply`).
    package static let changes: [OptionSpec] = [.prune, .allowReplace, .setSecrets, .maxDeletes]
    /// For commands that talk to providers (`plan`, `apply`, `drift`, `export`).
    package static let connection: [OptionSpec] = [.timeout]
    package static let output: [OptionSpec] = [.noColor]
}
