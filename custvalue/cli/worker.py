"""``custvalue worker [--db URL]``: run jobs of a PostgreSQL store beside the server.

Several may run on one PostgreSQL store (each job is taken once). A DuckDB file is refused:
one process writes it, and ``custvalue serve`` runs that file's worker itself.
"""

from __future__ import annotations

import os
import socket
from typing import Annotated

import typer

from custvalue.cli.common import state
from custvalue.cli.render import console
from custvalue.i18n import t

__all__ = ["register"]


def _worker(
    db: Annotated[str | None, typer.Option("--db", help=t("cli.opt_db"))] = None,
    poll: Annotated[
        float, typer.Option("--poll", help=t("cli.worker_opt_poll"), min=0.1, max=60)
    ] = 1.0,
) -> None:
    from custvalue.app import jobs

    url = jobs.check_worker_store(db or state.db_url)
    name = f"{socket.gethostname()}-{os.getpid()}"
    worker = jobs.start_worker(url, name=name, poll=poll)
    console.print(t("cli.worker_started", name=name))
    try:
        while worker.is_alive():
            worker.join(1.0)
    except KeyboardInterrupt:
        console.print(t("cli.worker_stopping"))
    finally:
        worker.stop()


def register(app: typer.Typer) -> None:
    """Add ``custvalue worker``."""
    app.command("worker", help=t("cli.worker_help"))(_worker)
