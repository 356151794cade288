"""The test run itself: under pytest-xdist (`pytest -n 2`, as CI runs), a module's tests share a worker."""

from __future__ import annotations

import pytest


def test_a_modules_tests_share_one_worker(request: pytest.FixtureRequest) -> None:
    # conftest.py groups each module (--dist loadgroup), so a module fixture that takes
    # minutes (a tuned model) is built once. pytest 9.2 broke that silently with
    # pytest-xdist 3.8: every worker built every such fixture, and CI took minutes longer.
    if not hasattr(request.config, "workerinput"):
        pytest.skip("a check of parallel runs (pytest -n)")
    assert request.node.nodeid.endswith("@test_parallel_runs.py"), (
        f"pytest {pytest.__version__} with this pytest-xdist ignores --dist loadgroup: {request.node.nodeid}"
    )
