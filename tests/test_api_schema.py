"""Property-based: every request that schemathesis derives from the app's own OpenAPI schema (valid and
invalid parameters, bodies, uploads) gets an answer below 500. Bounded: a few examples per operation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from service.access import create_key
from service.api.main import create_app
from service.settings import Settings

KEY: dict[str, str] = {}
CALLS: dict[str, int] = {}
EXAMPLES = int(os.environ.get("VANBAN_SCHEMA_EXAMPLES", "10"))  # per operation and mode: seconds in all


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp: Path = tmp_path_factory.mktemp("schema")
    app = create_app(Settings(database_url=f"sqlite:///{tmp / 'vanban.db'}", data_dir=tmp / "var", workers=0))
    with app.state.factory() as session:
        KEY["admin"] = create_key(session, role="admin", name="schemathesis")[1]  # may call every operation
        session.commit()
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_request_the_schema_describes_makes_the_server_fail(api_schema, mode: GenerationMode) -> None:  # type: ignore[no-untyped-def]
    # One Hypothesis run per operation. (schemathesis' own pytest plugin predates pytest 9's node ids.)
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15

    for operation in operations:

        @given(operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def call(case: schemathesis.Case) -> None:
            CALLS[mode.value] = CALLS.get(mode.value, 0) + 1
            case.call_and_validate(headers={"Authorization": f"Bearer {KEY['admin']}"}, checks=[not_a_server_error])

        try:
            call()
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE  # an operation without parameters has nothing to break
    assert CALLS[mode.value] > len(operations)  # requests were really sent
