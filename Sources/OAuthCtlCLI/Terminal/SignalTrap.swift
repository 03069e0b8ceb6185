import Dispatch
import Foundation
import OAuthCtlApply
import Synchronization

/// SIGINT/SIGTERM during `apply` (DESIGN §3, §4).
///
/// Before any write (planning, the prompt) the first signal ends the run at once: nothing was changed.
/// Once writes have started, the first signal asks the executor to stop: no new write starts, the writes in flight finish
/// (for at most `grace` seconds), their secrets are stored, and the usual report is printed with exit 130.
/// A second signal, or the grace running out, exits at once, naming the clients whose outcome is
/// unknown; it waits for a secrets-file write under way to end first, so the file is never half written.
final class SignalTrap: Sendable {
    static let grace: Double = 30
    private let interruption: Interruption
    private let sinkBox = Mutex<SecretsSink?>(nil)
    private let console: Console
    nonisolated(unsafe) private var sources: [any DispatchSourceSignal] = []
    private let count = Mutex(0)

    init(interruption: Interruption, console: Console) {
        self.interruption = interruption
        self.console = console
    }

    /// The secrets file, once opened: an exit waits for a write to it to end.
    var sink: SecretsSink? {
        get { sinkBox.withLock { $0 } }
        set { sinkBox.withLock { $0 = newValue } }
    }

    /// Starts catching SIGINT (call once, before the writes; `sources` is touched only by arm and disarm,
    /// on the command's own task) and SIGTERM (instead of the default: dying on the spot).
    func arm() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in received(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Back to the default handlers, once the writes are over.
    func disarm() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    private func received(_ number: Int32) {
        let seen = count.withLock { count in
            count += 1
            return count
        }
        let name = number == SIGINT ? "SIGINT" : "SIGTERM"
        if seen == 1 {
            guard interruption.request() else {
                // Planning, or at the prompt: nothing was sent and nothing will be.
                console.printError("\n\(name): apply interrupted before any write; nothing was changed.")
                exit(130)
            }
            let flying = interruption.inFlight
            let waiting = flying.isEmpty ? "" : "; waiting up to \(Int(Self.grace)) s for the \(flying.count) write(s) in flight"
            console.printError("\n\(name): stopping: no new writes will start\(waiting). Press Ctrl-C again to exit at once.")
            DispatchQueue.global().asyncAfter(deadline: .now() + Self.grace) { [self] in
                exitNow("the writes in flight did not finish within \(Int(Self.grace)) s")
            }
        } else {
            exitNow("\(name) again")
        }
    }

    private func exitNow(_ why: String) {
        let unknown = interruption.inFlight.map(\.description)
        let detail =
            unknown.isEmpty
            ? "no write was in flight."
            : "the outcome of these writes is unknown: \(unknown.joined(separator: ", ")); run 'oauthctl plan' to see where they stand."
        console.printError("error: \(why): exiting now; \(detail)")
        if let sink { sink.whileIdle { exit(130) } }
        exit(130)
    }
}
