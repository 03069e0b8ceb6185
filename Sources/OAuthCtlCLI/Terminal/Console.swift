import Foundation

/// The process's streams, environment and terminal facts, passed into every command (never global).
package struct Console: Sendable {
    package var out: @Sendable (String) -> Void
    package var err: @Sendable (String) -> Void
    package var readLine: @Sendable () -> String?
    package var stdoutIsTerminal: Bool
    package var stderrIsTerminal: Bool
    package var stdinIsTerminal: Bool
    package var environment: [String: String]
    package var workingDirectory: String

    package init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
        readLine: @escaping @Sendable () -> String? = { nil }, stdoutIsTerminal: Bool = false,
        stderrIsTerminal: Bool = false, stdinIsTerminal: Bool = false, environment: [String: String] = [:],
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.out = out
        self.err = err
        self.readLine = readLine
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.stdinIsTerminal = stdinIsTerminal
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The real process streams.
    package static func standard() -> Console {
        Console(
            out: { write($0, to: .standardOutput) },
            err: { write($0, to: .standardError) },
            readLine: { Swift.readLine() },
            stdoutIsTerminal: isatty(1) == 1, stderrIsTerminal: isatty(2) == 1, stdinIsTerminal: isatty(0) == 1,
            environment: ProcessInfo.processInfo.environment)
    }

    /// Writes `text` from its own bytes (a JSON report of a million clients is hundreds of megabytes: it is
    /// not copied once more on its way out).
    private static func write(_ text: String, to handle: FileHandle) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            handle.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
        }
    }

    /// Writes a line to stdout.
    package func print(_ line: String) { out(line + "\n") }
    /// Writes a line to stderr.
    package func printError(_ line: String) { err(line + "\n") }

    /// Colour is used only on a terminal, never with `--no-color`, `NO_COLOR` or `TERM=dumb`; `FORCE_COLOR`
    /// (set, not empty and not `0`) turns it on off a terminal, for CI logs that render colour.
    package func colorEnabled(_ arguments: ParsedArguments, stream: Stream = .stdout) -> Bool {
        if arguments.flag(.noColor) { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if let force = environment["FORCE_COLOR"], !force.isEmpty, force != "0" { return true }
        if environment["TERM"] == "dumb" { return false }
        return stream == .stdout ? stdoutIsTerminal : stderrIsTerminal
    }

    /// Which output stream.
    package enum Stream: Sendable { case stdout, stderr }
}
