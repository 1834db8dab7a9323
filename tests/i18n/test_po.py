"""The .po reader: the subset of gettext catalogs the project writes."""

from __future__ import annotations

import pytest

from custvalue.i18n.po import PoSyntaxError, parse_po

CATALOG = r"""
# a comment
msgid ""
msgstr ""
"Language: zh_CN\n"

#: typer/core.py
#, python-brace-format
msgctxt "errors"
msgid "Missing {param_type}"
msgstr "缺少{param_type}"

msgid "Choose from:\n\t{choices}"
msgstr ""
"可选值：\n"
"\t{choices}"

#, fuzzy
msgid "Say \"hi\""
msgstr "说 \"你好\""

msgid "untranslated"
msgstr ""
"""


def test_reads_entries_with_context_references_flags_and_continuations() -> None:
    entries = parse_po(CATALOG)
    assert [e.msgid for e in entries] == [
        "Missing {param_type}",
        "Choose from:\n\t{choices}",
        'Say "hi"',
        "untranslated",
    ]
    first = entries[0]
    assert first.msgstr == "缺少{param_type}"
    assert first.context == "errors"
    assert first.references == ("typer/core.py",)
    assert first.flags == {"python-brace-format"}
    assert entries[1].msgstr == "可选值：\n\t{choices}"
    assert entries[2].msgstr == '说 "你好"'
    assert [e.translated for e in entries] == [True, True, False, False]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('msgid "a"\n', "no msgstr"),
        ('msgid "a"\nmsgstr "b\n', "quoted string"),
        ('msgid "a"\nmsgstr "b\\q"\n', "unknown escape"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n', "unsupported keyword"),
        ('"stray"\n', "outside an entry"),
        ('msgid "a"b"\nmsgstr "c"\n', "unescaped quote"),
    ],
)
def test_a_broken_catalog_is_refused(text: str, needle: str) -> None:
    with pytest.raises(PoSyntaxError, match=needle):
        parse_po(text)
