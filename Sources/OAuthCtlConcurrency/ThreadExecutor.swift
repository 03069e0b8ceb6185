import Dispatch
import Foundation
import Synchronization

/// Runs tasks, and actors that choose it, one job at a time on a thread of its own.
///
/// Work that must keep moving while every core is busy with `ParallelMap` (which occupies the threads that
/// also run Swift's default executor) goes here: e.g. a listing that fetches and parses pages while the
/// manifests are decoded. Use it with `Task(executorPreference:)`, and as an actor's `unownedExecutor`.
package final class ThreadExecutor: TaskExecutor, SerialExecutor, Sendable {
    private let jobs = Mutex<[UnownedJob]>([])
    private let ready = DispatchSemaphore(value: 0)

    /// Starts the thread; it lives as long as the process.
    package init(name: String) {
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
        ready.signal()
    }

    package func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    private func run() {
        while true {
            ready.wait()
            let job = jobs.withLock { $0.removeFirst() }
            job.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor())
        }
    }
}
