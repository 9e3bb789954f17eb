"""Run the pinned pyright (the PyPI wrapper in this venv) reproducibly, offline, on this Python.

The `pyright` wheel bundles the pyright npm package of its own version and runs it on the
system's Node. Every knob the wrapper reads from the environment is set here, so a developer's
shell cannot change what runs: the bundled version, the `node` on PATH (never a downloaded
one), no look-up of the latest release on PyPI, and a cache inside the venv (`make clean`
removes it) for the case where the wrapper would install anything at all.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from conftest import CI

PYRIGHT = Path(sys.executable).parent / "pyright"
#: The wrapper's download cache (it appends `pyright-python/<version>`), inside the venv.
CACHE = Path(sys.prefix) / "cache"


def pyright_missing() -> str | None:
    """Why pyright cannot run here, or None when it can."""
    if not PYRIGHT.is_file():
        return f"{PYRIGHT} is missing: install the dev dependencies (`make install`)"
    if shutil.which("node") is None:
        return "node is not installed (pyright runs on it)"
    return None


def require_pyright() -> None:
    """Skip a test that needs pyright when it cannot run; under CI, fail instead."""
    reason = pyright_missing()
    if reason is None:
        return
    if CI:
        pytest.fail(f"CI is set, so pyright must run: {reason}", pytrace=False)
    pytest.skip(reason)


def pyright_env() -> dict[str, str]:
    """The environment for the wrapper: pinned, offline, cached in the venv."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYRIGHT_PYTHON_")}
    found = re.match(r"\d+\.\d+\.\d+", metadata.version("pyright"))
    assert found is not None, metadata.version("pyright")
    env.update(
        PYRIGHT_PYTHON_FORCE_VERSION=found.group(),  # the version the wheel bundles
        PYRIGHT_PYTHON_USE_BUNDLED_PYRIGHT="1",
        PYRIGHT_PYTHON_GLOBAL_NODE="1",  # the node on PATH; never download one
        PYRIGHT_PYTHON_IGNORE_WARNINGS="1",  # no "new version" check against PyPI
        PYRIGHT_PYTHON_CACHE_DIR=str(CACHE),
    )
    return env


@dataclass
class PyrightReport:
    returncode: int
    files: int
    errors: list[str]
    output: str


def run_pyright(config: Path, *paths: Path) -> PyrightReport:
    """One `pyright --outputjson` over `paths` with the given pyrightconfig.json, in its folder,
    resolving imports with this Python (the venv's)."""
    done = subprocess.run(
        [
            str(PYRIGHT),
            "--outputjson",
            "--project",
            str(config),
            "--pythonpath",
            sys.executable,
            *map(str, paths),
        ],
        cwd=config.parent,
        env=pyright_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    output = f"{done.stdout}\n{done.stderr}".strip()
    try:
        answer: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        return PyrightReport(done.returncode, 0, [f"pyright said no JSON:\n{output}"], output)
    errors = [
        f"{d['file']}:{d['range']['start']['line'] + 1}:{d['range']['start']['character'] + 1}:"
        f" {d['severity']}: {d['message']}" + (f" ({d['rule']})" if "rule" in d else "")
        for d in answer.get("generalDiagnostics", [])
        if d.get("severity") == "error"
    ]
    files = int(answer.get("summary", {}).get("filesAnalyzed", 0))
    return PyrightReport(done.returncode, files, errors, output)
