"""Exports: CSV (with and without a BOM), XLSX, ``--output`` and its refusals, formula
neutralisation in both spreadsheet formats, one test per command that exports."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import pytest
from typer._click.core import Command, Context

import custvalue
from custvalue.cli.common import state
from custvalue.cli.main import COMMANDS, load_command, main
from custvalue.data.db import connect

H12800 = Path(custvalue.__file__).parent / "examples" / "h12800"

EXAMPLES = Path(custvalue.__file__).parent / "examples"
SURVEY = str(EXAMPLES / "choice" / "tv_survey.csv")
SHOP = str(EXAMPLES / "choice" / "tv_shop.csv")
CHOICE_FIT = ["choice", "fit", SURVEY, "--categorical", "品牌=TCL", "--categorical", "门店"]
CHOICE_FIT += ["--price", "价格"]

#: names a spreadsheet would run as formulas, and one to keep as it is
NASTY = {
    "N1": '=HYPERLINK("http://evil.example","click")',
    "N2": "+1+1",
    "N3": "-2+3",
    "N4": "@SUM(A1:A9)",
    "N7": "\x1b[31mRED\x1b[0m",
    "N8": "A-1 plain",
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    state.last_error = None
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def refused_with(key: str) -> bool:
    """The last command was refused with message ``key`` (not a crash)."""
    return state.last_error == key


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A small demo company (orders, costs, surveys, offerings)."""
    db = str(tmp_path_factory.mktemp("exports") / "demo.db")
    assert main(["--db", db, "demo", "--customers", "200", "--format", "json"]) == 0
    return db


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for the outputs."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def nasty_db(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Customers whose names start like formulas, one refund (a negative amount)."""
    customers = tmp_path / "customers.csv"
    with customers.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["customer_id", "name"])
        writer.writerows((cid, "later" if cid == "N7" else name) for cid, name in NASTY.items())
    orders = tmp_path / "orders.csv"
    rows = [f"{cid},2024-01-0{i + 1},{100 * (i + 1)}" for i, cid in enumerate(NASTY)]
    rows.append("N3,2024-02-01,-500")  # a refund bigger than the order
    orders.write_text("customer_id,date,amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    for kind, path in (("customers", customers), ("orders", orders)):
        code, _, err = run(capsys, "--db", db_url, "import", kind, str(path))
        assert code == 0, err
    # the importer refuses control characters; another program may still write them
    store = connect(db_url)
    try:
        store.execute("UPDATE customers SET name = ? WHERE customer_id = 'N7'", (NASTY["N7"],))
    finally:
        store.close()
    return db_url


def _read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# -- every command with --format has every output option --------------------------------


def _commands() -> list[tuple[str, Command]]:
    found: list[tuple[str, Command]] = []
    for entry in COMMANDS:
        command = load_command(entry)
        subs = getattr(command, "commands", {})
        found += [(f"{entry.name} {n}", c) for n, c in subs.items()] or [(entry.name, command)]
    return found


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[n for n, _ in _commands()])
def test_every_command_with_format_has_every_output_option(name: str, command: Command) -> None:
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    if "--format" not in options:
        return
    assert {"--output", "--no-bom", "--wide"} <= options, name
    fmt = next(p for p in command.params if "--format" in getattr(p, "opts", []))
    assert fmt.display_type(Context(command)) == "<table|json|csv|xlsx>", name


def test_the_commands_with_format_are_the_ones_expected() -> None:
    with_format = {
        name
        for name, command in _commands()
        if any("--format" in getattr(p, "opts", []) for p in command.params)
    }
    assert {"value", "rfm", "report", "clv score", "cva map", "delivered", "import"} <= with_format
    assert len(with_format) >= 20


# -- CSV: the BOM ------------------------------------------------------------------------


def test_csv_has_a_bom_by_default_and_no_bom_omits_it(
    nasty_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", nasty_db, "value", "--format", "csv")
    assert code == 0, err
    assert out.startswith("\ufeffcustomer_id,") and out.count("\ufeff") == 1
    code, out, err = run(capsys, "--db", nasty_db, "value", "--format", "csv", "--no-bom")
    assert code == 0, err
    assert out.startswith("customer_id,") and "\ufeff" not in out


def test_csv_to_a_file_is_utf8_with_a_bom(
    nasty_db: str, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = out_dir / "值.csv"
    code, out, err = run(
        capsys, "--db", nasty_db, "value", "--format", "csv", "--output", str(target)
    )
    assert code == 0, err
    assert out == "" and f"Written: {target} (CSV, 6 rows)" in err
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfcustomer_id,")
    assert len(_read_csv(data)) == len(NASTY)
    assert sorted(os.listdir(out_dir)) == ["值.csv"]  # no temporary file left
    code, _, err = run(
        capsys, "--db", nasty_db, "value", "--format", "csv", "--no-bom", "--output", str(target)
    )
    assert code == 0 and "CSV without BOM" in err
    assert target.read_bytes().startswith(b"customer_id,")


# -- neutralisation ----------------------------------------------------------------------


def test_csv_neutralises_formulas_and_keeps_numbers(
    nasty_db: str, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = out_dir / "v.csv"
    code, _, err = run(capsys, "--db", nasty_db, "value", "--output", str(target))
    assert code == 0, err
    rows = {r["customer_id"]: r for r in _read_csv(target.read_bytes())}
    for cid in ("N1", "N2", "N3", "N4"):
        assert rows[cid]["name"] == "'" + NASTY[cid], cid
    assert rows["N7"]["name"] == NASTY["N7"]  # not a formula: the data as it is
    assert rows["N8"]["name"] == "A-1 plain"
    assert rows["N3"]["revenue"] == "-200.0"  # a negative amount is a number
    assert float(rows["N3"]["realized_value"]) < 0


def test_xlsx_neutralises_formulas_and_keeps_numbers(
    nasty_db: str, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = out_dir / "v.xlsx"  # the format from the extension
    code, out, err = run(capsys, "--db", nasty_db, "value", "--output", str(target))
    assert code == 0, err
    assert out == "" and "Excel, 1 sheet(s), 6 rows" in err
    book = openpyxl.load_workbook(target)
    sheet = book.worksheets[0]
    assert sheet.title == "Customer value"
    header = [c.value for c in sheet[1]]
    cells = {
        row[0].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)
    }
    for cid in ("N1", "N2", "N3", "N4"):
        name = cells[cid]["name"]
        assert name.value == "'" + NASTY[cid] and name.data_type == "s", cid
    # no cell anywhere is a formula
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    # a worksheet cannot hold ESC: it is shown as an escape
    assert cells["N7"]["name"].value == "\\x1b[31mRED\\x1b[0m"
    revenue = cells["N3"]["revenue"]
    assert revenue.value == -200 and revenue.data_type == "n"
    assert cells["N1"]["first_order"].is_date


# -- --output refusals -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_output_refuses_a_folder(
    nasty_db: str, out_dir: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    # a folder is named as such, with or without --format
    code, out, err = run(
        capsys, "--lang", lang, "--db", nasty_db, "value", "--output", str(out_dir)
    )
    assert code == 1 and refused_with("output.is_folder")
    code, out, err = run(
        capsys,
        "--lang",
        lang,
        "--db",
        nasty_db,
        "value",
        "--format",
        "csv",
        "--output",
        str(out_dir),
    )
    assert code == 1 and out == "" and refused_with("output.is_folder")
    assert str(out_dir) in err
    assert ("it is a folder" if lang == "en" else "这是一个文件夹") in err
    assert os.listdir(out_dir) == []


def test_output_refuses_a_missing_folder_and_creates_nothing(
    nasty_db: str, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = out_dir / "missing" / "v.csv"
    code, _, err = run(capsys, "--db", nasty_db, "value", "--output", str(target))
    assert code == 1 and refused_with("output.no_folder")
    assert f"Cannot write {target}: the folder {out_dir / 'missing'} does not exist" in err
    assert not (out_dir / "missing").exists()


def test_output_refuses_a_file_as_folder(
    nasty_db: str, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = out_dir / "file.txt"
    blocker.write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "--db", nasty_db, "value", "--output", str(blocker / "v.csv"))
    assert code == 1 and refused_with("output.not_a_folder")
    assert "is a file, not a folder" in err
    assert blocker.read_text(encoding="utf-8") == "keep me"


def test_output_refuses_a_folder_without_permission(capsys: pytest.CaptureFixture[str]) -> None:
    """A folder the user may not write to. Root passes every permission check, so as root
    (in CI) the command runs as the unprivileged user ``nobody`` (``setpriv``)."""
    base = Path(tempfile.mkdtemp(prefix="custvalue-perm-"))
    try:
        base.chmod(0o777)
        db = base / "h.db"
        for kind in ("customers", "orders", "costs"):
            code, _, err = run(capsys, "--db", str(db), "import", kind, str(H12800 / f"{kind}.csv"))
            assert code == 0, err
        for stored in base.iterdir():
            stored.chmod(0o666)
        locked = base / "locked"
        locked.mkdir(mode=0o500)
        locked.chmod(0o555)
        args = ["--db", str(db), "value", "--output", str(locked / "v.csv")]
        if os.geteuid() == 0:
            done = subprocess.run(
                [
                    "setpriv",
                    "--reuid=65534",
                    "--regid=65534",
                    "--clear-groups",
                    sys.executable,
                    "-m",
                    "custvalue",
                    *args,
                ],
                capture_output=True,
                text=True,
                check=False,
                timeout=120,
                env={**os.environ, "HOME": str(base), "CUSTVALUE_LANG": "en"},
            )
            code, err = done.returncode, done.stderr
        else:
            code, _, err = run(capsys, *args)
            assert refused_with("output.not_writable")
        assert code == 1 and "no permission" in err, err
        assert "Traceback" not in err and not (locked / "v.csv").exists()
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_output_with_an_unknown_extension_asks_for_a_format(
    nasty_db: str, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = out_dir / "v.txt"
    code, _, err = run(capsys, "--db", nasty_db, "value", "--output", str(target))
    assert code == 1 and refused_with("output.which_format")
    assert "say which format to write with --format csv, json or xlsx" in err
    assert not target.exists()
    code, _, err = run(
        capsys, "--db", nasty_db, "value", "--format", "json", "--output", str(target)
    )
    assert code == 0, err
    assert len(json.loads(target.read_text(encoding="utf-8"))) == len(NASTY)


def test_a_refused_command_writes_no_output_file(
    nasty_db: str, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = out_dir / "v.csv"
    code, _, err = run(
        capsys, "--db", nasty_db, "value", "--sort", "nosuch", "--output", str(target)
    )
    assert code == 1 and refused_with("error.option") and "--sort" in err
    assert os.listdir(out_dir) == []


def test_json_output_file_replaces_the_old_one_whole(
    nasty_db: str, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = out_dir / "v.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    code, _, err = run(capsys, "--db", nasty_db, "value", "--output", str(target))
    assert code == 0, err
    assert [r["customer_id"] for r in json.loads(target.read_text("utf-8"))][0].startswith("N")
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(out_dir)) == ["v.json"]


# -- commands with several tables --------------------------------------------------------


def test_report_refuses_csv_and_writes_one_sheet_per_part(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", demo_db, "report", "--format", "csv")
    assert code == 1 and out == "" and refused_with("output.one_table")
    assert "--format csv writes one table, and custvalue report has several" in err
    target = tmp_path / "report.xlsx"
    code, _, err = run(capsys, "--db", demo_db, "report", "--output", str(target))
    assert code == 0, err
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [
        "Top customers",
        "Customer pyramid",
        "80 20 analysis",
        "RFM segments",
    ]
    assert book["Top customers"].max_row == 11  # the header and the top 10
    metrics = {r[0]: r[2] for r in book["80 20 analysis"].iter_rows(min_row=2, values_only=True)}
    assert isinstance(metrics["gini"], float) and metrics["value_column"] == "realized_value"


def test_delivered_writes_every_part_as_a_sheet(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "delivered.xlsx"
    code, _, err = run(capsys, "--db", demo_db, "delivered", "--output", str(target))
    assert code == 0, err
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Offerings", "Choice", "Comparison", "Flip points"]


def test_demo_refuses_csv_before_building(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.db"
    code, _, err = run(capsys, "--db", str(db), "demo", "--format", "csv")
    assert code == 1 and refused_with("output.one_table") and "custvalue demo has several" in err
    assert not db.exists()


# -- one test per export path ------------------------------------------------------------

EXPORTS: list[list[str]] = [
    ["value"],
    ["value", "--by-year"],
    ["rfm"],
    ["rfm", "--customers"],
    ["tiers"],
    ["tiers", "--customers"],
    ["pareto"],
    ["pareto", "--curve"],
    ["classify"],
    ["classify", "--customers"],
    ["imports"],
    ["clv", "fit"],
    ["clv", "fit", "--model", "sbg"],
    ["clv", "score"],
    ["clv", "validate", "--calibration-end", "2023-12-31"],
    ["cva", "quality"],
    ["cva", "price"],
    ["cva", "map"],
    ["cva", "winloss"],
    ["cva", "head2head", "鑫诚办公"],
    ["cva", "events"],
    ["cva", "whatwho"],
    ["cva", "trend"],
    ["delivered", "--part", "comparison"],
    ["delivered", "--part", "offerings"],
    CHOICE_FIT,
]


@pytest.mark.parametrize("args", EXPORTS, ids=[" ".join(a[:3]) for a in EXPORTS])
def test_export_path_writes_the_same_table_as_csv_and_xlsx(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    as_csv, as_xlsx = tmp_path / "out.csv", tmp_path / "out.xlsx"
    code, out, err = run(capsys, "--db", demo_db, *args, "--format", "csv", "--output", str(as_csv))
    assert code == 0, err
    assert out == ""
    data = as_csv.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, rows = table[0], table[1:]
    assert header and rows, args
    code, out, err = run(
        capsys, "--db", demo_db, *args, "--format", "xlsx", "--output", str(as_xlsx)
    )
    assert code == 0, err
    assert out == ""
    book = openpyxl.load_workbook(as_xlsx)
    # the CSV table is one of the sheets (the first, or the detail of a command with several)
    sheets = {s.title: list(s.iter_rows(values_only=True)) for s in book.worksheets}
    same = [n for n, r in sheets.items() if list(r[0]) == header and len(r) - 1 == len(rows)]
    assert same, (args, list(sheets))


def test_choice_predict_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "tv.json"
    code, _, err = run(capsys, *CHOICE_FIT, "--save", str(model), "--format", "json")
    assert code == 0, err
    args = ["choice", "predict", "--model", str(model), SHOP, "--change", "TCL:价格-=300"]
    code, out, err = run(capsys, *args, "--format", "csv", "--no-bom")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["alternative"] for r in rows} >= {"TCL"}
    target = tmp_path / "shares.xlsx"
    code, _, err = run(capsys, *args, "--output", str(target))
    assert code == 0, err
    assert openpyxl.load_workbook(target).worksheets[0].max_row == len(rows) + 1


def test_import_exports_the_rejected_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.db")
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "customer_id,date,amount\nC1,2024-01-01,10\nC2,not a date,5\n=cmd,2024-01-03,x\n",
        encoding="utf-8",
    )
    target = tmp_path / "rejected.xlsx"
    code, out, err = run(
        capsys, "--db", db, "import", "orders", str(orders), "--output", str(target)
    )
    assert code == 0, err
    assert out == "" and "1 imported" in err  # the sentence on stderr, the rows in the file
    sheet = openpyxl.load_workbook(target).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("line", "column", "value", "reason")
    assert sorted(r[0] for r in rows[1:]) == [3, 4]
    assert all(not str(v).startswith("=") for r in rows for v in r if v is not None)


def test_the_writers_neutralise_every_formula_start_and_keep_numbers() -> None:
    import polars as pl

    from custvalue.cli.exports import Sheet, csv_bytes, xlsx_bytes

    texts = ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "plain", "C-1", ""]
    frame = pl.DataFrame(
        {"text": texts, "amount": [-1.5, -2.0, 0.0, 3.0, -4.0, 5.0, 6.0, -7.0, None]}
    )
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"), newline="")))
    expected = ["'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "plain", "C-1", ""]
    assert [r[0] for r in rows[1:]] == expected
    assert [r[1] for r in rows[1:]][:2] == ["-1.5", "-2.0"]
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([Sheet.of("s", frame)])))
    cells = list(book.worksheets[0].iter_rows(min_row=2))
    # (XML reads a carriage return back as a line feed)
    assert [c[0].value.replace("\n", "\r") for c in cells[:7]] == expected[:7]
    assert all(c[0].data_type == "s" for c in cells[:7])
    assert [c[1].value for c in cells][:2] == [-1.5, -2] and cells[0][1].data_type == "n"


# -- charts: exactly the path named -------------------------------------------------------

CHARTS: list[list[str]] = [
    ["cva", "quality"],
    ["cva", "price"],
    ["cva", "map"],
    ["cva", "head2head", "鑫诚办公"],
    ["clv", "validate", "--calibration-end", "2023-12-31"],
]


@pytest.mark.parametrize("args", CHARTS, ids=[" ".join(a[:2]) for a in CHARTS])
def test_chart_goes_exactly_where_named_and_nowhere_else(
    demo_db: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
) -> None:
    here, charts = tmp_path / "cwd", tmp_path / "charts"
    here.mkdir()
    charts.mkdir()
    monkeypatch.chdir(here)
    target = charts / "图 chart"  # any name, no extension added
    code, out, err = run(capsys, "--db", demo_db, *args, "--chart", str(target), "--format", "json")
    assert code == 0, err
    json.loads(out)  # the chart's sentence is on stderr, beside the JSON
    assert str(target) in err
    assert os.listdir(charts) == ["图 chart"] and os.listdir(here) == []
    assert "Plotly.newPlot" in target.read_text(encoding="utf-8")
    code, _, err = run(capsys, "--db", demo_db, *args, "--chart", str(charts))
    assert code == 1 and refused_with("output.is_folder")
    assert f"Cannot write {charts}: it is a folder" in err
    code, _, err = run(capsys, "--db", demo_db, *args, "--chart", str(charts / "no" / "x.html"))
    assert code == 1 and refused_with("output.no_folder") and "does not exist" in err
    assert os.listdir(charts) == ["图 chart"] and os.listdir(here) == []


def test_choice_save_refuses_a_folder_before_fitting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, *CHOICE_FIT, "--save", str(tmp_path))
    assert code == 1 and refused_with("output.is_folder")
    assert f"Cannot write {tmp_path}: it is a folder" in err
    assert os.listdir(tmp_path) == []


def test_a_sheet_larger_than_excel_allows_is_refused() -> None:
    from custvalue.cli.exports import XLSX_ROWS, Sheet, xlsx_bytes
    from custvalue.exceptions import DataValidationError

    with pytest.raises(DataValidationError) as caught:
        xlsx_bytes([Sheet("big", ["n"], [(1,)] * XLSX_ROWS)])
    assert caught.value.code == "output.too_many_rows"
    assert "1,048,576 rows" in caught.value.message() and "--format csv" in caught.value.message()
