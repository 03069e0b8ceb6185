import OAuthCtlCore

/// Prints diagnostics compiler-style to stderr, or as a JSON array, with colour on a terminal.
struct DiagnosticPrinter {
    var console: Console
    var color: Bool

    func printText(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            console.printError(Colorizer.apply(styled(diagnostic), enabled: color))
        }
    }

    private func styled(_ diagnostic: Diagnostic) -> String {
        let label: String
        switch diagnostic.severity {
        case .error: label = Style.red.wrap(Style.bold.token + "error:")
        case .warning: label = Style.yellow.wrap(Style.bold.token + "warning:")
        case .note: label = Style.cyan.wrap("note:")
        }
        let location = diagnostic.location.map { Style.bold.wrap(TerminalText.escape("\($0):")) + " " } ?? ""
        var lines = [location + label + " " + TerminalText.escape(diagnostic.message)]
        for note in diagnostic.notes {
            lines.append(
                (note.location.map { TerminalText.escape("\($0): ") } ?? "") + Style.cyan.wrap("note:") + " "
                    + TerminalText.escape(note.message))
        }
        return lines.joined(separator: "\n")
    }

    /// `[{file, line, column, severity, message, code}]`, one object per diagnostic.
    static func json(_ diagnostics: [Diagnostic]) -> String {
        JSONEncoding.pretty(
            .array(
                diagnostics.map { diagnostic in
                    .object([
                        "file": diagnostic.location.map { .string($0.file) } ?? .null,
                        "line": diagnostic.location.map { .int($0.line) } ?? .null,
                        "column": diagnostic.location.map { .int($0.column) } ?? .null,
                        "severity": .string(diagnostic.severity.rawValue),
                        "message": .string(diagnostic.message),
                        "code": .string(diagnostic.code),
                    ])
                }))
    }
}
