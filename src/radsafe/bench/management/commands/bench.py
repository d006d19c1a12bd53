"""`python -m radsafe bench --units N [--sources S] [--devices D] [--workers W] [--doses R]
[--json FILE] [--repeat R]` (README, "Benchmark")."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from radsafe.bench.database import throwaway_database
from radsafe.bench.measure import format_table
from radsafe.bench.run import run_benchmark


class Command(BaseCommand):
    help = (
        "Generate N synthetic units with their sources, ray devices, workers and dose records in "
        "a throw-away database and report p50/p95 server time, query count and the raw-SQL "
        "floor of each key page and API endpoint."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, required=True, help="Number of units (N).")
        parser.add_argument(
            "--sources", type=int, default=None, help="Number of sources (default: 1.8 × N)."
        )
        parser.add_argument(
            "--devices", type=int, default=None, help="Number of ray devices (default: 3.3 × N)."
        )
        parser.add_argument(
            "--workers", type=int, default=None, help="Number of workers (default: 3 × N)."
        )
        parser.add_argument(
            "--doses",
            type=int,
            default=None,
            help="Number of dose records, spread over the workers (default: 4 per worker).",
        )
        parser.add_argument("--repeat", type=int, default=30, help="Requests per case.")
        parser.add_argument("--json", dest="json_path", help="Also write the report to FILE.")

    def handle(
        self,
        *args,
        units: int,
        sources: int | None,
        devices: int | None,
        workers: int | None,
        doses: int | None,
        repeat: int,
        json_path: str | None,
        **options,
    ):
        if units < 1 or repeat < 1:
            raise CommandError("--units and --repeat must be at least 1.")
        counts = (sources, devices, workers, doses)
        if any(count is not None and count < 0 for count in counts):
            raise CommandError("--sources, --devices, --workers and --doses cannot be negative.")
        with throwaway_database() as name:
            self.stdout.write(f"throw-away database: {name}")
            report = run_benchmark(
                units=units,
                sources=sources,
                devices=devices,
                workers=workers,
                doses=doses,
                repeat=repeat,
                log=self.stdout.write,
            )
        self.stdout.write(format_table(report))
        if json_path:
            Path(json_path).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
            self.stdout.write(f"wrote {json_path}")
