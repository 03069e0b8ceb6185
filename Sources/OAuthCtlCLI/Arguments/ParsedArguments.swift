/// What the parser read from the command line: positionals, switches and option values.
package struct ParsedArguments: Sendable {
    package var positionals: [String] = []
    package var switches: Set<String> = []
    package var values: [String: [String]] = [:]
    /// The option names of the command's table (set by the parser; nil: not checked). Reading an option
    /// the table doesn't list is a programming error that debug builds (and so the tests) stop at.
    package var declared: Set<String>?

    package init() {}

    /// The last value given for `option`. Options are read only through their declared `OptionSpec`
    /// (the one the command table lists), never by a spelled-out name.
    package func value(_ option: OptionSpec) -> String? { values[checked(option)]?.last }
    /// Every value given for a repeatable option.
    package func all(_ option: OptionSpec) -> [String] { values[checked(option)] ?? [] }
    package func flag(_ option: OptionSpec) -> Bool { switches.contains(checked(option)) }
    /// Whether the command has `option` at all (code shared by several commands asks before reading).
    package func offers(_ option: OptionSpec) -> Bool { declared?.contains(option.name) ?? true }

    private func checked(_ option: OptionSpec) -> String {
        assert(offers(option), "--\(option.name) is read but not in the command's table")
        return option.name
    }
}
