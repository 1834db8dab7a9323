"""RFM segment maps as data: load, validate, and expand to a code → segment table.

A map is a JSON object (the built-in ones are ``maps/*.json``; the format is
described in docs/segmentation.md)::

    {
      "name": "my map",
      "method": "codes" | "ranges" | "mean_split",
      "segments": [
        {"key": "champions", "en": "Champions", "zh": "冠军客户",
         "treatment_en": "...", "treatment_zh": "...",
         "codes": ["555", "554"]},                  # methods "codes" and "mean_split"
        {"key": "loyal", "r": [3, 5], "f": [4, 5]}  # method "ranges"; omitted axis = [1, 5]
      ],
      "fallback": {"key": "others", "en": "Others", "zh": "其他"},   # optional
      "allow_unused": false,                                          # optional
      "statistic": "mean" | "median", "on": "values" | "scores"      # mean_split only
    }

- ``codes``: R-F-M score codes (three digits 1–5) listed per segment, each at most once.
- ``ranges``: inclusive score ranges per axis; the first matching entry wins; a key may
  appear in several entries (several rules for one segment).
- ``mean_split``: codes are three bits, 1 = better than the mean (or median) of the
  raw values (``"on": "values"``, default) or of the scores (``"on": "scores"``).

A map must give every code a segment unless it has a ``fallback``; an entry that
can never match (all its codes taken earlier) is refused unless ``allow_unused``
is true (the R ``rfm`` vignette map needs it).
"""

from __future__ import annotations

import itertools
import json
import os
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, NoReturn

import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.i18n import get_lang

__all__ = ["BUILTIN_MAPS", "METHODS", "Segment", "SegmentMap", "builtin_order", "load_segment_map"]

BUILTIN_MAPS = ("standard11", "rf_grid", "cn8", "rfm_vignette")
METHODS = ("codes", "ranges", "mean_split")
SCORE_CODES = tuple("".join(p) for p in itertools.product("12345", repeat=3))
BIT_CODES = tuple("".join(p) for p in itertools.product("01", repeat=3))

_LABEL_FIELDS = ("key", "en", "zh", "treatment_en", "treatment_zh", "description")
_TOP_FIELDS = ("name", "description", "method", "segments", "fallback", "allow_unused")
_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # method: (extra top-level fields, extra segment fields)
    "codes": ((), ("codes",)),
    "ranges": ((), ("r", "f", "m")),
    "mean_split": (("statistic", "on"), ("codes",)),
}


@dataclass(frozen=True)
class Segment:
    """One segment: key, labels and recommended treatment in both languages."""

    key: str
    en: str
    zh: str
    treatment_en: str
    treatment_zh: str

    def label(self, lang: str | None = None) -> str:
        """The label in ``lang`` (default: the language in force)."""
        return self.zh if get_lang(lang) == "zh" else self.en

    def treatment(self, lang: str | None = None) -> str:
        """The treatment in ``lang`` (default: the language in force)."""
        return self.treatment_zh if get_lang(lang) == "zh" else self.treatment_en


class SegmentMap:
    """A validated segment map.

    Attributes: ``name``, ``source`` (file, built-in name or ``<dict>``), ``method``,
    ``statistic`` and ``on`` (mean_split), ``segments`` (unique keys in map order,
    the fallback last) and ``lookup`` (every code → segment key).
    """

    def __init__(self, spec: Any, source: str) -> None:
        self.source = source
        if not isinstance(spec, dict):
            self._fail("segment.map_object", found=type(spec).__name__)
        self.method: str = spec.get("method")  # type: ignore[assignment]
        if self.method not in METHODS:
            self._fail("segment.map_method", found=spec.get("method"), allowed=", ".join(METHODS))
        extra_top, extra_segment = _FIELDS[self.method]
        self._check_fields(spec, (*_TOP_FIELDS, *extra_top), "$")
        self.name = str(spec.get("name") or source)
        self.statistic = self._option(spec, "statistic", ("mean", "median"))
        self.on = self._option(spec, "on", ("values", "scores"))
        self.allow_unused = spec.get("allow_unused", False)
        if not isinstance(self.allow_unused, bool):
            self._fail(
                "segment.map_option",
                field="allow_unused",
                found=self.allow_unused,
                allowed="true, false",
            )
        entries = spec.get("segments")
        if not isinstance(entries, list) or not entries:
            self._fail("segment.map_segments")
        segments: dict[str, Segment] = {}
        for index, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict):
                self._fail("segment.map_segments")
            key = self._key(entry, index)
            where = f"$.segments[{index - 1}] ({key})"
            self._check_fields(entry, (*_LABEL_FIELDS, *extra_segment), where)
            if key in segments and self.method != "ranges":
                self._fail("segment.map_dup_key", key=key, method=self.method)
            segments.setdefault(key, self._segment(entry, key))
        fallback = spec.get("fallback")
        self.fallback: Segment | None = None
        if fallback is not None:
            if not isinstance(fallback, dict) or not isinstance(fallback.get("key"), str):
                self._fail("segment.map_fallback")
            self._check_fields(fallback, _LABEL_FIELDS, "$.fallback")
            self.fallback = self._segment(fallback, self._key(fallback, len(entries) + 1))
            segments.setdefault(self.fallback.key, self.fallback)
        self.segments: tuple[Segment, ...] = tuple(segments.values())
        self.lookup: dict[str, str] = self._lookup(entries)

    # -- validation ------------------------------------------------------------------

    def _fail(self, message_key: str, /, **params: Any) -> NoReturn:
        raise DataValidationError(message_key, source=self.source, **params)

    def _check_fields(self, obj: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
        for field in obj:
            if field not in allowed:
                self._fail(
                    "segment.map_field", where=where, field=field, allowed=", ".join(allowed)
                )

    def _option(self, spec: dict[str, Any], field: str, allowed: tuple[str, ...]) -> str:
        found = spec.get(field, allowed[0])
        if found not in allowed:
            self._fail("segment.map_option", field=field, found=found, allowed=", ".join(allowed))
        return str(found)

    def _key(self, entry: dict[str, Any], index: int) -> str:
        key = entry.get("key")
        if not isinstance(key, str) or not key.strip():
            self._fail("segment.map_key", index=index)
        return key

    def _segment(self, entry: dict[str, Any], key: str) -> Segment:
        texts: dict[str, str] = {}
        for field in ("en", "zh", "treatment_en", "treatment_zh", "description"):
            found = entry.get(field)
            if found is not None and not isinstance(found, str):
                self._fail("segment.map_text", key=key, field=field, found=found)
            texts[field] = found or ""
        en = texts["en"] or texts["zh"] or key
        treatment_en = texts["treatment_en"] or texts["treatment_zh"]
        return Segment(
            key=key,
            en=en,
            zh=texts["zh"] or en,
            treatment_en=treatment_en,
            treatment_zh=texts["treatment_zh"] or treatment_en,
        )

    def _range(self, entry: dict[str, Any], axis: str) -> tuple[int, int]:
        found = entry.get(axis, [1, 5])
        ok = (
            isinstance(found, list)
            and len(found) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in found)
            and 1 <= found[0] <= found[1] <= 5
        )
        if not ok:
            self._fail("segment.map_range", key=entry["key"], axis=axis, found=found)
        return int(found[0]), int(found[1])

    def _entry_codes(self, entry: dict[str, Any], cells: tuple[str, ...]) -> list[str]:
        key = entry["key"]
        if self.method == "ranges":
            bounds = [self._range(entry, axis) for axis in "rfm"]
            return [
                cell
                for cell in cells
                if all(lo <= int(d) <= hi for d, (lo, hi) in zip(cell, bounds, strict=True))
            ]
        codes = entry.get("codes")
        if not isinstance(codes, list):
            self._fail("segment.map_codes", key=key)
        out: list[str] = []
        for code in codes:
            text = str(code) if isinstance(code, (str, int)) and not isinstance(code, bool) else ""
            if text not in cells:
                digits = "0/1" if self.method == "mean_split" else "1-5"
                self._fail("segment.map_bad_code", key=key, code=code, digits=digits)
            out.append(text)
        return out

    def _lookup(self, entries: list[dict[str, Any]]) -> dict[str, str]:
        cells = BIT_CODES if self.method == "mean_split" else SCORE_CODES
        table: dict[str, str] = {}
        for entry in entries:
            matched = False
            for code in self._entry_codes(entry, cells):
                if code not in table:
                    table[code] = entry["key"]
                    matched = True
                elif self.method != "ranges":
                    self._fail(
                        "segment.map_code_twice", code=code, first=table[code], key=entry["key"]
                    )
            if not matched and not self.allow_unused:
                self._fail("segment.map_unused", key=entry["key"])
        missing = [c for c in cells if c not in table]
        if missing:
            if self.fallback is None:
                shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
                self._fail("segment.map_uncovered", count=len(missing), codes=shown)
            table.update(dict.fromkeys(missing, self.fallback.key))
        return {c: table[c] for c in cells}

    # -- use -------------------------------------------------------------------------

    @property
    def keys(self) -> list[str]:
        """Segment keys in map order (the fallback last)."""
        return [s.key for s in self.segments]

    def labels(self, lang: str | None = None) -> pl.DataFrame:
        """segment, segment_label, treatment, segment_order — in ``lang``."""
        return pl.DataFrame(
            {
                "segment": self.keys,
                "segment_label": [s.label(lang) for s in self.segments],
                "treatment": [s.treatment(lang) for s in self.segments],
                "segment_order": list(range(len(self.segments))),
            },
            schema={
                "segment": pl.String,
                "segment_label": pl.String,
                "treatment": pl.String,
                "segment_order": pl.Int64,
            },
        )

    def table(self, lang: str | None = None) -> pl.DataFrame:
        """One row per code: code (Int64, e.g. 545 or 101), segment, segment_label, treatment."""
        codes = pl.DataFrame(
            {"code": [int(c) for c in self.lookup], "segment": list(self.lookup.values())},
            schema={"code": pl.Int64, "segment": pl.String},
        )
        return codes.join(self.labels(lang).drop("segment_order"), on="segment", how="left")

    def __repr__(self) -> str:
        return f"SegmentMap({self.name!r}, method={self.method!r}, segments={self.keys})"


@cache
def _builtin(name: str) -> SegmentMap:
    text = (files("custvalue.segmentation") / "maps" / f"{name}.json").read_text("utf-8")
    return SegmentMap(json.loads(text), name)


def builtin_order() -> list[str]:
    """Every built-in segment key, in map order (standard11's order first)."""
    keys: dict[str, None] = {}
    for name in BUILTIN_MAPS:
        keys.update(dict.fromkeys(_builtin(name).keys))
    return list(keys)


def load_segment_map(
    segment_map: str | os.PathLike[str] | dict[str, Any] | SegmentMap,
) -> SegmentMap:
    """A built-in map name, a JSON file path, a dict in the map format, or a :class:`SegmentMap`."""
    if isinstance(segment_map, SegmentMap):
        return segment_map
    if isinstance(segment_map, dict):
        return SegmentMap(segment_map, str(segment_map.get("name") or "<dict>"))
    if not isinstance(segment_map, (str, os.PathLike)):
        raise DataValidationError("segment.map_type", found=type(segment_map).__name__)
    if isinstance(segment_map, str) and segment_map in BUILTIN_MAPS:
        return _builtin(segment_map)
    path = Path(segment_map)
    if not path.is_file():
        raise DataValidationError(
            "segment.unknown_map", value=str(segment_map), choices=", ".join(BUILTIN_MAPS)
        )
    try:
        spec = json.loads(path.read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataValidationError("segment.map_json", source=str(path), detail=str(error)) from None
    return SegmentMap(spec, str(path))
