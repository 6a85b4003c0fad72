"""Benchmarks behind ``scripts/bench``.

Each ``bench_*.py`` module here exposes ``run() -> list[Figure]``; ``python -m benchmarks``
collects them all and prints one table with the target beside each figure.
"""
