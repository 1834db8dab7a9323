"""Benchmark: the workbench's pages at real size, under 8 concurrent users.

    python bench/bench_web.py --customers 1000000 --orders 20000000 --engine both
    python bench/bench_web.py --customers 100000 --orders 2000000 --seconds 20

For each engine (the embedded DuckDB file, a PostgreSQL server started here with
initdb/pg_ctl on 127.0.0.1):

1. builds the store once, not timed: customers and orders from ``bench/make_orders.py``
   imported through the importer, then the snapshot refresh (its time is printed); a
   DuckDB store is kept under ``--cache`` and reused by the next run of the same sizes;
2. starts ``custvalue serve`` on a free port of 127.0.0.1 (one uvicorn process, as a
   user starts it);
3. runs locust headless (``bench/locust_web.py``): ``--users`` simulated users, no pause
   between requests, for ``--seconds`` or ``--requests`` requests, whichever ends first;
4. prints p50 / p95 / p99 (ms) and the request count of each page beside the trivial
   ``/api/v1/ping`` of the same server in the same run, and the ratio of each page's
   p95 to the ping's. Locust runs on the same machine and takes CPU from the server:
   the ping's times show what that costs.

Needs locust (``pip install -r bench/requirements.txt``). Target (issue 11): the
overview, the customer list and a customer's page under 200 ms at the 95th percentile.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from make_orders import make_orders  # noqa: E402

from custvalue.data.db import connect  # noqa: E402
from custvalue.data.importing import import_frames  # noqa: E402

USER, PASSWORD = "bench", "bench-password-1"

#: page name → URL templates (``{id}``: a random customer)
PAGES: dict[str, list[str]] = {
    "ping (floor)": ["/api/v1/ping"],
    "overview /": ["/"],
    "customers list": [
        "/customers",
        "/customers?sort=overall_value&order=desc",
        "/customers?sort=realized_value&order=asc",
        "/customers?sort=recency_days&order=asc",
        "/customers?tier=gold",
        "/customers?segment=champions&sort=revenue",
        "/customers?q=C0001",
    ],
    "customer page": ["/customers/{id}"],
    "api customers": ["/api/v1/customers?limit=50", "/api/v1/customers?sort=clv&limit=50"],
    "api customer": ["/api/v1/customers/{id}"],
    "api overview": ["/api/v1/overview"],
}


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"{memory:.0f} GiB, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(url: str, customers: int, orders: int) -> None:
    """Customers and orders through the importer, the snapshot, a viewer account.

    Resumable: a store that holds the orders already is not imported again, and the
    account, added last, marks a store as built."""
    from custvalue.app import snapshots, users

    with connect(url) as db:
        if db.scalar("SELECT count(*) FROM users WHERE name = ?", [USER]):
            print("  built already")
            return
        if not db.scalar("SELECT count(*) FROM orders"):
            began = time.perf_counter()
            frame = make_orders(orders, customers, seed=11)
            # every customer, also those who have not ordered yet (a real base has them)
            width = max(6, len(str(customers)))
            ids = "C" + pl.int_range(1, customers + 1, eager=True).cast(pl.String).str.zfill(width)
            people = pl.DataFrame({"customer_id": ids, "name": "客户" + ids.str.slice(1)})
            buyers = frame["customer_id"].n_unique()
            print(f"  generated {orders:,} orders of {buyers:,} of {customers:,} customers")
            import_frames(db, {"customers": people, "orders": frame}, source="bench")
            del frame
            print(f"  imported in {time.perf_counter() - began:.1f} s", flush=True)
        began = time.perf_counter()
        snapshots.refresh(db, by=None, now=datetime.now(UTC))
        print(f"  snapshot refreshed in {time.perf_counter() - began:.1f} s", flush=True)
        users.add_user(db, name=USER, password=PASSWORD, role="viewer")


def sample_ids(url: str, n: int = 2000) -> list[str]:
    with connect(url, migrate=False) as db:
        rows = db.fetchall("SELECT customer_id FROM customers ORDER BY customer_id")
    return random.Random(5).sample([r[0] for r in rows], min(n, len(rows)))


@contextmanager
def served(url: str) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "custvalue", "--db", url, "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "CUSTVALUE_LANG": "en"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(base + "/api/v1/ping", timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    raise SystemExit(f"custvalue serve exited with {process.returncode}") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(30)


def load(
    base: str, ids: list[str], users: int, seconds: int, requests: int
) -> list[dict[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        id_file = Path(tmp) / "ids.txt"
        id_file.write_text("\n".join(ids))
        env = {
            **os.environ,
            "BENCH_USER": USER,
            "BENCH_PASSWORD": PASSWORD,
            "BENCH_IDS": str(id_file),
            "BENCH_PAGES": json.dumps(PAGES),
            "BENCH_REQUESTS": str(requests),
        }
        locust = shutil.which("locust", path=str(Path(sys.executable).parent)) or "locust"
        subprocess.run(
            [
                locust, "-f", str(ROOT / "bench" / "locust_web.py"), "--headless",
                "--host", base, "-u", str(users), "-r", str(users), "-t", f"{seconds}s",
                "--csv", str(Path(tmp) / "run"), "--only-summary", "--loglevel", "WARNING",
                "--stop-timeout", "5",
            ],
            check=False,
            env=env,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        with open(Path(tmp) / "run_stats.csv", newline="") as handle:
            return [row for row in csv.DictReader(handle) if row["Name"] in PAGES]


def report(engine: str, rows: list[dict[str, str]]) -> None:
    by_name = {row["Name"]: row for row in rows}
    floor = float(by_name["ping (floor)"]["95%"]) if "ping (floor)" in by_name else None
    print(f"\n{engine}")
    print(f"  {'page':<18}{'requests':>10}{'failed':>8}{'p50 ms':>9}{'p95 ms':>9}"
          f"{'p99 ms':>9}{'p95 / ping':>12}")  # fmt: skip
    for name in PAGES:
        row = by_name.get(name)
        if row is None:
            continue
        p95 = float(row["95%"])
        ratio = f"{p95 / floor:.1f}×" if floor else "–"
        print(
            f"  {name:<18}{int(row['Request Count']):>10,}{int(row['Failure Count']):>8,}"
            f"{float(row['50%']):>9.0f}{p95:>9.0f}{float(row['99%']):>9.0f}{ratio:>12}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=20_000_000)
    parser.add_argument("--engine", choices=["duckdb", "postgresql", "both"], default="both")
    parser.add_argument("--users", type=int, default=8, help="concurrent users (default 8)")
    parser.add_argument("--seconds", type=int, default=60, help="load time per engine")
    parser.add_argument("--requests", type=int, default=20_000, help="request cap per engine")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "cv-bench-web")
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached DuckDB store")
    args = parser.parse_args()

    print(f"machine: {machine()}")
    print(
        f"sizes: {args.customers:,} customers, {args.orders:,} orders; {args.users} users, "
        f"≤ {args.seconds} s or ≤ {args.requests:,} requests per engine"
    )
    engines = ["duckdb", "postgresql"] if args.engine == "both" else [args.engine]
    for engine in engines:
        print(f"\n[{engine}] building the store", flush=True)
        if engine == "duckdb":
            args.cache.mkdir(parents=True, exist_ok=True)
            path = args.cache / f"web-{args.customers}-{args.orders}.db"
            if args.fresh:
                path.unlink(missing_ok=True)
            build_store(str(path), args.customers, args.orders)
            rows = run(str(path), args)
        else:
            sys.path.insert(0, str(ROOT / "tests"))
            from pg_server import PostgresServer

            server = PostgresServer()
            server.start()
            try:
                url = server.new_database()
                build_store(url, args.customers, args.orders)
                rows = run(url, args)
            finally:
                server.stop()
        report(engine, rows)


def run(url: str, args: argparse.Namespace) -> list[dict[str, str]]:
    ids = sample_ids(url)
    with served(url) as base:
        return load(base, ids, args.users, args.seconds, args.requests)


if __name__ == "__main__":
    main()
