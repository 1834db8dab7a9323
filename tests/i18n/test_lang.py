"""The language in force: explicit argument, context, environment."""

from __future__ import annotations

import contextvars
import threading

import pytest

from custvalue.i18n import LANGS, get_lang, relabel, set_lang, t, using_lang


def test_using_lang_applies_inside_the_block_only() -> None:
    assert get_lang() == "en"  # the test setup: CUSTVALUE_LANG=en
    with using_lang("zh"):
        assert get_lang() == "zh" and t("cli.error_prefix") == "错误："
        with using_lang("en_US.UTF-8"):
            assert get_lang() == "en"
        assert get_lang() == "zh"
    assert get_lang() == "en"


def test_the_language_belongs_to_its_context() -> None:
    def in_request() -> str:
        set_lang("zh")
        return get_lang()

    assert contextvars.copy_context().run(in_request) == "zh"
    assert get_lang() == "en"  # the caller's context is untouched
    seen: list[str] = []
    set_lang("zh")
    worker = threading.Thread(target=lambda: seen.append(get_lang()))
    worker.start()
    worker.join()
    assert seen == ["en"]  # a new thread starts from the environment
    assert get_lang() == "zh"


def test_environment_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CUSTVALUE_LANG")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert get_lang() == "zh"
    monkeypatch.setenv("CUSTVALUE_LANG", "fr")  # unknown: the next variable decides
    assert get_lang() == "zh"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert get_lang() == "en"
    assert get_lang("zh") == "zh"
    assert LANGS == ("zh", "en")


def test_relabel_moves_a_catalog_text_to_the_language_in_force() -> None:
    english = t("cli.opt_top", lang="en")
    chinese = t("cli.opt_top", lang="zh")
    assert relabel(english, lang="zh") == chinese
    assert relabel(chinese, lang="en") == english
    assert relabel("not in any catalog", lang="zh") == "not in any catalog"
    assert relabel(None) is None and relabel("") == ""
