"""The segmentation message catalog: prefix, both languages, matching placeholders."""

from __future__ import annotations

import string

import pytest

from custvalue.exceptions import DataValidationError
from custvalue.i18n import _catalog_segment, _catalog_tiers, t
from custvalue.segmentation import rfm_scores


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(_catalog_segment.MESSAGES))
def test_every_message_has_both_languages_and_the_same_fields(key: str) -> None:
    en, zh = _catalog_segment.MESSAGES[key]
    assert key.startswith("segment.")
    assert en.strip() and zh.strip() and en != zh
    assert _fields(en) == _fields(zh)


_PREFIXES = ("segment.", "tiers.", "cli.", "col.", "metric.")


@pytest.mark.parametrize("key", sorted(_catalog_tiers.MESSAGES))
def test_tier_messages_have_both_languages_and_the_same_fields(key: str) -> None:
    en, zh = _catalog_tiers.MESSAGES[key]
    assert key.startswith(_PREFIXES)
    assert en.strip() and zh.strip() and en != zh
    assert _fields(en) == _fields(zh)
    assert not set(_catalog_tiers.MESSAGES) & set(_catalog_segment.MESSAGES)


def test_errors_render_in_chinese() -> None:
    with pytest.raises(DataValidationError) as info:
        rfm_scores(None, bins=0)  # type: ignore[arg-type]
    assert info.value.code == "segment.bad_bins"
    assert info.value.message("zh") == t("segment.bad_bins", lang="zh", value=0)
    assert "整数" in info.value.message("zh")
    assert "whole number" in str(info.value)


def test_every_key_the_segmentation_code_asks_for_exists() -> None:
    import re
    from pathlib import Path

    import custvalue
    from custvalue.i18n import has_key

    root = Path(custvalue.__file__).parent
    sources = [
        root / "cli" / "segments.py",
        root / "app" / "segments.py",
        *sorted((root / "segmentation").glob("*.py")),
    ]
    asked = {
        key
        for path in sources
        for key in re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_0-9.]+)["']""", path.read_text())
    }
    assert "cli.reason_bands_rule" in asked and "tiers.pareto_whale" in asked
    assert [key for key in sorted(asked) if not has_key(key)] == []
