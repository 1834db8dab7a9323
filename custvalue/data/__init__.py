"""The store and the way in: database access, migrations, table specs and imports.

- :mod:`~custvalue.data.db` — :func:`connect` to DuckDB (default) or PostgreSQL;
- :mod:`~custvalue.data.schema` — versioned migrations;
- :mod:`~custvalue.data.spec`, :mod:`~custvalue.data.kinds` — every kind of table
  (customers, orders, costs, the survey tables, offerings …) declared as a table spec;
- :mod:`~custvalue.data.reading`, :mod:`~custvalue.data.frames`,
  :mod:`~custvalue.data.columns`, :mod:`~custvalue.data.parsing`,
  :mod:`~custvalue.data.pipeline` — from a CSV/Excel file or a frame to validated rows,
  with every bad row named, by one pipeline for every kind;
- :mod:`~custvalue.data.importing`, :mod:`~custvalue.data.storing`,
  :mod:`~custvalue.data.writer` — storing them once, in one transaction, recorded by
  one import writer.
"""

from custvalue.data.db import Database, connect
from custvalue.data.importing import ImportResult, StrictImportError, import_file, import_frames
from custvalue.data.preparing import ImportKind, PreparedBatch, Rejection, prepare

__all__ = [
    "Database",
    "ImportKind",
    "ImportResult",
    "PreparedBatch",
    "Rejection",
    "StrictImportError",
    "connect",
    "import_file",
    "import_frames",
    "prepare",
]
