"""Measuring the cases: server time through Django's test client, query count, and the raw-SQL
floor of the page's main query. Timing code lives here and nowhere in the tests."""

import statistics
import time
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from radsafe.bench.cases import CASES, Case
from radsafe.bench.data import BenchData
from radsafe.bench.personnel import CASES as PERSONNEL_CASES

# The registry's and inventory's cases, then those of the apps with their own bench module.
ALL_CASES: list[Case] = [*CASES, *PERSONNEL_CASES]


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default), defined for one value."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _host() -> str:
    """A Host header the deployment's ALLOWED_HOSTS accepts (the bench runs outside the test
    runner, which would otherwise add `testserver`)."""
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*":
            return host.lstrip(".")
    return "testserver"


def _fetch(client: Client, url: str):
    response = client.get(url, secure=settings.SECURE_SSL_REDIRECT, HTTP_HOST=_host())
    if response.streaming:
        # An export is served when its last byte is. Exhausting the iterator also closes the
        # response the way the test client intends; closing it again would fire request_finished
        # and let Django drop the database connection between requests.
        b"".join(response.streaming_content)
    return response


def _time_request(client: Client, url: str) -> float:
    start = time.perf_counter()
    _fetch(client, url)
    return (time.perf_counter() - start) * 1000


def _time_sql(sql: str, sql_params) -> float:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, sql_params)
        cursor.fetchall()
    return (time.perf_counter() - start) * 1000


def run_case(case: Case, data: BenchData, client: Client, repeat: int) -> dict:
    kwargs, params = case.resolve(data)
    try:
        path = reverse(case.url_name, kwargs=kwargs)
    except NoReverseMatch:
        return {"name": case.name, "url": None, "skipped": f"{case.url_name} not available"}
    url = f"{path}?{urlencode(params)}" if params else path
    try:
        # The first request warms caches and is the one whose queries are counted; the debug
        # cursor that counting needs stays out of the timed requests.
        with CaptureQueriesContext(connection) as captured:
            response = _fetch(client, url)
        queries = len(captured)  # now: the next request's `reset_queries` empties the log
        if response.status_code != 200:
            return {"name": case.name, "url": url, "skipped": f"HTTP {response.status_code}"}
        page = [_time_request(client, url) for _ in range(repeat)]
    except Exception as error:  # a page still being built must not stop the other cases
        return {"name": case.name, "url": url, "skipped": f"error: {type(error).__name__}: {error}"}
    sql, sql_params = case.main_query(data.users[case.user], kwargs, params).query.sql_with_params()
    _time_sql(sql, sql_params)
    floor = statistics.median(_time_sql(sql, sql_params) for _ in range(repeat))
    p95 = percentile(page, 0.95)
    return {
        "name": case.name,
        "url": url,
        "p50_ms": round(percentile(page, 0.5), 2),
        "p95_ms": round(p95, 2),
        "queries": queries,
        "floor_p50_ms": round(floor, 3),
        "ratio": round(p95 / floor, 1) if floor > 0 else None,
    }


def run_cases(data: BenchData, *, repeat: int = 30, cases: list[Case] | None = None) -> list[dict]:
    clients: dict[str, Client] = {}
    results = []
    for case in ALL_CASES if cases is None else cases:
        if case.user not in clients:
            clients[case.user] = Client()
            clients[case.user].force_login(data.users[case.user])
        results.append(run_case(case, data, clients[case.user], repeat))
    return results


def format_table(report: dict) -> str:
    header = ["case", "p50 ms", "p95 ms", "queries", "floor p50 ms", "p95/floor", "url"]
    rows = []
    for case in report["cases"]:
        if "skipped" in case:
            rows.append([case["name"], f"skipped: {case['skipped']}", "", "", "", "", ""])
            continue
        rows.append(
            [
                case["name"],
                f"{case['p50_ms']:.1f}",
                f"{case['p95_ms']:.1f}",
                str(case["queries"]),
                f"{case['floor_p50_ms']:.2f}",
                "—" if case["ratio"] is None else f"{case['ratio']:.1f}",
                case["url"],
            ]
        )
    widths = [len(h) for h in header]
    for row in rows:
        if not row[1].startswith("skipped"):
            widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    size = f"{report['units']} units"
    if "sources" in report:
        size += f", {report['sources']} sources, {report['devices']} devices"
    if "doses" in report:
        size += f", {report['workers']} workers, {report['doses']} dose records"
    lines = [
        f"{size} on {report['database']}, {report['repeat']} requests per case",
        "",
    ]
    for row in [header, ["-" * w for w in widths], *rows]:
        if row[1].startswith("skipped"):
            lines.append(f"{row[0]:<{widths[0]}}  {row[1]}")
            continue
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:6], widths[1:6], strict=True)
        ]
        lines.append("  ".join([*cells, row[6]]).rstrip())
    return "\n".join(lines)
