import Dispatch
import Synchronization

/// Runs independent pieces of work on every core and returns their results in input order, so callers
/// that concatenate the results get exactly what a loop would have produced.
///
/// `package`: the YAML loader, the manifest resolver and the planner share it.
package enum ParallelMap {
    /// `transform(index)` for every index in `0..<count`, each computed once, on as many threads as Dispatch
    /// gives (the calling thread among them). One piece of work runs alone on the calling thread.
    package static func map<Result: Sendable>(count: Int, _ transform: @Sendable (Int) -> Result) -> [Result] {
        guard count > 1 else { return (0..<count).map(transform) }
        let slots = Slots<Result>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(transform(index), at: index)
        }
        return slots.values()
    }

    /// `transform` applied to each of `inputs`, which it consumes: each input is moved into the work that
    /// uses it, so a tree inside it is owned once and can be changed in place without being copied.
    package static func map<Input: Sendable, Result: Sendable>(
        consuming inputs: consuming [Input], _ transform: @Sendable (inout Input) -> Result
    ) -> [Result] {
        let pending = Slots<Input>(count: inputs.count)
        for index in inputs.indices { pending.store(inputs[index], at: index) }
        let count = inputs.count
        inputs = []  // From here on the slots hold the only references.
        return map(count: count) { index in
            var input = pending.take(at: index)
            return transform(&input)
        }
    }

    /// Contiguous ranges covering `0..<count`, about `size` long each, for work too small to hand out one
    /// index at a time.
    package static func ranges(count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: max(1, size)).map { $0..<min($0 + max(1, size), count) }
    }

    /// The results as they arrive, each slot written once.
    private final class Slots<Value: Sendable>: Sendable {
        private let storage: Mutex<[Value?]>

        init(count: Int) {
            storage = Mutex(Array(repeating: nil, count: count))
        }

        func store(_ value: sending Value, at index: Int) {
            storage.withLock { $0[index] = value }
        }

        /// The value at `index`, taken out of its slot (so the caller holds the only reference to it).
        func take(at index: Int) -> Value {
            storage.withLock { slots in
                guard let value = slots[index] else { preconditionFailure("slot \(index) was taken twice") }
                slots[index] = nil
                return value
            }
        }

        /// Every result; call once all work is done.
        func values() -> [Value] {
            storage.withLock { slots in
                slots.map { slot in
                    guard let slot else { preconditionFailure("a slot was read before its work was done") }
                    return slot
                }
            }
        }
    }
}
