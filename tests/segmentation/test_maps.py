"""Segment maps: the built-in maps against their published definitions, user maps,
validation of malformed maps, rescaling, labels and the summary."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from custvalue.exceptions import DataValidationError
from custvalue.i18n import set_lang, t
from custvalue.segmentation import (
    BUILTIN_MAPS,
    builtin_order,
    load_segment_map,
    rfm_scores,
    rfm_segments,
    segment_summary,
)

CODES = ["".join(p) for p in itertools.product("12345", repeat=3)]

# The exhaustive 125-code assignment of the 11 usual names (Squeezely RFM defaults).
MAP_B = {
    "champions": "555 554 544 545 454 455 445",
    "loyal": "543 444 435 355 354 345 344 335",
    "potential_loyalist": "553 551 552 541 542 533 532 531 452 451 442 441 431 453 433 432 423 "
    "353 352 351 342 341 333 323",
    "new_customers": "512 511 422 421 412 411 311",
    "promising": "525 524 523 522 521 515 514 513 425 424 413 414 415 315 314 313",
    "need_attention": "535 534 443 434 343 334 325 324",
    "about_to_sleep": "331 321 312 221 213 231 241 251",
    "at_risk": "255 254 245 244 253 252 243 242 235 234 225 224 153 152 145 143 142 135 134 133 "
    "125 124",
    "cannot_lose": "155 154 144 214 215 115 114 113",
    "hibernating": "332 322 233 232 223 222 132 123 122 212 211",
    "lost": "111 112 121 131 141 151",
}

# The RF grid as the regular expressions of the Python courses (R digit, F digit).
RF_GRID = [
    (r"[1-2][1-2]", "hibernating"),
    (r"[1-2][3-4]", "at_risk"),
    (r"[1-2]5", "cannot_lose"),
    (r"3[1-2]", "about_to_sleep"),
    (r"33", "need_attention"),
    (r"[3-4][4-5]", "loyal"),
    (r"41", "promising"),
    (r"51", "new_customers"),
    (r"[4-5][2-3]", "potential_loyalist"),
    (r"5[4-5]", "champions"),
]

# The R rfm vignette's case_when, in its order: (segment, R, F, M) inclusive ranges.
VIGNETTE = [
    ("champions", (4, 5), (4, 5), (4, 5)),
    ("loyal", (2, 5), (3, 5), (3, 5)),
    ("potential_loyalist", (3, 5), (1, 3), (1, 3)),
    ("new_customers", (4, 5), (1, 1), (1, 1)),
    ("promising", (3, 4), (1, 1), (1, 1)),
    ("need_attention", (2, 3), (2, 3), (2, 3)),
    ("about_to_sleep", (2, 3), (1, 2), (1, 2)),
    ("at_risk", (1, 2), (2, 5), (2, 5)),
    ("cannot_lose", (1, 1), (4, 5), (4, 5)),
    ("hibernating", (1, 2), (1, 2), (1, 2)),
    ("lost", (1, 2), (1, 2), (1, 2)),
]


def _vignette(code: str) -> str:
    r, f, m = (int(c) for c in code)
    for key, rr, ff, mm in VIGNETTE:
        if rr[0] <= r <= rr[1] and ff[0] <= f <= ff[1] and mm[0] <= m <= mm[1]:
            return key
    return "others"


def scores_frame(cells: list[str], *, bins: int = 5) -> pl.DataFrame:
    """A scores frame with the given r/f/m codes (scores may be 1..bins, joined by '-')."""
    parts = [c.split("-") if "-" in c else list(c) for c in cells]
    return pl.DataFrame(
        {
            "customer_id": [f"C{i:04d}" for i in range(len(cells))],
            "recency_days": [10 * (i + 1) for i in range(len(cells))],
            "frequency": [1] * len(cells),
            "monetary": [1.0] * len(cells),
            "r_score": [int(p[0]) for p in parts],
            "f_score": [int(p[1]) for p in parts],
            "m_score": [int(p[2]) for p in parts],
        }
    )


def identity_map() -> dict[str, Any]:
    """A user map putting each of the 125 codes in its own segment."""
    return {
        "name": "identity",
        "method": "codes",
        "segments": [{"key": c, "codes": [c]} for c in CODES],
    }


@pytest.mark.parametrize("name", [m for m in BUILTIN_MAPS if m != "cn8"])
def test_every_code_maps_to_exactly_one_segment(name: str) -> None:
    smap = load_segment_map(name)
    assert list(smap.lookup) == CODES
    segmented = rfm_segments(scores_frame(CODES), segment_map=name)
    assert segmented.height == 125
    assert segmented["segment"].null_count() == 0
    assert set(segmented["segment"]) <= set(smap.keys)


def test_cn8_covers_the_eight_bit_codes() -> None:
    smap = load_segment_map("cn8")
    bits = ["".join(p) for p in itertools.product("01", repeat=3)]
    assert sorted(smap.lookup) == bits
    assert sorted(Counter(smap.lookup.values()).values()) == [1] * 8
    assert smap.table(lang="zh").sort("code")["segment_label"].to_list() == [
        "一般挽留客户",  # 000
        "重要挽留客户",  # 001
        "一般保持客户",  # 010
        "重要保持客户",  # 011
        "一般发展客户",  # 100
        "重要发展客户",  # 101
        "一般价值客户",  # 110
        "重要价值客户",  # 111
    ]


def test_standard11_is_map_b() -> None:
    lookup = load_segment_map("standard11").lookup
    expected = {code: key for key, codes in MAP_B.items() for code in codes.split()}
    assert len(expected) == 125
    assert lookup == {c: expected[c] for c in CODES}
    assert load_segment_map("standard11").keys == list(MAP_B)


def test_rf_grid_is_the_regex_grid() -> None:
    lookup = load_segment_map("rf_grid").lookup
    for code in CODES:
        found = [key for pattern, key in RF_GRID if re.fullmatch(pattern, code[:2])]
        assert found == [lookup[code]], code


def test_rfm_vignette_reproduces_the_case_when_with_others() -> None:
    smap = load_segment_map("rfm_vignette")
    assert smap.lookup == {c: _vignette(c) for c in CODES}
    assert Counter(smap.lookup.values())["others"] == 36
    assert all(smap.lookup[c] == "others" for c in ("441", "551", "115", "151"))
    never = {"new_customers", "promising", "cannot_lose", "lost"}
    assert never.isdisjoint(smap.lookup.values())


def test_segments_by_hand() -> None:
    cells = ["555", "111", "155", "511", "345", "253", "331", "535", "525", "332", "553"]
    segmented = rfm_segments(scores_frame(cells))
    assert segmented["segment"].to_list() == [
        "champions",
        "lost",
        "cannot_lose",
        "new_customers",
        "loyal",
        "at_risk",
        "about_to_sleep",
        "need_attention",
        "promising",
        "hibernating",
        "potential_loyalist",
    ]
    assert segmented["segment_label"][0] == "Champions"
    assert segmented["treatment"][0].startswith("Reward")


@pytest.mark.parametrize(
    ("bins", "scores", "five"),
    [
        (2, [1, 2], [1, 5]),
        (3, [1, 2, 3], [1, 3, 5]),
        (4, [1, 2, 3, 4], [1, 2, 4, 5]),
        (7, [1, 2, 3, 4, 5, 6, 7], [1, 2, 2, 3, 4, 4, 5]),
        (10, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]),
    ],
)
def test_other_bins_are_rescaled_keeping_both_ends(
    bins: int, scores: list[int], five: list[int]
) -> None:
    cells = [f"{s}-{s}-{s}" for s in scores]
    segmented = rfm_segments(scores_frame(cells), segment_map=identity_map(), bins=bins)
    assert segmented["segment"].to_list() == [f"{s}{s}{s}" for s in five]
    # without bins=, the highest score found is taken as the number of bins
    inferred = rfm_segments(scores_frame(cells), segment_map=identity_map())
    assert inferred["segment"].equals(segmented["segment"])


def test_scores_outside_the_bins_are_refused() -> None:
    with pytest.raises(DataValidationError, match="r_score") as info:
        rfm_segments(scores_frame(["655"]), bins=5)
    assert info.value.code == "segment.bad_scores"
    with pytest.raises(DataValidationError, match="f_score"):
        rfm_segments(scores_frame(["505"]))


def test_cn8_mean_split_by_hand() -> None:
    scores = pl.DataFrame(
        {
            "customer_id": ["A", "B", "C", "D", "E"],
            "recency_days": [1, 100, 1, 100, 49],  # mean 50.2
            "frequency": [9, 9, 1, 1, 5],  # mean 5: E is not above it
            "monetary": [900.0, 900, 10, 10, 100],  # mean 384
        }
    )
    with pytest.raises(DataValidationError):  # a score map needs scores
        rfm_segments(scores)
    segmented = rfm_segments(scores, segment_map="cn8")
    assert segmented["segment"].to_list() == [
        "important_value",  # 111
        "important_keep",  # 011
        "general_develop",  # 100
        "general_retain",  # 000
        "general_develop",  # 100
    ]
    assert segmented.columns[:4] == ["customer_id", "recency_days", "frequency", "monetary"]


def test_mean_split_r_bit_means_recent_and_median_option() -> None:
    scores = pl.DataFrame(
        {
            "customer_id": ["A", "B", "C"],
            "recency_days": [10, 20, 30],  # mean = median = 20: B's R bit is 1 (not above)
            "frequency": [1, 20, 30],  # mean 17, median 20
            "monetary": [1.0, 2.0, 30.0],  # mean 11, median 2
        }
    )
    bits = {key: code for code, key in load_segment_map("cn8").lookup.items()}
    by_mean = rfm_segments(scores, segment_map="cn8")["segment"].to_list()
    assert [bits[k] for k in by_mean] == ["100", "110", "011"]
    spec: dict[str, Any] = {
        "name": "median8",
        "method": "mean_split",
        "statistic": "median",
        "segments": [{"key": f"b{code}", "codes": [code]} for code in sorted(bits.values())],
    }
    by_median = rfm_segments(scores, segment_map=spec)["segment"].to_list()
    assert by_median == ["b100", "b100", "b011"]  # B's F equals the median: not above it
    spec["on"] = "scores"
    with_scores = scores.with_columns(
        pl.Series("r_score", [5, 3, 1]),
        pl.Series("f_score", [1, 3, 5]),
        pl.Series("m_score", [1, 3, 5]),
    )
    by_scores = rfm_segments(with_scores, segment_map=spec)["segment"].to_list()
    assert by_scores == ["b100", "b100", "b011"]


def test_user_map_file_and_dict(tmp_path: Path) -> None:
    spec = {
        "name": "two",
        "method": "ranges",
        "segments": [
            {"key": "recent", "en": "Recent", "zh": "近期客户", "r": [4, 5]},
            {"key": "old", "en": "Old", "r": [1, 3], "treatment_en": "Call them"},
        ],
    }
    path = tmp_path / "two.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    values = pl.DataFrame(
        {
            "customer_id": ["a", "b", "c", "d", "e"],
            "recency_days": [1, 50, 90, 200, 300],
            "orders": [1] * 5,
            "revenue": [1.0] * 5,
        }
    )
    scores = rfm_scores(values)
    for segment_map in (str(path), path, spec):
        segmented = rfm_segments(scores, segment_map=segment_map)
        assert segmented["segment"].to_list() == ["recent", "recent", "old", "old", "old"]
        assert segmented["treatment"].to_list()[-1] == "Call them"
    set_lang("zh")
    zh = rfm_segments(scores, segment_map=path)
    assert zh["segment_label"].to_list() == ["近期客户", "近期客户", "Old", "Old", "Old"]
    assert zh["treatment"].to_list()[-1] == "Call them"  # falls back to the other language


def _ranges(*segments: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"method": "ranges", "segments": list(segments), **top}


ALL = {"key": "all"}


@pytest.mark.parametrize(
    ("spec", "code", "named"),
    [
        ([1, 2], "segment.map_type", "list"),
        ({"method": "magic", "segments": [ALL]}, "segment.map_method", "magic"),
        ({"segments": [ALL]}, "segment.map_method", "None"),
        (_ranges(), "segment.map_segments", "segments"),
        (_ranges("x"), "segment.map_segments", "segments"),  # type: ignore[arg-type]
        (_ranges({"codes": []}), "segment.map_key", "#1"),
        (_ranges({"key": ""}), "segment.map_key", "#1"),
        (_ranges(ALL, colour="red"), "segment.map_field", "colour"),
        (_ranges(ALL, allow_unused="yes"), "segment.map_option", "allow_unused"),
        (
            _ranges({"key": "all", "R": [4, 5]}),
            "segment.map_field",
            "$.segments[0] (all): unknown field 'R'",
        ),
        (_ranges({"key": "all", "codes": ["555"]}), "segment.map_field", "codes"),
        (_ranges({"key": "all", "en": 5}), "segment.map_text", "en"),
        (_ranges({"key": "a", "r": [3, 9]}), "segment.map_range", "[3, 9]"),
        (_ranges({"key": "a", "r": [4, 2]}), "segment.map_range", "[4, 2]"),
        (_ranges({"key": "a", "f": [1]}), "segment.map_range", "'f'"),
        (_ranges({"key": "a", "m": [1.0, 5]}), "segment.map_range", "'m'"),
        (_ranges({"key": "a", "r": [4, 5]}), "segment.map_uncovered", "75 code(s)"),
        (_ranges(ALL, {"key": "late", "r": [5, 5]}), "segment.map_unused", "late"),
        (_ranges({"key": "a", "r": [4, 5]}, fallback="x"), "segment.map_fallback", "fallback"),
        ({"method": "codes", "segments": [{"key": "a"}]}, "segment.map_codes", "'a'"),
        (
            {"method": "codes", "segments": [{"key": "a", "codes": ["655"]}]},
            "segment.map_bad_code",
            "655",
        ),
        (
            {"method": "codes", "segments": [{"key": "a", "codes": ["55"]}]},
            "segment.map_bad_code",
            "55",
        ),
        (
            {
                "method": "codes",
                "segments": [{"key": "a", "codes": CODES}, {"key": "b", "codes": ["555"]}],
            },
            "segment.map_code_twice",
            "555",
        ),
        (
            {
                "method": "codes",
                "segments": [{"key": "a", "codes": CODES[:60]}, {"key": "a", "codes": CODES[60:]}],
            },
            "segment.map_dup_key",
            "'a'",
        ),
        (
            {"method": "codes", "segments": [{"key": "a", "codes": ["555"]}]},
            "segment.map_uncovered",
            "124",
        ),
        (
            {"method": "mean_split", "segments": [{"key": "a", "codes": ["111"]}]},
            "segment.map_uncovered",
            "7 code(s)",
        ),
        (
            {
                "method": "mean_split",
                "statistic": "mode",
                "segments": [{"key": "a", "codes": ["111"]}],
            },
            "segment.map_option",
            "mode",
        ),
        (
            {"method": "mean_split", "segments": [{"key": "a", "codes": ["112"]}]},
            "segment.map_bad_code",
            "0/1",
        ),
    ],
)
def test_malformed_maps_are_refused(spec: Any, code: str, named: str) -> None:
    with pytest.raises(DataValidationError) as info:
        rfm_segments(scores_frame(["555"]), segment_map=spec)
    assert info.value.code == code
    assert named in str(info.value)
    assert info.value.message("zh") != str(info.value)


def test_fallback_and_allow_unused_make_partial_maps_valid() -> None:
    spec = _ranges(
        {"key": "top", "r": [5, 5]},
        {"key": "shadowed", "r": [5, 5], "f": [5, 5]},
        fallback={"key": "rest", "en": "Rest", "zh": "其余"},
        allow_unused=True,
    )
    segmented = rfm_segments(scores_frame(["555", "155"]), segment_map=spec)
    assert segmented["segment"].to_list() == ["top", "rest"]
    assert load_segment_map(spec).keys == ["top", "shadowed", "rest"]


def test_map_files_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError, match="standard11") as info:
        rfm_segments(scores_frame(["555"]), segment_map="standard12")
    assert info.value.code == "segment.unknown_map"
    with pytest.raises(DataValidationError) as info:
        rfm_segments(scores_frame(["555"]), segment_map=tmp_path / "missing.json")
    assert info.value.code == "segment.unknown_map"
    with pytest.raises(DataValidationError) as info:
        load_segment_map(5)  # type: ignore[arg-type]
    assert info.value.code == "segment.map_type"
    bad = tmp_path / "bad.json"
    bad.write_text('{"method": "codes", "segments": [', encoding="utf-8")
    with pytest.raises(DataValidationError, match="bad.json") as info:
        load_segment_map(bad)
    assert info.value.code == "segment.map_json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(DataValidationError, match="bad.json") as info:
        load_segment_map(bad)
    assert info.value.code == "segment.map_object"
    bad.write_bytes('{"name": "坏"}'.encode("gbk"))
    with pytest.raises(DataValidationError, match="UTF-8") as info:
        load_segment_map(bad)
    assert info.value.code == "segment.map_json"
    uncovered = tmp_path / "partial.json"
    uncovered.write_text(json.dumps(_ranges({"key": "a", "r": [4, 5]})), encoding="utf-8")
    with pytest.raises(DataValidationError, match="partial.json") as info:
        load_segment_map(uncovered)
    assert info.value.code == "segment.map_uncovered"
    assert "111" in str(info.value)


def test_builtin_maps_have_both_languages() -> None:
    for name in BUILTIN_MAPS:
        for segment in load_segment_map(name).segments:
            assert segment.en and segment.zh and segment.en != segment.zh, (name, segment.key)
            assert segment.treatment_en and segment.treatment_zh, (name, segment.key)


def test_labels_follow_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    cells = ["555", "111"]
    monkeypatch.setenv("CUSTVALUE_LANG", "zh")
    set_lang(None)
    segmented = rfm_segments(scores_frame(cells))
    assert segmented["segment_label"].to_list() == ["冠军客户", "已流失客户"]
    assert segment_summary(segmented)["segment_label"].to_list() == ["冠军客户", "已流失客户"]
    set_lang("en")
    assert rfm_segments(scores_frame(cells))["segment_label"].to_list() == ["Champions", "Lost"]
    assert t("segment.bad_bins", lang="zh", value=1).startswith("bins=1：")


def test_summary_by_hand_in_map_order() -> None:
    segmented = rfm_segments(scores_frame(["111", "555", "111", "545"])).with_columns(
        pl.Series("monetary", [10.0, 100.0, 20.0, 300.0]),
        pl.Series("frequency", [1, 5, 1, 3]),
    )
    summary = segment_summary(segmented)
    assert summary.columns == [
        "segment",
        "segment_label",
        "customers",
        "share",
        "revenue",
        "monetary",
        "recency_days",
        "frequency",
    ]
    assert summary.rows() == [
        ("champions", "Champions", 2, 0.5, 400.0, 200.0, 30.0, 4.0),
        ("lost", "Lost", 2, 0.5, 30.0, 15.0, 20.0, 1.0),
    ]
    # a user map: its own order; without the map, unknown segments largest first
    spec = _ranges({"key": "z_recent", "r": [5, 5]}, {"key": "a_rest"})
    user = rfm_segments(scores_frame(["111", "555", "111"]), segment_map=spec)
    assert segment_summary(user, segment_map=spec)["segment"].to_list() == ["z_recent", "a_rest"]
    assert segment_summary(user)["segment"].to_list() == ["a_rest", "z_recent"]


def test_summary_orders_follow_the_builtin_maps() -> None:
    order = builtin_order()
    assert order[:11] == list(MAP_B)
    for name in BUILTIN_MAPS:
        if name == "cn8":
            continue
        summary = segment_summary(rfm_segments(scores_frame(CODES), segment_map=name))
        keys = summary["segment"].to_list()
        assert keys == sorted(keys, key=order.index)
        assert keys == [k for k in load_segment_map(name).keys if k in keys]
        assert summary["customers"].sum() == 125
        assert summary["share"].sum() == pytest.approx(1.0)


def test_summary_needs_segments() -> None:
    with pytest.raises(DataValidationError) as info:
        segment_summary(scores_frame(["555"]))
    assert info.value.code == "validation.missing_columns"
    assert "segment" in str(info.value)
