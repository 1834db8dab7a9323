"""``custvalue choice fit | predict`` through the application's main()."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import custvalue
from custvalue.cli.main import main

FOLDER = Path(custvalue.__file__).parent / "examples" / "choice"
SURVEY = str(FOLDER / "tv_survey.csv")
SHOP = str(FOLDER / "tv_shop.csv")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err.replace("\n", "")  # messages wrap at the console width


@pytest.fixture
def model_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "tv.json"
    code, _, err = run(
        capsys,
        "choice",
        "fit",
        SURVEY,
        "--categorical",
        "品牌=TCL",
        "--categorical",
        "门店",
        "--price",
        "价格",
        "--save",
        str(path),
        "--format",
        "json",
    )
    assert code == 0, err
    return str(path)


def test_fit_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.json"
    code, out, err = run(
        capsys,
        "choice",
        "fit",
        SURVEY,
        "--categorical",
        "品牌=TCL",
        "--categorical",
        "门店=新街口苏宁",
        "--price",
        "价格",
        "--save",
        str(path),
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    coef = {r["parameter"]: r for r in data["coefficients"]}
    assert coef["价格"]["estimate"] == pytest.approx(-0.0015, abs=0.0002)
    assert coef["保修年限"]["wtp"] == pytest.approx(233, rel=0.1)
    assert {"std_error", "z_value", "p_value", "wtp_std_error"} <= set(coef["保修年限"])
    assert data["situations"] == 3600 and 0.2 < data["rho_squared"] < 0.3
    assert path.exists()


def test_fit_table_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "choice",
        "fit",
        SURVEY,
        "--categorical",
        "品牌",
        "--categorical",
        "门店",
        "--price",
        "价格",
    )
    assert code == 0
    assert "McFadden ρ²" in out and "Willingness to pay" in out and "3,600 situations" in out
    code, out, _ = run(
        capsys,
        "--lang",
        "zh",
        "choice",
        "fit",
        SURVEY,
        "--categorical",
        "品牌",
        "--categorical",
        "门店",
        "--price",
        "价格",
        "--format",
        "table",
    )
    assert code == 0
    assert "支付意愿" in out and "对数似然" in out


def test_fit_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "choice",
        "fit",
        SURVEY,
        "--categorical",
        "品牌",
        "--categorical",
        "门店",
        "--format",
        "csv",
    )
    assert code == 0
    assert out.splitlines()[0].startswith("\ufeffparameter,estimate,std_error,z_value,p_value")


def test_predict_shares_and_rule(model_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "choice", "predict", "--model", model_path, SHOP, "--format", "json"
    )
    assert code == 0, err
    data = json.loads(out)
    shares = {r["alternative"]: r["share"] for r in data["shares"]}
    assert data["winner"] == "长虹"
    assert sum(shares.values()) == pytest.approx(1.0)
    assert data["rule"][0]["winner"] == "长虹"
    code, out, _ = run(capsys, "choice", "predict", "--model", model_path, SHOP)
    assert code == 0 and "Most likely choice: 长虹" in out and "Deterministic rule" in out


def test_predict_question_b_by_situation(
    model_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    chains = str(FOLDER / "tv_chains.csv")
    code, out, err = run(capsys, "choice", "predict", "--model", model_path, chains)
    assert code == 0, err
    assert "Shares in each situation" in out and "Deterministic rule in each situation" in out
    code, out, err = run(
        capsys, "choice", "predict", "--model", model_path, chains, "--format", "json"
    )
    assert code == 0, err
    winners = {r["situation"]: r["winner"] for r in json.loads(out)["rule"]}
    assert winners == {"B1": "TCL@新街口苏宁", "B2": "SHARP@新街口国美"}
    # the dearer SHARP at 苏宁 wins once 国美 asks 3,800 for one year less
    code, out, err = run(
        capsys,
        "--lang",
        "zh",
        "choice",
        "predict",
        "--model",
        model_path,
        chains,
        "--change",
        "SHARP@新街口国美:价格=3800",
    )
    assert code == 0, err
    assert "各情境中的选择份额" in out
    b2 = [line for line in out.splitlines() if line.startswith("│ B2") and "胜" not in line]
    assert any("SHARP@新街口苏宁 │ SHARP@新街口国美" in line for line in b2)


def test_predict_with_changes(model_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "choice",
        "predict",
        "--model",
        model_path,
        SHOP,
        "--change",
        "海尔:价格=3000",
        "--change",
        "海尔：保修年限+=2",
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    row = next(r for r in data["shares"] if r["alternative"] == "海尔")
    assert row["after_share"] > row["before_share"]
    assert data["winner_before"] == "长虹" and data["winner_after"] == "海尔"
    code, out, _ = run(
        capsys,
        "--lang",
        "zh",
        "choice",
        "predict",
        "--model",
        model_path,
        SHOP,
        "--change",
        "TCL:价格+=200",
    )
    assert code == 0 and "变更前份额" in out and "最可能的选择" in out


@pytest.mark.parametrize(
    ("change", "en", "zh"),
    [
        ("海尔价格=1", "not of the form ALT:ATTR=VALUE", "格式应为"),
        ("索尼:价格=1", "no alternative '索尼'", "没有方案“索尼”"),
        ("海尔:颜色=红", "no attribute '颜色'", "没有属性“颜色”"),
        ("海尔:价格=便宜", "'便宜' is not a number", "不是数字"),
        ("海尔:门店=丁店", "'丁店' is not a level", "没有类别“丁店”"),
    ],
)
def test_bad_changes(
    model_path: str, capsys: pytest.CaptureFixture[str], change: str, en: str, zh: str
) -> None:
    code, _, err = run(capsys, "choice", "predict", "--model", model_path, SHOP, "--change", change)
    assert code == 1 and en in err and "Traceback" not in err
    code, _, err = run(
        capsys, "--lang", "zh", "choice", "predict", "--model", model_path, SHOP, "--change", change
    )
    assert code == 1 and zh in err


def test_bad_choice_file_exit_1_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "情境,方案,价格,是否选择\ns1,A,1,1\ns1,B,abc,0\ns2,A,1,0\ns2,B,2,0\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "choice", "fit", str(path))
    assert code == 1 and out == ""
    assert "line 3" in err and "价格" in err and "abc" in err
    assert "Traceback" not in err
    path.write_text(
        "情境,方案,价格,是否选择\ns1,A,1,1\ns1,B,2,0\ns2,A,1,0\ns2,B,2,0\n", encoding="utf-8"
    )
    code, _, err = run(capsys, "--lang", "zh", "choice", "fit", str(path))
    assert code == 1 and "第 4 行" in err and "情境“s2”中没有被选中的方案" in err


def test_bad_scenario_file(
    model_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.csv"
    path.write_text(SHOP_TEXT.replace("海尔,海尔,4000", "海尔,索尼,4000"), encoding="utf-8")
    code, _, err = run(capsys, "choice", "predict", "--model", model_path, str(path))
    assert code == 1 and "line 4" in err and "索尼" in err and "长虹" in err


SHOP_TEXT = (FOLDER / "tv_shop.csv").read_text(encoding="utf-8")


def test_bad_model_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.json"
    path.write_text('{"model": "conditional_logit"}', encoding="utf-8")
    code, _, err = run(capsys, "choice", "predict", "--model", str(path), SHOP)
    assert code == 1 and "lacks design" in err
    code, _, err = run(
        capsys, "--lang", "zh", "choice", "predict", "--model", str(tmp_path / "none.json"), SHOP
    )
    assert code == 1 and "Traceback" not in err


def test_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "choice", "fit", SURVEY, "--method", "bfgs")
    assert code == 1 and "--method" in err
    code, _, err = run(capsys, "choice", "fit", SURVEY, "--categorical", "品牌=")
    assert code == 1 and "--categorical" in err
    code, _, err = run(
        capsys, "choice", "fit", SURVEY, "--categorical", "品牌=索尼", "--categorical", "门店"
    )
    assert code == 1 and "索尼" in err and "levels: SHARP, TCL, 海尔, 长虹" in err
    code, _, err = run(capsys, "choice", "fit", SURVEY, "--categorical", "品牌")
    assert code == 1 and "declare it with --categorical 门店" in err


def test_help_texts(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (
        ["choice", "--help"],
        ["choice", "fit", "--help"],
        ["choice", "predict", "--help"],
    ):
        code, out, _ = run(capsys, *args)
        assert code == 0 and len(out) > 100
