import OAuthCtlCore
import Synchronization
import Testing

@testable import OAuthCtlCLI

/// The pages fetched ahead of their reader: in order, at most `capacity` held, the listing's error last,
/// and fetching stopped by `cancel()`.
@Suite("Pages fetched ahead")
struct PagesAheadTests {
    static func page(_ n: Int) -> [LiveClient] { [LiveClient(["client_id": .string("c\(n)")])] }

    /// Waits (at most 5 s) until `condition` holds.
    static func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() { try await Task.sleep(nanoseconds: 10_000_000) }
    }

    @Test("fetching stops at capacity until the reader takes pages; every page arrives, in order")
    func boundedAndOrdered() async throws {
        let handed = Atomic<Int>(0)
        let total = PagesAhead.capacity + 12
        let ahead = await PagesAhead.start { body in
            for n in 0..<total {
                try await body(Self.page(n))
                handed.add(1, ordering: .relaxed)
            }
        }
        try await Self.eventually { handed.load(ordering: .relaxed) >= PagesAhead.capacity }
        try await Task.sleep(nanoseconds: 100_000_000)
        let heldBeforeReading = handed.load(ordering: .relaxed)
        #expect(heldBeforeReading == PagesAhead.capacity)
        let read = Mutex<[String]>([])
        try await ahead.read { page in read.withLock { $0.append(page[0]["client_id"]?.stringValue ?? "?") } }
        #expect(read.withLock { $0 } == (0..<total).map { "c\($0)" })
        let handedInTheEnd = handed.load(ordering: .relaxed)
        #expect(handedInTheEnd == total)
    }

    struct ListingFailed: Error {}

    @Test("the pages before a failure arrive, then the failure")
    func failureComesLast() async throws {
        let ahead = await PagesAhead.start { body in
            try await body(Self.page(0))
            try await body(Self.page(1))
            throw ListingFailed()
        }
        let count = Mutex(0)
        await #expect(throws: ListingFailed.self) {
            try await ahead.read { _ in count.withLock { $0 += 1 } }
        }
        #expect(count.withLock { $0 } == 2)
    }

    @Test("cancel stops the fetching; a read then ends with CancellationError")
    func cancelStopsFetching() async throws {
        let stopped = Atomic<Bool>(false)
        let ahead = await PagesAhead.start { body in
            var n = 0
            while !Task.isCancelled {
                try await body(Self.page(n))
                n += 1
            }
            stopped.store(true, ordering: .relaxed)
        }
        ahead.cancel()
        try await Self.eventually { stopped.load(ordering: .relaxed) }
        let didStop = stopped.load(ordering: .relaxed)
        #expect(didStop)
        await #expect(throws: CancellationError.self) { try await ahead.read { _ in } }
    }
}
