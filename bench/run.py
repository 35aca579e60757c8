#!/usr/bin/env python3
"""pm_aftersales benchmarks: `make bench` (not part of `make test`).

Each benchmark is a function decorated with @benchmark in a bench_*.py module
of this folder. It receives a Bench (env + data generator) and yields Results;
everything it writes is rolled back, so the bench database stays as built.

    make bench                          all benchmarks, default sizes
    make bench BENCH_ARGS="-k registry --scale 2"
"""

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from harness import BENCHMARKS, Bench


def load_benchmarks(pattern):
    here = Path(__file__).parent
    for info in pkgutil.iter_modules([str(here)]):
        if info.name.startswith("bench_"):
            importlib.import_module(info.name)
    return [b for b in BENCHMARKS if not pattern or pattern in f"{b.__module__}.{b.__name__}"]


def print_table(results):
    headers = ["benchmark", "n", "total s", "ms/item", "queries", "queries/item", "note"]
    rows = [
        [
            r.name,
            r.n,
            f"{r.seconds:.3f}",
            f"{r.per_item_ms:.2f}",
            r.queries,
            f"{r.queries_per_item:.2f}",
            r.note,
        ]
        for r in results
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    line = "  ".join("{:<%d}" % w for w in widths)
    print(line.format(*headers))
    print(line.format(*["-" * w for w in widths]))
    for row in rows:
        print(line.format(*row))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument(
        "-k", dest="pattern", default="", help="run benchmarks whose name contains this"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the data sizes")
    args = parser.parse_args()

    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    benchmarks = load_benchmarks(args.pattern)
    registry = Registry(args.database)
    bench = None
    for func in benchmarks:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
            bench = Bench(env, args.scale, bench.results if bench else [])
            print(f"running {func.__module__}.{func.__name__} ...", flush=True)
            func(bench)
            cr.rollback()
    print()
    print_table(bench.results if bench else [])


if __name__ == "__main__":
    main()
