"""The demo and report messages: both languages, the same placeholders, unique keys."""

from __future__ import annotations

import string

import pytest

from custvalue.i18n import _catalog_demo, t


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(_catalog_demo.MESSAGES))
def test_every_message_has_both_languages_and_the_same_fields(key: str) -> None:
    en, zh = _catalog_demo.MESSAGES[key]
    assert key.split(".")[0] in ("demo", "report")
    assert en.strip() and zh.strip() and en != zh
    assert _fields(en) == _fields(zh)
    assert t(key, lang="zh", db="x.db", given="y", as_of="2020-01-01", path="p", reason="r") != t(
        key, lang="en", db="x.db", given="y", as_of="2020-01-01", path="p", reason="r"
    )


def test_the_empty_report_names_both_ways_in() -> None:
    for lang in ("en", "zh"):
        text = t("report.empty", lang=lang, db="x.db")
        assert "custvalue import orders FILE" in text and "custvalue demo" in text
        assert "x.db" in text
