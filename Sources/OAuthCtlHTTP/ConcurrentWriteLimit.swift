/// A transport that lets at most `limit` writes (POST, PUT, PATCH, DELETE) be in flight at once.
///
/// For servers whose writes are not safe to run concurrently (Glewlwyd 2.7's database client module
/// attaches properties to the wrong client when two creates overlap), whatever `--parallelism` asks.
/// Reads pass straight through.
package struct ConcurrentWriteLimit: HTTPTransport {
    package let base: any HTTPTransport
    private let slots: Slots

    package init(base: any HTTPTransport, limit: Int) {
        self.base = base
        self.slots = Slots(limit: max(1, limit))
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method.isWrite else { return try await base.send(request) }
        await slots.acquire()
        do {
            let response = try await base.send(request)
            await slots.release()
            return response
        } catch {
            await slots.release()
            throw error
        }
    }

    /// A counting semaphore for async code; waiters are resumed in arrival order.
    actor Slots {
        private var free: Int
        private var waiters: [CheckedContinuation<Void, Never>] = []

        init(limit: Int) { free = limit }

        func acquire() async {
            if free > 0 {
                free -= 1
                return
            }
            await withCheckedContinuation { waiters.append($0) }
        }

        func release() {
            if waiters.isEmpty {
                free += 1
            } else {
                waiters.removeFirst().resume()
            }
        }
    }
}
