"""The store and the way in: database access, migrations, file imports.

- :mod:`~custvalue.data.db` — :func:`connect` to DuckDB (default) or PostgreSQL;
- :mod:`~custvalue.data.schema` — versioned migrations;
- :mod:`~custvalue.data.reading`, :mod:`~custvalue.data.columns`,
  :mod:`~custvalue.data.parsing`, :mod:`~custvalue.data.preparing` — from a
  CSV/Excel file to validated rows, with every bad row named;
- :mod:`~custvalue.data.importing` — storing them once, in one transaction.
"""

from custvalue.data.db import Database, connect
from custvalue.data.importing import ImportResult, StrictImportError, import_file
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
    "prepare",
]
