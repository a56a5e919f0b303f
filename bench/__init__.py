"""Benchmarks: `make bench` measures speed and memory; nothing here is asserted in tests."""
