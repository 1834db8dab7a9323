"""Benchmark: transactions → summary → BG/NBD (and Pareto/NBD) fit → scores, vs lifetimes.

    python bench/bench_clv.py --customers 1000000 --lifetimes-python /path/to/env/bin/python

Simulates a BG/NBD world (r=0.24, α=4.4, a=0.79, b=2.4 — CDNOW-like; first purchases
spread over 12 weeks; the 39-week calibration period observed — about two transactions
per customer, 20.6 M for 10 M customers) and writes the transactions to Parquet, in a
process of its own and not timed. The file is cached under ``--cache-dir`` (default: the
system temporary directory), keyed by size, seed and generator version, so a second run
of the same size reuses it.

Then each tool runs in a **fresh Python process** that starts by reading that file
(the read is timed and reported separately) and times:

- custvalue: summary (:func:`custvalue.clv.summarize`), BG/NBD fit (``BetaGeoModel().fit``,
  standard errors included — what every fit returns), score (P(alive) and expected
  purchases over 52 weeks for every customer), then a Pareto/NBD fit;
- lifetimes 0.11, in the interpreter given by ``--lifetimes-python`` (its own
  environment: ``pip install -r bench/requirements-lifetimes.txt``):
  ``summary_data_from_transaction_data``, ``BetaGeoFitter.fit`` on all customers (as its
  users do), ``conditional_probability_alive`` and
  ``conditional_expected_number_of_purchases_up_to_time`` (Pareto/NBD with
  ``--pareto-lifetimes``).

End to end is summary + fit + score (the read of the file is not included, for either
tool; it is printed, and the end to end with it). Prints each time, the ratios, the
machine, the sizes, each process's peak memory, and checks that both found the same
parameters. Without ``--lifetimes-python`` only custvalue runs.
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
from typing import Any

import numpy as np
import polars as pl

CAL_END = date(2021, 9, 30)
START = date(2021, 1, 1)
OBSERVED_DAYS = (CAL_END - START).days + 1
GENERATOR_VERSION = 2  # bump when simulate() changes: cached files are keyed by it

LIFETIMES_SCRIPT = r"""
import json, resource, sys, time
import pandas as pd
from lifetimes import BetaGeoFitter, ParetoNBDFitter
from lifetimes.utils import summary_data_from_transaction_data
path, cal_end, pareto = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
out = {}
t0 = time.perf_counter()
tx = pd.read_parquet(path)
out["read"] = time.perf_counter() - t0
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
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
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


def generate(path: str, n: int, seed: int) -> None:
    """Simulate and write the Parquet file (atomically: a partial file is never reused)."""
    partial = f"{path}.{os.getpid()}.partial"
    simulate(n, seed).write_parquet(partial)
    os.replace(partial, path)


def run_custvalue(path: str) -> dict[str, Any]:
    """The timed custvalue pipeline, in this (fresh) process."""
    from custvalue.clv import BetaGeoModel, ParetoNBDModel, summarize

    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    frame = pl.read_parquet(path)
    out["read"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    summary = summarize(
        frame, calibration_end=CAL_END, unit="week", datetime_col="date", amount="amount"
    )
    out["summary"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    bg = BetaGeoModel().fit(summary)
    out["fit"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    scored = bg.predict(summary, horizon=52)
    out["score"] = time.perf_counter() - t0
    assert scored.height == summary.height
    out["peak_mb"] = peak_mb()
    out["params"] = bg.params_
    out["standard_errors"] = bg.standard_errors_
    out["unique"] = bg.n_unique_
    out["customers"] = summary.height
    out["transactions"] = frame.height
    del frame, scored
    t0 = time.perf_counter()
    pareto = ParetoNBDModel().fit(summary)
    out["pareto_fit"] = time.perf_counter() - t0
    out["pareto_params"] = pareto.params_
    return out


def child(command: list[str]) -> dict[str, Any] | None:
    """Run one timed process; its last stdout line is the JSON of its times."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"{command[0]} failed:", done.stderr[-2000:])
        return None
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--lifetimes-python", default=None)
    parser.add_argument("--pareto-lifetimes", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--cache-dir",
        default=os.path.join(tempfile.gettempdir(), "custvalue-bench-clv"),
        help="where the simulated Parquet files are kept (keyed by size, seed, version)",
    )
    # internal: the two steps that run in processes of their own
    parser.add_argument("--generate", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--run-custvalue", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.generate, args.customers, args.seed)
        return
    if args.run_custvalue:
        print(json.dumps(run_custvalue(args.run_custvalue)))
        return

    os.makedirs(args.cache_dir, exist_ok=True)
    name = f"tx-n{args.customers}-seed{args.seed}-v{GENERATOR_VERSION}.parquet"
    path = os.path.join(args.cache_dir, name)
    script = os.path.abspath(__file__)
    if os.path.exists(path):
        print(f"data: reusing {path}")
    else:
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                script,
                "--generate",
                path,
                "--customers",
                str(args.customers),
                "--seed",
                str(args.seed),
            ],
            check=True,
        )
        print(f"data: simulated into {path} ({time.perf_counter() - t0:.1f} s, not timed)")
    print(
        f"machine: {platform.machine()} {os.cpu_count()} cores, "
        f"{platform.processor() or platform.platform()}, Python {platform.python_version()}"
    )

    ours = child([sys.executable, script, "--run-custvalue", path])
    if ours is None:
        sys.exit(1)
    ours["end_to_end"] = ours["summary"] + ours["fit"] + ours["score"]
    print(
        f"data: {args.customers:,} customers simulated, {ours['transactions']:,} transactions "
        f"(Parquet), {ours['customers']:,} in the summary, {ours['unique']:,} unique histories, "
        "unit week"
    )
    print(
        f"custvalue (fresh process): read {ours['read']:.2f} s; summary {ours['summary']:.2f} s, "
        f"BG/NBD fit {ours['fit']:.2f} s (with standard errors), score {ours['score']:.2f} s, "
        f"end to end {ours['end_to_end']:.2f} s ({ours['read'] + ours['end_to_end']:.2f} s "
        f"with the read); Pareto/NBD fit {ours['pareto_fit']:.2f} s; "
        f"peak memory {ours['peak_mb']:,.0f} MB"
    )
    print(
        "  BG/NBD",
        {k: round(v, 4) for k, v in ours["params"].items()},
        "Pareto/NBD",
        {k: round(v, 4) for k, v in ours["pareto_params"].items()},
    )
    if args.lifetimes_python:
        theirs = child(
            [
                args.lifetimes_python,
                "-c",
                LIFETIMES_SCRIPT,
                path,
                CAL_END.isoformat(),
                "1" if args.pareto_lifetimes else "0",
            ]
        )
        if theirs is not None:
            theirs["end_to_end"] = theirs["summary"] + theirs["fit"] + theirs["score"]
            print(
                f"lifetimes (fresh process): read {theirs['read']:.2f} s; summary "
                f"{theirs['summary']:.2f} s, BG/NBD fit {theirs['fit']:.2f} s, "
                f"score {theirs['score']:.2f} s, end to end {theirs['end_to_end']:.2f} s"
                + (
                    f"; Pareto/NBD fit {theirs['pareto_fit']:.2f} s"
                    if "pareto_fit" in theirs
                    else ""
                )
                + f"; peak memory {theirs['peak_mb']:,.0f} MB"
            )
            for key in ("summary", "fit", "score", "end_to_end", "pareto_fit"):
                if key in theirs:
                    print(f"  ratio lifetimes/custvalue {key}: {theirs[key] / ours[key]:.1f}x")
            gap = max(abs(theirs["params"][k] / ours["params"][k] - 1) for k in ours["params"])
            print(f"  largest relative parameter difference: {gap:.2e}")
            if theirs["customers"] != ours["customers"]:
                print(f"  customers differ: lifetimes {theirs['customers']:,}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
