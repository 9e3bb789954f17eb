"""Shared fixtures: the repo root, an in-process CLI runner, golden-file refresh, the oracle's
requirements, and Hypothesis profiles (derandomized when the `CI` variable is set)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from codegen.cli import main

REPO = Path(__file__).resolve().parent.parent
ORACLE = REPO / "tests" / "oracle"
CI = bool(os.environ.get("CI"))

# Loaded here, before any test module is imported, so that every `@settings(...)` in the tests
# inherits it: under CI the same examples run every time and a failure prints how to replay it.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", derandomize=False, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if CI else "dev"))


def oracle_missing() -> str | None:
    """Why the Node/TypeScript oracle cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (ORACLE / "node_modules" / "typescript").is_dir():
        return "the oracle's dependencies are missing: run `npm ci --prefix tests/oracle`"
    return None


def require_oracle() -> None:
    """Skip a test that needs the oracle when it cannot run; under CI, fail instead."""
    reason = oracle_missing()
    if reason is None:
        return
    if CI:
        pytest.fail(f"CI is set, so the oracle must run: {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite expected files under tests/cases from current output (review the diff!)",
    )


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None) -> Result:
    """Run `codegen ARGS` in-process, in `cwd`, capturing its streams."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        code = main(list(args), stdout=out, stderr=err)
    finally:
        os.chdir(previous)
    return Result(int(code), out.getvalue(), err.getvalue())


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests use a cache folder of their own, never the user's."""
    previous = os.environ.get("CODEGEN_CACHE_DIR")
    os.environ["CODEGEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("codegen-cache"))
    yield
    if previous is None:
        del os.environ["CODEGEN_CACHE_DIR"]
    else:
        os.environ["CODEGEN_CACHE_DIR"] = previous


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """A copy of this repo's inputs (examples, templates, config, outputs) in a temp folder."""
    for name in ("examples", "templates", "generated"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    yield tmp_path


class NodeOracle:
    """One `node evaluate.cjs --batch` process, asked one export at a time."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            ["node", str(ORACLE / "evaluate.cjs"), "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def evaluate(self, path: Path, name: str, pairs: bool = False) -> Any:
        """The oracle's JSON for one export; `pairs` keeps objects as lists of pairs (order)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"file": str(path), "names": [name]}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        return json.loads(line, object_pairs_hook=list) if pairs else json.loads(line)

    def close(self) -> None:
        """End the process."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def node() -> Iterator[NodeOracle]:
    """A batch oracle for the module's tests (skipped without node, failed under CI)."""
    require_oracle()
    oracle = NodeOracle()
    yield oracle
    oracle.close()
