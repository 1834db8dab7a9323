"""What the store holds when a command stops early: after Ctrl-C, or an unexpected error.

The statements come from the writes this command began (:mod:`custvalue.data.journal`),
each import looked up in the store's ``imports`` table, never from a fixed sentence. A
command that began no write says "Nothing was written"; one that never touched the store
did not even load the journal.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from custvalue.i18n import t

if TYPE_CHECKING:
    from custvalue.data.journal import Finding

__all__ = ["store_statements"]


def _journal_loaded() -> bool:
    return "custvalue.data.journal" in sys.modules


def _statement(found: Finding) -> str:
    write = found.write
    db = write.display_url
    if not write.files:  # a write that is not an import (a fit saved, the demo's clean-up)
        if found.stored is None:
            return t("outcome.write_unknown", db=db)
        return t("outcome.write_kept" if found.stored else "outcome.write_rolled_back", db=db)
    files = ", ".join(write.files)
    ids = ", ".join(str(i) for i in write.import_ids)
    if found.stored is None:
        detail = found.detail or t("outcome.interrupted")
        return t("outcome.unknown", ids=ids or "—", files=files, db=db, detail=detail)
    if found.stored:
        from custvalue.formatting import format_value  # loaded already: an import ran

        return t(
            "outcome.stored",
            ids=ids,
            files=files,
            db=db,
            imported=format_value(found.imported, "count"),
            updated=format_value(found.updated, "count"),
        )
    if found.checked:
        return t("outcome.rolled_back_checked", ids=ids, files=files, db=db)
    return t("outcome.rolled_back", files=files, db=db)


def store_statements() -> list[str]:
    """One sentence per write this command began, checked against the store; "Nothing
    was written" when it began none (or only changes other than imports, rolled back).

    A second Ctrl-C while the store is checked leaves the writes not checked yet "not
    checked" (said so), without a traceback.
    """
    if not _journal_loaded():
        return [t("outcome.nothing_written")]
    from custvalue.data import journal
    from custvalue.data.writer import check_write

    statements: list[str] = []
    for write in journal.writes():
        try:
            found = check_write(write)
        except KeyboardInterrupt:
            found = journal.Finding(write, None, detail="Ctrl-C")
        if found.stored is False and not write.files:
            continue  # a change that was not an import and was rolled back: nothing kept
        statements.append(_statement(found))
    return statements or [t("outcome.nothing_written")]
