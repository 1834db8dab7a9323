"""Every kind of table the store holds, declared as a :class:`~custvalue.data.spec.TableSpec`.

==============  ==============================  ===================================
kind            spec                            store table
==============  ==============================  ===================================
customers       :data:`.ledger.CUSTOMERS`       ``customers``
orders          :data:`.ledger.ORDERS`          ``orders``
costs           :data:`.ledger.COSTS`           ``costs``
ratings …       :data:`.survey.SPECS`           ``cva_ratings``, ``cva_weights``,
owners,                                         ``cva_market``, ``cva_deals``,
offerings                                       ``cva_events``, ``cva_owners``,
                                                ``cva_offerings``
nps, csat, ces, :data:`.voice.VOICE_SPECS`      ``voice_<kind>``
satisfaction,
servqual, kano
==============  ==============================  ===================================

A new kind (a satisfaction survey, NPS, complaints …) is one more spec here plus its
store table (a migration in :mod:`custvalue.data.schema`); the pipeline
(:mod:`custvalue.data.pipeline`) reads it from files and frames with the same
guarantees as every other kind.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from custvalue.data.kinds.ledger import COSTS, CUSTOMERS, ORDERS
from custvalue.data.kinds.service import COMPLAINTS, SHIPMENTS
from custvalue.data.kinds.survey import COLUMNS, CONTENT, KEYS, KINDS, SPECS, SurveyKind
from custvalue.data.kinds.voice import VOICE_KINDS, VOICE_SPECS
from custvalue.data.pipeline import Batch, read_spec
from custvalue.data.spec import TableSpec

__all__ = [
    "ALL_KINDS",
    "COLUMNS",
    "CONTENT",
    "KEYS",
    "KINDS",
    "SPECS",
    "TABLE_SPECS",
    "VOICE_KINDS",
    "SurveyKind",
    "declare",
    "read_kind",
    "spec_of",
]

#: every kind the store holds -> its spec
TABLE_SPECS: dict[str, TableSpec] = {"customers": CUSTOMERS, "orders": ORDERS, "costs": COSTS}
TABLE_SPECS.update({str(kind): spec for kind, spec in SPECS.items()})
TABLE_SPECS.update(VOICE_SPECS)
TABLE_SPECS.update({"complaints": COMPLAINTS, "shipments": SHIPMENTS})
#: the kinds built in (the CLI offers every declared kind)
ALL_KINDS: tuple[str, ...] = tuple(TABLE_SPECS)


def declare(spec: TableSpec) -> TableSpec:
    """Add a kind: ``spec`` needs a ``kind`` name, a store ``table`` (created by a
    migration) and a natural ``key``; it is then read, checked and stored like every
    other kind (:func:`custvalue.data.storing.import_table`,
    :func:`custvalue.data.importing.import_frames`)."""
    from custvalue.exceptions import DataValidationError

    if not spec.kind or not spec.table or not spec.key:
        raise DataValidationError("kinds.incomplete_spec", kind=spec.kind or "?")
    unknown = [c for c in spec.key if c not in spec.names]
    if unknown:
        raise DataValidationError(
            "validation.missing_columns",
            frame=spec.kind,
            missing=", ".join(unknown),
            found=", ".join(spec.names),
        )
    TABLE_SPECS[spec.kind] = spec
    return spec


def spec_of(kind: str) -> TableSpec:
    """The spec of ``kind``; an unknown kind is refused naming the kinds there are."""
    from custvalue._validation import check_choice
    from custvalue.exceptions import ImportFileError

    check_choice("kind", kind, tuple(TABLE_SPECS), error=ImportFileError)
    return TABLE_SPECS[kind]


def read_kind(
    kind: str,
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    options: Mapping[str, Any] | None = None,
) -> Batch:
    """Read and check a file as ``kind`` (no database needed); never raises for bad rows."""
    from custvalue.data.reading import read_table

    spec = spec_of(kind)
    return read_spec(spec, read_table(path, sheet=sheet), mapping=mapping, options=options)
