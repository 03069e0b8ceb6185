import Foundation
import OAuthCtlConcurrency
import Synchronization
import Testing

/// A listing runs on a `ThreadExecutor` so that it keeps moving while `ParallelMap` fills every core
/// (whose threads also run Swift's default executor).
@Suite("Thread executor")
struct ThreadExecutorTests {
    @Test("a task on a ThreadExecutor runs while ParallelMap keeps every core busy")
    func runsWhileCoresAreBusy() {
        let executor = ThreadExecutor(name: "test-listing")
        let ran = Flag()
        let deadline = ContinuousClock.now + .seconds(5)
        // Every piece spins until the task has run (or the deadline): the task must run meanwhile.
        _ = ParallelMap.map(count: max(2, ProcessInfo.processInfo.activeProcessorCount)) { index in
            if index == 0 { Task(executorPreference: executor) { ran.set() } }
            while !ran.isSet, ContinuousClock.now < deadline {}
            return index
        }
        let didRun = ran.isSet
        #expect(didRun)
        #expect(ContinuousClock.now < deadline, "the task ran only once the cores were free")
    }

    @Test("an actor on a ThreadExecutor runs its jobs there, one at a time, in order")
    func serialForActors() async {
        let log = await OrderedLog.run(count: 200)
        #expect(log == Array(0..<200))
    }
}

/// A flag one thread sets and others read.
private final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}

/// An actor whose jobs run on a `ThreadExecutor`.
private actor OrderedLog {
    static let executor = ThreadExecutor(name: "test-actor")
    nonisolated var unownedExecutor: UnownedSerialExecutor { Self.executor.asUnownedSerialExecutor() }
    private var entries: [Int] = []

    func append(_ value: Int) { entries.append(value) }

    static func run(count: Int) async -> [Int] {
        let log = OrderedLog()
        for value in 0..<count { await log.append(value) }
        return await log.entries
    }
}
