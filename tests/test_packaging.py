"""The wheel works on its own: a fresh repo, two targets, no templates, any working directory,
and the same bytes on Python 3.10 and on the newest Python this machine has."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

CONFIG = """[tool.codegen]
regen-command = "make regen"

[[tool.codegen.targets]]
name = "profile"
source = "examples/profile/registry.ts"
exports = ["PROFILE_FEATURES", "Dtype", "Freshness"]
output = "generated/profile_features.py"
rename = { ProfileFeatureSpec = "ProfileFeature" }

[[tool.codegen.targets]]
name = "bus_subjects"
source = "examples/bus/subjects.ts"
output = "generated/bus_subjects.py"
"""


def _interpreters() -> list[str]:
    """Python 3.10 and the newest Python 3 here that actually run."""
    found: dict[str, str] = {}
    home = os.path.expanduser("~/.pyenv/versions")
    for minor in range(10, 15):
        candidates = [shutil.which(f"python3.{minor}") or ""]
        candidates += sorted(glob.glob(f"{home}/3.{minor}.*/bin/python3"))
        for candidate in candidates:
            if (
                candidate
                and subprocess.run([candidate, "-c", "pass"], capture_output=True).returncode == 0
            ):
                found[f"3.{minor}"] = candidate
                break
    chosen = [found["3.10"]] if "3.10" in found else []
    newest = max(found, key=lambda v: int(v.split(".")[1]), default=None)
    if newest and newest != "3.10":
        chosen.append(found[newest])
    return chosen


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(REPO)],
        check=True,
        capture_output=True,
    )
    (built,) = dist.glob("codegen-*.whl")
    return built


def _consumer(tmp_path: Path) -> Path:
    repo = tmp_path / "consumer"
    (repo / "examples").mkdir(parents=True)
    shutil.copytree(REPO / "examples" / "profile", repo / "examples" / "profile")
    shutil.copytree(REPO / "examples" / "bus", repo / "examples" / "bus")
    (repo / "pyproject.toml").write_text(CONFIG, "utf-8")
    return repo


@pytest.mark.parametrize(
    "python",
    _interpreters() or [pytest.param("", marks=pytest.mark.skip(reason="no Python 3.10+ found"))],
)
def test_installed_wheel_generates_checks_and_imports(
    wheel: Path, python: str, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    pip = [
        str(venv / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ]
    subprocess.run(
        [*pip, "-c", str(REPO / "constraints.txt"), str(wheel)], check=True, capture_output=True
    )
    codegen = str(venv / "bin" / "codegen")
    version = subprocess.run([codegen, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("codegen ")

    repo = _consumer(tmp_path)
    elsewhere = repo / "examples" / "bus"  # any working directory finds the config above it
    generate = subprocess.run([codegen, "generate"], cwd=elsewhere, capture_output=True, text=True)
    assert generate.returncode == 0, generate.stderr
    check = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "codegen", "check"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr

    # The built-in template gives the same bytes as this repo's own run, on any Python.
    assert (repo / "generated/bus_subjects.py").read_bytes() == (
        REPO / "generated/bus_subjects.py"
    ).read_bytes()
    imported = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import sys; sys.path.insert(0, 'generated'); import profile_features as p, bus_subjects as b;"
         "print(len(p.PROFILE_FEATURES), p.PROFILE_FEATURES[0].ttl_sec, b.SUBJECTS['tipServed'])"],
        cwd=repo, capture_output=True, text=True,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.split() == ["5", "21600", "signals.tip.served"]
    return None


def test_outputs_do_not_depend_on_the_working_directory(tmp_path: Path) -> None:
    from conftest import run_cli

    repo = _consumer(tmp_path)
    assert run_cli("generate", cwd=repo / "examples").code == 0
    first = {p.name: p.read_bytes() for p in (repo / "generated").iterdir()}
    shutil.rmtree(repo / "generated")
    assert run_cli("generate", "--config", str(repo / "pyproject.toml"), cwd=tmp_path).code == 0
    assert {p.name: p.read_bytes() for p in (repo / "generated").iterdir()} == first
