"""The benchmark without its database: generate, then measure. The command wraps it in a
throw-away database; the test calls it inside its own transaction."""

import time

from django.db import connection, transaction

from radsafe.bench.cases import Case
from radsafe.bench.data import generate
from radsafe.bench.measure import run_cases


def run_benchmark(
    *,
    units: int,
    sources: int | None = None,
    devices: int | None = None,
    workers: int | None = None,
    doses: int | None = None,
    repeat: int = 30,
    cases: list[Case] | None = None,
    log=None,
) -> dict:
    """`sources` and `devices` default to the national proportions of `units` (data.py),
    `workers` and `doses` to personnel.py's."""
    start = time.perf_counter()
    with transaction.atomic():
        data = generate(units, sources=sources, devices=devices, workers=workers, doses=doses)
    generation = time.perf_counter() - start
    if log:
        log(
            f"generated {units} units, {data.sources} sources, {data.devices} devices,"
            f" {data.workers} workers, {data.doses} dose records in {generation:.1f} s"
        )
    results = run_cases(data, repeat=repeat, cases=cases)
    return {
        "units": units,
        "sources": data.sources,
        "devices": data.devices,
        "workers": data.workers,
        "doses": data.doses,
        "database": connection.vendor,
        "repeat": repeat,
        "generation_s": round(generation, 1),
        "cases": results,
    }
