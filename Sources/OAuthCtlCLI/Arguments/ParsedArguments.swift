/// What the parser read from the command line: positionals, switches and option values.
package struct ParsedArguments: Sendable {
    package var positionals: [String] = []
    package var switches: Set<String> = []
    package var values: [String: [String]] = [:]

    package init() {}

    /// The last value given for `name`.
    package func value(_ name: String) -> String? { values[name]?.last }
    /// Every value given for a repeatable option.
    package func all(_ name: String) -> [String] { values[name] ?? [] }
    package func flag(_ name: String) -> Bool { switches.contains(name) }
}
