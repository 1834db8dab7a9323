"""Benchmark: wall time of each CLI command, start-up included, in fresh processes.

    python bench/bench_cli.py --runs 7

Builds a demo database first (not timed; ``--db`` to reuse one), then runs every
command of the list ``--runs`` times, each in a new Python process, the commands
interleaved round by round so that a busy moment of a shared machine falls on all of
them alike. Beside them, in the same rounds: ``python -c "pass"``,
``python -c "import polars, duckdb"`` — the floor any command that reads the store
pays — and the same with pyarrow, which DuckDB loads to hand a result to Polars.
The processes keep their compiled bytecode in a temporary cache (``PYTHONPYCACHEPREFIX``,
one untimed warm-up round fills it), as an installed package has its ``.pyc`` files: with
``PYTHONDONTWRITEBYTECODE`` set, every run would compile custvalue's modules from source.
Prints the machine, Python and package versions, then per command the median and
fastest wall time, the median CPU time, the median as a multiple of the polars+duckdb
import, and the target where the project sets one.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

CLI = "from custvalue.cli import run; run()"

#: (label, arguments after ``custvalue --db DB``, target in seconds or None)
COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("custvalue --help", ["--help"], 0.3),
    ("custvalue --lang zh --help", ["--lang", "zh", "--help"], 0.3),
    ("value --top 10", ["value", "--top", "10"], 0.8),
    ("rfm", ["rfm"], 0.8),
    ("tiers", ["tiers"], 0.8),
    ("report", ["report"], 0.8),
    ("pareto", ["pareto"], None),
    ("classify", ["classify"], None),
    ("imports", ["imports"], None),
    ("value --help", ["value", "--help"], None),
    ("delivered", ["delivered"], None),
    ("cva quality", ["cva", "quality"], None),
    ("clv --help", ["clv", "--help"], None),
    ("choice --help", ["choice", "--help"], None),
]
BASELINES: list[tuple[str, str]] = [
    ('python -c "pass"', "pass"),
    ('python -c "import polars, duckdb"', "import polars, duckdb"),
    ('python -c "import polars, duckdb, pyarrow"', "import polars, duckdb, pyarrow"),
]
PACKAGES = ["custvalue", "typer", "rich", "pydantic", "polars", "duckdb", "pyarrow", "scipy"]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> list[str]:
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        f"Machine: {platform.machine()}, {cpu_model()}, {os.cpu_count()} cores, "
        f"load average at start {load}",
        f"Python {platform.python_version()} ({sys.executable})",
        "Packages: " + ", ".join(versions),
    ]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one fresh process running ``argv``."""
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{argv[3:]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (default 7)")
    parser.add_argument("--db", help="an existing demo database (default: build one)")
    parser.add_argument("--customers", type=int, default=None, help="demo size when building")
    parser.add_argument(
        "--only", nargs="*", default=None, help="labels of the commands to time (default all)"
    )
    args = parser.parse_args()
    env = {**os.environ, "COLUMNS": "120", "CUSTVALUE_LANG": "en"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    with tempfile.TemporaryDirectory() as tmp:
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        db = args.db or str(Path(tmp) / "bench-demo.db")
        if not args.db:
            demo = [sys.executable, "-c", CLI, "--db", db, "demo", "--no-serve"]
            if args.customers:
                demo += ["--customers", str(args.customers)]
            subprocess.run(demo, check=True, stdout=subprocess.DEVNULL, env=env)
        chosen = [c for c in COMMANDS if args.only is None or c[0] in args.only]
        runs: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in BASELINES}
        runs.update({label: [] for label, _, _ in chosen})
        for _, cli_args, _ in chosen:  # warm-up: fills the bytecode cache, not timed
            timed([sys.executable, "-c", CLI, "--db", db, *cli_args], env)
        for _ in range(args.runs):
            for label, code in BASELINES:
                runs[label].append(timed([sys.executable, "-c", code], env))
            for label, cli_args, _ in chosen:
                runs[label].append(timed([sys.executable, "-c", CLI, "--db", db, *cli_args], env))

    floor = statistics.median(wall for wall, _ in runs[BASELINES[1][0]])
    print("\n".join(machine()))
    print(
        f"{args.runs} runs per command, each a fresh process. Wall: median and fastest; "
        "CPU: median user + system time of the process.\n"
    )
    print("| command | wall median | wall fastest | CPU median | median / import | target |")
    print("|---|---:|---:|---:|---:|---|")
    targets = {label: target for label, _, target in chosen}
    for label, times in runs.items():
        walls = [wall for wall, _ in times]
        med, low = statistics.median(walls), min(walls)
        cpu = statistics.median(c for _, c in times)
        target = targets.get(label)
        goal = "" if target is None else f"< {target} s: {'met' if med < target else 'missed'}"
        print(
            f"| `{label}` | {med:.3f} s | {low:.3f} s | {cpu:.3f} s | {med / floor:.2f}× | {goal} |"
        )


if __name__ == "__main__":
    main()
