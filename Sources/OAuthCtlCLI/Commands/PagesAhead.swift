import OAuthCtlConcurrency
import OAuthCtlCore

/// The pages of a listing after the first, fetched from the moment the first page shows that they will
/// be read (while the manifests are still being decoded) instead of once the reader asks for them.
///
/// At most `capacity` pages wait for the reader; fetching pauses while that many are held, so memory
/// stays bounded however far the fetching gets ahead. Pages reach the reader in order, then the listing's
/// error, if it failed. `cancel()` stops the fetching (a session that ends before reading).
///
/// The fetching, and this actor, run on the listings' own thread (`EarlyListing.executor`).
actor PagesAhead {
    /// Enough for the whole listing of a large repository (16,000 clients at Hydra's 500 a page) to keep
    /// arriving while its manifests are decoded; as records (`LiveClient`), a held page is ~0.7 MB.
    static let capacity = 32

    nonisolated var unownedExecutor: UnownedSerialExecutor { EarlyListing.executor.asUnownedSerialExecutor() }

    private var pages: [[LiveClient]] = []
    private var end: Swift.Result<Void, any Error>?
    private var waitingReader: CheckedContinuation<Void, Never>?
    private var waitingFetcher: CheckedContinuation<Void, Never>?
    private var fetching: Task<Void, Never>?

    /// Starts fetching `rest`.
    static func start(_ rest: @escaping FirstPage.Pages) async -> PagesAhead {
        let ahead = PagesAhead()
        let task = Task(executorPreference: EarlyListing.executor) {
            do {
                try await rest { page in await ahead.hold(page) }
                await ahead.finish(.success(()))
            } catch {
                await ahead.finish(.failure(error))
            }
        }
        await ahead.track(task)
        return ahead
    }

    /// Hands every page to `body`, in order, as it comes; throws the listing's error.
    ///
    /// `body` runs where the caller runs, not on the listing thread: planning a page there would hold up
    /// the fetching of the next ones (the request after a page is sent once that page is read).
    nonisolated func read(_ body: @Sendable ([LiveClient]) async throws -> Void) async throws {
        while let page = try await next() { try await body(page) }
    }

    /// The next page, in order; nil after the last; throws the listing's error.
    private func next() async throws -> [LiveClient]? {
        while true {
            if !pages.isEmpty {
                let page = pages.removeFirst()
                resumeFetcher()
                return page
            }
            if let end {
                try end.get()
                return nil
            }
            await withCheckedContinuation { waitingReader = $0 }
        }
    }

    /// Stops fetching; a later `read` ends with `CancellationError`.
    nonisolated func cancel() {
        Task { await stop() }
    }

    private func stop() {
        fetching?.cancel()
        finish(.failure(CancellationError()))
        resumeFetcher()
    }

    private func track(_ task: Task<Void, Never>) {
        fetching = task
        if end != nil { task.cancel() }
    }

    private func hold(_ page: [LiveClient]) async {
        while pages.count >= Self.capacity, end == nil {
            await withCheckedContinuation { waitingFetcher = $0 }
        }
        pages.append(page)
        resumeReader()
    }

    private func finish(_ result: Swift.Result<Void, any Error>) {
        if end == nil { end = result }
        resumeReader()
    }

    private func resumeReader() {
        waitingReader?.resume()
        waitingReader = nil
    }

    private func resumeFetcher() {
        waitingFetcher?.resume()
        waitingFetcher = nil
    }
}
