"""The benchmark without its database: generate, then measure. The command wraps it in a
throw-away database; the test calls it inside its own transaction."""

import time

from django.db import connection, transaction

from .cases import Case
from .data import generate
from .measure import run_cases


def run_benchmark(
    *, units: int, repeat: int = 30, cases: list[Case] | None = None, log=None
) -> dict:
    start = time.perf_counter()
    with transaction.atomic():
        data = generate(units)
    generation = time.perf_counter() - start
    if log:
        log(f"generated {units} units in {generation:.1f} s")
    results = run_cases(data, repeat=repeat, cases=cases)
    return {
        "units": units,
        "database": connection.vendor,
        "repeat": repeat,
        "generation_s": round(generation, 1),
        "cases": results,
    }
