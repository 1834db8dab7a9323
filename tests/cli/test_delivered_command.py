"""``custvalue delivered``: the coil example from a file, the demo offerings from the store,
both languages, every output format, and the refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from custvalue.cli.main import main
from custvalue.delivered import example_path

COIL = str(example_path("coil"))
US, RIVAL = "宝丰钢铁", "联达钢铁"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, " ".join(err.split())


def test_coil_file_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "delivered", COIL, "--us", US)
    assert code == 0, err
    assert "Customer delivered value by offering" in out
    assert "Anderson's test" in out
    assert "28,960.00" in out  # the highest price at which we still win
    assert "840.00" in out  # value needed to justify the 800 premium
    assert "the rules disagree" in out and "小型加工厂" in out
    # one rival: the flip tables are shown
    assert "What flips the choice" in out and "monetary cost (price)" in out


def test_coil_file_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--lang", "zh", "delivered", COIL, "--us", US)
    assert code == 0, err
    for words in (
        "顾客让渡价值",
        "Anderson 检验",
        "价格溢价",
        "货币成本（价格）",
        "两种规则结论不同",
    ):
        assert words in out
    assert "Customer delivered value" not in out


def test_json_names_every_part(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "delivered", COIL, "--us", US, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["us"] == US
    assert set(data) >= {"offerings", "choice", "comparison", "flip"}
    row = next(r for r in data["comparison"] if r["segment"] == "汽车零部件厂")
    assert row["price_premium"] == 800 and row["value_needed"] == 840
    assert row["anderson_pass"] is True and row["max_price"] == 28_960
    flip = next(
        r
        for r in data["flip"]
        if r["segment"] == "汽车零部件厂"
        and r["rule"] == "difference"
        and r["side"] == "us"
        and r["component"] == "monetary"
    )
    assert flip["change"] == 160


def test_csv_of_one_part(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "delivered", COIL, "--us", US, "--part", "comparison", "--format", "csv"
    )
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("segment,rival,our_value,rival_value,gap")
    assert len(lines) == 3


def test_rival_segment_and_rule_filters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "delivered",
        COIL,
        "--us",
        US,
        "--rival",
        RIVAL,
        "--segment",
        "小型加工厂",
        "--rule",
        "ratio",
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert {r["segment"] for r in data["offerings"]} == {"小型加工厂"}
    assert {r["rule"] for r in data["flip"]} == {"ratio"}
    assert {r["rule"] for r in data["choice"]} == {"ratio"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--us", "X"], "'X' is not among the offerings"),
        ([], "which offering is ours?"),
        (["--us", US, "--rival", US], "names our own offering"),
        (["--us", US, "--rival", "Y"], "rival 'Y' is not among"),
        (["--us", US, "--segment", "Z"], "segment 'Z' has no offerings"),
        (["--us", US, "--rule", "utility"], "--rule"),
        (["--us", US, "--part", "everything"], "--part"),
        (["--us", US, "--format", "csv"], "--format csv writes one table"),
        (["--us", US, "--per-point", "-1"], "above 0"),
        (["--us", US, "--map", "nonsense"], "--map"),
    ],
)
def test_bad_options(capsys: pytest.CaptureFixture[str], args: list[str], expected: str) -> None:
    code, out, err = run(capsys, "delivered", COIL, *args)
    assert code != 0
    assert expected in err
    assert "Traceback" not in err and out == ""


def test_bad_file_lists_rows_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "供应商,构成,金额\nA,产品价值,100\nA,技术支持,30\nA,价格,abc\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "delivered", str(path), "--us", "A")
    assert code == 1 and out == ""
    assert "bad.csv: 2 bad row(s); nothing was used" in err
    assert "技术支持" in err and "abc" in err
    code, _, err = run(capsys, "delivered", str(tmp_path / "missing.csv"), "--us", "A")
    assert code == 1 and "no such file" in err


def test_stored_offerings_on_both_engines(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", db_url, "delivered")
    assert code == 1 and "no offerings are stored" in err
    code, out, err = run(capsys, "--db", db_url, "import", "offerings", COIL)
    assert code == 0, err
    assert "35 imported" in out
    code, out, err = run(capsys, "--db", db_url, "delivered", "--format", "json")
    assert code == 1 and "which offering is ours?" in err
    code, out, err = run(capsys, "--db", db_url, "delivered", "--us", US, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert {r["segment"] for r in data["comparison"]} == {"汽车零部件厂", "小型加工厂"}
    code, _, err = run(capsys, "--db", db_url, "delivered", "--sheet", "x", "--us", US)
    assert code == 1 and "give the file too" in err
    # the same file again: nothing counted twice
    code, out, _ = run(capsys, "--db", db_url, "import", "offerings", COIL)
    assert code == 0 and "0 imported, 35 duplicates skipped" in out


def test_import_offerings_with_per_point(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(
        "offering,component,amount,unit\nA,image,7,score\nA,price,50,\nB,image,5,score\nB,price,30,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--db", db_url, "import", "offerings", str(path), "--strict")
    assert code == 1 and "nothing was imported" in err
    assert "money value per point" in " ".join(out.split())
    code, out, err = run(
        capsys, "--db", db_url, "import", "offerings", str(path), "--per-point", "10"
    )
    assert code == 0, err
    code, out, err = run(capsys, "--db", db_url, "delivered", "--us", "A", "--format", "json")
    data = json.loads(out)
    totals = {r["offering"]: r["delivered_value"] for r in data["offerings"]}
    assert totals == {"A": 20.0, "B": 20.0}
    code, _, err = run(capsys, "--db", db_url, "import", "ratings", str(path), "--per-point", "3")
    assert code != 0 and "--per-point" in err
