"""Constructs codegen refuses: each yields one located diagnostic, pinned in an expected file.

Each `tests/oracle/refused/<name>.ts` (or `<name>/main.ts`) exports `X` through one construct
that has no static value; `<name>.err` (or `<name>/expected.err`) holds the exact stderr of
`codegen inspect`. Refresh with `pytest --update-goldens` and review the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_cli

REFUSED = Path(__file__).resolve().parent / "oracle" / "refused"
CASES = sorted([*REFUSED.glob("*.ts"), *REFUSED.glob("*/main.ts")])


def _expected(path: Path) -> Path:
    return path.parent / "expected.err" if path.name == "main.ts" else path.with_suffix(".err")


@pytest.mark.parametrize("path", CASES, ids=lambda p: str(p.relative_to(REFUSED)))
def test_refused_with_one_located_diagnostic(path: Path, update_goldens: bool) -> None:
    result = run_cli("inspect", str(path.relative_to(REFUSED)), "X", cwd=REFUSED)
    assert result.code == 2, result.out
    assert result.out == ""
    assert "Traceback" not in result.err
    assert re.match(r"[\w./-]+\.ts:\d+:\d+: error: ", result.err), result.err
    assert result.err.count(": error: ") == 1
    if update_goldens:
        _expected(path).write_text(result.err, "utf-8")
    assert result.err == _expected(path).read_text("utf-8")


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 15
