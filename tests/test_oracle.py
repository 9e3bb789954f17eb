"""Differential tests: `codegen inspect` agrees with the TypeScript compiler run in Node.

The oracle (tests/oracle/evaluate.cjs) transpiles each fixture with the pinned `typescript`
package and evaluates it; both sides print the same JSON contract, compared value by value,
key order included. Skipped where `node` or the oracle's dependencies are absent, except under
CI, where that is a failure.
"""

from __future__ import annotations

import json
import math
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import ORACLE, REPO, require_oracle, run_cli

from codegen.input.program import Program
from codegen.input.syntax import is_id_part, is_id_start

FIXTURES = sorted(
    [
        *(ORACLE / "fixtures").glob("*.ts"),
        *(ORACLE / "fixtures").glob("*/main.ts"),
        REPO / "examples" / "profile" / "registry.ts",
        REPO / "examples" / "bus" / "subjects.ts",
        REPO / "tests" / "cases" / "values" / "registry.ts",
    ]
)


def _exported_values(path: Path) -> list[str]:
    """Every value the file exports itself (types and `export *` aside)."""
    module = Program().load(path)
    return [
        name for name, local in module.decls.exports.items() if local in module.decls.bindings
    ] + [name for name in module.decls.re_exports]


def _pairs(text: str) -> Any:
    """JSON with objects as key/value lists, so key order is compared too."""
    return json.loads(text, object_pairs_hook=list)


def _same(ours: Any, theirs: Any) -> bool:
    if isinstance(ours, bool) or isinstance(theirs, bool):
        return ours is theirs
    if isinstance(ours, float | int) and isinstance(theirs, float | int):
        return float(ours) == float(theirs)
    if isinstance(ours, list) and isinstance(theirs, list):
        return len(ours) == len(theirs) and all(
            _same(a, b) for a, b in zip(ours, theirs, strict=True)
        )
    if isinstance(ours, tuple) and isinstance(theirs, tuple):
        return _same(list(ours), list(theirs))
    return bool(ours == theirs) and type(ours) is type(theirs)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(REPO)))
def test_inspect_agrees_with_the_typescript_compiler(path: Path) -> None:
    require_oracle()
    names = _exported_values(path)
    assert names, f"{path} exports no values"
    node = subprocess.run(
        ["node", str(ORACLE / "evaluate.cjs"), str(path), *names],
        capture_output=True,
        text=True,
        check=False,
    )
    assert node.returncode == 0, node.stderr
    ours = run_cli("inspect", str(path), *names)
    assert ours.code == 0, ours.err
    expected, actual = _pairs(node.stdout), _pairs(ours.out)
    for (name, theirs), (our_name, mine) in zip(expected, actual, strict=True):
        assert name == our_name
        assert _same(mine, theirs), f"{path.name}: {name}\n  codegen: {mine}\n  tsc:     {theirs}"


def test_special_numbers_use_the_shared_encoding(tmp_path: Path) -> None:
    source = tmp_path / "n.ts"
    source.write_text("export const X = [-0, NaN, 1 / 0, -1 / 0, 10n];\n", "utf-8")
    result = run_cli("inspect", str(source), "X")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "X": [
            {"$number": "-0"},
            {"$number": "NaN"},
            {"$number": "Infinity"},
            {"$number": "-Infinity"},
            {"$bigint": "10"},
        ]
    }
    assert math.isnan(float(json.loads(result.out)["X"][1]["$number"]))


def test_identifier_characters_match_the_typescript_scanner() -> None:
    """codegen's ID_Start/ID_Continue agree with TypeScript's on every code point this Python's
    Unicode tables know (codegen refuses the others)."""
    require_oracle()
    node = subprocess.run(
        ["node", str(ORACLE / "evaluate.cjs"), "--identifier-chars"],
        capture_output=True,
        text=True,
        check=True,
    )
    tables = json.loads(node.stdout)
    for key, predicate in (("start", is_id_start), ("part", is_id_part)):
        theirs = {code for first, last in tables[key] for code in range(first, last + 1)}
        differ = [
            f"U+{code:04X}"
            for code in range(0x110000)
            if not 0xD800 <= code <= 0xDFFF
            and unicodedata.category(chr(code)) != "Cn"
            and predicate(chr(code)) != (code in theirs)
        ]
        assert not differ, f"{key}: {differ[:20]}"
