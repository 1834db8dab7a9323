"""Templates in both languages: the built-in shipment notice, checks, TOML files."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from custvalue.exceptions import DataValidationError
from custvalue.notices import (
    NoticeField,
    Template,
    builtin_templates,
    format_value,
    load_templates,
    render,
)

SHIPMENT = builtin_templates()["shipment"]
VALUES: dict[str, object] = {
    "customer_name": "华东机械有限公司",
    "order_id": "SO-1",
    "product_spec": "螺纹钢 HRB400 Φ16",
    "quantity": "20 吨",
    "shipped_at": datetime(2026, 12, 4, 9, 30, 59),
    "truck_no": "沪A·12345",
    "driver_phone": "13800138000",
    "expected_arrival": date(2026, 12, 5),
}


def test_the_shipment_template_carries_the_five_facts() -> None:
    names = [f.name for f in SHIPMENT.required]
    assert names == [
        "customer_name",
        "order_id",
        "product_spec",
        "quantity",
        "shipped_at",
        "truck_no",
        "driver_phone",
        "expected_arrival",
    ]
    assert [f.name for f in SHIPMENT.optional] == ["note", "sender"]
    assert SHIPMENT.required[5].label("zh") == "车牌号"
    assert SHIPMENT.to_dict()["required"][6] == {
        "name": "driver_phone",
        "en": "Driver's phone",
        "zh": "司机电话",
    }


def test_render_in_chinese() -> None:
    rendered = render(SHIPMENT, {**VALUES, "note": "请提前安排卸货。", "unused": 1}, "zh")
    assert rendered.subject == "发货通知：订单 SO-1 已发货"
    assert rendered.body == (
        "华东机械有限公司，您好：\n\n"
        "您的订单 SO-1 已发货，详情如下：\n\n"
        "产品规格：螺纹钢 HRB400 Φ16\n"
        "数量：20 吨\n"
        "发货时间：2026-12-04 09:30\n"
        "车牌号：沪A·12345\n"
        "司机电话：13800138000\n"
        "预计到达时间：2026-12-05\n\n"
        "请提前安排卸货。\n"
    )
    assert rendered.lang == "zh"
    assert rendered.fields["shipped_at"] == "2026-12-04 09:30"
    assert rendered.fields["sender"] == ""
    assert "unused" not in rendered.fields
    assert rendered.to_dict()["subject"] == rendered.subject


def test_render_in_english_with_a_phone_given_as_a_number() -> None:
    rendered = render(SHIPMENT, {**VALUES, "driver_phone": 13800138000, "sender": "Li Wei"}, "en")
    assert rendered.subject == "Shipment notice: order SO-1 is on its way"
    assert "Driver's phone: 13800138000\n" in rendered.body
    assert "Expected arrival: 2026-12-05\n" in rendered.body
    assert rendered.body.endswith("Expected arrival: 2026-12-05\n\nLi Wei\n")


def test_a_value_with_line_breaks_stays_on_one_line_in_the_subject() -> None:
    rendered = render(SHIPMENT, {**VALUES, "order_id": "SO-1\r\nBcc: x@example.com"}, "en")
    assert rendered.subject == "Shipment notice: order SO-1 Bcc: x@example.com is on its way"


def test_format_value() -> None:
    assert format_value(datetime(2026, 12, 4, 9, 30)) == "2026-12-04 09:30"
    assert format_value(date(2026, 12, 4)) == "2026-12-04"
    assert format_value(None) == ""
    assert format_value("0138") == "0138"
    assert format_value(20) == "20"


def test_every_missing_or_blank_required_field_is_named() -> None:
    values = {**VALUES, "driver_phone": "  ", "expected_arrival": None}
    del values["truck_no"]
    with pytest.raises(DataValidationError) as err:
        render(SHIPMENT, values, "zh")
    assert err.value.code == "notices.missing_fields"
    assert err.value.params["fields"] == "truck_no, driver_phone, expected_arrival"
    assert "Truck number, Driver's phone, Expected arrival" in str(err.value)
    assert "车牌号、司机电话、预计到达时间" in err.value.message("zh")


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(DataValidationError) as err:
        render(SHIPMENT, VALUES, "fr")
    assert err.value.code == "validation.choice"


def make(subject: str = "{a}", body: str = "{a} {b}", **changes: object) -> Template:
    options: dict[str, object] = {
        "name": "t",
        "subject": {"en": subject, "zh": subject},
        "body": {"en": body, "zh": body},
        "required": (NoticeField("a", "A", "甲"),),
        "optional": (NoticeField("b", "B", "乙"),),
    }
    options.update(changes)
    return Template(**options)  # type: ignore[arg-type]


def test_a_template_made_in_code() -> None:
    template = make()
    assert [f.name for f in template.fields] == ["a", "b"]
    assert render(template, {"a": "x"}, "en").body == "x\n"
    assert render(make(body="{{literal}} {a}"), {"a": "x"}, "zh").body == "{literal} x\n"


@pytest.mark.parametrize(
    ("body", "code", "shown"),
    [
        ("{a} {c}", "notices.undeclared_field", "{c}"),
        ("{0}", "notices.bad_placeholder", "{0}"),
        ("{}", "notices.bad_placeholder", "{}"),
        ("{a.__class__}", "notices.bad_placeholder", "{a.__class__}"),
        ("{a[0]}", "notices.bad_placeholder", "{a[0]}"),
        ("{a!r}", "notices.bad_placeholder", "{a!r}"),
        ("{a:>10}", "notices.bad_placeholder", "{a:>10}"),
        ("{a", "notices.unbalanced_braces", "template t: body.en"),
        ("a}", "notices.unbalanced_braces", "template t: body.en"),
        ("  ", "notices.missing_text", "en"),
    ],
)
def test_a_bad_template_text_is_refused(body: str, code: str, shown: str) -> None:
    with pytest.raises(DataValidationError) as err:
        make(body=body)
    assert err.value.code == code
    assert err.value.params["where"] == "template t: body.en"
    assert shown in str(err.value)


def test_bad_template_declarations_are_refused() -> None:
    with pytest.raises(DataValidationError) as err:
        make(subject="{a}", optional=(NoticeField("a", "A", "甲"),))
    assert err.value.code == "notices.duplicate_field"
    with pytest.raises(DataValidationError) as err:
        make(required=(NoticeField("truck-no", "Truck", "车牌"),), body="x", subject="x")
    assert err.value.code == "notices.bad_field_name"
    with pytest.raises(DataValidationError) as err:
        make(required=(NoticeField("a", "A", " "),))
    assert err.value.code == "notices.missing_text"
    assert err.value.params == {"language": "zh", "where": "template t: required.a"}
    with pytest.raises(DataValidationError) as err:
        Template("t", {"en": "{a}"}, {"en": "x", "zh": "x"}, (NoticeField("a", "A", "甲"),))
    assert err.value.code == "notices.missing_text"


GOOD_TOML = """
[templates.delivery]
subject.en = "Delivered: {order_id}"
subject.zh = "已送达：{order_id}"
body.en = "Order {order_id} was delivered at {delivered_at}.\\n{note}"
body.zh = "订单 {order_id} 已于 {delivered_at} 送达。\\n{note}"
required.order_id = { en = "Order", zh = "订单号" }
required.delivered_at = { en = "Delivered at", zh = "送达时间" }
optional.note = { en = "Note", zh = "备注" }
"""


def swap(start: str, line: str) -> str:
    """GOOD_TOML with the line starting with ``start`` replaced by ``line``."""
    lines = GOOD_TOML.splitlines()
    return "\n".join(line if old.startswith(start) else old for old in lines)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "templates.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_templates_from_a_file(tmp_path: Path) -> None:
    templates = load_templates(write(tmp_path, GOOD_TOML))
    assert list(templates) == ["delivery"]
    delivery = templates["delivery"]
    assert [f.name for f in delivery.required] == ["order_id", "delivered_at"]
    rendered = render(
        delivery, {"order_id": "SO-9", "delivered_at": datetime(2026, 12, 5, 14, 5)}, "zh"
    )
    assert rendered.subject == "已送达：SO-9"
    assert rendered.body == "订单 SO-9 已于 2026-12-05 14:05 送达。\n"
    merged = {**builtin_templates(), **templates}
    assert sorted(merged) == ["delivery", "shipment"]


@pytest.mark.parametrize(
    ("text", "code", "key"),
    [
        (
            GOOD_TOML.replace("{delivered_at} 送达", "{arrived} 送达"),
            "notices.undeclared_field",
            "templates.delivery.body.zh",
        ),
        (swap("body.zh", "body.zh = 5"), "notices.not_text", "templates.delivery.body.zh"),
        (
            GOOD_TOML.replace("subject.en", "subject.fr"),
            "notices.unknown_key",
            "templates.delivery.subject",
        ),
        (GOOD_TOML.replace("subject.en", "title.en"), "notices.unknown_key", "templates.delivery"),
        (
            GOOD_TOML.replace("required.order_id", "optional.order_id").replace(
                "required.delivered_at", "optional.delivered_at"
            ),
            "notices.missing_key",
            "templates.delivery",
        ),
        ("[templates]\ndelivery = 3\n", "notices.not_a_table", "templates.delivery"),
        (
            GOOD_TOML.replace(
                'required.order_id = { en = "Order", zh = "订单号" }', 'required.order_id = "Order"'
            ),
            "notices.not_a_table",
            "templates.delivery.required.order_id",
        ),
        (
            GOOD_TOML.replace('zh = "订单号"', 'zh = ""'),
            "notices.missing_text",
            "templates.delivery.required.order_id",
        ),
    ],
)
def test_a_bad_file_names_the_file_and_the_key(
    tmp_path: Path, text: str, code: str, key: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DataValidationError) as err:
        load_templates(path)
    assert err.value.code == code
    assert err.value.params["file"] == str(path)
    assert err.value.params["key"] == key
    assert str(path) in str(err.value) and key in str(err.value)


def test_an_unreadable_file_or_one_without_templates(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError) as err:
        load_templates(tmp_path / "missing.toml")
    assert err.value.code == "notices.templates_unreadable"
    with pytest.raises(DataValidationError) as err:
        load_templates(write(tmp_path, "[templates.x\n"))
    assert err.value.code == "notices.templates_unreadable"
    assert "templates.toml" in str(err.value)
    with pytest.raises(DataValidationError) as err:
        load_templates(write(tmp_path, "[other]\na = 1\n"))
    assert err.value.code == "notices.no_templates"
