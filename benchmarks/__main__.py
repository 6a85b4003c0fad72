"""Run every benchmark module and print one table."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks
from benchmarks.figure import Figure


def main() -> int:
    figures: list[Figure] = []
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__))
    only = sys.argv[1:]
    for name in names:
        if not name.startswith("bench_") or (only and not any(o in name for o in only)):
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        figures.extend(module.run())
    width = max((len(f.name) for f in figures), default=10)
    print(f"{'figure':<{width}}  {'value':>14}  {'target':<22}  ok")
    print("-" * (width + 46))
    for f in figures:
        value = f"{f.value:.4g} {f.unit}"
        print(f"{f.name:<{width}}  {value:>14}  {f.target:<22}  {'yes' if f.ok else 'NO'}")
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
