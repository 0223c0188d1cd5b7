#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint
import Synchronization

/// Runs `work(i)` for `0..<count` on `workers` threads and hands each result to
/// `deliver` on the calling thread in index order, so output never depends on
/// the worker count. Workers stay at most `window` items ahead of delivery,
/// which bounds the memory held by finished but undelivered results.
struct OrderedRunner<Result: Sendable> {
    var workers: Int
    var window: Int

    init(workers: Int) {
        self.workers = max(1, workers)
        // Saturated: `--jobs` takes any Int, and 4 times a huge one overflowed (a trap).
        let (window, overflow) = self.workers.multipliedReportingOverflow(by: 4)
        self.window = overflow ? Int.max : window
    }

    /// `deliver` gets each result as its own (`consuming`): it can move what it keeps out of it.
    func run(count: Int, work: @escaping @Sendable (Int) -> Result, deliver: (Int, consuming Result) -> Void) {
        let threads = min(workers, count)
        if threads <= 1 {
            for i in 0..<count { deliver(i, work(i)) }
            return
        }
        let state = RunnerState<Result>(count: count, window: window, work: work)
        var started: [Thread] = []
        for _ in 0..<threads {
            if let thread = Thread.start({ state.workLoop() }) { started.append(thread) }
        }
        if started.isEmpty {
            for i in 0..<count { deliver(i, work(i)) }
            return
        }
        for i in 0..<count { deliver(i, state.take(i)) }
        for thread in started { thread.join() }
    }
}

extension OrderedRunner {
    /// Runs `work` on each of `inputs` as `run(count:work:deliver:)` does, each input moved
    /// to the worker that takes it: a worker that read its input from an array both held
    /// copied what it kept of it (a retain of every String it holds).
    func run<Input: Sendable>(moving inputs: consuming [Input], work: @escaping @Sendable (consuming Input) -> Result,
                              deliver: (Int, consuming Result) -> Void) {
        let handout = Handout(inputs)
        run(count: handout.count, work: { work(handout.take($0)) }, deliver: deliver)
    }
}

/// Inputs handed out once each, by index, to whichever thread asks: the mutex guards the
/// array, which every take writes (it moves its input out).
private final class Handout<Input: Sendable>: Sendable {
    let count: Int
    private let inputs: Mutex<[Input?]>

    init(_ inputs: consuming [Input]) {
        count = inputs.count
        var slots = [Input?](repeating: nil, count: inputs.count)
        // Popped, so each is moved into its slot, not copied.
        while let input = inputs.popLast() { slots[inputs.count] = input }
        self.inputs = Mutex(slots)
    }

    /// Input `index`, moved out; each index is taken once.
    func take(_ index: Int) -> Input {
        inputs.withLock { inputs in
            guard let input = inputs[index].take() else { preconditionFailure("input \(index) taken twice") }
            return input
        }
    }
}

/// `OrderedMapping` (the Rook facts pre-pass) on an `OrderedRunner`'s workers.
struct ParallelMapping: OrderedMapping {
    var workers: Int

    func map<T: Sendable>(_ count: Int, _ work: @escaping @Sendable (Int) -> T) -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        OrderedRunner<T>(workers: workers).run(count: count, work: work) { _, result in out.append(result) }
        return out
    }
}

/// A POSIX thread running one closure.
private struct Thread {
    let id: pthread_t

    /// Starts `body` on a new thread; nil when the system refuses one.
    static func start(_ body: @escaping @Sendable () -> Void) -> Thread? {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Glibc)
        var id = pthread_t()
        #else
        var id: pthread_t?
        #endif
        let status = pthread_create(&id, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<Body>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, box)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(box).release()
            return nil
        }
        #if canImport(Glibc)
        return Thread(id: id)
        #else
        return id.map(Thread.init)
        #endif
    }

    func join() { pthread_join(id, nil) }

    final class Body {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
/// The shared queue of one run: the next index to start, finished results,
/// and how far delivery has got. Guarded by one mutex and one condition.
private final class RunnerState<Result: Sendable>: @unchecked Sendable {
    let count: Int
    let window: Int
    let work: @Sendable (Int) -> Result
    var next = 0
    var delivered = 0
    var results: [Int: Result] = [:]
    /// Allocated, not stored: a pthread object must not move, and `&` on a stored property
    /// promises an address for the length of one call only.
    let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init(count: Int, window: Int, work: @escaping @Sendable (Int) -> Result) {
        self.count = count
        self.window = window
        self.work = work
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    func workLoop() {
        while true {
            pthread_mutex_lock(mutex)
            while next < count && next >= delivered + window { pthread_cond_wait(changed, mutex) }
            guard next < count else { pthread_mutex_unlock(mutex); return }
            let index = next
            next += 1
            pthread_mutex_unlock(mutex)
            let result = work(index)
            pthread_mutex_lock(mutex)
            results[index] = result
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(mutex)
        }
    }

    /// Waits for result `index` (called in order by the delivering thread).
    func take(_ index: Int) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if let result = results.removeValue(forKey: index) {
                delivered = index + 1
                pthread_cond_broadcast(changed)
                return result
            }
            pthread_cond_wait(changed, mutex)
        }
    }
}
