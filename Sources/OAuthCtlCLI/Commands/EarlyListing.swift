import OAuthCtlConcurrency
import OAuthCtlCore
import Synchronization

/// Listings started before the manifests are fully resolved, and the retry notes they print meanwhile.
///
/// Until `release()` the notes are held (the session may still stop on a manifest error, and then prints
/// nothing of the listing); `release()` prints them and lets later ones through, so the output is what
/// it would be had the listing started after the checks. `cancel()` stops the listings and drops the notes.
final class EarlyListing: Sendable {
    private struct State {
        var released = false
        var cancelled = false
        var held: [String] = []
        var adapters: [String: any ProviderAdapter] = [:]
        var tasks: [String: Task<Swift.Result<PlanSession.Listing, any Error>, Never>] = [:]
    }
    private let state = Mutex(State())
    private let console: Console

    init(console: Console) {
        self.console = console
    }

    /// `console` with stderr held until `release()`.
    var heldConsole: Console {
        var held = console
        held.err = { [self] text in
            // Printed under the lock, so a note can't overtake the held ones `release()` is printing.
            state.withLock { state in
                if state.cancelled { return }
                if state.released { return console.err(text) }
                state.held.append(text)
            }
        }
        return held
    }

    /// The adapters of the listings started, by provider name.
    var adapters: [String: any ProviderAdapter] { state.withLock { $0.adapters } }

    /// Where listings run: a thread of their own, so that a page is fetched and parsed while the manifests
    /// are decoded on every core (Swift's default executor runs on the same threads as that work).
    static let executor = ThreadExecutor(name: "oauthctl-listing")

    func start(_ provider: String, adapter: any ProviderAdapter, _ list: @escaping @Sendable () async throws -> PlanSession.Listing) {
        let task = Task(executorPreference: Self.executor) { () -> Swift.Result<PlanSession.Listing, any Error> in
            do { return .success(try await list()) } catch { return .failure(error) }
        }
        state.withLock { state in
            state.adapters[provider] = adapter
            state.tasks[provider] = task
        }
    }

    /// The listing started for `provider`, if any.
    func listing(_ provider: String) -> Task<Swift.Result<PlanSession.Listing, any Error>, Never>? {
        state.withLock { $0.tasks[provider] }
    }

    /// Prints the held notes; later notes are printed as they come.
    func release() {
        state.withLock { state in
            state.released = true
            for text in state.held { console.err(text) }
            state.held = []
        }
    }

    /// Stops every listing and drops its notes; returns nil, for `return early.cancel()`.
    func cancel<T>() -> T? {
        let tasks = state.withLock { state in
            state.cancelled = true
            state.held = []
            return Array(state.tasks.values)
        }
        for task in tasks {
            task.cancel()
            // A listing that already has its first page may be fetching the rest ahead: stop that too.
            Task { if case .success(let listing) = await task.value { listing.ahead?.cancel() } }
        }
        return nil
    }
}
