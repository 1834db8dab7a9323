"""Refusals of the command line that no other test names: exit 1 and the message key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import invoke, refused
from tests.cva import handmade


@pytest.fixture
def ratings_file(tmp_path: Path) -> Path:
    path = tmp_path / "ratings.csv"
    handmade.ratings("W1").vstack(handmade.ratings("W2")).write_csv(path)
    return path


def test_cva_before_and_without_our_brand(
    db_url: str, ratings_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", db_url]
    assert (
        "custvalue import ratings"
        in refused(capsys, "survey.no_ratings", *db, "cva", "quality").err
    )
    assert invoke(capsys, *db, "import", "ratings", str(ratings_file)).code == 0
    assert "--us" in refused(capsys, "survey.us_missing", *db, "cva", "quality").err
    refused(capsys, "survey.us_unknown", *db, "cva", "quality", "--us", "Z")
    # the brand is known now: the next thing missing is the weights
    err = refused(capsys, "cva.no_weights", *db, "cva", "quality", "--us", "A").err
    assert "custvalue import weights" in err


@pytest.mark.parametrize(
    ("option", "value", "known"),
    [("--wave", "W9", "W1, W2"), ("--segment", "大客户", "-")],
)
def test_cva_an_unknown_wave_or_segment(
    db_url: str,
    ratings_file: Path,
    capsys: pytest.CaptureFixture[str],
    option: str,
    value: str,
    known: str,
) -> None:
    db = ["--db", db_url]
    assert invoke(capsys, *db, "import", "ratings", str(ratings_file), "--us", "A").code == 0
    err = " ".join(
        refused(capsys, "cli.cva_unknown_value", *db, "cva", "map", option, value).err.split()
    )
    assert value in err and option in err and known in err
