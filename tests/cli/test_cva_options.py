"""``cva quality/price/map`` options of the published conventions: ``--ratio-digits``
(round each ratio before weighting) and ``--price-reference`` (relative to whom)."""

from __future__ import annotations

import json

import pytest

from custvalue.cva.profile import profile
from custvalue.cva.store import load_survey
from custvalue.cva.valuemap import value_map
from custvalue.data.db import connect
from tests.cli.helpers import invoke, refused


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    from custvalue.cli.main import main

    db = str(tmp_path_factory.mktemp("cva") / "demo.db")
    assert main(["--db", db, "demo", "--customers", "10", "--format", "json"]) == 0
    return db


@pytest.mark.parametrize("kind", ["quality", "price"])
def test_ratio_digits_round_each_ratio_before_weighting(
    demo: str, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    done = invoke(capsys, "--db", demo, "cva", kind, "--ratio-digits", "1", "--format", "json")
    assert done.code == 0, done.err
    rows = json.loads(done.out)["attributes"]
    assert rows and all(round(r["ratio"], 1) == r["ratio"] for r in rows)
    for r in rows:
        assert r["contribution"] == pytest.approx(r["weight"] / 100 * r["ratio"], rel=1e-9)
    with connect(demo) as db:
        survey = load_survey(db, wave=json.loads(done.out)["wave"])  # the latest, as the CLI
    expected = profile(survey, kind, ratio_digits=1).overall  # type: ignore[arg-type]
    got = {o["rival"]: o["ratio"] for o in json.loads(done.out)["overall"]}
    assert got == pytest.approx(dict(zip(expected["rival"], expected["ratio"], strict=True)))
    plain = invoke(capsys, "--db", demo, "cva", kind, "--format", "json")
    assert json.loads(plain.out)["attributes"] != rows  # the rounding is really applied


def test_price_reference_market_divides_by_everyone(
    demo: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    out = {}
    wave = None
    for reference in ("others", "market"):
        done = invoke(
            capsys,
            "--db",
            demo,
            "cva",
            "map",
            "--price-reference",
            reference,
            "--price-source",
            "market",
            "--format",
            "json",
        )
        assert done.code == 0, done.err
        wave = json.loads(done.out)["wave"]
        out[reference] = {
            p["competitor"]: p["relative_price"] for p in json.loads(done.out)["points"]
        }
    with connect(demo) as db:
        survey = load_survey(db, wave=wave)
    for reference, prices in out.items():
        vm = value_map(survey, price_source="market", price_reference=reference)  # type: ignore[arg-type]
        assert prices == pytest.approx(
            dict(zip(vm.points["competitor"], vm.points["relative_price"], strict=True))
        )
    assert out["market"] != out["others"]


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["cva", "quality", "--ratio-digits", "-1"], "validation.number_range"),
        (["cva", "map", "--ratio-digits", "13"], "validation.number_range"),
        (["cva", "map", "--price-reference", "mine"], "validation.choice"),
    ],
)
def test_bad_values_are_refused(
    demo: str, args: list[str], key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    err = refused(capsys, key, "--db", demo, *args).err
    assert args[2] in err
