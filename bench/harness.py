"""Benchmark harness: the @benchmark registry, timing and query counting."""

import time
from contextlib import contextmanager
from dataclasses import dataclass, field

BENCHMARKS = []


def benchmark(func):
    BENCHMARKS.append(func)
    return func


@dataclass
class Result:
    name: str
    n: int
    seconds: float
    queries: int
    note: str = ""

    @property
    def per_item_ms(self):
        return self.seconds * 1000 / self.n if self.n else 0.0

    @property
    def queries_per_item(self):
        return self.queries / self.n if self.n else 0.0


@dataclass
class Bench:
    env: object
    scale: float = 1.0
    results: list = field(default_factory=list)

    def size(self, n):
        return max(1, int(n * self.scale))

    @contextmanager
    def measure(self, name, n, note=""):
        """Time and count the SQL queries of the block (flush included)."""
        from odoo import sql_db

        self.env.flush_all()
        self.env.invalidate_all()
        q0, t0 = sql_db.sql_counter, time.perf_counter()
        box = {}
        yield box
        self.env.flush_all()
        seconds, queries = time.perf_counter() - t0, sql_db.sql_counter - q0
        self.results.append(Result(name, n, seconds, queries, box.get("note", note)))

    _generator: object = None

    @property
    def generator(self):
        from generator import DataGenerator

        if self._generator is None:
            self._generator = DataGenerator(self.env)
        return self._generator
