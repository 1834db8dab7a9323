"""Every row-level rejection reason, with its line, column and value; content keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from custvalue.data.preparing import prepare
from custvalue.exceptions import ImportFileError
from custvalue.i18n import has_key, t

CASES = [
    # kind, file text, (line, column, value, code)
    (
        "orders",
        "customer_id,date,amount\nA,2023-01-01,5\nB,2023-01-01\n",
        (3, None, None, "import.ragged_row"),
    ),
    (
        "orders",
        "customer_id,date,amount\nA,2023-01-01,5\n,2023-01-01,5\n",
        (3, "customer_id", None, "import.missing_value"),
    ),
    (
        "orders",
        "customer_id,date,amount\nA,2023-01-01,5\nB,,5\n",
        (3, "date", None, "import.missing_value"),
    ),
    (
        "orders",
        "customer_id,date,amount\nA,yesterday,5\n",
        (2, "date", "yesterday", "import.bad_date"),
    ),
    (
        "orders",
        "customer_id,date,amount\nA,2023-02-30,5\n",
        (2, "date", "2023-02-30", "import.invalid_date"),
    ),
    (
        "orders",
        "customer_id,date,amount\nA,01/02/2023,5\n",
        (2, "date", "01/02/2023", "import.ambiguous_date"),
    ),
    (
        "orders",
        "customer_id,date,amount\nA,1066-10-14,5\n",
        (2, "date", "1066-10-14", "import.date_out_of_range"),
    ),
    (
        "orders",
        "customer_id,date,amount\nA,2023-01-01,five\n",
        (2, "amount", "five", "import.bad_amount"),
    ),
    (
        "orders",
        "customer_id,date,amount\nA,2023-01-01,5.001\n",
        (2, "amount", "5.001", "import.amount_precision"),
    ),
    (
        "orders",
        "customer_id,date,amount\nA,2023-01-01,99999999999999\n",
        (2, "amount", "99999999999999", "import.amount_too_large"),
    ),
    (
        "orders",
        "customer_id,date,amount,cost\nA,2023-01-01,5,-1\n",
        (2, "cost", "-1", "import.negative_amount"),
    ),
    (
        "orders",
        "customer_id,date,amount,kind\nA,2023-01-01,5,gift\n",
        (2, "kind", "gift", "import.bad_choice"),
    ),
    (
        "orders",
        'customer_id,date,amount\n"A\x01",2023-01-01,5\n',
        (2, "customer_id", "A\\u0001", "import.bad_id_control"),
    ),
    (
        "orders",
        "order_id,customer_id,date,amount\n1,A,2023-01-01,5\n1,A,2023-01-01,6\n",
        (3, "order_id", "1", "import.conflicting_duplicate"),
    ),
    (
        "orders",
        "order_id,customer_id,date,amount\n1,A,2023-01-01,5\n,A,2023-01-01,6\n",
        (3, "order_id", None, "import.missing_value"),
    ),
    (
        "costs",
        "customer_id,date,amount,kind\nA,2023-01-01,-5,service\n",
        (2, "amount", "-5", "import.negative_amount"),
    ),
    (
        "costs",
        "customer_id,date,amount,kind\nA,2023-01-01,5,lunch\n",
        (2, "kind", "lunch", "import.bad_choice"),
    ),
    (
        "costs",
        "customer_id,date,amount,kind\nA,2023-01-01,5,\n",
        (2, "kind", None, "import.missing_value"),
    ),
    (
        "customers",
        "customer_id,referred_by\nA,A\n",
        (2, "referred_by", "A", "import.self_referral"),
    ),
    (
        "customers",
        "customer_id,name\nA,Ann\nA,Anne\n",
        (3, "customer_id", "A", "import.conflicting_duplicate"),
    ),
    (
        "customers",
        "customer_id,acquired_on\nA,2023-13-01\n",
        (2, "acquired_on", "2023-13-01", "import.invalid_date"),
    ),
]


@pytest.mark.parametrize(("kind", "text", "expected"), CASES, ids=[c[2][3] for c in CASES])
def test_each_rejection_reason(tmp_path: Path, kind: str, text: str, expected: tuple) -> None:
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    batch = prepare(kind, path)  # type: ignore[arg-type]
    [rejection] = batch.rejected
    assert (rejection.line, rejection.column, rejection.value, rejection.reason) == expected
    assert expected[0] not in batch.rows["_line"].to_list()
    assert has_key(rejection.reason)
    english, chinese = rejection.message("en"), rejection.message("zh")
    assert english != chinese and "{" not in english and "{" not in chinese
    as_json = rejection.to_dict()
    assert set(as_json) == {"line", "column", "value", "reason", "code"}


def test_one_row_with_several_problems_is_one_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text("customer_id,date,amount\nA,bad,bad\nB,2023-01-01,1\n", encoding="utf-8")
    batch = prepare("orders", path)
    assert [(r.line, r.column) for r in batch.rejected] == [(2, "amount"), (2, "date")]
    assert batch.rows.height == 1 and batch.total_rows == 2


def test_bad_kind_of_import(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text("customer_id\nA\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as info:
        prepare("invoices", path)  # type: ignore[arg-type]
    assert "invoices" in info.value.message()


def test_content_keys_are_stable_and_count_repeats(tmp_path: Path) -> None:
    text = "customer_id,date,amount\nA,2023-01-01,5\nA,2023-01-01,5\nB,2023-01-01,5\n"
    a = tmp_path / "a.csv"
    a.write_text(text, encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text("客户编号,日期,金额\nB,2023/1/1,5.00\n", encoding="gbk")
    keys_a = prepare("orders", a).rows["order_id"].to_list()
    keys_b = prepare("orders", b).rows["order_id"].to_list()
    assert len(set(keys_a)) == 3 and all(k.startswith("k:") for k in keys_a)
    assert keys_a[0].rsplit(":", 1)[0] == keys_a[1].rsplit(":", 1)[0]
    assert keys_a[0].endswith(":1") and keys_a[1].endswith(":2")
    assert keys_b == [keys_a[2]]  # same content, other spelling: same key
    assert set(prepare("orders", a).rows["key_source"]) == {"content"}


def test_customer_attributes_and_kinds(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "客户编号,客户名称,获客日期,推荐人,城市,行业\nA,甲公司,2023年1月5日,,上海,零售\nB,乙,,A,,\n",
        encoding="utf-8",
    )
    batch = prepare("customers", path)
    rows = batch.rows.sort("_line").to_dicts()
    assert json.loads(rows[0]["attributes"]) == {"城市": "上海", "行业": "零售"}
    assert rows[1]["attributes"] is None and rows[1]["referred_by"] == "A"
    assert batch.column_map == {
        "客户编号": "customer_id",
        "客户名称": "name",
        "获客日期": "acquired_on",
        "推荐人": "referred_by",
    }


def test_every_import_message_has_both_languages() -> None:
    from custvalue.i18n._catalog_import import MESSAGES

    for key, (english, chinese) in MESSAGES.items():
        assert english and chinese and english != chinese, key
    assert t("import.bad_choice", "zh", allowed="x").startswith("未知")
