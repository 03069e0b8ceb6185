import OAuthCtlCore

/// A command-line mistake, as data; `message` is its one rendering. Parsing mistakes are reported with the
/// usage line and a help hint (`CommandSpec.report`); those a command finds later, alone (`Console.printError`).
package enum UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `oauthctl NAME` where NAME is no command, with the nearest command name when one is close.
    case unknownCommand(String, suggestion: String?)
    /// A required positional argument (`PLAN`, `SHELL`) is missing.
    case missingArgument(String, expected: Expectation)
    /// More than one of a positional argument that is given once (`show PLAN`).
    case tooManyArguments(String, count: Int, expected: Expectation)
    /// A positional argument that is not one of the accepted words (`completion tcsh`).
    case invalidArgument(kind: String, value: String, expected: Expectation)
    /// A required option is missing: `missing '--type'; expected one of: ...`.
    case missingOption(String, expected: Expectation)
    /// A required option is missing: `export needs --provider NAME`.
    case commandNeedsOption(command: String, synopsis: String)
    /// A positional argument given to a command that takes none.
    case unexpectedArgument(String, command: String)
    /// `-x` that is no short form of the command; `shortForms` lists those there are (`-y`, `-h`).
    case unknownShortOption(String, shortForms: [String])
    /// `--name` that the command doesn't have, with the nearest option name when one is close.
    case unknownOption(String, suggestion: String?)
    /// `--switch=value`.
    case takesNoValue(option: String)
    /// `--name` last on the line: no value follows.
    case missingValue(option: String, valueName: String)
    /// `--out --prune`: the next word is an option, not this one's value.
    case valueLooksLikeOption(option: String, valueName: String, value: String)
    /// A value the option doesn't accept.
    case invalidValue(option: String, value: String, expected: Expectation)
    /// A non-repeatable option given twice.
    case repeated(option: String)
    /// Options that shape a plan, given beside `apply --plan` (the saved plan already fixed them).
    case conflictsWithSavedPlan(options: [String])
    /// `sandbox --listen` on an address other than 127.0.0.1.
    case notLoopback(host: String)
    /// An option value a command checks after parsing: `invalid --timeout '1x'; expected a duration ...`.
    case invalidOptionValue(option: String, value: String, expected: Expectation)
    /// `apply --format json` that would have to ask for confirmation.
    case jsonReportNeedsApproval
    /// `--pgp-key` / `--pgp-key-url` without the `--secrets-out` file they encrypt.
    case encryptionNeedsSecretsOut
    /// `rotate` without `--secrets-out`: the new secret would be shown nowhere.
    case rotateNeedsSecretsOut
    /// `rotate` without a client address.
    case rotateNeedsClients

    /// What an option's value should have been.
    package enum Expectation: Sendable, Equatable {
        /// `expected one of: a, b, c`
        case oneOf([String])
        /// `expected <kind>`, e.g. "a whole number ≥ 0".
        case kind(String)
        /// `write <form>`, e.g. "127.0.0.1:PORT".
        case form(String)

        var text: String {
            switch self {
            case .oneOf(let choices): "expected one of: \(choices.joined(separator: ", "))"
            case .kind(let kind): "expected \(kind)"
            case .form(let form): "write \(form)"
            }
        }
    }

    /// The message, without the `error: ` prefix.
    package var message: String {
        switch self {
        case .unknownCommand(let name, let suggestion):
            return "unknown command '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .missingArgument(let name, let expected):
            return "missing \(name); \(expected.text)"
        case .tooManyArguments(let name, let count, let expected):
            return "give one \(name), not \(count); \(expected.text)"
        case .invalidArgument(let kind, let value, let expected):
            return "invalid \(kind) '\(TerminalText.escape(value))'; \(expected.text)"
        case .missingOption(let option, let expected):
            return "missing '--\(option)'; \(expected.text)"
        case .commandNeedsOption(let command, let synopsis):
            return "\(command) needs \(synopsis)"
        case .unexpectedArgument(let argument, let command):
            return "unexpected argument '\(argument)'; 'oauthctl \(command)' takes no positional arguments"
        case .unknownShortOption(let argument, let shortForms):
            let forms = shortForms.isEmpty ? "" : " (short forms: \((shortForms + ["-h"]).joined(separator: ", ")))"
            return "unknown option '\(argument)'; options start with '--'\(forms)"
        case .unknownOption(let name, let suggestion):
            return "unknown option '--\(name)'" + (suggestion.map { "; did you mean '--\($0)'?" } ?? "")
        case .takesNoValue(let option):
            return "option '--\(option)' takes no value"
        case .missingValue(let option, let valueName):
            return "option '--\(option)' needs a value (\(valueName))"
        case .valueLooksLikeOption(let option, let valueName, let value):
            return
                "option '--\(option)' needs a value (\(valueName)), not the option '\(value)'; write --\(option)=VALUE for a value that starts with '-'"
        case .invalidValue(let option, let value, let expected):
            return "invalid value '\(value)' for '--\(option)'; \(expected.text)"
        case .repeated(let option):
            return "option '--\(option)' given more than once"
        case .conflictsWithSavedPlan(let options):
            let names = options.map { "--\($0)" }.joined(separator: ", ")
            return
                "\(names) can't be used with --plan: the saved plan already fixed what it changes; make a new plan with \(names) instead (nothing was changed)"
        case .notLoopback(let host):
            return "refusing to listen on '\(host)'; the sandbox listens only on 127.0.0.1"
        case .invalidOptionValue(let option, let value, let expected):
            return "invalid --\(option) '\(TerminalText.escape(value))'; \(expected.text)"
        case .jsonReportNeedsApproval:
            return
                "apply --format json can't ask for confirmation (stdout is the report); pass -y/--auto-approve, or apply a reviewed plan with --plan (nothing was changed)"
        case .encryptionNeedsSecretsOut:
            return
                "--pgp-key and --pgp-key-url encrypt the --secrets-out file; add --secrets-out FILE (e.g. secrets.json.asc) (nothing was changed)"
        case .rotateNeedsSecretsOut:
            return "rotate needs --secrets-out FILE: the new secret is shown nowhere else (nothing was changed)"
        case .rotateNeedsClients:
            return "name the clients to rotate: oauthctl rotate provider/name... [PATH...]"
        }
    }

    package var description: String { message }
}

extension Console {
    /// Prints a mistake a command found after parsing, alone: `error: MESSAGE`, without the usage line.
    package func printError(_ error: UsageError) { printError("error: \(error.message)") }
}
