/// What `--format` chooses: the one place its words are spelled.
enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, markdown

    /// The `--format` option of a command that offers `allowed`; the parser refuses any other word.
    static func option(_ allowed: [OutputFormat] = allCases, help: String) -> OptionSpec {
        OptionSpec(optionName, choices: allowed.map(\.rawValue), help: help)
    }

    /// Every command's `--format` has this name; only its choices differ.
    fileprivate static let optionName = "format"
}

extension ParsedArguments {
    /// `--format`, `.text` when not given (the parser has checked it against the command's choices).
    var format: OutputFormat {
        values[OutputFormat.optionName]?.last.flatMap(OutputFormat.init(rawValue:)) ?? .text
    }
}
