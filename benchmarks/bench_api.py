"""Requests per second of the calculator JSON API (a script, not a test).

    .venv/bin/python benchmarks/bench_api.py [--seconds 2] [--threads 8] [URL]

Always measures in-process with Flask's test client (one thread: the cost of routing,
parsing, calculating and serialising, without a network). With a URL (e.g.
http://127.0.0.1:5000 of a running portal) it also measures over HTTP with THREADS
concurrent clients, each with its own keep-alive session, and prints requests per second,
latency percentiles and errors.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SAMPLES: dict[str, dict[str, Any]] = {
    "dagpenge": {"year": 2025, "insurance": "full_time", "monthly_income": 32500},
    "kontanthjaelp": {
        "year": 2025,
        "age": 34,
        "has_children": True,
        "civil_status": "married",
        "own_earnings": 6000,
        "partner_earnings": 9000,
    },
    "work_more_hours": {"year": 2025, "benefit": "kontanthjaelp", "hourly_wage": 152.5, "age": 29},
    "sygedagpenge": {"year": 2025, "hourly_wage": 168.4, "hours_per_week": 37},
    "loentilskud": {
        "year": 2025,
        "employer_type": "private",
        "hourly_wage": 185,
        "hours_per_week": 37,
        "weeks": 26,
        "ordinary_employees": 12,
        "subsidised_employees": 1,
    },
    "fleksjob": {"year": 2025, "monthly_wage": 14200, "full_time_wage": 38000},
}


def in_process(seconds: float) -> None:
    """Requests per second through the Flask test client, per calculator."""
    from portal import create_app

    tmp = Path(tempfile.mkdtemp(prefix="jobvej-bench-"))
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.sqlite3'}",
            "INSTANCE_PATH": str(tmp / "instance"),
            "SECRET_KEY": "bench",
            "RATELIMIT_ENABLED": False,
        }
    )
    client = app.test_client()
    print(f"In-process (Flask test client, 1 thread, {seconds:g} s per calculator)")
    total_requests, total_time = 0, 0.0
    for name, body in SAMPLES.items():
        url = f"/api/v1/calculators/{name}"
        response = client.post(url, json=body)
        if response.status_code != 200:
            raise SystemExit(f"{name}: HTTP {response.status_code} {response.get_data(True)}")
        count = 0
        start = time.perf_counter()
        deadline = start + seconds
        while time.perf_counter() < deadline:
            client.post(url, json=body)
            count += 1
        elapsed = time.perf_counter() - start
        total_requests += count
        total_time += elapsed
        print(f"  {name:<16} {count / elapsed:8.1f} req/s  ({1000 * elapsed / count:6.2f} ms each)")
    listing = 0
    start = time.perf_counter()
    while time.perf_counter() < start + seconds:
        client.get("/api/v1/calculators")
        listing += 1
    print(f"  {'GET list':<16} {listing / (time.perf_counter() - start):8.1f} req/s")
    # Texts are translated per request: the same body answered in Arabic.
    arabic, start = 0, time.perf_counter()
    while time.perf_counter() < start + seconds:
        client.post(
            "/api/v1/calculators/dagpenge",
            json=SAMPLES["dagpenge"],
            headers={"Accept-Language": "ar"},
        )
        arabic += 1
    print(f"  {'dagpenge (ar)':<16} {arabic / (time.perf_counter() - start):8.1f} req/s")
    # The page a link from the assistant opens: form filled in from the query and the result.
    query = "&".join(f"{k}={v}" for k, v in SAMPLES["dagpenge"].items())
    page_url = f"/da/calculators/dagpenge?{query}"
    if client.get(page_url).status_code != 200:
        raise SystemExit(f"{page_url}: not 200")
    pages, start = 0, time.perf_counter()
    while time.perf_counter() < start + seconds:
        client.get(page_url)
        pages += 1
    print(f"  {'page, prefilled':<16} {pages / (time.perf_counter() - start):8.1f} req/s")
    print(f"  {'all six, overall':<16} {total_requests / total_time:8.1f} req/s")


def over_http(base_url: str, seconds: float, threads: int) -> None:
    """Requests per second against a running portal with ``threads`` concurrent clients."""
    import requests

    names = list(SAMPLES)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(index: int) -> None:
        session = requests.Session()
        mine: list[float] = []
        i = index
        while time.perf_counter() < stop:
            name = names[i % len(names)]
            i += 1
            t0 = time.perf_counter()
            try:
                r = session.post(
                    f"{base_url.rstrip('/')}/api/v1/calculators/{name}",
                    json=SAMPLES[name],
                    timeout=30,
                )
                ok = r.status_code == 200
                problem = f"{name}: HTTP {r.status_code}"
            except requests.RequestException as exc:
                ok, problem = False, f"{name}: {exc.__class__.__name__}"
            mine.append(time.perf_counter() - t0)
            if not ok:
                with lock:
                    errors.append(problem)
        with lock:
            latencies.extend(mine)

    start = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - start
    if not latencies:
        raise SystemExit("no request completed")
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    print(f"HTTP {base_url} ({threads} threads, {seconds:g} s, all six calculators in turn)")
    rate = len(latencies) / elapsed
    print(f"  {rate:8.1f} req/s  {len(latencies)} requests, {len(errors)} errors")
    print(
        f"  latency median {1000 * statistics.median(ordered):.1f} ms, "
        f"p95 {1000 * p95:.1f} ms, max {1000 * ordered[-1]:.1f} ms"
    )
    if errors:
        print("  first errors:", "; ".join(errors[:5]))


def main() -> None:
    """Parse arguments and run the benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "url", nargs="?", help="base URL of a running portal, e.g. http://127.0.0.1:5000"
    )
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    in_process(args.seconds)
    if args.url:
        over_http(args.url, args.seconds, args.threads)


if __name__ == "__main__":
    main()
