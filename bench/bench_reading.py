"""Benchmark: reading a clean orders CSV in UTF-8 and in GBK (``read_table`` only).

    python bench/bench_reading.py --rows 1000000 --repeat 5

Writes (not timed) the same orders, with Chinese products and names, once in UTF-8 and
once in GBK, then times :func:`custvalue.data.reading.read_table` on each: the encoding
decided from the whole file (a UTF-8 file is one ``bytes.decode``; a GBK file adds one
vectorised pass over its lines to find UTF-8 lines) and the CSV read. Prints the best
and the median wall time and the best CPU time (user + system, Polars' threads
included) of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from custvalue.data.reading import read_table

PRODUCTS = ["苹果手机", "华为平板", "小米电视", "联想笔记本", "格力空调", "美的冰箱", "茶叶"]
NAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"]


def orders_text(rows: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = ["订单号,客户编号,日期,金额,产品,客户名称"]
    for i in range(rows):
        name = rng.choice(NAMES) + rng.choice(NAMES)
        lines.append(
            f"O{i},C{i % 50000},2023-{1 + i % 12:02d}-{1 + i % 28:02d},{i % 997}.50,"
            f"{rng.choice(PRODUCTS)},{name}"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = orders_text(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        for codec in ("utf-8", "gbk"):
            path = Path(folder) / f"orders_{codec}.csv"
            path.write_bytes(text.encode(codec))
            walls, cpus = [], []
            for _ in range(args.repeat):
                wall, cpu = time.perf_counter(), time.process_time()
                table = read_table(path)
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
            assert table.cells.height == args.rows and table.encoding == codec
            print(
                f"{codec:6s} {args.rows:>9,} rows  wall best {min(walls):.3f} s, "
                f"median {statistics.median(walls):.3f} s; CPU best {min(cpus):.3f} s"
            )


if __name__ == "__main__":
    main()
