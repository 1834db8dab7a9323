"""Notice templates in both languages, and rendering them with a checked set of values.

A :class:`Template` has a subject and a body per language (``en``, ``zh``) with
``{field}`` placeholders, the fields it requires (with a label in both languages) and
the optional ones. A template is refused when its text is not a valid format string
(``notices.unbalanced_braces``; write ``{{`` and ``}}`` for a literal brace), uses a
placeholder that is not a plain field name (``{0}``, ``{}``, ``{a.b}``, ``{a[0]}``,
``{a!r}``, ``{a:>10}``: ``notices.bad_placeholder``) or a field it does not declare
(``notices.undeclared_field``), lacks a language (``notices.missing_text``), or declares
a field twice or under a name that is not an identifier (``notices.duplicate_field``,
``notices.bad_field_name``).

:func:`render` refuses values that leave a required field missing or blank, naming every
one (``notices.missing_fields``); values are written as people read them: a datetime as
``2026-12-04 09:30``, a date as ``2026-12-04``, anything else as its text (a phone
number stays as given, never a number with separators). An optional field not given is
empty, and the blank lines around it fold into one. In the subject, line breaks of a
value become spaces (a header is one line).

The built-in ``shipment`` template carries the five facts of a shipment notice: the
product specification and quantity, the ship time, the truck number, the driver's phone
and the expected arrival, with the customer's name and the order id.

Templates the user edits live in a TOML file (:func:`load_templates`)::

    [templates.shipment]
    subject.en = "Shipment notice: order {order_id}"
    subject.zh = "发货通知：订单 {order_id}"
    body.en = "..."
    body.zh = "..."
    required.order_id = { en = "Order", zh = "订单号" }
    optional.note = { en = "Note", zh = "备注" }
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from custvalue._validation import check_choice
from custvalue.exceptions import DataValidationError

__all__ = [
    "LANGS",
    "NoticeField",
    "Rendered",
    "Template",
    "builtin_templates",
    "format_value",
    "load_templates",
    "render",
]

#: the languages every template is written in
LANGS = ("en", "zh")
PARTS = ("subject", "body")
TEMPLATE_KEYS = ("subject", "body", "required", "optional")

Where = Callable[[str], dict[str, str]]


@dataclass(frozen=True)
class NoticeField:
    """A field of a template: its ``name`` (an identifier) and its label in English and
    Chinese (shown in forms and in the message naming a missing field)."""

    name: str
    en: str
    zh: str

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "en": self.en, "zh": self.zh}


def _in_template(name: str) -> Where:
    def where(key: str) -> dict[str, str]:
        return {"where": f"template {name}: {key}"}

    return where


def _placeholders(text: str, where: dict[str, str]) -> list[str]:
    """The field names ``text`` uses, each checked to be a plain name."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise DataValidationError("notices.unbalanced_braces", **where) from None
    names: list[str] = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "")
            shown += (f":{spec}" if spec else "") + "}"
            raise DataValidationError("notices.bad_placeholder", placeholder=shown, **where)
        names.append(name)
    return names


def _check(
    subject: Mapping[str, str],
    body: Mapping[str, str],
    required: tuple[NoticeField, ...],
    optional: tuple[NoticeField, ...],
    where: Where,
) -> None:
    declared: set[str] = set()
    for group, fields_ in (("required", required), ("optional", optional)):
        for item in fields_:
            key = f"{group}.{item.name}"
            if not item.name.isidentifier():
                raise DataValidationError("notices.bad_field_name", field=item.name, **where(key))
            if item.name in declared:
                raise DataValidationError("notices.duplicate_field", field=item.name, **where(key))
            for lang in LANGS:
                if not str(item.label(lang)).strip():
                    raise DataValidationError("notices.missing_text", language=lang, **where(key))
            declared.add(item.name)
    for part, texts in (("subject", subject), ("body", body)):
        for lang in LANGS:
            key = f"{part}.{lang}"
            text = texts.get(lang)
            if not isinstance(text, str) or not text.strip():
                raise DataValidationError("notices.missing_text", language=lang, **where(key))
            for name in _placeholders(text, where(key)):
                if name not in declared:
                    raise DataValidationError("notices.undeclared_field", field=name, **where(key))


@dataclass(frozen=True)
class Template:
    """A notice template (checked when made: see the module docstring)."""

    name: str
    subject: Mapping[str, str]
    body: Mapping[str, str]
    required: tuple[NoticeField, ...]
    optional: tuple[NoticeField, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "required", tuple(self.required))
        object.__setattr__(self, "optional", tuple(self.optional))
        _check(self.subject, self.body, self.required, self.optional, _in_template(self.name))

    @property
    def fields(self) -> tuple[NoticeField, ...]:
        """The required fields, then the optional ones."""
        return self.required + self.optional

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "subject": dict(self.subject),
            "body": dict(self.body),
            "required": [f.to_dict() for f in self.required],
            "optional": [f.to_dict() for f in self.optional],
        }


@dataclass(frozen=True)
class Rendered:
    """A rendered notice: ``subject`` and ``body`` in ``lang``, and the ``fields`` as they
    were written into it (name → text, every declared field)."""

    subject: str
    body: str
    lang: str
    fields: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "body": self.body,
            "lang": self.lang,
            "fields": dict(self.fields),
        }


def format_value(value: object) -> str:
    """``value`` as written into a notice: a datetime as ``2026-12-04 09:30``, a date as
    ``2026-12-04``, ``None`` as empty, anything else as its text.

    >>> format_value(datetime(2026, 12, 4, 9, 30, 15))
    '2026-12-04 09:30'
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render(template: Template, values: Mapping[str, object], lang: str) -> Rendered:
    """``template`` in ``lang`` with ``values`` (keys not declared are left out).

    Refused: a language other than ``en`` / ``zh`` (``validation.choice``); a required
    field missing or blank (``notices.missing_fields``, naming every one with its label)."""
    check_choice("lang", lang, LANGS)
    written = {f.name: format_value(values.get(f.name)) for f in template.fields}
    missing = [f for f in template.required if not written[f.name].strip()]
    if missing:
        raise DataValidationError(
            "notices.missing_fields",
            template=template.name,
            fields=", ".join(f.name for f in missing),
            labels_en=", ".join(f.en for f in missing),
            labels_zh="、".join(f.zh for f in missing),
        )
    subject = template.subject[lang].format(**{k: _one_line(v) for k, v in written.items()})
    body = template.body[lang].format(**written)
    lines: list[str] = []
    for line in (line.rstrip() for line in body.splitlines()):
        if line or (lines and lines[-1]):  # an empty optional field leaves no gap
            lines.append(line)
    return Rendered(
        subject=_one_line(subject),
        body="\n".join(lines).strip("\n") + "\n",
        lang=lang,
        fields=written,
    )


SHIPMENT_REQUIRED = (
    NoticeField("customer_name", "Customer", "客户名称"),
    NoticeField("order_id", "Order number", "订单号"),
    NoticeField("product_spec", "Product and specification", "产品规格"),
    NoticeField("quantity", "Quantity", "数量"),
    NoticeField("shipped_at", "Shipped at", "发货时间"),
    NoticeField("truck_no", "Truck number", "车牌号"),
    NoticeField("driver_phone", "Driver's phone", "司机电话"),
    NoticeField("expected_arrival", "Expected arrival", "预计到达时间"),
)
SHIPMENT_OPTIONAL = (
    NoticeField("note", "Note", "备注"),
    NoticeField("sender", "Sent by", "发件人"),
)
SHIPMENT = Template(
    name="shipment",
    subject={
        "en": "Shipment notice: order {order_id} is on its way",
        "zh": "发货通知：订单 {order_id} 已发货",
    },
    body={
        "en": (
            "Dear {customer_name},\n\n"
            "Your order {order_id} has been shipped:\n\n"
            "Product and specification: {product_spec}\n"
            "Quantity: {quantity}\n"
            "Shipped at: {shipped_at}\n"
            "Truck number: {truck_no}\n"
            "Driver's phone: {driver_phone}\n"
            "Expected arrival: {expected_arrival}\n\n"
            "{note}\n\n"
            "{sender}\n"
        ),
        "zh": (
            "{customer_name}，您好：\n\n"
            "您的订单 {order_id} 已发货，详情如下：\n\n"
            "产品规格：{product_spec}\n"
            "数量：{quantity}\n"
            "发货时间：{shipped_at}\n"
            "车牌号：{truck_no}\n"
            "司机电话：{driver_phone}\n"
            "预计到达时间：{expected_arrival}\n\n"
            "{note}\n\n"
            "{sender}\n"
        ),
    },
    required=SHIPMENT_REQUIRED,
    optional=SHIPMENT_OPTIONAL,
)


def builtin_templates() -> dict[str, Template]:
    """The templates that come with custvalue, by name (today: ``shipment``)."""
    return {SHIPMENT.name: SHIPMENT}


# -- the TOML file --------------------------------------------------------------------------


def _in_file(file: str, name: str) -> Where:
    def where(key: str) -> dict[str, str]:
        full = f"templates.{name}.{key}" if key else f"templates.{name}"
        return {"where": f"{file}: {full}", "file": file, "key": full}

    return where


def _table(value: object, where: dict[str, str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise DataValidationError("notices.not_a_table", got=repr(value), **where)
    return value


def _text(value: object, where: dict[str, str]) -> str:
    if not isinstance(value, str):
        raise DataValidationError("notices.not_text", got=repr(value), **where)
    return value


def _texts(value: object, part: str, where: Where) -> dict[str, str]:
    table = _table(value, where(part))
    for lang in table:
        if lang not in LANGS:
            raise DataValidationError(
                "notices.unknown_key", got=lang, allowed=", ".join(LANGS), **where(part)
            )
    return {lang: _text(table[lang], where(f"{part}.{lang}")) for lang in table}


def _fields(value: object, group: str, where: Where) -> tuple[NoticeField, ...]:
    out: list[NoticeField] = []
    for name, labels in _table(value, where(group)).items():
        texts = _texts(labels, f"{group}.{name}", where)
        out.append(NoticeField(str(name), texts.get("en", ""), texts.get("zh", "")))
    return tuple(out)


def _from_table(name: str, raw: object, where: Where) -> Template:
    table = _table(raw, where(""))
    for key in table:
        if key not in TEMPLATE_KEYS:
            raise DataValidationError(
                "notices.unknown_key", got=key, allowed=", ".join(TEMPLATE_KEYS), **where("")
            )
    for key in ("subject", "body", "required"):
        if key not in table:
            raise DataValidationError("notices.missing_key", missing=key, **where(""))
    subject = _texts(table["subject"], "subject", where)
    body = _texts(table["body"], "body", where)
    required = _fields(table["required"], "required", where)
    optional = _fields(table.get("optional", {}), "optional", where)
    _check(subject, body, required, optional, where)
    return Template(name, subject, body, required, optional)


def load_templates(path: str | Path) -> dict[str, Template]:
    """The templates of a TOML file (format: the module docstring), by name.

    Refused with the file and the key: a file that cannot be read or is not TOML
    (``notices.templates_unreadable``), no ``[templates.<name>]`` table
    (``notices.no_templates``), a value of the wrong kind (``notices.not_a_table``,
    ``notices.not_text``), an unknown key or a missing one (``notices.unknown_key``,
    ``notices.missing_key``), and every refusal of a :class:`Template`. A file template
    named like a built-in one replaces it: ``{**builtin_templates(), **load_templates(p)}``.
    """
    source = Path(path)
    file = str(source)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataValidationError(
            "notices.templates_unreadable", file=file, detail=str(exc)
        ) from None
    templates = data.get("templates")
    if not isinstance(templates, Mapping) or not templates:
        raise DataValidationError("notices.no_templates", file=file)
    return {
        str(name): _from_table(str(name), raw, _in_file(file, str(name)))
        for name, raw in templates.items()
    }
