"""The web workbench: pages and the JSON API over the library and the store.

:func:`create_app` builds the application for one database; ``custvalue serve`` runs it
with uvicorn. The design is docs/web.md. This package imports FastAPI: the CLI imports it
only inside ``custvalue serve``.
"""

from __future__ import annotations

from custvalue.web.server import create_app

__all__ = ["create_app"]
