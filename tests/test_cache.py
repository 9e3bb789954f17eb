"""The cache makes an unchanged `check` skip generation, and is never wrong: every input it
depends on, and the output on disk itself, is verified on each use.

The cache is a fast path: these tests turn fast paths on, whatever the environment says, except
where they prove that CODEGEN_NO_FAST_PATHS=1 (or CODEGEN_NO_CACHE=1) turns it off."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

import codegen.pipeline
from codegen import cache, fastpaths

OUTPUT = Path("generated/profile_schema.py")


@pytest.fixture(autouse=True)
def fast_paths_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fastpaths.SWITCH, raising=False)


@pytest.fixture
def generations(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """One item per generation that runs, to prove one did, or did not."""
    ran: list[int] = []
    original = codegen.pipeline.generate

    def generate(*args: Any, **kwargs: Any) -> bytes:
        ran.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(codegen.pipeline, "generate", generate)
    yield ran


@pytest.fixture
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CODEGEN_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def cached(project: Path, cache_dir: Path) -> Path:
    """A project whose profile target has just been checked, so the cache holds it."""
    assert run_cli("check", "profile_schema", cwd=project).code == 0
    assert list(cache_dir.glob("*.json"))
    return project


@pytest.fixture
def no_generation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make generation fail loudly, to prove an answer came from the cache."""

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("generation ran")

    monkeypatch.setattr(codegen.pipeline, "generate", refuse)


def test_an_unchanged_check_is_answered_from_the_cache(cached: Path, no_generation: None) -> None:
    before = fastpaths.counts[fastpaths.CHECK_CACHE]
    result = run_cli("check", "profile_schema", cwd=cached)
    assert result.code == 0, result.err
    assert "is up to date" in result.err
    assert fastpaths.counts[fastpaths.CHECK_CACHE] == before + 1


def test_a_hand_edited_output_is_still_caught(cached: Path) -> None:
    output = cached / OUTPUT
    output.write_text(output.read_text("utf-8").replace('fallback="0",', 'fallback="1",'), "utf-8")
    result = run_cli("check", "profile_schema", cwd=cached)
    assert result.code == 1
    assert "stale" in result.err


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        ("examples/profile/registry.ts", "ttlSec: DAY,", "ttlSec: 2 * DAY,"),  # the source
        ("examples/bus/subjects.ts", '"signals.tip.served"', '"signals.tip.sent"'),  # an import
        ("templates/profile_schema.py.j2", "def feature_names", "def all_feature_names"),
        ("pyproject.toml", 'regen-command = "make regen"', 'regen-command = "make gen"'),
    ],
)
def test_any_input_edit_misses_the_cache(cached: Path, path: str, old: str, new: str) -> None:
    file = cached / path
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new), "utf-8")
    assert run_cli("check", "profile_schema", cwd=cached).code == 1


def test_a_different_black_misses_the_cache(
    cached: Path, monkeypatch: pytest.MonkeyPatch, no_generation: None
) -> None:
    monkeypatch.setattr(cache, "black_version", lambda: "0.0.1")
    result = run_cli("check", "profile_schema", cwd=cached)
    assert result.code == 3 and "generation ran" in result.err


def test_a_new_file_that_would_change_import_resolution_misses_the_cache(
    tmp_path: Path, cache_dir: Path
) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "index.ts").write_text("export const N = 1;\n", "utf-8")
    (tmp_path / "registry.ts").write_text(
        'import { N } from "./lib";\nexport const VALUES = [N];\n', "utf-8"
    )
    (tmp_path / "pyproject.toml").write_text(
        '[[tool.codegen.targets]]\nname = "t"\nsource = "registry.ts"\noutput = "out.py"\n',
        "utf-8",
    )
    assert run_cli("generate", cwd=tmp_path).code == 0
    assert run_cli("check", cwd=tmp_path).code == 0
    # `./lib` now means lib.ts, which TypeScript tries before lib/index.ts.
    (tmp_path / "lib.ts").write_text("export const N = 2;\n", "utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 1, result.err


def test_the_cache_lives_outside_the_repository(cached: Path, cache_dir: Path) -> None:
    entries = list(cache_dir.glob("*.json"))
    assert entries and all(cached not in e.parents for e in entries)
    # Python's own __pycache__ (where bytecode may be written) is not codegen's.
    assert not [
        p for p in cached.rglob("*") if "cache" in p.name.lower() and p.name != "__pycache__"
    ]


@pytest.mark.parametrize("switch", ["CODEGEN_NO_CACHE", fastpaths.SWITCH])
def test_caching_can_be_turned_off(
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    generations: list[int],
    switch: str,
) -> None:
    monkeypatch.setenv("CODEGEN_CACHE_DIR", str(tmp_path / "off"))
    monkeypatch.setenv(switch, "1")
    before = fastpaths.counts[fastpaths.CHECK_CACHE]
    for _ in range(2):
        result = run_cli("check", "profile_schema", cwd=project)
        assert result.code == 0, result.err
        assert "is up to date" in result.err
    assert len(generations) == 2  # the second check generated again: no cache answered it
    assert fastpaths.counts[fastpaths.CHECK_CACHE] == before
    assert not (tmp_path / "off").exists()


def test_with_caching_on_a_second_check_does_not_generate(
    project: Path, cache_dir: Path, generations: list[int]
) -> None:
    """The counterpart of the test above, so that it cannot pass with a cache that never works."""
    for _ in range(2):
        assert run_cli("check", "profile_schema", cwd=project).code == 0
    assert len(generations) == 1


def test_a_template_included_by_the_template_counts(tmp_path: Path, cache_dir: Path) -> None:
    (tmp_path / "registry.ts").write_text(
        'export interface Spec { name: string }\nexport const R = [{ name: "a" }] as const satisfies readonly Spec[];\n',
        "utf-8",
    )
    (tmp_path / "part.j2").write_text("X = 1\n", "utf-8")
    (tmp_path / "main.j2").write_text('{{ header }}\n{% include "part.j2" %}\n', "utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[[tool.codegen.targets]]\nname = "t"\nsource = "registry.ts"\ntemplate = "main.j2"\noutput = "out.py"\n',
        "utf-8",
    )
    assert run_cli("generate", cwd=tmp_path).code == 0
    assert run_cli("check", cwd=tmp_path).code == 0
    (tmp_path / "part.j2").write_text("X = 2\n", "utf-8")
    assert run_cli("check", cwd=tmp_path).code == 1


def test_a_missing_tsconfig_base_that_appears_counts(tmp_path: Path, cache_dir: Path) -> None:
    (tmp_path / "y1").mkdir()
    (tmp_path / "y1" / "y.ts").write_text("export const Y = 1;\n", "utf-8")
    (tmp_path / "y.ts").write_text("export const Y = 2;\n", "utf-8")
    (tmp_path / "tsconfig.json").write_text(
        '{"extends": "./base.json", "compilerOptions": {"baseUrl": "."}}', "utf-8"
    )
    (tmp_path / "registry.ts").write_text(
        'import { Y } from "y";\nexport const VALUES = [Y];\n', "utf-8"
    )
    (tmp_path / "pyproject.toml").write_text(
        '[[tool.codegen.targets]]\nname = "t"\nsource = "registry.ts"\noutput = "out.py"\n', "utf-8"
    )
    assert run_cli("generate", cwd=tmp_path).code == 0
    assert run_cli("check", cwd=tmp_path).code == 0
    (tmp_path / "base.json").write_text('{"compilerOptions": {"paths": {"y": ["y1/y"]}}}', "utf-8")
    assert run_cli("check", cwd=tmp_path).code == 1


def test_the_entry_key_does_not_depend_on_hash_seeds(tmp_path: Path) -> None:
    """A target with a custom template and siblings gets the same cache entry in every process."""
    (tmp_path / "t.py.j2").write_text("x", "utf-8")
    (tmp_path / "a.py.j2").write_text("a", "utf-8")
    (tmp_path / "b.py.j2").write_text("b", "utf-8")
    script = (
        "import sys; from pathlib import Path; from codegen import cache; from codegen.config import Target\n"
        "root = Path(sys.argv[1])\n"
        "t = Target('t', root, root / 's.ts', (), root / 't.py.j2', root / 'o.py')\n"
        "print(cache._entry_path(root, t))\n"
    )
    seen = set()
    for seed in ("1", "2", "3", "4"):
        done = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        seen.add(done.stdout)
    assert len(seen) == 1, seen


def test_tool_versions_are_read_without_importing_importlib_metadata() -> None:
    # A compiled black's package holds `__init__.cpython-*.so`, not `__init__.py`: both must be
    # found beside their dist-info, or every `check` pays for importlib.metadata.
    script = (
        "import sys\n"
        "from codegen.cache import black_version, engine_version\n"
        "assert black_version() not in ('', 'unknown')\n"
        "assert engine_version().startswith('quickjs-ng 0.')\n"
        "assert 'importlib.metadata' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
