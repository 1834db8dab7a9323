"""``custvalue delivered``: the coil example from a file, the demo offerings from the store,
both languages, every output format, and the refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from custvalue.cli.main import main
from custvalue.delivered import example_path
from tests.cli.helpers import refused

COIL = str(example_path("coil"))
TV = str(example_path("tv"))
US, RIVAL = "墙煌", "丽岛"
STORE = "新街口苏宁"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, " ".join(err.split())


def test_coil_file_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "delivered", COIL, "--us", US)
    assert code == 0, err
    assert "Customer delivered value by offering" in out
    assert "Anderson's test" in out
    assert "29,050.00" in out  # the highest price at which we still win
    assert "730.00" in out  # value needed to justify the 800 premium
    assert "980.00" in out  # what the seed's value items add
    assert "the rules disagree" not in out
    # the parts of perceived value, the seed's items and the four costs under their names
    assert "Functional value" in out and "Emotional value" in out
    for words in ("good service value", "energy (physical) cost", "psychic (mental) cost"):
        assert words in out
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
        "体力成本",
        "精神成本",
        "良好的服务价值",
        "多年的合作愉快价值",
        "购买相关人员的情感价值",
        "功能价值",
        "社会价值",
        "情感价值",
    ):
        assert words in out
    assert "Customer delivered value" not in out


def test_json_names_every_part(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "delivered", COIL, "--us", US, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["us"] == US
    assert set(data) >= {"offerings", "choice", "comparison", "flip"}
    row = next(r for r in data["comparison"] if r["segment"] == "常州长青")
    assert row["price_premium"] == 800 and row["value_needed"] == 730
    assert row["anderson_pass"] is True and row["max_price"] == 29_050
    flip = next(
        r
        for r in data["flip"]
        if r["segment"] == "常州长青"
        and r["rule"] == "difference"
        and r["side"] == "us"
        and r["component"] == "monetary"
    )
    assert flip["change"] == 250


def test_csv_of_one_part(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "delivered", COIL, "--us", US, "--part", "comparison", "--format", "csv"
    )
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("\ufeffsegment,rival,our_value,rival_value,gap")  # with a BOM
    assert len(lines) == 2


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
        "常州长青",
        "--rule",
        "ratio",
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert {r["segment"] for r in data["offerings"]} == {"常州长青"}
    assert {r["rule"] for r in data["flip"]} == {"ratio"}
    assert {r["rule"] for r in data["choice"]} == {"ratio"}


@pytest.mark.parametrize(
    ("args", "key", "expected"),
    [
        (["--us", "X"], "delivered.unknown_us", "'X' is not among the offerings"),
        ([], "delivered.us_missing", "which offering is ours?"),
        (["--us", US, "--rival", US], "delivered.rival_is_us", "names our own offering"),
        (["--us", US, "--rival", "Y"], "delivered.unknown_rival", "rival 'Y' is not among"),
        (
            ["--us", US, "--segment", "Z"],
            "cli.delivered_unknown_segment",
            "segment 'Z' has no offerings",
        ),
        (["--us", US, "--rule", "utility"], "validation.choice", "--rule"),
        (["--us", US, "--part", "everything"], "validation.choice", "--part"),
        (
            ["--us", US, "--format", "csv"],
            "cli.delivered_csv_part",
            "--format csv writes one table",
        ),
        (
            ["--us", US, "--per-point", "-1"],
            "validation.number_range",
            "--per-point: -1.0 is out of range",
        ),
        (["--us", US, "--map", "nonsense"], "error.option", "--map"),
        (["--us", US, "--worth", "保修年限"], "error.option", "--worth"),
        (["--us", US, "--worth", "产品价值=abc"], "error.option", "expected a number"),
        (
            ["--us", US, "--worth", "产品价值=100"],
            "delivered.worth_unknown",
            "not a score component",
        ),
        (
            ["--us", US, "--group", "产品价值=fun"],
            "validation.choice",
            "--group 产品价值: 'fun' is not one of the",
        ),
        (
            ["--us", US, "--worth", "产品价值=-5"],
            "validation.number_range",
            "--worth 产品价值: -5.0 is out of range",
        ),
        (
            ["--us", US, "--sweep", "产品价值=100,0"],
            "validation.number_range",
            "--sweep 产品价值: 0.0 is out of range",
        ),
        (
            ["--us", US, "--group", "货币成本=功能价值"],
            "delivered.group_unknown",
            "not a value component",
        ),
        (
            ["--us", US, "--part", "sweep"],
            "cli.delivered_sweep_needed",
            "--part sweep needs --sweep",
        ),
        (["--us", US, "--sweep", "产品价值"], "error.option", "--sweep"),
        (["--us", US, "--sweep", "产品价值=1,x"], "error.option", "separated by commas"),
    ],
)
def test_bad_options(
    capsys: pytest.CaptureFixture[str], args: list[str], key: str, expected: str
) -> None:
    done = refused(capsys, key, "delivered", COIL, *args)
    assert expected in " ".join(done.err.split())
    assert done.out == ""


def test_bad_file_lists_rows_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "供应商,构成,金额\nA,产品价值,100\nA,技术支持,30\nA,价格,abc\n", encoding="utf-8"
    )
    done = refused(capsys, "table.bad_rows", "delivered", str(path), "--us", "A")
    out, err = done.out, " ".join(done.err.split())
    assert out == ""
    assert "bad.csv: 2 bad row(s); nothing was used" in err
    assert "技术支持" in err and "abc" in err
    missing = str(tmp_path / "missing.csv")
    err = refused(capsys, "import.file_missing", "delivered", missing, "--us", "A").err
    assert "no such file" in err


def test_stored_offerings_on_both_engines(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "delivered.no_offerings", "--db", db_url, "delivered").err
    assert "no offerings are stored" in err
    code, out, err = run(capsys, "--db", db_url, "import", "offerings", COIL)
    assert code == 0, err
    assert "21 imported" in out
    done = refused(capsys, "delivered.us_missing", "--db", db_url, "delivered", "--format", "json")
    assert "which offering is ours?" in done.err
    code, out, err = run(capsys, "--db", db_url, "delivered", "--us", US, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert {r["segment"] for r in data["comparison"]} == {"常州长青"}
    done = refused(
        capsys,
        "cli.delivered_options_need_file",
        "--db",
        db_url,
        "delivered",
        "--sheet",
        "x",
        "--us",
        US,
    )
    assert "give the file too" in " ".join(done.err.split())
    # the same file again: nothing counted twice
    code, out, _ = run(capsys, "--db", db_url, "import", "offerings", COIL)
    assert code == 0 and "0 imported, 21 duplicates skipped" in out


def test_import_offerings_with_per_point(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(
        "offering,component,amount,unit\nA,image,7,score\nA,price,50,\nB,image,5,score\nB,price,30,\n",
        encoding="utf-8",
    )
    done = refused(
        capsys, "store.strict_failed", "--db", db_url, "import", "offerings", str(path), "--strict"
    )
    out, err = done.out, " ".join(done.err.split())
    assert "nothing was imported" in err
    assert "money value per point" in " ".join(out.split())
    code, out, err = run(
        capsys, "--db", db_url, "import", "offerings", str(path), "--per-point", "10"
    )
    assert code == 0, err
    code, out, err = run(capsys, "--db", db_url, "delivered", "--us", "A", "--format", "json")
    data = json.loads(out)
    totals = {r["offering"]: r["delivered_value"] for r in data["offerings"]}
    assert totals == {"A": 20.0, "B": 20.0}
    done = refused(
        capsys, "error.option", "--db", db_url, "import", "ratings", str(path), "--per-point", "3"
    )
    assert "--per-point" in done.err


def _tv(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, list[dict[str, object]]]:
    code, out, err = run(capsys, "delivered", TV, "--us", STORE, *args, "--format", "json")
    assert code == 0, err
    data: dict[str, list[dict[str, object]]] = json.loads(out)
    return data


def _winners(data: dict[str, list[dict[str, object]]], rule: str) -> dict[object, object]:
    return {r["segment"]: r["winner"] for r in data["choice"] if r["rule"] == rule}


def test_tv_shop_as_the_seed_tells_it(capsys: pytest.CaptureFixture[str]) -> None:
    data = _tv(capsys)
    prices = {(r["segment"], r["offering"]): r["price"] for r in data["offerings"]}
    assert prices == {
        ("A 三家苏宁", "新街口苏宁"): 4000,
        ("A 三家苏宁", "浦口苏宁"): 3700,
        ("A 三家苏宁", "江宁苏宁"): 4100,
        ("B1 TCL", "新街口苏宁"): 3000,
        ("B1 TCL", "新街口国美"): 3000,
        ("B2 SHARP", "新街口苏宁"): 4000,
        ("B2 SHARP", "新街口国美"): 3600,
    }
    # A: the cheaper far store wins at 50 元 an hour; B1: the same set, price and
    # warranty, store and salesperson balance out: a tie, no winner by either rule;
    # B2: at 100 元 a warranty year the 400 元 cheaper set with one year less wins
    for rule in ("difference", "ratio"):
        assert _winners(data, rule) == {
            "A 三家苏宁": "浦口苏宁",
            "B1 TCL": None,
            "B2 SHARP": "新街口国美",
        }
    b1 = [r for r in data["choice"] if r["segment"] == "B1 TCL"]
    assert all(r["tie"] and r["tied"] == "新街口苏宁 = 新街口国美" for r in b1)
    assert not any(r["rules_disagree"] for r in data["choice"])
    tie = next(r for r in data["comparison"] if r["segment"] == "B1 TCL")
    assert tie["winner_difference"] is None and tie["rules_disagree"] is False


def test_tv_shop_the_choice_moves_with_each_worth(capsys: pytest.CaptureFixture[str]) -> None:
    # an hour worth more than 160 元 makes the nearby store the better buy
    slow = _winners(_tv(capsys, "--worth", "时间成本=150"), "difference")
    fast = _winners(_tv(capsys, "--worth", "时间成本=200"), "difference")
    assert slow["A 三家苏宁"] == "浦口苏宁" and fast["A 三家苏宁"] == STORE
    # a better salesperson (新街口国美) or a better store (新街口苏宁) breaks the B1 tie
    assert _winners(_tv(capsys, "--worth", "人员价值=80"), "difference")["B1 TCL"] == "新街口国美"
    assert _winners(_tv(capsys, "--worth", "门店=80"), "difference")["B1 TCL"] == STORE
    # a warranty year worth 400 元 ties B2; at 500 the difference rule takes the
    # longer warranty while the ratio rule still takes the cheaper set
    tied = _tv(capsys, "--worth", "保修年限=400")
    assert _winners(tied, "difference")["B2 SHARP"] is None
    dearer = _tv(capsys, "--worth", "保修年限=500")
    assert _winners(dearer, "difference")["B2 SHARP"] == STORE
    assert _winners(dearer, "ratio")["B2 SHARP"] == "新街口国美"
    b2 = [r for r in dearer["choice"] if r["segment"] == "B2 SHARP"]
    assert all(r["rules_disagree"] for r in b2)
    flip = next(
        r
        for r in _tv(capsys, "--rival", "新街口国美", "--rule", "difference")["flip"]
        if r["segment"] == "B2 SHARP" and r["side"] == "us" and r["component"] == "保修年限"
    )
    # 300 元 behind: three more warranty years at 100 元 a year
    assert flip["change"] == 300 and flip["change_points"] == 3


def test_tv_shop_groups_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    plain = _tv(capsys)
    row = next(r for r in plain["offerings"] if r["segment"] == "B2 SHARP")
    assert row["other_value"] == 700 and row["functional_value"] == 4_950
    grouped = _tv(capsys, "--group", "保修年限=功能价值", "--group", "门店=social")
    row = next(r for r in grouped["offerings"] if r["segment"] == "B2 SHARP")
    assert (row["functional_value"], row["social_value"], row["other_value"]) == (5_450, 200, 0)
    code, out, err = run(
        capsys, "--lang", "zh", "delivered", TV, "--us", STORE, "--segment", "B1 TCL"
    )
    assert code == 0, err
    assert "无人（持平）" in out and "并列第一" in out and "未分组" in out


def test_tv_shop_sweep_of_a_warranty_year(capsys: pytest.CaptureFixture[str]) -> None:
    sweep = "保修年限=100,400,500"
    data = _tv(capsys, "--sweep", sweep, "--segment", "B2 SHARP")
    by_worth = {r["worth"]: r["winner"] for r in data["sweep"] if r["rule"] == "difference"}
    assert by_worth == {100.0: "新街口国美", 400.0: None, 500.0: STORE}
    code, out, err = run(
        capsys, "--lang", "zh", "delivered", TV, "--us", STORE, "--sweep", sweep, "--part", "sweep"
    )
    assert code == 0, err
    assert "“保修年限”每分价值变化时" in out and "无人（持平）" in out and "B2 SHARP" in out
    assert "顾客让渡价值" not in out  # only the sweep table
    code, out, err = run(
        capsys,
        "delivered",
        TV,
        "--us",
        STORE,
        "--sweep",
        sweep,
        "--part",
        "sweep",
        "--format",
        "csv",
    )
    assert code == 0, err
    assert out.splitlines()[0].startswith("\ufeffworth,segment,rule,winner")


def test_stored_groups_reach_the_command(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "grouped.csv"
    path.write_text(
        "供应商,构成,类别,金额,单位,每分金额,分组\n"
        "A,产品价值,,100,元,,\nA,技术支持,价值,3,小时,10,情感价值\nA,货币成本,,50,元,,\n"
        "B,产品价值,,90,元,,\nB,技术支持,价值,1,小时,10,情感价值\nB,货币成本,,40,元,,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--db", db_url, "import", "offerings", str(path), "--strict")
    assert code == 0, err
    code, out, err = run(capsys, "--db", db_url, "delivered", "--us", "A", "--format", "json")
    assert code == 0, err
    rows = {r["offering"]: r for r in json.loads(out)["offerings"]}
    assert rows["A"]["emotional_value"] == 30 and rows["B"]["emotional_value"] == 10
    assert rows["A"]["other_value"] == 0
    # the command's --group still wins over the stored one
    code, out, err = run(
        capsys,
        "--db",
        db_url,
        "delivered",
        "--us",
        "A",
        "--group",
        "技术支持=社会价值",
        "--format",
        "json",
    )
    assert code == 0, err
    rows = {r["offering"]: r for r in json.loads(out)["offerings"]}
    assert rows["A"]["social_value"] == 30 and rows["A"]["emotional_value"] == 0
