"""The load that ``bench/bench_web.py`` puts on the workbench (run by locust, headless).

Each simulated user logs in once, then asks, at random and without pauses, for the
overview, a page of the customer list (sorted by a random value column, sometimes
filtered or searched), a random customer's page, the same list and customer through
the API, and the trivial ``/api/v1/ping`` of the same server: the floor every other
time is compared with. Settings come from the environment that bench_web.py sets:

``BENCH_USER`` / ``BENCH_PASSWORD``  the account (a viewer);
``BENCH_IDS``       a file with customer ids to open, one per line;
``BENCH_PAGES``     a JSON object: page name → list of URL templates (``{id}`` is a
                    random customer id);
``BENCH_REQUESTS``  stop after this many requests in all.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, events, task

_IDS = [line for line in Path(os.environ["BENCH_IDS"]).read_text().splitlines() if line]
_PAGES: dict[str, list[str]] = json.loads(os.environ["BENCH_PAGES"])
_LIMIT = int(os.environ.get("BENCH_REQUESTS", "0") or 0)
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@events.request.add_listener
def _stop_at_the_limit(**_: object) -> None:
    env = _stop_at_the_limit.environment  # type: ignore[attr-defined]
    if _LIMIT and env.stats.total.num_requests >= _LIMIT and env.runner is not None:
        env.runner.quit()


@events.init.add_listener
def _keep_environment(environment: object, **_: object) -> None:
    _stop_at_the_limit.environment = environment  # type: ignore[attr-defined]


class Analyst(HttpUser):
    """One member of the team, clicking through the workbench as fast as it answers."""

    def on_start(self) -> None:
        page = self.client.get("/login", name="login")
        found = _CSRF.search(page.text)
        token = found.group(1) if found else ""
        self.client.post(
            "/login",
            data={
                "csrf_token": token,
                "name": os.environ["BENCH_USER"],
                "password": os.environ["BENCH_PASSWORD"],
                "next": "/",
            },
            name="login",
            allow_redirects=False,
        )

    @task
    def one_page(self) -> None:
        name = random.choice(list(_PAGES))
        url = random.choice(_PAGES[name]).replace("{id}", random.choice(_IDS))
        with self.client.get(url, name=name, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code} for {url}")
