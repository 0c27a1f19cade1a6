"""Print the figures of a Locust run from its CSV (`--csv PREFIX`) and check them against
the targets: requests/s, p50/p95/p99 and errors per request group.

    .venv/bin/python benchmarks/load_report.py var/bench/mixed [--p95 page=300,chat=300]
Exit status 0 always (a benchmark reports; it does not fail a build).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("prefix")
    parser.add_argument("--p95", default="", help="name=ms targets, comma-separated")
    parser.add_argument("--title", default="")
    args = parser.parse_args()
    targets = dict(item.split("=") for item in args.p95.split(",") if item)
    with Path(f"{args.prefix}_stats.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    print(f"--- {args.title or Path(args.prefix).name}")
    print(
        f"{'group':<12}{'requests':>9}{'errors':>8}{'req/s':>9}"
        f"{'p50':>7}{'p95':>7}{'p99':>7}  target"
    )
    for row in rows:
        name = row["Name"]
        p95 = row["95%"]
        verdict = ""
        if name in targets:
            ok = float(p95) < float(targets[name]) and row["Failure Count"] == "0"
            verdict = f"p95 < {targets[name]} ms, no errors: {'met' if ok else 'MISSED'}"
        print(
            f"{name:<12}{row['Request Count']:>9}{row['Failure Count']:>8}"
            f"{float(row['Requests/s']):>9.1f}{row['50%']:>7}{p95:>7}{row['99%']:>7}  {verdict}"
        )
    failures = Path(f"{args.prefix}_failures.csv")
    if failures.exists():
        with failures.open() as fh:
            failed = list(csv.DictReader(fh))
        for row in failed[:5]:
            print(f"  error: {row['Name']}: {row['Error'][:100]} x{row['Occurrences']}")


if __name__ == "__main__":
    main()
