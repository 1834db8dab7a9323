"""Every kind is a declared spec read by one pipeline; adding a kind is declaring one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from custvalue.data.db import Database
from custvalue.data.importing import import_frames
from custvalue.data.kinds import ALL_KINDS, TABLE_SPECS, declare, spec_of
from custvalue.data.spec import Field, TableSpec
from custvalue.data.storing import import_table
from custvalue.exceptions import DataValidationError, ImportFileError

NPS = TableSpec(
    "import.kind_customers",
    (
        Field("wave", "text", ("批次",), required=False, default=""),
        Field("respondent", "id", ("受访者",)),
        Field("score", "number", ("推荐意愿", "nps"), minimum=0, maximum=10),
        Field("comment", "text", ("意见",), required=False),
    ),
    kind="test_nps",
    key=("wave", "respondent"),
    table="test_nps",
)


@pytest.fixture
def nps(db: Database) -> Iterator[TableSpec]:
    """A kind a later issue might add: declared, with its store table."""
    db.execute(
        "CREATE TABLE test_nps (wave TEXT NOT NULL, respondent TEXT NOT NULL, "
        "score DOUBLE PRECISION NOT NULL, comment TEXT, import_id BIGINT)"
    )
    declare(NPS)
    yield NPS
    TABLE_SPECS.pop("test_nps", None)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_declared_kind_is_read_checked_and_stored(
    db: Database, nps: TableSpec, tmp_path: Path
) -> None:
    text = "批次,受访者,推荐意愿,意见\nW1,r1,9,好\nW1,r2,11,\nW1,r3,七,\nW1,r1,9,好\n"
    result = import_table(db, "test_nps", _write(tmp_path / "nps.csv", text))
    assert result.imported == 1 and result.duplicates == 1
    bad = {(r.line, r.column, r.value, r.reason) for r in result.rejected}
    assert bad == {
        (3, "推荐意愿", "11", "table.out_of_range"),
        (4, "推荐意愿", "七", "table.bad_number"),
    }
    assert "超出范围" in result.rejected[0].message("zh")
    again = import_table(db, "test_nps", _write(tmp_path / "nps2.csv", "受访者,推荐意愿\nr1,5\n"))
    assert again.imported == 1  # another wave ("" ) is another key
    changed = "批次,受访者,推荐意愿\nW1,r1,3\n"
    refused = import_table(db, "test_nps", _write(tmp_path / "nps3.csv", changed))
    assert [r.reason for r in refused.rejected] == ["survey.conflicts_stored"]
    from custvalue.cli.main import main

    cli_file = _write(tmp_path / "nps4.csv", "批次,受访者,推荐意愿\nW3,r1,8\n")
    assert main(["--db", db.url, "import", "test_nps", str(cli_file)]) == 0
    frame = pl.DataFrame({"wave": ["W2"], "respondent": ["r1"], "score": [10.0]})
    assert import_frames(db, {"test_nps": frame})["test_nps"].imported == 1
    assert db.scalar("SELECT COUNT(*) FROM test_nps") == 4
    kinds = [r[0] for r in db.fetchall("SELECT kind FROM imports ORDER BY import_id")]
    assert kinds == ["test_nps"] * 5


def test_a_spec_without_table_or_key_is_refused() -> None:
    with pytest.raises(DataValidationError):
        declare(TableSpec("import.kind_orders", NPS.fields, kind="x"))
    with pytest.raises(DataValidationError):
        declare(TableSpec("import.kind_orders", NPS.fields, kind="x", table="t", key=("nope",)))
    assert "x" not in TABLE_SPECS


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_kind_refuses_a_header_only_file(kind: str, tmp_path: Path) -> None:
    from custvalue.data.kinds import read_kind

    spec = spec_of(kind)
    header = ",".join(f.name for f in spec.fields)
    with pytest.raises(ImportFileError) as caught:
        read_kind(kind, _write(tmp_path / f"{kind}.csv", header + "\n"))
    assert caught.value.code == "import.no_data_rows"


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_kind_names_a_missing_required_column(kind: str, tmp_path: Path) -> None:
    from custvalue.data.kinds import read_kind

    spec = spec_of(kind)
    first = spec.required[0]
    header = ",".join(f.name for f in spec.fields if f.name != first) + ",买家"
    with pytest.raises(ImportFileError) as caught:
        read_kind(kind, _write(tmp_path / f"{kind}.csv", header + "\nx\n"))
    assert caught.value.code == "import.missing_columns" and first in str(caught.value)


def test_unknown_kind_lists_the_declared_ones() -> None:
    with pytest.raises(ImportFileError) as caught:
        spec_of("invoices")
    assert "customers" in str(caught.value) and "offerings" in str(caught.value)
    assert "complaints" in str(caught.value) and "shipments" in str(caught.value)


def test_import_file_takes_every_declared_kind(db: Database, tmp_path: Path) -> None:
    from custvalue.data.importing import import_file

    text = "受访者,品牌,属性,评分\nr1,我们,质量,8\nr1,他们,质量,6\n"
    result = import_file(db, "ratings", _write(tmp_path / "r.csv", text))
    assert result.imported == 2 and db.scalar("SELECT COUNT(*) FROM cva_ratings") == 2
    with pytest.raises(ImportFileError) as caught:
        import_file(db, "invoices", tmp_path / "r.csv")
    assert "customers" in str(caught.value) and "ratings" in str(caught.value)
