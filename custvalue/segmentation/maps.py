"""RFM segment maps as data: load, validate, and expand to a lookup table.

A map is JSON (see ``maps/*.json`` and docs/segmentation.md)::

    {"name": "...", "method": "codes" | "ranges" | "mean_split",
     "segments": [{"key": "champions", "en": "Champions", "zh": "冠军客户",
                   "treatment_en": "...", "treatment_zh": "...",
                   "codes": ["555", "554"]            # method "codes" / "mean_split"
                   "r": [4, 5], "f": [4, 5], "m": [1, 5]}],  # method "ranges"
     "fallback": {"key": "others", "en": "Others", "zh": "其他"}}   # optional

``codes`` maps R-F-M score codes (digits 1–5) to segments; ``ranges`` takes
the first segment whose ranges contain the scores; ``mean_split`` codes are
three bits (1 = better than the mean). Without ``fallback`` a map must cover
every code; a user map that does not is refused with the first codes missing.
"""

from __future__ import annotations

import itertools
import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, NoReturn

import polars as pl

from custvalue.exceptions import DataValidationError
from custvalue.i18n import get_lang

__all__ = ["BUILTIN_MAPS", "SegmentMap", "load_segment_map"]

BUILTIN_MAPS = ("standard11", "rf_grid", "cn8", "rfm_vignette")
_METHODS = ("codes", "ranges", "mean_split")


class SegmentMap:
    """A validated map: ordered segments and the code → segment lookup."""

    def __init__(self, spec: dict[str, Any], source: str) -> None:
        self.source = source
        self.name = str(spec.get("name", source))
        self.method = spec.get("method")
        if self.method not in _METHODS:
            self._fail("segment.map_method", found=self.method, allowed=", ".join(_METHODS))
        segments = spec.get("segments")
        if not isinstance(segments, list) or not segments:
            self._fail("segment.map_segments")
        self.segments: list[dict[str, Any]] = []
        seen: set[str] = set()
        for i, seg in enumerate(segments):
            if not isinstance(seg, dict) or not isinstance(seg.get("key"), str):
                self._fail("segment.map_key", index=i + 1)
            if seg["key"] in seen and self.method != "ranges":
                self._fail("segment.map_dup_key", key=seg["key"])
            seen.add(seg["key"])
            self.segments.append(seg)
        fallback = spec.get("fallback")
        if fallback is not None and not isinstance(fallback, dict):
            self._fail("segment.map_fallback")
        self.fallback: dict[str, Any] | None = fallback
        self.lookup = self._lookup()

    def _fail(self, message_key: str, /, **params: Any) -> NoReturn:
        raise DataValidationError(message_key, source=self.source, **params)

    def _cells(self) -> list[str]:
        if self.method == "mean_split":
            return ["".join(p) for p in itertools.product("01", repeat=3)]
        return ["".join(p) for p in itertools.product("12345", repeat=3)]

    def _lookup(self) -> dict[str, str]:
        cells = self._cells()
        table: dict[str, str] = {}
        if self.method in ("codes", "mean_split"):
            for seg in self.segments:
                codes = seg.get("codes")
                if not isinstance(codes, list):
                    self._fail("segment.map_codes", key=seg["key"])
                for code in codes:
                    if str(code) not in cells:
                        self._fail("segment.map_bad_code", key=seg["key"], code=code)
                    if str(code) in table:
                        self._fail(
                            "segment.map_code_twice",
                            code=code,
                            first=table[str(code)],
                            key=seg["key"],
                        )
                    table[str(code)] = seg["key"]
        else:
            for seg in self.segments:
                bounds = [self._range(seg, axis) for axis in "rfm"]
                for cell in cells:
                    if cell in table:
                        continue
                    if all(lo <= int(d) <= hi for d, (lo, hi) in zip(cell, bounds, strict=True)):
                        table[cell] = seg["key"]
        missing = [c for c in cells if c not in table]
        if missing and self.fallback is None:
            shown = ", ".join(missing[:8]) + (" …" if len(missing) > 8 else "")
            self._fail("segment.map_uncovered", count=len(missing), codes=shown)
        for cell in missing:
            table[cell] = str(self.fallback["key"]) if self.fallback else ""
        return table

    def _range(self, seg: dict[str, Any], axis: str) -> tuple[int, int]:
        value = seg.get(axis, [1, 5])
        ok = (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) for v in value)
            and 1 <= value[0] <= value[1] <= 5
        )
        if not ok:
            self._fail("segment.map_range", key=seg["key"], axis=axis)
        return int(value[0]), int(value[1])

    def ordered(self) -> list[dict[str, Any]]:
        """Segments in map order, each key once, the fallback last."""
        out: list[dict[str, Any]] = []
        keys: set[str] = set()
        for seg in [*self.segments, *([self.fallback] if self.fallback else [])]:
            if seg["key"] not in keys:
                keys.add(seg["key"])
                out.append(seg)
        return out

    def labels(self, lang: str | None = None) -> pl.DataFrame:
        """segment, segment_label, treatment, order — in the chosen language."""
        zh = get_lang(lang) == "zh"
        rows = [
            {
                "segment": s["key"],
                "segment_label": str(s.get("zh" if zh else "en") or s["key"]),
                "treatment": str(s.get("treatment_zh" if zh else "treatment_en") or ""),
                "order": i,
            }
            for i, s in enumerate(self.ordered())
        ]
        return pl.DataFrame(
            rows,
            schema={
                "segment": pl.String,
                "segment_label": pl.String,
                "treatment": pl.String,
                "order": pl.Int64,
            },
        )


@cache
def _builtin(name: str) -> SegmentMap:
    text = (files("custvalue.segmentation") / "maps" / f"{name}.json").read_text("utf-8")
    return SegmentMap(json.loads(text), name)


def load_segment_map(segment_map: str | dict[str, Any] | SegmentMap) -> SegmentMap:
    """A built-in name, a JSON file path, a dict, or a :class:`SegmentMap`."""
    if isinstance(segment_map, SegmentMap):
        return segment_map
    if isinstance(segment_map, dict):
        return SegmentMap(segment_map, str(segment_map.get("name", "map")))
    if segment_map in BUILTIN_MAPS:
        return _builtin(segment_map)
    path = Path(segment_map)
    if not path.is_file():
        raise DataValidationError(
            "segment.unknown_map", value=segment_map, choices=", ".join(BUILTIN_MAPS)
        )
    try:
        spec = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataValidationError("segment.map_json", source=str(path), detail=str(error)) from None
    if not isinstance(spec, dict):
        raise DataValidationError("segment.map_object", source=str(path))
    return SegmentMap(spec, str(path))
