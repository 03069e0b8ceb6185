/// What the parser read from the command line: positionals, switches and option values.
public struct ParsedArguments: Sendable {
    public var positionals: [String] = []
    public var switches: Set<String> = []
    public var values: [String: [String]] = [:]

    public init() {}

    /// The last value given for `name`.
    public func value(_ name: String) -> String? { values[name]?.last }
    /// Every value given for a repeatable option.
    public func all(_ name: String) -> [String] { values[name] ?? [] }
    public func flag(_ name: String) -> Bool { switches.contains(name) }
}

/// A command-line mistake: the message, then the usage line and a help hint.
public struct UsageError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
