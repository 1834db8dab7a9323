"""What customers say, read from the store: every survey measure scoped by wave and
segment and broken down by any grouping, with the changes between waves that are
statistically meaningful (docs/satisfaction.md §2).

``measure(db, name=…, wave=…, segment=…, by=…)`` returns a :class:`VoiceMeasure`: a
table (one row per group, or per attribute / item / feature) and the facts behind it.
The groups: ``wave``, ``segment``, ``touchpoint`` (CSAT, CES) as answered, or the linked
customer's ``tier``, ``rfm`` segment or ``class`` (from the ready snapshot, or computed
from the ledger before there is one; answers without a linked customer fall in "—").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from custvalue.app.results import Result, rows
from custvalue.app.survey import _known
from custvalue.exceptions import DataValidationError, NotFoundError

if TYPE_CHECKING:
    import polars as pl

    from custvalue.data.db import Database

__all__ = [
    "BY",
    "MEASURES",
    "NUMBERS",
    "PERCENT",
    "VoiceMeasure",
    "in_words",
    "load_answers",
    "measure",
    "sentence",
]

#: measure -> the kind of answers it reads
MEASURES = {
    "nps": "nps",
    "csat": "csat",
    "ces": "ces",
    "gaps": "satisfaction",
    "ipa": "satisfaction",
    "drivers": "satisfaction",
    "servqual": "servqual",
    "kano": "kano",
}
#: the groupings: answered columns, or the linked customer's snapshot columns
BY = ("wave", "segment", "touchpoint", "tier", "rfm", "class")
_SNAPSHOT = {"tier": "tier", "rfm": "segment", "class": "class"}
NO_GROUP = "—"


@dataclass(frozen=True)
class VoiceMeasure(Result):
    """One measure: ``table`` (per group, attribute, item or feature), ``changes``
    between consecutive waves (by wave only), and the scope it was computed on."""

    measure: str
    table: pl.DataFrame
    wave: str | None
    segment: str | None
    by: str | None
    answers: int
    facts: dict[str, Any] = field(default_factory=dict)
    changes: pl.DataFrame | None = None

    def data(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "wave": self.wave,
            "segment": self.segment,
            "by": self.by,
            "answers": self.answers,
            "facts": self.facts,
            "table": rows(self.table),
            "changes": rows(self.changes) if self.changes is not None else None,
        }


def load_answers(
    db: Database,
    kind: str,
    *,
    wave: str | None = None,
    segment: str | None = None,
    linked: bool = True,
) -> tuple[pl.DataFrame, str | None, str | None]:
    """The stored answers of ``kind`` in the scope, with the linked customer's tier,
    RFM segment and class (``linked``: from the ready snapshot, or computed from the
    ledger when there is none); the wave and segment as stored."""
    import polars as pl

    table = f"voice_{kind}"
    waves = [str(r[0]) for r in db.fetchall(f"SELECT DISTINCT wave FROM {table} ORDER BY 1")]
    if not waves:
        raise NotFoundError("voice.no_answers", kind=kind, db=db.display_url)
    segments = [str(r[0]) for r in db.fetchall(f"SELECT DISTINCT segment FROM {table} ORDER BY 1")]
    wave = _known("--wave", wave, waves)
    segment = _known("--segment", segment, segments)
    where, params = [], []
    if wave is not None:
        where.append("a.wave = ?")
        params.append(wave)
    if segment is not None:
        where.append("a.segment = ?")
        params.append(segment)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    frame = db.frame(f"SELECT a.* FROM {table} a {clause} ORDER BY a.wave, a.respondent", params)
    if linked:
        from custvalue.app.snapshots import customer_segments

        known = customer_segments(db).rename({"segment": "rfm"})
        frame = frame.join(known, on="customer_id", how="left")
    else:
        frame = frame.with_columns([pl.lit(None, pl.String).alias(c) for c in _SNAPSHOT])
    labels = _labels()
    frame = frame.with_columns(
        [
            pl.col(c).cast(pl.String).replace_strict(labels[c], default=pl.col(c).cast(pl.String))
            .fill_null(NO_GROUP)
            for c in _SNAPSHOT
        ]
    )  # fmt: skip
    return frame, wave, segment


def by_label(by: str) -> str:
    """The heading of a grouping: its name in words, or the customer attribute as named."""
    from custvalue.i18n import t

    return t(f"voice.by_{by}") if by in BY else by


def attribute_names(db: Database, *, sample: int = 1000) -> list[str]:
    """The customer attributes the store holds (read from the first ``sample``
    customers that have any): what ``--by`` may also name."""
    import json

    seen: set[str] = set()
    for (text,) in db.fetchall(
        "SELECT attributes FROM customers WHERE attributes IS NOT NULL LIMIT ?", [sample]
    ):
        try:
            seen |= set(json.loads(text))
        except (TypeError, ValueError):
            continue
    return sorted(seen)


def customer_attribute(db: Database, name: str) -> pl.DataFrame:
    """``customer_id, value`` of the customer attribute ``name`` (from the customers'
    imported extra columns); refused, with the attributes there are, when no customer
    has it."""
    import polars as pl

    if not name or any(c in name for c in "'\\\"[]"):
        raise DataValidationError("voice.unknown_by", by=name, choices=", ".join(BY))
    stored = db.frame("SELECT customer_id, attributes FROM customers WHERE attributes IS NOT NULL")
    values = stored.select(
        pl.col("customer_id").cast(pl.String),
        pl.col("attributes").str.json_path_match(f"$['{name}']").alias("value"),
    ).filter(pl.col("value").is_not_null())
    if values.height == 0:
        from custvalue.i18n import t

        choices = [*BY, *(a for a in attribute_names(db) if a not in BY)]
        raise DataValidationError(
            "voice.unknown_by", by=name, choices=t("output.separator").join(choices)
        )
    return values


def _labels() -> dict[str, dict[str, str]]:
    from custvalue.app.snapshots import code_labels

    labels = code_labels()
    return {"tier": labels["tier"], "rfm": labels["segment"], "class": labels["class"]}


def _groups(frame: pl.DataFrame, by: str | None) -> list[tuple[str, pl.DataFrame]]:
    import polars as pl

    if by is None:
        return [("", frame)]
    keyed = frame.with_columns(pl.col(by).cast(pl.String).fill_null(NO_GROUP).replace("", NO_GROUP))
    return [(str(k[0]), g) for k, g in keyed.group_by(by, maintain_order=True)]


def measure(
    db: Database,
    *,
    name: str,
    wave: str | None = None,
    segment: str | None = None,
    by: str | None = None,
    confidence: float = 0.95,
    options: dict[str, Any] | None = None,
) -> VoiceMeasure:
    """``name`` (one of :data:`MEASURES`) on the stored answers (see the module docstring)."""
    from custvalue._validation import check_choice

    name = check_choice("measure", name, tuple(MEASURES))
    attribute = None
    if by is not None:
        by = by.strip()
        if by.lower() in BY:
            by = by.lower()
        else:
            attribute = customer_attribute(db, by)
    linked = by in _SNAPSHOT
    frame, wave, segment = load_answers(
        db, MEASURES[name], wave=wave, segment=segment, linked=linked
    )
    if attribute is not None:
        import polars as pl

        if by in frame.columns:
            raise DataValidationError("voice.by_clash", by=by)
        frame = frame.join(attribute.rename({"value": str(by)}), on="customer_id", how="left")
        frame = frame.with_columns(pl.col(str(by)).fill_null(NO_GROUP))
    compute = _COMPUTE[name]
    table, facts, changes = compute(frame, by, confidence, options or {})
    return VoiceMeasure(
        measure=name,
        table=table,
        wave=wave,
        segment=segment,
        by=by,
        answers=frame.height,
        facts=facts,
        changes=changes,
    )


Computed = tuple["pl.DataFrame", dict[str, Any], "pl.DataFrame | None"]


#: the columns of each measure that are shares (shown as percentages)
PERCENT = {
    "nps": ("promoter_share", "passive_share", "detractor_share"),
    "csat": ("share", "share_low", "share_high"),
    "ces": ("share", "share_low", "share_high"),
    "gaps": ("share_dissatisfied", "share_satisfied", "share_highly_satisfied"),
    "drivers": ("share",),
}
#: the columns of a measure's wave changes that are shares (CSAT and CES: the share
#: satisfied or easy); the other measures' changes are on their own scale
CHANGE_PERCENT = {
    "csat": ("change", "change_low", "change_high"),
    "ces": ("change", "change_low", "change_high"),
}
#: in a table of wave changes: what must stay in sight, and what goes first when the
#: table is too wide
CHANGE_KEEP = ("significant",)
CHANGE_PRIORITY = ("n_from", "n_to", "p_value", "change_low", "change_high")
#: the statistics, shown as numbers with one number of decimals per column
NUMBERS = (
    "nps", "nps_low", "nps_high", "mean", "mean_low", "mean_high", "weight", "coefficient",
    "expectation", "performance", "importance", "satisfaction_gap", "cs", "ds", "change",
    "change_low", "change_high", "mean_change", "gap_from", "gap_to", "p_adjusted",
)  # fmt: skip
_QUADRANTS = ("concentrate_here", "keep_up", "low_priority", "possible_overkill")
#: decimals shown per column (an NPS to one decimal, scale means to two)
_DECIMALS = {
    **dict.fromkeys(("nps", "nps_low", "nps_high", "change", "change_low", "change_high"), 1),
    **dict.fromkeys(
        ("mean", "mean_low", "mean_high", "mean_change", "expectation", "performance",
         "importance", "satisfaction_gap", "perception", "cs", "ds"),
        2,
    ),
    "coefficient": 3,
    "weight": 3,
    "gap_from": 2,
    "gap_to": 2,
}  # fmt: skip


def in_words(result: VoiceMeasure, table: pl.DataFrame | None = None) -> pl.DataFrame:
    """``result.table`` (or ``table``, its changes) as a reader sees it: groups kept only
    when grouped, quadrants and SERVQUAL dimensions in words, the gap named for what it
    is, figures rounded to what the measure supports."""
    import polars as pl

    from custvalue.i18n import t

    shown = result.table if table is None else table
    if "group" in shown.columns and result.by is None:
        shown = shown.drop("group")
    if "gap" in shown.columns:
        shown = shown.rename({"gap": "satisfaction_gap"})
    if "mean_from" in shown.columns:  # the changes of a gap: the gap before and after
        shown = shown.rename({"mean_from": "gap_from", "mean_to": "gap_to"})
    if "quadrant" in shown.columns:
        words = {q: t(f"voice.quadrant_{q}") for q in _QUADRANTS}
        shown = shown.with_columns(
            pl.col("quadrant").replace_strict(words, default=pl.col("quadrant"))
        )
    if result.measure == "servqual" and "dimension" in shown.columns:
        from custvalue.satisfaction.service_quality import DIMENSIONS

        labels = {d: t(f"voice.dimension_{d}") for d in DIMENSIONS}
        shown = shown.with_columns(
            pl.col("dimension").replace_strict(labels, default=pl.col("dimension"))
        )
    shares = CHANGE_PERCENT.get(result.measure, ())
    if "weight" in shown.columns and result.measure == "servqual":
        if shown["weight"].null_count() == shown.height:  # no weights given: no column
            shown = shown.drop("weight")
    rounded = [
        # + 0.0 turns a rounded −0.0 into 0.0
        pl.col(c).round(2 if c.startswith("change") and result.measure != "nps" else d) + 0.0
        for c, d in _DECIMALS.items()
        if c in shown.columns and c not in shares
    ]
    return shown.with_columns(rounded) if rounded else shown


def change_note(result: VoiceMeasure) -> str:
    """How the wave changes of ``result`` were tested, in words (both fronts show it)."""
    from custvalue.i18n import t

    alpha = f"{1 - result.facts['confidence']:.2f}"
    if result.measure in ("gaps", "servqual"):
        return t("voice.change_note_holm", alpha=alpha)
    return t("voice.change_note", alpha=alpha)


def sentence(result: VoiceMeasure) -> str | None:
    """What a reader should know beside the table, in words (both fronts show it)."""
    from custvalue.i18n import t

    facts = result.facts
    name = result.measure
    skipped = ""
    if facts.get("skipped_groups"):
        skipped = " " + t(
            "voice.skipped_groups", groups=t("output.separator").join(facts["skipped_groups"])
        )
    said = _said(result, facts, name)
    return (said or "") + skipped if said or skipped else None


def _said(result: VoiceMeasure, facts: dict[str, Any], name: str) -> str | None:
    from custvalue.i18n import t

    if name == "drivers":
        weak = ", ".join(facts["not_significant"]) or t("voice.none")
        return t(
            "voice.drivers_facts",
            r2=facts["r2"],
            adjusted=facts["adjusted_r2"],
            n=facts["n"],
            weak=weak,
        )
    if name == "servqual":
        weighted = (
            t("voice.servqual_weighted", value=facts["weighted"])
            if facts["weighted"] is not None
            else t("voice.servqual_unweighted_only")
        )
        return t("voice.servqual_facts", unweighted=facts["unweighted"], weighted=weighted)
    if name == "ipa":
        rule = t(f"voice.cross_{facts['cross']}")
        return t(
            "voice.ipa_facts", x=facts["performance_line"], y=facts["importance_line"], rule=rule
        )
    if name == "kano":
        return t("voice.kano_legend")
    if "small_sample" in result.table.columns and result.table["small_sample"].any():
        small = result.table.filter(result.table["small_sample"])
        groups = ", ".join(small["group"].to_list()) if result.by else t("voice.all_answers")
        return t("voice.small_sample_note", groups=groups)
    return None


def _nps(frame: pl.DataFrame, by: str | None, confidence: float, _: dict[str, Any]) -> Computed:
    import polars as pl

    from custvalue.satisfaction.net_promoter import nps, nps_change

    results = [
        (group, nps(part["score"], confidence=confidence)) for group, part in _groups(frame, by)
    ]
    table = pl.DataFrame(
        [
            {
                "group": group,
                "n": r.n,
                "promoter_share": r.promoter_share,
                "passive_share": r.passive_share,
                "detractor_share": r.detractor_share,
                "nps": r.score,
                "nps_low": r.low,
                "nps_high": r.high,
                "small_sample": r.small_sample,
            }
            for group, r in results
        ]
    )
    changes = None
    if by == "wave" and len(results) > 1:
        changes = pl.DataFrame(
            [
                _change_row(a, b, nps_change(ra, rb, confidence=confidence))
                for (a, ra), (b, rb) in zip(results, results[1:], strict=False)
            ]
        )
    return table, {"confidence": confidence}, changes


def _change_row(before: str, after: str, change: Any) -> dict[str, Any]:
    return {
        "from": before,
        "to": after,
        "change": change.difference,
        "change_low": change.low,
        "change_high": change.high,
        "p_value": change.p_value,
        "significant": change.significant,
    }


def _scores(measure_name: str) -> Callable[..., Computed]:
    def compute(
        frame: pl.DataFrame, by: str | None, confidence: float, _: dict[str, Any]
    ) -> Computed:
        import polars as pl

        from custvalue.satisfaction.scores import ces, csat, score_change

        def one(part: pl.DataFrame) -> Any:
            if measure_name == "csat":
                return csat(part["score"], confidence=confidence)
            scales = set(part["scale"].to_list())
            if len(scales) > 1:
                raise DataValidationError("voice.mixed_ces_scales")
            return ces(part["score"], scale=int(scales.pop()), confidence=confidence)

        results = [(group, one(part)) for group, part in _groups(frame, by)]
        table = pl.DataFrame(
            [
                {
                    "group": group,
                    "n": r.n,
                    "share": r.share,
                    "share_low": r.share_low,
                    "share_high": r.share_high,
                    "mean": r.mean,
                    "mean_low": r.mean_low,
                    "mean_high": r.mean_high,
                    "small_sample": r.small_sample,
                }
                for group, r in results
            ]
        )
        changes = None
        if by == "wave" and len(results) > 1:
            out = []
            for (a, ra), (b, rb) in zip(results, results[1:], strict=False):
                c = score_change(ra, rb, confidence=confidence)
                out.append(
                    {
                        "from": a,
                        "to": b,
                        "change": c.share_difference,
                        "p_value": c.share_p_value,
                        "significant": c.share_significant,
                        "mean_change": c.mean_difference,
                        "mean_p_value": c.mean_p_value,
                        "mean_significant": c.mean_significant,
                    }
                )
            changes = pl.DataFrame(out)
        scale = sorted(set(frame["scale"].to_list())) if "scale" in frame.columns else None
        return table, {"confidence": confidence, "scale": scale}, changes

    return compute


def _waves(frame: pl.DataFrame) -> list[str]:
    """The waves in the order the groups show them."""
    return [group for group, _ in _groups(frame, "wave")]


def _gaps(
    frame: pl.DataFrame, by: str | None, confidence: float, options: dict[str, Any]
) -> Computed:
    from custvalue.satisfaction.changes import wave_changes
    from custvalue.satisfaction.gaps import disconfirmation

    result = disconfirmation(
        frame.filter(frame["attribute"] != "overall"),
        method=options.get("method", "difference"),
        tolerance=options.get("tolerance", 0.0),
        by=[by] if by else [],
    )
    changes = None
    if by == "wave" and len(_waves(frame)) > 1:
        changes = wave_changes(
            result.answers, key="attribute", waves=_waves(frame), confidence=confidence
        )
    facts = {"method": result.method, "tolerance": result.tolerance, "confidence": confidence}
    return result.attributes, facts, changes


def _per_group(
    frame: pl.DataFrame, by: str, one: Callable[[pl.DataFrame], pl.DataFrame]
) -> tuple[pl.DataFrame, list[str]]:
    """``one`` on each group's answers, side by side with a ``group`` column; the groups
    too small to compute are left out and named."""
    import polars as pl

    parts, skipped = [], []
    for group, part in _groups(frame, by):
        try:
            parts.append(one(part).select(pl.lit(group).alias("group"), pl.all()))
        except DataValidationError:
            skipped.append(group)
    if not parts:
        raise DataValidationError("voice.no_group_fits", by=by_label(by))
    return pl.concat(parts, how="diagonal_relaxed"), skipped


def _ipa(frame: pl.DataFrame, by: str | None, _: float, options: dict[str, Any]) -> Computed:
    from custvalue.satisfaction.importance import ipa

    rated = frame.filter(frame["attribute"] != "overall")
    scale = options.get("scale", (1, 7))
    cross = options.get("cross", "data")
    result = ipa(rated, cross=cross, scale=scale)
    facts = {
        "cross": result.cross,
        "performance_line": result.performance_line,
        "importance_line": result.importance_line,
    }
    if by is None:
        return result.attributes, facts, None
    table, skipped = _per_group(
        rated, by, lambda part: ipa(part, cross=cross, scale=scale).attributes
    )
    return table, {**facts, "skipped_groups": skipped}, None


def _driver_fit(frame: pl.DataFrame, method: str) -> Any:
    import polars as pl

    from custvalue.satisfaction.drivers import key_drivers

    wide = frame.pivot(on="attribute", index=["wave", "respondent"], values="performance")
    if "overall" not in wide.columns:
        raise DataValidationError("voice.no_overall")
    attributes = [c for c in wide.columns if c not in ("wave", "respondent", "overall")]
    return key_drivers(
        wide.with_columns(pl.col(attributes).cast(pl.Float64)),
        outcome="overall",
        attributes=attributes,
        method=method,  # type: ignore[arg-type]
    )


def _drivers(frame: pl.DataFrame, by: str | None, _: float, options: dict[str, Any]) -> Computed:
    import polars as pl

    method = options.get("method", "relative_weights")
    result = _driver_fit(frame, method)
    facts = {
        "r2": result.r2,
        "adjusted_r2": result.adjusted_r2,
        "n": result.n,
        "dropped": result.dropped,
        "method": result.method,
        "not_significant": result.not_significant,
    }
    if by is None:
        return result.drivers, facts, None

    def one(part: pl.DataFrame) -> pl.DataFrame:
        fit = _driver_fit(part, method)
        return fit.drivers.with_columns(  # type: ignore[no-any-return]
            pl.lit(fit.r2).alias("r2"), pl.lit(fit.n, pl.Int64).alias("respondents")
        )

    table, skipped = _per_group(frame, by, one)
    return table, {**facts, "skipped_groups": skipped}, None


def _servqual(
    frame: pl.DataFrame, by: str | None, confidence: float, options: dict[str, Any]
) -> Computed:
    import polars as pl

    from custvalue.satisfaction.changes import wave_changes
    from custvalue.satisfaction.service_quality import respondent_gaps, servqual

    items, weights = options.get("items"), options.get("weights")
    result = servqual(frame, items=items, weights=weights)
    facts = {
        "unweighted": result.unweighted,
        "weighted": result.weighted,
        "items": rows(result.items),
        "confidence": confidence,
    }
    if by is None:
        return result.dimensions, facts, None
    table = pl.concat(
        [
            servqual(part, items=items, weights=weights).dimensions.select(
                pl.lit(group).alias("group"), pl.all()
            )
            for group, part in _groups(frame, by)
        ]
    )
    changes = None
    if by == "wave" and len(_waves(frame)) > 1:
        gaps = respondent_gaps(frame, items=items, keep=("wave",))
        changes = wave_changes(
            gaps,
            key="dimension",
            waves=_waves(frame),
            keys=list(table["dimension"].unique(maintain_order=True)),
            confidence=confidence,
        )
    return table, facts, changes


def _kano(frame: pl.DataFrame, by: str | None, _: float, options: dict[str, Any]) -> Computed:
    from custvalue.satisfaction.kano_model import kano

    if by is None:
        return kano(frame).features, {}, None
    table, skipped = _per_group(frame, by, lambda part: kano(part).features)
    return table, {"skipped_groups": skipped}, None


_COMPUTE: dict[str, Callable[..., Computed]] = {
    "nps": _nps,
    "csat": _scores("csat"),
    "ces": _scores("ces"),
    "gaps": _gaps,
    "ipa": _ipa,
    "drivers": _drivers,
    "servqual": _servqual,
    "kano": _kano,
}
