/// What the parser read from the command line: positionals, switches and option values.
package struct ParsedArguments: Sendable {
    package var positionals: [String] = []
    package var switches: Set<String> = []
    package var values: [String: [String]] = [:]

    package init() {}

    /// The last value given for `option`. Options are read only through their declared `OptionSpec`
    /// (the one the command table lists), never by a spelled-out name.
    package func value(_ option: OptionSpec) -> String? { values[option.name]?.last }
    /// Every value given for a repeatable option.
    package func all(_ option: OptionSpec) -> [String] { values[option.name] ?? [] }
    package func flag(_ option: OptionSpec) -> Bool { switches.contains(option.name) }
}
