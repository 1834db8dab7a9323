"""``custvalue survey …`` on the demo company, in English and Chinese, as tables and
JSON; the refusals exit 1 with their message and no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from custvalue.app.demo import create_demo, generate
from custvalue.data.db import connect
from tests.cli.helpers import invoke, refused

WEIGHTS = "tangibles=10,reliability=30,responsiveness=20,assurance=20,empathy=20"


@pytest.fixture
def demo_url(db_url: str) -> str:
    with connect(db_url) as db:
        create_demo(db, ledger=generate(customers=200, seed=7), seed=7)
    return db_url


@pytest.mark.parametrize(
    "args",
    [
        ["nps"], ["nps", "--by", "wave"], ["csat", "--by", "touchpoint"], ["ces"], ["gaps"],
        ["ipa", "--cross", "scale"], ["drivers"], ["kano"],
        ["servqual", "--weights", WEIGHTS], ["gaps", "--by", "wave"],
        ["servqual", "--by", "wave", "--confidence", "0.9"],
    ],
)  # fmt: skip
def test_every_measure_in_both_languages(
    capsys: pytest.CaptureFixture[str], demo_url: str, args: list[str]
) -> None:
    english = invoke(capsys, "--db", demo_url, "--lang", "en", "survey", *args)
    assert english.code == 0, english.err
    chinese = invoke(capsys, "--db", demo_url, "--lang", "zh", "survey", *args)
    assert chinese.code == 0, chinese.err
    assert "_" not in english.out.splitlines()[0]  # a title, not a code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese.out.splitlines()[0])
    if "--by" in args and "wave" in args and args[0] != "nps":
        assert "Holm" in english.out and "Significant" in english.out and "显著" in chinese.out


def test_nps_by_wave_as_json(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    done = invoke(capsys, "--db", demo_url, "survey", "nps", "--by", "wave", "--format", "json")
    assert done.code == 0
    document = json.loads(done.out)
    assert [r["group"] for r in document["table"]] == ["2024H1", "2024H2"]
    assert document["changes"][0]["from"] == "2024H1"


def test_refusals(capsys: pytest.CaptureFixture[str], demo_url: str, tmp_path: Path) -> None:
    refused(capsys, "cli.cva_unknown_value", "--db", demo_url, "survey", "nps", "--wave", "1999")
    refused(capsys, "voice.unknown_by", "--db", demo_url, "survey", "nps", "--by", "colour")
    refused(capsys, "error.option", "--db", demo_url, "survey", "servqual", "--weights", "lots")
    refused(capsys, "satisfaction.weights_sum", "--db", demo_url, "survey", "servqual",
            "--weights", WEIGHTS.replace("30", "10").replace("20", "10"))  # fmt: skip
    refused(capsys, "error.option", "--db", demo_url, "survey", "ipa", "--scale", "seven")
    refused(capsys, "validation.choice", "--db", demo_url, "survey", "drivers", "--method", "magic")
    empty = str(tmp_path / "empty.db")
    done = refused(capsys, "voice.no_answers", "--db", empty, "survey", "kano")
    assert "custvalue import kano" in done.err


def test_what_moves_value(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    for lang in ("en", "zh"):
        done = invoke(capsys, "--db", demo_url, "--lang", lang, "survey", "value", "--draws", "20")
        assert done.code == 0, done.err
    assert (
        "What moves value"
        in invoke(capsys, "--db", demo_url, "--lang", "en", "survey", "value", "--draws", "0").out
    )
    document = json.loads(
        invoke(capsys, "--db", demo_url, "survey", "value", "--draws", "0", "--format", "json").out
    )
    assert document["table"][0]["predictor"] == "overall" and document["respondents"] > 0
    bad = invoke(capsys, "--db", demo_url, "survey", "value", "--holdout-days", "10")
    assert bad.code == 2 and "--holdout-days" in bad.err
