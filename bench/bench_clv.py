"""Benchmark: transactions → summary → BG/NBD (and Pareto/NBD) fit → scores, vs lifetimes.

    python bench/bench_clv.py --customers 1000000 --lifetimes-python /path/to/env/bin/python

Simulates a BG/NBD world (r=0.24, α=4.4, a=0.79, b=2.4 — CDNOW-like; first purchases
spread over 12 weeks; the 39-week calibration period observed — about two transactions
per customer, 20.6 M for 10 M customers), writes the transactions to Parquet (not
timed), then times in this process:

- summary: :func:`custvalue.clv.summarize` (DuckDB) of the calibration period;
- fit: BG/NBD by maximum likelihood on the weighted unique histories;
- score: P(alive) and expected purchases over 52 weeks for every customer;
- Pareto/NBD fit (custvalue only unless ``--pareto-lifetimes``).

and the same steps with lifetimes 0.11 in the interpreter given by ``--lifetimes-python``
(its own environment: ``pip install -r bench/requirements-lifetimes.txt``), reading the
same Parquet file: ``summary_data_from_transaction_data``, ``BetaGeoFitter.fit`` on
all customers (as its users do), ``conditional_probability_alive`` and
``conditional_expected_number_of_purchases_up_to_time``. Prints each time, the ratios,
the machine, the sizes, the peak memory of this process, and checks that both found the
same parameters.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date

import numpy as np
import polars as pl

from custvalue.clv import BetaGeoModel, ParetoNBDModel, summarize

CAL_END = date(2021, 9, 30)
START = date(2021, 1, 1)
OBSERVED_DAYS = (CAL_END - START).days + 1

LIFETIMES_SCRIPT = r"""
import json, sys, time
import pandas as pd
from lifetimes import BetaGeoFitter, ParetoNBDFitter
from lifetimes.utils import summary_data_from_transaction_data
path, cal_end, pareto = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
tx = pd.read_parquet(path)
out = {}
t0 = time.perf_counter()
s = summary_data_from_transaction_data(tx, "customer_id", "date", observation_period_end=cal_end,
                                       freq="D", freq_multiplier=7)
s = s[s["T"] > 0]
out["summary"] = time.perf_counter() - t0
t0 = time.perf_counter()
bg = BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"])
out["fit"] = time.perf_counter() - t0
t0 = time.perf_counter()
p = bg.conditional_probability_alive(s["frequency"], s["recency"], s["T"])
e = bg.conditional_expected_number_of_purchases_up_to_time(52, s["frequency"], s["recency"], s["T"])
out["score"] = time.perf_counter() - t0
out["params"] = {k: float(v) for k, v in bg.params_.items()}
out["customers"] = int(len(s))
if pareto:
    t0 = time.perf_counter()
    pn = ParetoNBDFitter().fit(s["frequency"], s["recency"], s["T"])
    out["pareto_fit"] = time.perf_counter() - t0
    out["pareto_params"] = {k: float(v) for k, v in pn.params_.items()}
print(json.dumps(out))
"""


def simulate(n: int, seed: int = 7) -> pl.DataFrame:
    """Transactions of ``n`` customers in a BG/NBD world (first purchase included)."""
    rng = np.random.default_rng(seed)
    r, alpha, a, b = 0.24, 4.4, 0.79, 2.4
    lam = rng.gamma(r, 1 / alpha, n)  # purchases per week
    p = rng.beta(a, b, n)
    first = rng.integers(0, 84, n)  # first purchase day
    # weeks observed after the first purchase: up to the calibration end (a holdout
    # would only add rows that the summary filters out)
    window = (OBSERVED_DAYS - first) / 7.0
    arrivals = rng.poisson(lam * window)
    lives = rng.geometric(np.clip(p, 1e-12, 1))  # the purchase after which they drop out
    repeats = np.minimum(arrivals, lives)
    owner = np.repeat(np.arange(n), arrivals)
    times = rng.random(len(owner)) * window[owner]
    order = np.lexsort((times, owner))
    owner, times = owner[order], times[order]
    rank = np.arange(len(owner)) - np.repeat(np.cumsum(arrivals) - arrivals, arrivals)
    keep = rank < repeats[owner]
    owner, times = owner[keep], times[keep]
    all_owner = np.concatenate([np.arange(n), owner])
    days = np.concatenate([first, first[owner] + np.floor(times * 7).astype(np.int64)])
    spend = np.round(rng.gamma(6.0, 6.0, len(all_owner)), 2)
    base = np.datetime64(START.isoformat(), "D")
    return pl.DataFrame(
        {
            "customer_id": all_owner.astype(np.int64),
            "date": (base + days.astype("timedelta64[D]")).astype("datetime64[D]"),
            "amount": spend,
        }
    )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--lifetimes-python", default=None)
    parser.add_argument("--pareto-lifetimes", action="store_true")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="cv-clv-")
    path = os.path.join(tmp, "tx.parquet")
    tx = simulate(args.customers)
    tx.write_parquet(path)
    n_tx = tx.height
    del tx
    print(
        f"machine: {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"data: {args.customers:,} customers, {n_tx:,} transactions (Parquet), unit week")

    ours: dict[str, float] = {}
    t0 = time.perf_counter()
    frame = pl.read_parquet(path)
    summary = summarize(
        frame, calibration_end=CAL_END, unit="week", datetime_col="date", amount="amount"
    )
    ours["summary"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    bg = BetaGeoModel().fit(summary)
    ours["fit"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    scored = bg.predict(summary, 52)
    ours["score"] = time.perf_counter() - t0
    ours["end_to_end"] = ours["summary"] + ours["fit"] + ours["score"]
    t0 = time.perf_counter()
    pareto = ParetoNBDModel().fit(summary)
    ours["pareto_fit"] = time.perf_counter() - t0
    print(
        f"custvalue: summary {ours['summary']:.2f} s, BG/NBD fit {ours['fit']:.2f} s "
        f"({bg.n_unique_:,} unique histories), score {ours['score']:.2f} s, "
        f"end to end {ours['end_to_end']:.2f} s; Pareto/NBD fit {ours['pareto_fit']:.2f} s; "
        f"peak memory {peak_mb():,.0f} MB"
    )
    print(
        "  BG/NBD",
        {k: round(v, 4) for k, v in bg.params_.items()},
        "Pareto/NBD",
        {k: round(v, 4) for k, v in pareto.params_.items()},
    )
    assert scored.height == summary.height
    if args.lifetimes_python:
        done = subprocess.run(
            [
                args.lifetimes_python,
                "-c",
                LIFETIMES_SCRIPT,
                path,
                CAL_END.isoformat(),
                "1" if args.pareto_lifetimes else "0",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print("lifetimes failed:", done.stderr[-2000:])
        else:
            theirs = json.loads(done.stdout.strip().splitlines()[-1])
            theirs["end_to_end"] = theirs["summary"] + theirs["fit"] + theirs["score"]
            print(
                f"lifetimes: summary {theirs['summary']:.2f} s, BG/NBD fit {theirs['fit']:.2f} s, "
                f"score {theirs['score']:.2f} s, end to end {theirs['end_to_end']:.2f} s"
                + (
                    f"; Pareto/NBD fit {theirs['pareto_fit']:.2f} s"
                    if "pareto_fit" in theirs
                    else ""
                )
            )
            for key in ("summary", "fit", "score", "end_to_end", "pareto_fit"):
                if key in theirs:
                    print(f"  ratio lifetimes/custvalue {key}: {theirs[key] / ours[key]:.1f}x")
            gap = max(abs(theirs["params"][k] / bg.params_[k] - 1) for k in bg.params_)
            print(f"  largest relative parameter difference: {gap:.2e}")
    os.remove(path)
    os.rmdir(tmp)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
