import OAuthCtlCore

/// Parses a command's arguments against its `CommandSpec`: `--flag value`, `--flag=value`, `--`.
package enum ArgumentParser {
    package static func parse(_ arguments: [String], for command: CommandSpec) -> Result<ParsedArguments, UsageError> {
        var parsed = ParsedArguments()
        parsed.declared = Set(command.options.map(\.name))
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                guard command.positionals != nil else {
                    return .failure(.unexpectedArgument(argument, command: command.name))
                }
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            if argument == "-h" {
                parsed.switches.insert(OptionSpec.helpSwitch.name)
                continue
            }
            if !argument.hasPrefix("--"), argument.count == 2, let letter = argument.last,
                let option = command.options.first(where: { $0.short == letter }), option.valueName == nil, option.choices == nil
            {
                parsed.switches.insert(option.name)
                continue
            }
            guard argument.hasPrefix("--") else {
                return .failure(.unknownShortOption(argument, shortForms: command.options.compactMap { $0.short.map { "-\($0)" } }))
            }
            var name = String(argument.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if let canonical = command.options.first(where: { $0.aliases.contains(name) })?.name { name = canonical }
            guard let option = command.options.first(where: { $0.name == name }) else {
                return .failure(.unknownOption(name, suggestion: NearestName.nearest(to: name, in: command.options.map(\.name))))
            }
            guard option.valueName != nil || option.choices != nil else {
                if inline != nil { return .failure(.takesNoValue(option: name)) }
                parsed.switches.insert(name)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else if index < arguments.count {
                value = arguments[index]
                // The next word is an option, not this one's value (`--out --prune`); `--out=-x` passes one.
                if looksLikeOption(value) {
                    return .failure(.valueLooksLikeOption(option: name, valueName: option.valueName ?? "VALUE", value: value))
                }
                index += 1
            } else {
                return .failure(.missingValue(option: name, valueName: option.valueName ?? "VALUE"))
            }
            if let choices = option.choices, !choices.contains(value) {
                return .failure(.invalidValue(option: name, value: value, expected: .oneOf(choices)))
            }
            if !option.repeatable, parsed.values[name] != nil {
                return .failure(.repeated(option: name))
            }
            parsed.values[name, default: []].append(value)
        }
        return .success(parsed)
    }

    /// True for `--name`, `--` and `-x`; false for `-` (stdin/stdout) and negative numbers (`-1`).
    private static func looksLikeOption(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        return !(word.dropFirst().first?.isNumber ?? false)
    }
}
