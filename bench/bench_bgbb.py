"""Benchmark: BG/BB fit time by customers × opportunities, against lifetimes and the
term-by-term likelihood it replaced.

    python bench/bench_bgbb.py --sizes 10000x300,100000x200,1000000x300 \\
        --lifetimes-python /path/to/env/bin/python

Simulates a BG/BB world (the donations estimates of Fader, Hardie & Shang 2010:
α=1.204, β=0.750, γ=0.657, δ=2.783): every customer has n opportunities and, while
alive, transacts at each with probability p ~ Beta(α, β) and dies before the next with
probability θ ~ Beta(γ, δ). For each size, in the same run:

- custvalue: ``BetaGeoBetaBinomModel().fit`` on one row per customer (it groups them
  into unique (x, t_x, n) histories itself; standard errors included);
- before: the term-by-term likelihood this package used until the histories were
  grouped and the sum computed in one backward pass (``tests/clv/bgbb_reference.py``:
  one row per customer, a column per possible death opportunity), through the same
  optimiser, in a process of its own stopped after ``--before-timeout`` seconds (and
  not run above ``--before-max-cells`` customers × opportunities: its tables would not
  fit in memory);
- lifetimes 0.11 (``BetaGeoBetaBinomFitter``), in the interpreter given by
  ``--lifetimes-python`` (its own environment, ``pip install -r
  bench/requirements-lifetimes.txt``), on the unique histories with their counts as
  weights — the grouping its documentation recommends (on one row per customer it is
  slower still).

Prints the machine, each time, the ratios and the largest relative difference between
the parameters found.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
PARAMS = {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783}

LIFETIMES_SCRIPT = r"""
import json, sys, time
import pandas as pd
from lifetimes import BetaGeoBetaBinomFitter
d = pd.read_parquet(sys.argv[1])
t0 = time.perf_counter()
m = BetaGeoBetaBinomFitter().fit(d["frequency"], d["recency"], d["periods"], weights=d["w"])
fit = time.perf_counter() - t0
print(json.dumps({"fit": fit, "params": {k: float(v) for k, v in m.params_.items()}}))
"""

BEFORE_SCRIPT = r"""
import json, sys, time
import numpy as np, polars as pl
sys.path.insert(0, sys.argv[2])
from custvalue.clv.fitting import Compressed, maximize
from tests.clv.bgbb_reference import reference_loglik
d = pl.read_parquet(sys.argv[1])
names = ("alpha", "beta", "gamma", "delta")
pairs = (("x", "frequency"), ("tx", "recency"), ("n", "periods"))
cols = {k: d[c].cast(pl.Float64).to_numpy() for k, c in pairs}
t0 = time.perf_counter()
data = Compressed(cols, np.ones(d.height), float(d.height))
r = maximize(reference_loglik, data, np.ones(4), names, model="bgbb")
fit = time.perf_counter() - t0
print(json.dumps({"fit": fit, "params": dict(zip(names, map(float, r.params)))}))
"""


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def simulate(customers: int, periods: int, seed: int) -> pl.DataFrame:
    """x, t_x, n of ``customers`` with ``periods`` opportunities each."""
    rng = np.random.default_rng(seed)
    p = rng.beta(PARAMS["alpha"], PARAMS["beta"], customers)
    theta = rng.beta(PARAMS["gamma"], PARAMS["delta"], customers)
    # alive at opportunity t with probability (1 − θ)^t: the opportunity of death
    death = rng.geometric(theta)  # first opportunity at which the customer is dead
    x = np.zeros(customers)
    last = np.zeros(customers)
    for t in range(1, periods + 1):
        buys = (t < death) & (rng.random(customers) < p)
        x += buys
        last = np.where(buys, t, last)
    return pl.DataFrame(
        {"frequency": x.astype(np.int64), "recency": last.astype(np.int64), "periods": periods}
    )


def child(command: list[str], timeout: float | None) -> dict[str, Any] | str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"did not finish in {timeout:.0f} s"
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "no output"
        return "fails: " + ("did not converge" if "converge" in last else last)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def largest_difference(a: dict[str, float], b: dict[str, float]) -> float:
    return max(abs(a[k] / b[k] - 1) for k in PARAMS)


def cell(result: dict[str, Any] | str, ours: float, params: dict[str, float]) -> tuple[str, ...]:
    """(time, ratio to custvalue, largest parameter difference) of a peer's result."""
    if isinstance(result, str):
        return result, "—", ""
    diff = largest_difference(result["params"], params)
    return f"{result['fit']:.2f} s", f"{result['fit'] / ours:.1f}×", f"{diff:.1e}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", default="10000x300,100000x200,1000000x300")
    parser.add_argument("--lifetimes-python", default=None)
    parser.add_argument("--before-timeout", type=float, default=120.0)
    parser.add_argument(
        "--before-max-cells",
        type=float,
        default=3e7,
        help="skip the term-by-term fit above this many customers × opportunities (memory)",
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from custvalue.clv import BetaGeoBetaBinomModel

    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    print(
        f"machine: {platform.machine()}, {cpu_model()}, {os.cpu_count()} cores, "
        f"load average at start {load}; Python {platform.python_version()}"
    )
    print(
        "| customers | opportunities | unique histories | custvalue | before | lifetimes "
        "(grouped) | before / custvalue | lifetimes / custvalue | largest parameter "
        "difference |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for size in args.sizes.split(","):
        customers, periods = (int(v) for v in size.lower().split("x"))
        data = simulate(customers, periods, args.seed)
        t0 = time.perf_counter()
        model = BetaGeoBetaBinomModel().fit(data)
        ours = time.perf_counter() - t0
        with tempfile.TemporaryDirectory() as tmp:
            raw = os.path.join(tmp, "raw.parquet")
            grouped = os.path.join(tmp, "grouped.parquet")
            data.write_parquet(raw)
            data.group_by(["frequency", "recency", "periods"]).agg(
                pl.len().alias("w")
            ).write_parquet(grouped)
            before: dict[str, Any] | str = "not run (memory)"
            if customers * (periods + 1) <= args.before_max_cells:
                before = child(
                    [sys.executable, "-c", BEFORE_SCRIPT, raw, str(ROOT)], args.before_timeout
                )
            theirs: dict[str, Any] | str = "not installed"
            if args.lifetimes_python:
                theirs = child([args.lifetimes_python, "-c", LIFETIMES_SCRIPT, grouped], None)

        b_time, b_ratio, b_diff = cell(before, ours, model.params_)
        l_time, l_ratio, l_diff = cell(theirs, ours, model.params_)
        diffs = ", ".join(
            f"{name} {d}" for name, d in (("before", b_diff), ("lifetimes", l_diff)) if d
        )
        print(
            f"| {customers:,} | {periods} | {model.n_unique_:,} | {ours:.2f} s | {b_time} | "
            f"{l_time} | {b_ratio} | {l_ratio} | {diffs} |"
        )
        print(
            "  custvalue:",
            {k: round(v, 4) for k, v in model.params_.items()},
            f"log-likelihood {model.log_likelihood_:.2f}",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
