import Foundation
import OAuthCtlApply
import OAuthCtlCore
import Synchronization

/// Progress of an apply, on stderr. On a terminal: one live line, redrawn as clients finish
/// (`Applying: 12/100 done, 1 failed, about 2m10s left`, and the wait when a write budget is spent),
/// cleared before the report (carriage returns and spaces only, so even a dumb terminal shows it). Elsewhere (a pipe, CI logs): one line per finished client and one per
/// long wait, so a log shows the run moving. No escape codes off a terminal.
final class ApplyProgress: Sendable {
    private struct State {
        var done = 0
        var failed = 0
        /// Provider → when its write budget allows the next write (monotonic seconds).
        var waits: [String: Double] = [:]
        var lastWaitLine = -Double.infinity
        /// Characters of the live line last drawn (a shorter one is padded over it).
        var drawn = 0
    }

    let total: Int
    let live: Bool
    private let console: Console
    private let started: Double
    private let clock: @Sendable () -> Double
    private let state = Mutex(State())

    init(
        total: Int, console: Console, live: Bool,
        clock: @escaping @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    ) {
        self.total = total
        self.console = console
        self.live = live
        self.clock = clock
        started = clock()
    }

    /// One action ended.
    func finished(_ entry: ApplyReport.Entry) {
        let now = clock()
        let text: String = state.withLock { state in
            state.done += 1
            if case .succeeded = entry.outcome {} else { state.failed += 1 }
            if live { return line(&state, now: now) }
            let failed = state.failed > 0 ? ", \(state.failed) failed" : ""
            return
                "progress: \(state.done)/\(total) done\(failed) (\(TerminalText.escape(entry.address.description)): \(Self.word(entry.outcome, entry.action)))\n"
        }
        console.err(text)
    }

    /// A provider's write budget is spent: the next write waits `seconds`.
    func waiting(provider: String, seconds: Double) {
        let now = clock()
        let text: String? = state.withLock { state in
            state.waits[provider] = now + seconds
            if live { return line(&state, now: now) }
            // Many writers may wait at once: one line per few seconds is enough for a log.
            guard seconds >= 2, now - state.lastWaitLine >= 5 else { return nil }
            state.lastWaitLine = now
            return "progress: waiting \(Int(seconds.rounded(.up))) s for \(TerminalText.escape(provider))'s write budget\n"
        }
        if let text { console.err(text) }
    }

    /// Clears the live line, so the report starts on a clean line.
    func end() {
        guard live else { return }
        let width = state.withLock { $0.drawn }
        console.err("\r" + String(repeating: " ", count: width) + "\r")
    }

    private func line(_ state: inout State, now: Double) -> String {
        var text = "Applying: \(state.done)/\(total) done"
        if state.failed > 0 { text += ", \(state.failed) failed" }
        if state.done > 0, state.done < total {
            let left = (now - started) / Double(state.done) * Double(total - state.done)
            text += ", about \(Self.duration(left)) left"
        }
        if let (provider, until) = state.waits.max(by: { $0.value < $1.value }), until > now {
            text += " · waiting \(Int((until - now).rounded(.up))) s for \(TerminalText.escape(provider))'s write budget"
        }
        defer { state.drawn = text.count }
        return "\r" + text + String(repeating: " ", count: max(0, state.drawn - text.count))
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
    }

    static func word(_ outcome: ApplyReport.Outcome, _ action: Action) -> String {
        switch outcome {
        case .succeeded: ApplyReport.pastTense(action)
        case .failed: "failed"
        case .notAttempted: "not attempted"
        case .secretLost: "secret lost"
        }
    }
}

/// Hands write-budget waits from the providers' transports (built before apply starts) to whoever
/// shows progress once it does.
final class PacingRelay: Sendable {
    private let handler = Mutex<(@Sendable (String, Double) -> Void)?>(nil)

    func set(_ body: (@Sendable (String, Double) -> Void)?) { handler.withLock { $0 = body } }

    func wait(provider: String, seconds: Double) {
        let body = handler.withLock { $0 }
        body?(provider, seconds)
    }
}
