"""In-process throughput of each benefit calculator (a script, not a test).

    .venv/bin/python benchmarks/bench_calculators.py [--seconds 1.0] [--year 2025]

For each calculator it repeatedly parses a representative raw input (as a form
or JSON body would arrive), calculates with the year's rates and serialises the
result with ``to_dict()`` - the work one API request does besides HTTP - and
prints calculations per second.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from portal.domain.calculators import CALCULATORS, render_work_more_hours_chart  # noqa: E402
from portal.domain.rates import load_rates  # noqa: E402

SAMPLES: dict[str, dict[str, object]] = {
    "dagpenge": {"insurance": "full_time", "monthly_income": "32.500", "hours_worked": "40"},
    "kontanthjaelp": {
        "age": "34",
        "has_children": "on",
        "civil_status": "married",
        "own_earnings": "6000",
        "partner_earnings": "9000",
    },
    "work_more_hours": {"benefit": "kontanthjaelp", "hourly_wage": "152,50", "age": "29"},
    "sygedagpenge": {"hourly_wage": "168.40", "hours_per_week": "37"},
    "loentilskud": {
        "employer_type": "private",
        "hourly_wage": "185",
        "hours_per_week": "37",
        "weeks": "26",
        "ordinary_employees": "12",
        "subsidised_employees": "1",
    },
    "fleksjob": {"monthly_wage": "14.200", "full_time_wage": "38.000"},
}


def bench(name: str, raw: dict[str, object], seconds: float, book_dir: Path) -> tuple[int, float]:
    book = load_rates(book_dir)
    spec = CALCULATORS[name]
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(10):
            json.dumps(spec.run(raw, book).to_dict())
        count += 10
    return count, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per calculator")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--rates", type=Path, default=REPO / "content" / "rates")
    args = parser.parse_args()

    missing = set(CALCULATORS) - set(SAMPLES)
    if missing:
        print(f"no sample input for: {', '.join(sorted(missing))}", file=sys.stderr)
        return 1
    print(f"Calculations per second (parse + calculate + to_dict + json), year {args.year}")
    print(f"{'calculator':<18}{'runs':>10}{'per second':>14}{'ms per run':>12}")
    for name in CALCULATORS:
        raw = {"year": args.year, **SAMPLES[name]}
        count, elapsed = bench(name, raw, args.seconds, args.rates)
        print(f"{name:<18}{count:>10}{count / elapsed:>14.0f}{1000 * elapsed / count:>12.3f}")

    book = load_rates(args.rates)
    result = CALCULATORS["work_more_hours"].run(
        {"year": args.year, **SAMPLES["work_more_hours"]}, book
    )
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        render_work_more_hours_chart(result)
        count += 1
    elapsed = time.perf_counter() - start
    print(f"{'svg chart':<18}{count:>10}{count / elapsed:>14.0f}{1000 * elapsed / count:>12.3f}")
    start = time.perf_counter()
    load_rates(args.rates)
    print(f"load_rates (startup): {1000 * (time.perf_counter() - start):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
