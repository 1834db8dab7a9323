"""Connections to the store: an embedded DuckDB file by default, PostgreSQL in production.

A :class:`Database` wraps one DB-API connection and hides the few differences
the rest of the package meets: parameter style, bulk loading and frames out.
SQL is written once with ``?`` placeholders and portable syntax that both
engines accept.

URLs
----
``None``                      ``$CUSTVALUE_DB`` or ``./custvalue.db``
``path/to/file.db``           DuckDB file (created when missing; a new file must end in
                              ``.db``, ``.duckdb`` or ``.ddb``, an existing one must be a
                              DuckDB database — ``--db orders.csv`` is refused)
``duckdb:///abs/path.db``     DuckDB file; ``duckdb:///:memory:`` in memory
``postgresql+psycopg://u:p@host:port/db`` (also ``postgresql://``, ``postgres://``)
"""

from __future__ import annotations

import io
import os
import re
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Literal

import duckdb
import polars as pl

from custvalue import interrupts
from custvalue.data import journal
from custvalue.exceptions import DatabaseError

__all__ = [
    "DB_SUFFIXES",
    "DEFAULT_DB",
    "Database",
    "Dialect",
    "check_duckdb_path",
    "connect",
    "dialect_of",
    "is_duckdb_file",
    "resolve_url",
]

DEFAULT_DB = "custvalue.db"
Dialect = Literal["duckdb", "postgresql"]
_PG_PREFIXES = ("postgresql+psycopg://", "postgresql://", "postgres://")


def resolve_url(url: str | os.PathLike[str] | None = None) -> str:
    """The URL in force: the argument, else ``$CUSTVALUE_DB``, else ``./custvalue.db``."""
    if url is None or str(url).strip() == "":
        url = os.environ.get("CUSTVALUE_DB") or DEFAULT_DB
    return str(url).strip()


#: file names a DuckDB store may have when the file does not exist yet
DB_SUFFIXES = (".db", ".duckdb", ".ddb")
#: a DuckDB database file carries ``DUCK`` at byte 8 of its header
_DUCKDB_MAGIC = b"DUCK"


def dialect_of(url: str) -> Dialect:
    """``"postgresql"`` or ``"duckdb"`` for a store URL (:class:`DatabaseError` otherwise)."""
    return _dialect_of(url)


def _dialect_of(url: str) -> Dialect:
    lowered = url.lower()
    if lowered.startswith(_PG_PREFIXES):
        return "postgresql"
    if lowered.startswith("duckdb://") or "://" not in lowered:
        return "duckdb"
    raise DatabaseError("db.unsupported_scheme", url=url, suffixes=", ".join(DB_SUFFIXES))


def is_duckdb_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an existing DuckDB database file (by its header)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return head[8:12] == _DUCKDB_MAGIC


def check_duckdb_path(path: str) -> None:
    """Refuse a path that cannot be a DuckDB store: a folder, an existing file that is not a
    DuckDB database (a CSV, a spreadsheet …), or a new file without a database name
    (``.db``, ``.duckdb``, ``.ddb``), so that ``--db orders.csv`` never opens a throw-away
    database and imports into nothing."""
    if path == ":memory:":
        return
    target = Path(path).expanduser()
    suffixes = ", ".join(DB_SUFFIXES)
    if target.is_dir():
        raise DatabaseError("db.is_folder", path=path, suffixes=suffixes)
    if target.exists():
        if target.stat().st_size == 0 and target.suffix.lower() in DB_SUFFIXES:
            return  # an empty placeholder file DuckDB initialises
        if not is_duckdb_file(target):
            raise DatabaseError("db.not_duckdb", path=path, suffixes=suffixes)
        return
    if target.suffix.lower() not in DB_SUFFIXES:
        raise DatabaseError(
            "db.not_a_db_name", path=path, suffix=target.suffix or "—", suffixes=suffixes
        )
    parent = target.resolve().parent
    if not parent.is_dir():
        raise DatabaseError("db.folder_missing", path=path, folder=str(parent))


def _duckdb_path(url: str) -> str:
    if url.lower().startswith("duckdb://"):
        path = url[len("duckdb://") :]
        path = path[1:] if path.startswith("/") and path[1:] == ":memory:" else path
        return path or ":memory:"
    return url


#: statements that change nothing (a query's first word)
_QUERY = re.compile(r"\s*(SELECT|WITH|DESCRIBE|SHOW|EXPLAIN)\b", re.IGNORECASE)
_WRITES = re.compile(r"\b(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|COPY|TRUNCATE)\b", re.IGNORECASE)
#: per DuckDB store: how many statements that may change it this process has run
_GENERATIONS: dict[str, int] = {}
_GENERATION_LOCK = threading.Lock()


def _reads_only(sql: str) -> bool:
    """Whether ``sql`` is a query that changes nothing (when unsure: no)."""
    return bool(_QUERY.match(sql)) and not _WRITES.search(sql)


class Database:
    """One open connection to the store.

    Use :func:`connect` to make one. The object is a context manager that
    closes the connection on exit.
    """

    def __init__(self, url: str, dialect: Dialect, connection: Any) -> None:
        self.url = url
        self.dialect: Dialect = dialect
        self._con = connection
        self._depth = 0
        #: seconds an import waits for another import on this store (``connect(wait=)``)
        self.lock_wait = 0.0
        #: the open top-level transaction, as recorded in :mod:`custvalue.data.journal`
        self.current_write: journal.Write | None = None
        #: the last top-level transaction begun on this connection (open or ended)
        self.last_write: journal.Write | None = None
        self._migrating = False
        #: this process has the store to itself while the connection is open (a
        #: workbench's DuckDB file, which its server keeps open): then every change to
        #: it passes through this process and :attr:`generation` counts them
        self.exclusive = False

    # -- context management -------------------------------------------------
    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent); an open transaction is discarded."""
        con, self._con = self._con, None
        write, self.current_write = self.current_write, None
        self._depth = 0
        if write is not None and write.state == "open":
            write.state = "rolled_back"  # both engines discard it with the connection
        if con is not None:
            with suppress(Exception):
                con.close()

    @property
    def is_open(self) -> bool:
        """Whether the connection is open (not closed nor handed back)."""
        return self._con is not None

    def another(self) -> Database:
        """A second connection to this open DuckDB database, with its own transactions
        (a cursor of the same instance: no file to open or check), as
        :attr:`exclusive` as this one."""
        if self.dialect != "duckdb" or self._con is None:
            raise DatabaseError("db.connect_failed", url=self.display_url, detail="closed")
        with _GENERATION_LOCK:
            twin = Database(self.url, "duckdb", self._con.cursor())
        twin.exclusive = self.exclusive
        return twin

    def detach(self) -> Any:
        """Hand the driver connection back (for a pool to keep) and leave this object
        closed; an open transaction is rolled back first. ``None`` if already closed."""
        con = self._con
        if con is None:
            return None
        if self.current_write is not None or self._depth:
            with suppress(Exception):
                con.rollback()
        self._con = None
        write, self.current_write = self.current_write, None
        self._depth = 0
        if write is not None and write.state == "open":
            write.state = "rolled_back"
        return con

    def __repr__(self) -> str:
        return f"Database({self.display_url!r}, dialect={self.dialect!r})"

    @property
    def display_url(self) -> str:
        """The URL with any password masked."""
        return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", self.url)

    @property
    def generation(self) -> int | None:
        """How many statements that may change the store this process has run on it
        (``None`` unless :attr:`exclusive`): an answer read at one generation stays true
        while the generation is the same, so a caller may keep it that long."""
        if not self.exclusive or self.dialect != "duckdb":
            return None
        return _GENERATIONS.get(self.url, 0)

    def _changed(self) -> None:
        if self.dialect == "duckdb":
            with _GENERATION_LOCK:
                _GENERATIONS[self.url] = _GENERATIONS.get(self.url, 0) + 1

    # -- SQL ----------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        if self.dialect == "postgresql":
            return sql.replace("%", "%%").replace("?", "%s")
        return sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement."""
        if self.dialect == "duckdb":
            try:
                self._con.execute(sql, list(params))
            finally:
                self._changed()
        else:
            with self._con.cursor() as cur:
                cur.execute(self._sql(sql), list(params))

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a query and return all rows as tuples."""
        if self.dialect == "duckdb":
            try:
                rows: list[tuple[Any, ...]] = self._con.execute(sql, list(params)).fetchall()
            finally:
                if not _reads_only(sql):
                    self._changed()
            return rows
        with self._con.cursor() as cur:
            cur.execute(self._sql(sql), list(params))
            return list(cur.fetchall())

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or ``None``."""
        rows = self.fetchall(sql, params)
        return rows[0][0] if rows else None

    def frame(
        self, sql: str, params: Sequence[Any] = (), *, schema: dict[str, Any] | None = None
    ) -> pl.DataFrame:
        """Run a query and return a polars DataFrame (``schema`` fixes dtypes).

        DuckDB hands its result to Polars through the Arrow C stream interface
        (``__arrow_c_stream__``), so reading loads neither pyarrow nor NumPy; the dtypes
        are the ones ``.pl()`` gives (dates, decimals, nulls alike). A result holding an
        INTERVAL, which Polars cannot import that way, goes through ``.pl()``.
        """
        if self.dialect == "duckdb":
            if not _reads_only(sql):
                self._changed()
            relation = self._con.sql(sql, params=list(params))
            if relation is None:  # a statement without a result
                return pl.DataFrame()
            if any("INTERVAL" in str(kind) for kind in relation.types):
                df = pl.DataFrame(relation.pl())
            else:
                df = pl.DataFrame(relation)
        else:
            with self._con.cursor() as cur:
                cur.execute(self._sql(sql), list(params))
                names = [d.name for d in cur.description or []]
                data = cur.fetchall()
            columns = list(zip(*data, strict=True)) if data else [() for _ in names]
            df = pl.DataFrame(
                {name: list(col) for name, col in zip(names, columns, strict=True)},
                strict=False,
            )
        if schema:
            df = df.with_columns(
                [pl.col(name).cast(dtype) for name, dtype in schema.items() if name in df.columns]
            )
        return df

    # -- transactions -------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """All-or-nothing block; nested use joins the outer transaction.

        Any exception, including ``KeyboardInterrupt``, rolls everything back; when the
        ``ROLLBACK`` itself fails (a connection a driver left unusable), the connection is
        closed, which discards the transaction too, and the first exception is raised. A
        Ctrl-C noted while the block ran (:mod:`custvalue.interrupts`) stops it before
        ``COMMIT``. Each top-level transaction is recorded in :mod:`custvalue.data.journal`.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        write = None if self._migrating else journal.begin(self.url, self.display_url)
        self.current_write = write
        if write is not None:
            self.last_write = write
        self._depth = 1
        try:
            self.execute("BEGIN")
            yield self
            interrupts.checkpoint()
        except BaseException:
            self._depth = 0
            self._abandon(write)
            raise
        self._depth = 0
        if write is not None:
            write.state = "committing"
        try:
            self.execute("COMMIT")
        except BaseException as exc:
            with suppress(Exception):  # a COMMIT that failed may leave the transaction open
                self.execute("ROLLBACK")
            if self.dialect == "duckdb" and _locked(exc):
                # another process holds the file's write lock: DuckDB wrote nothing
                if write is not None:
                    write.state = "rolled_back"
                raise DatabaseError("db.locked", path=_duckdb_path(self.url)) from exc
            raise
        finally:
            self.current_write = None
        if write is not None:
            write.state = "committed"

    def _abandon(self, write: journal.Write | None) -> None:
        """Roll back the open transaction, or close the connection if that fails."""
        try:
            self.execute("ROLLBACK")
        except BaseException:  # noqa: BLE001 - the error that brought us here is raised
            self.close()
        self.current_write = None
        if write is not None:
            write.state = "rolled_back"

    # -- bulk ---------------------------------------------------------------
    def insert_frame(self, table: str, frame: pl.DataFrame) -> int:
        """Append ``frame``'s rows to ``table`` (columns matched by name)."""
        if frame.height == 0:
            return 0
        cols = ", ".join(frame.columns)
        if self.dialect == "duckdb":
            name = "_custvalue_insert"
            with self.staged(name, frame):
                try:
                    self._con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}")
                finally:
                    self._changed()
        else:
            buffer = io.BytesIO()
            frame.write_csv(buffer, include_header=False, null_value="\\N")
            sql = f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
            with self._con.cursor() as cur, cur.copy(sql) as copy:
                copy.write(buffer.getvalue())
        return frame.height

    @contextmanager
    def staged(self, name: str, frame: pl.DataFrame) -> Iterator[str]:
        """Make ``frame`` queryable as table ``name`` for the block.

        DuckDB registers the Arrow data directly; PostgreSQL gets a temporary
        table loaded with COPY (dropped at the end of the block).
        """
        if self.dialect == "duckdb":
            self._con.register(name, frame.to_arrow(compat_level=pl.CompatLevel.newest()))
        else:
            columns = ", ".join(f"{c} {_pg_type(frame.schema[c])}" for c in frame.columns)
            self.execute(f"CREATE TEMPORARY TABLE {name} ({columns})")
        try:
            if self.dialect == "postgresql":
                self.insert_frame(name, frame)
            yield name
        except BaseException:
            # in a failed transaction the clean-up fails too: the first error is the one
            with suppress(Exception):
                self._unstage(name)
            raise
        self._unstage(name)

    def _unstage(self, name: str) -> None:
        if self.dialect == "duckdb":
            self._con.unregister(name)
        else:
            self.execute(f"DROP TABLE IF EXISTS {name}")


def _pg_type(dtype: Any) -> str:
    if dtype == pl.Int64 or dtype == pl.Int32 or dtype == pl.UInt32:
        return "BIGINT"
    if dtype == pl.Float64:
        return "DOUBLE PRECISION"
    if dtype == pl.Date:
        return "DATE"
    if isinstance(dtype, pl.Datetime):
        return "TIMESTAMP"
    if dtype == pl.Boolean:
        return "BOOLEAN"
    return "TEXT"


def _detail(exc: BaseException) -> str:
    """The driver's own text, on one line and not too long, for inside a translated sentence."""
    return " ".join(str(exc).split())[:300]


#: how often a store held by another process is tried again while waiting (seconds)
RETRY_EVERY = 0.2


def _locked(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB refusing a file another process holds locked."""
    return isinstance(exc, duckdb.Error) and "could not set lock" in str(exc).lower()


def _open_duckdb(path: str, url: str, wait: float) -> Any:
    """A DuckDB connection to ``path``, retried while another process holds the file
    (up to ``wait`` seconds)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(path)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise DatabaseError("db.connect_failed", url=url, detail=_detail(exc)) from exc
            if time.monotonic() >= deadline:
                if wait:
                    raise DatabaseError("db.locked_waited", path=path, seconds=f"{wait:g}") from exc
                raise DatabaseError("db.locked", path=path) from exc
        except duckdb.Error as exc:
            raise DatabaseError("db.connect_failed", url=url, detail=_detail(exc)) from exc
        interrupts.pause("lock-wait")
        time.sleep(min(RETRY_EVERY, max(0.0, deadline - time.monotonic())))


def connect(
    url: str | os.PathLike[str] | None = None, *, migrate: bool = True, wait: float = 0.0
) -> Database:
    """Open the store at ``url`` and bring its schema up to date.

    Parameters
    ----------
    url
        See the module docstring; ``None`` uses ``$CUSTVALUE_DB`` or ``./custvalue.db``.
    migrate
        Apply pending schema migrations (default). ``False`` only opens.
    wait
        Seconds to wait for another process or import using the store (default 0: refuse
        at once): a DuckDB file another process holds open is retried until then, and
        :func:`~custvalue.data.writer.write_import` waits as long for another import.

    Raises
    ------
    DatabaseError
        Bad URL, file locked by another process (still, after ``wait``), server
        unreachable, or a schema newer than this version of custvalue.
    """
    from custvalue._validation import check_number

    wait = check_number("wait", wait, minimum=0)
    resolved = resolve_url(url)
    dialect = _dialect_of(resolved)
    if dialect == "duckdb":
        path = _duckdb_path(resolved)
        check_duckdb_path(path)
        if path != ":memory:":
            path = str(Path(path).expanduser())
        con: Any = _open_duckdb(path, resolved, wait)
    else:
        import psycopg

        conninfo = re.sub(r"^(postgresql\+psycopg|postgres)://", "postgresql://", resolved)
        try:
            con = psycopg.connect(conninfo, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            masked = re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", resolved)
            raise DatabaseError("db.connect_failed", url=masked, detail=str(exc).strip()) from exc
    db = Database(resolved, dialect, con)
    db.lock_wait = wait
    if migrate:
        from custvalue.data.schema import migrate as run_migrations

        try:
            db._migrating = True
            run_migrations(db)
            db._migrating = False
        except (DatabaseError, KeyboardInterrupt):
            db.close()
            raise
        except Exception as exc:
            db.close()
            module = (type(exc).__module__ or "").split(".")[0]
            if module not in {"duckdb", "_duckdb", "psycopg"}:
                raise
            raise DatabaseError(
                "db.connect_failed", url=db.display_url, detail=_detail(exc)
            ) from exc
    return db
