"""`python -m radsafe bench --units N [--json FILE] [--repeat R]` (README, "Benchmark")."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from radsafe.bench.database import throwaway_database
from radsafe.bench.measure import format_table
from radsafe.bench.run import run_benchmark


class Command(BaseCommand):
    help = (
        "Generate N synthetic units in a throw-away database and report p50/p95 server time, "
        "query count and the raw-SQL floor of each key page and API endpoint."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, required=True, help="Number of units (N).")
        parser.add_argument("--repeat", type=int, default=30, help="Requests per case.")
        parser.add_argument("--json", dest="json_path", help="Also write the report to FILE.")

    def handle(self, *args, units: int, repeat: int, json_path: str | None, **options):
        if units < 1 or repeat < 1:
            raise CommandError("--units and --repeat must be at least 1.")
        with throwaway_database() as name:
            self.stdout.write(f"throw-away database: {name}")
            report = run_benchmark(units=units, repeat=repeat, log=self.stdout.write)
        self.stdout.write(format_table(report))
        if json_path:
            Path(json_path).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
            self.stdout.write(f"wrote {json_path}")
