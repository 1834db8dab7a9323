"""``custvalue worker``: refused on a DuckDB file, with the single-writer rule named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import refused


def test_a_worker_is_refused_on_a_duckdb_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = tmp_path / "shop.db"
    done = refused(capsys, "job.worker_duckdb", "worker", "--db", str(store))
    assert "single-writer rule" in done.err and "custvalue serve" in done.err
    assert not store.exists()  # refused before anything was opened


def test_the_refusal_is_in_chinese_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    done = refused(
        capsys, "job.worker_duckdb", "--lang", "zh", "worker", "--db", str(tmp_path / "s.db")
    )
    assert "单写入者规则" in done.err
