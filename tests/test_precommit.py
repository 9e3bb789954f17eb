"""The pre-commit hooks this repo publishes work in another repository (`pre-commit try-repo`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, run_cli

REGISTRY = """export interface Spec {
  /** Unique name. */
  name: string;
}
export const ITEMS = [{ name: "a" }, { name: "b" }] as const satisfies readonly Spec[];
"""


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_codegen_check_hook_fails_on_stale_output_and_passes_when_current(tmp_path: Path) -> None:
    repo = tmp_path / "consumer"
    repo.mkdir()
    (repo / "registry.ts").write_text(REGISTRY, "utf-8")
    (repo / "pyproject.toml").write_text(
        '[[tool.codegen.targets]]\nname = "items"\nsource = "registry.ts"\noutput = "items.py"\n',
        "utf-8",
    )
    _git("init", "-q", cwd=repo)
    _git("add", ".", cwd=repo)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    pre_commit = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(REPO),
        "codegen-check",
        "--all-files",
    ]

    stale = subprocess.run(
        pre_commit, cwd=repo, capture_output=True, text=True, env=env, check=False
    )
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "items.py: missing: does not match registry.ts; run `codegen generate`" in stale.stdout

    assert run_cli("generate", cwd=repo).code == 0
    _git("add", "items.py", cwd=repo)
    current = subprocess.run(
        pre_commit, cwd=repo, capture_output=True, text=True, env=env, check=False
    )
    assert current.returncode == 0, current.stdout + current.stderr
    assert "codegen check" in current.stdout and "Passed" in current.stdout
    shutil.rmtree(tmp_path / "pre-commit-cache", ignore_errors=True)
