"""``custvalue serve [--host 127.0.0.1] [--port 8000]``: the web workbench for any store.

FastAPI, uvicorn and the web package are imported here, inside the command, so that
``custvalue --help`` and every other command stay fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from custvalue.cli.common import state
from custvalue.cli.render import console, err_console
from custvalue.i18n import t

__all__ = ["register", "serve_workbench"]


def _serve(
    host: Annotated[str, typer.Option("--host", help=t("cli.serve_opt_host"))] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help=t("cli.serve_opt_port"), min=1, max=65535)
    ] = 8000,
) -> None:
    serve_workbench(host=host, port=port)


def serve_workbench(*, host: str, port: int) -> None:
    """Serve the workbench for the command's store, with its worker, until Ctrl-C."""
    import os

    import uvicorn

    from custvalue import interrupts
    from custvalue.app import jobs, users
    from custvalue.web import create_app
    from custvalue.web.store import open_store

    app = create_app(state.db_url)
    with open_store(app.state.config.db_url) as db:
        count = sum(u.active for u in users.list_users(db, limit=1000))
    shown = f"[{host}]" if ":" in host else host
    console.print(t("cli.serve_listening", db=app.state.store_name, url=f"http://{shown}:{port}"))
    console.print(t("cli.serve_login", count=count) if count else t("cli.serve_no_users"))
    # one worker beside the server: on DuckDB the only one (one writing process per file)
    worker = jobs.start_worker(app.state.config.db_url, name=f"serve-{os.getpid()}")
    console.print(t("cli.serve_worker"))
    try:
        # uvicorn stops on Ctrl-C, then raises the signal again for the handler it found
        uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True)
    except KeyboardInterrupt:
        pass  # the server has shut down: Ctrl-C is how it is meant to end
    except OSError as error:  # the port is taken, the address is not this machine's
        err_console.print(str(error))
        raise typer.Exit(1) from None
    finally:
        worker.stop(timeout=30)
    interrupts.forget()
    console.print(t("cli.serve_stopped"))


def register(app: typer.Typer) -> None:
    """Add ``custvalue serve``."""
    app.command("serve", help=t("cli.serve_help"))(_serve)
