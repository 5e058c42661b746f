"""Performance benchmarks (run by hand, not timed tests): ``python -m benchmarks.bench_core``."""
