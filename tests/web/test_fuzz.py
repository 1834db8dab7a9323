"""The API against its own OpenAPI description (schemathesis, in process): whatever the
parameters, no answer is a server error, and every answer fits the description."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    status_code_conformance,
)

from custvalue.app import users
from custvalue.data.db import connect
from tests.web.conftest import Workbench, make_workbench


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workbench, str]]:
    made = make_workbench(str(tmp_path_factory.mktemp("fuzz") / "web.db"))
    with connect(made.url) as db:
        admin = users.get_user(db, name="admin")
        token, _ = users.create_token(db, user_id=admin.user_id, name="fuzz")
    yield made, token
    made.app.state.anchor.close()


def _operations(app: object) -> list[object]:
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in loaded.get_all_operations()]


def test_no_server_error(fuzzed: tuple[Workbench, str]) -> None:
    made, token = fuzzed
    operations = _operations(made.app)
    paths = sorted(op.path for op in operations)  # type: ignore[attr-defined]
    assert "/api/v1/users" in paths and "/api/v1/users/{user_id}" in paths
    calls: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())  # type: ignore[attr-defined]
        @settings(
            max_examples=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def call(case: schemathesis.Case) -> None:
            response = case.call(headers={"authorization": f"Bearer {token}"})
            calls.append(response.status_code)
            assert response.status_code < 500, (case.path, response.text)
            case.validate_response(
                response, checks=[status_code_conformance, negative_data_rejection]
            )
            if response.status_code >= 400:
                body = response.json()
                assert set(body) == {"status", "code", "message", "details"}, body

        call()
    assert len(calls) >= 2 * len(operations)  # examples really ran, also refused ones
    assert any(code >= 400 for code in calls) and any(code == 200 for code in calls)
