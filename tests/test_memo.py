"""The entry memo (codegen.memo): after a one-entry edit, only that entry is laid out and
compiled again, and the output is byte for byte what a run without any cache gives.

The memo is a fast path: these tests turn fast paths on, whatever the environment says, except
the one that proves CODEGEN_NO_FAST_PATHS=1 turns it off."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import REPO, run_cli

import codegen.output.format
from codegen import cache, fastpaths
from codegen.config import load_config

ENTRY = """  {{
    name: "feature_{i}",
    dtype: "numeric",
    description: "Feature {i}: share of done reactions, window {i} days, {tail}",
    freshness: "batched",
    ttlSec: {ttl},
    source: "profile_store",
    fallback: "0",
    invalidatedBy: [SUBJECTS.tipFeedback],
    compute: (now) => now % {i},
  }},
"""


@pytest.fixture(autouse=True)
def fast_paths_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fastpaths.SWITCH, raising=False)


@pytest.fixture
def big(project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """The profile project with 60 entries in its registry, and a cache folder of its own."""
    monkeypatch.setenv("CODEGEN_CACHE_DIR", str(tmp_path_factory.mktemp("memo-cache")))
    registry = project / "examples" / "profile" / "registry.ts"
    text = registry.read_text("utf-8")
    start = text.index("export const PROFILE_FEATURES = [") + len(
        "export const PROFILE_FEATURES = ["
    )
    end = text.index("] as const satisfies", start)
    entries = "".join(
        ENTRY.format(i=i, ttl=f"{i % 5 + 1} * HOUR", tail="日本語 " * (i % 4)) for i in range(60)
    )
    registry.write_text(text[:start] + "\n" + entries + text[end:], "utf-8")
    return project


@pytest.fixture
def laid_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The one-line text of every entry codegen.output.format lays out itself."""
    texts: list[str] = []
    original = codegen.output.format.layout

    def layout(prefix: str, expr, indent: int, suffix: str, line_length: int) -> list[str]:  # type: ignore[no-untyped-def]
        texts.append(expr.text)
        return original(prefix, expr, indent, suffix, line_length)

    monkeypatch.setattr(codegen.output.format, "layout", layout)
    return texts


def _uncached(project: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """What a run with no cache at all writes."""
    with monkeypatch.context() as patch:
        patch.setenv("CODEGEN_NO_CACHE", "1")
        assert run_cli("generate", "--force", "profile_schema", cwd=project).code == 0
    return (project / "generated" / "profile_schema.py").read_bytes()


def _edit(project: Path, old: str, new: str) -> None:
    registry = project / "examples" / "profile" / "registry.ts"
    text = registry.read_text("utf-8")
    assert old in text
    registry.write_text(text.replace(old, new, 1), "utf-8")


def test_an_edit_lays_out_only_the_entry_that_changed(
    big: Path, laid_out: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("generate", "profile_schema", cwd=big).code == 0
    assert len(laid_out) == 60  # the first run lays out every entry
    _edit(big, 'name: "feature_7",', 'name: "feature_7_renamed",')
    laid_out.clear()
    before = fastpaths.counts[fastpaths.ENTRY_MEMO]
    assert run_cli("generate", "profile_schema", cwd=big).code == 0
    assert len(laid_out) == 1 and "feature_7_renamed" in laid_out[0]
    assert fastpaths.counts[fastpaths.ENTRY_MEMO] == before + 59  # the others, from the memo
    written = (big / "generated" / "profile_schema.py").read_bytes()
    assert b'name="feature_7_renamed"' in written
    assert written == _uncached(big, monkeypatch)


def test_a_new_line_length_lays_everything_out_again(
    big: Path, laid_out: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("generate", "profile_schema", cwd=big).code == 0
    config = big / "pyproject.toml"
    text = config.read_text("utf-8")
    assert "line-length = 88\n" in text
    config.write_text(text.replace("line-length = 88\n", "line-length = 60\n"), "utf-8")
    laid_out.clear()
    assert run_cli("generate", "profile_schema", cwd=big).code == 0
    assert len(laid_out) == 60
    assert (big / "generated" / "profile_schema.py").read_bytes() == _uncached(big, monkeypatch)


@pytest.mark.parametrize("damage", [b"", b"not marshal data", b"\xe9\x00\x00\x00\x00"])
def test_a_damaged_memo_is_ignored_and_replaced(
    big: Path, laid_out: list[str], monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    assert run_cli("generate", "profile_schema", cwd=big).code == 0
    memos = list(Path(cache.cache_dir() or "").glob("*.memo"))
    assert len(memos) == 1
    memos[0].write_bytes(damage)
    _edit(big, "window 3 days", "window three days")
    laid_out.clear()
    assert run_cli("generate", "profile_schema", cwd=big).code == 0
    assert len(laid_out) == 60
    assert (big / "generated" / "profile_schema.py").read_bytes() == _uncached(big, monkeypatch)
    assert memos[0].stat().st_size > 1000  # written again, whole


def test_another_black_uses_another_memo_and_removes_the_old_one(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("generate", "profile_schema", cwd=big).code == 0
    targets = load_config(big / "pyproject.toml", "pyproject.toml")
    target = next(t for t in targets if t.name == "profile_schema")
    before = cache.memo_path(target)
    assert before is not None and before.exists()
    assert REPO not in before.parents and big not in before.parents
    monkeypatch.setattr(cache, "black_version", lambda: "0.0.1")
    after = cache.memo_path(target)
    assert after != before
    _edit(big, "window 3 days", "window three days")
    assert run_cli("generate", "profile_schema", cwd=big).code == 0
    assert after is not None and after.exists()
    assert not before.exists()  # the other black's memo is gone: no pile-up in the cache


def test_no_fast_paths_means_no_memo(
    big: Path, laid_out: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With CODEGEN_NO_FAST_PATHS=1 black formats the whole module: codegen lays out no entry,
    reads no memo and writes none, and the bytes are the same."""
    monkeypatch.setenv(fastpaths.SWITCH, "1")
    before = dict(fastpaths.counts)
    assert run_cli("generate", "profile_schema", cwd=big).code == 0
    _edit(big, "window 3 days", "window three days")
    assert run_cli("generate", "profile_schema", cwd=big).code == 0
    assert laid_out == []
    assert fastpaths.counts == before
    assert not list(Path(os.environ["CODEGEN_CACHE_DIR"]).glob("*"))
    written = (big / "generated" / "profile_schema.py").read_bytes()
    monkeypatch.delenv(fastpaths.SWITCH)
    assert written == _uncached(big, monkeypatch)
    assert len(laid_out) == 60  # the same bytes, laid out by codegen this time
