import Benchmark

// Filled in with its issue.
let benchmarks: @Sendable () -> Void = {
}
