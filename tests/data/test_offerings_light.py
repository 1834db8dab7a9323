"""The offerings spec reads with the data layer's own component vocabulary: importing it
and storing offerings imports neither the delivered-value package nor scipy."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from custvalue.data.kinds import survey
import polars as pl
from custvalue.data.db import connect
from custvalue.data.importing import import_frames

db = connect(":memory:")
frame = pl.DataFrame(
    {
        "offering": ["A", "A", "B"],
        "component": ["产品价值", "技术支持", "货币成本"],
        "kind": [None, "value", None],
        "amount": [10.0, 3.0, 8.0],
        "group": [None, "情感价值", None],
    }
)
result = import_frames(db, {"offerings": frame})["offerings"]
assert result.imported == 3, result
groups = db.frame("SELECT component, value_group FROM cva_offerings ORDER BY component")
assert groups.rows() == [("monetary", None), ("product", None), ("技术支持", "emotional")], groups
heavy = sorted(
    m for m in sys.modules
    if m.split(".")[0] == "scipy" or m.startswith(("custvalue.delivered", "custvalue.choice"))
)
print(",".join(heavy))
"""


def test_offerings_import_needs_no_scipy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
