"""``custvalue demo``'s load: the company, the survey and the offerings, through the importer.

Every frame goes through :func:`custvalue.data.importing.import_frames`, the importer
that reads users' files (same checks, keys and ``imports`` history), in one transaction,
each import recorded with kind ``demo``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

    from custvalue.data.db import Database
    from custvalue.data.importing import ImportResult
    from custvalue.demo.company import DemoLedger

__all__ = ["DEMO_CUSTOMERS", "DEMO_SEED", "HISTORY_KIND", "demo_frames", "load_demo", "load_frames"]

#: the company ``custvalue demo`` builds by default
DEMO_SEED = 20240101
DEMO_CUSTOMERS = 3000
#: ``kind`` of the demo's rows in the ``imports`` history
HISTORY_KIND = "demo"


def demo_frames(ledger: DemoLedger) -> dict[str, pl.DataFrame]:
    """The frames ``custvalue demo`` stores: ``ledger``'s, the survey's and the offerings'."""
    from custvalue.demo.offerings import generate_demo_offerings
    from custvalue.demo.survey import generate_demo_survey

    frames: dict[str, pl.DataFrame] = {
        "customers": ledger.customers,
        "orders": ledger.orders,
        "costs": ledger.costs,
    }
    from custvalue.demo.voice import generate_demo_voice

    for kind, frame in generate_demo_survey().items():
        frames[kind] = frame
    frames["offerings"] = generate_demo_offerings()
    frames.update(generate_demo_voice(ledger))
    from custvalue.demo.keeping import generate_demo_keeping

    frames.update(generate_demo_keeping(ledger))
    return frames


def load_frames(
    db: Database, frames: dict[str, pl.DataFrame], *, source: str
) -> dict[str, ImportResult]:
    """Store demo ``frames`` (kind -> frame) through the importer, in one transaction.

    The one call into the importer: every kind, recorded as ``source:<kind>`` with kind
    :data:`HISTORY_KIND`; our brand is the survey's :data:`~custvalue.demo.survey.US`.
    """
    from custvalue.data.importing import import_frames
    from custvalue.demo.survey import US

    return import_frames(db, frames, source=source, history_kind=HISTORY_KIND, us=US)


def load_demo(db: Database, ledger: DemoLedger, *, seed: int) -> dict[str, int]:
    """Store ``ledger`` (made with ``seed``), the demo survey and offerings in ``db``.

    Returns the rows imported per kind. Any row the importer rejects rolls everything
    back (:class:`~custvalue.data.importing.StrictImportError`).
    """
    results = load_frames(db, demo_frames(ledger), source=f"demo(seed={seed})")
    return {kind: result.imported for kind, result in results.items()}
