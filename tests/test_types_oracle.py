"""Differential tests of types: codegen's `Literal` members equal the TypeScript checker's.

`tests/oracle/types.cjs` asks the checker (`ts.createProgram` and its type checker) what each
type alias is. Every top-level alias that codegen mirrors as a `Literal` must list exactly the
checker's members. Skipped only where `node` is absent, and never under CI (conftest.require_oracle).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import require_oracle
from typecheck import theirs

from codegen.errors import CodegenError
from codegen.input.evaluate import Evaluator
from codegen.input.program import Program
from codegen.mirror.pytypes import PyLiteral, PyType
from codegen.mirror.typemap import TypeBuilder

REPO = Path(__file__).resolve().parent.parent
ORACLE = REPO / "tests" / "oracle"
SOURCES = sorted(
    [
        *(ORACLE / "types").glob("*.ts"),
        *(REPO / "examples").glob("*/*.ts"),
        REPO / "tests" / "cases" / "builtin_module" / "registry.ts",
        REPO / "tests" / "cases" / "values" / "units.ts",
    ]
)


def _canonical(value: str | float | bool) -> str:
    """A literal as the checker oracle spells it, for comparison."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return json.dumps(int(value))
    return json.dumps(value, ensure_ascii=False)


def _literal_aliases(path: Path) -> dict[str, PyLiteral]:
    """Every top-level type alias of `path` that codegen mirrors as a `Literal`."""
    program = Program()
    module = program.load(path)
    builder = TypeBuilder(Evaluator(program), {})
    found: dict[str, PyLiteral] = {}
    for name, alias in module.decls.aliases.items():
        try:
            converted: PyType = builder.convert(alias.type, module, f"type `{name}`")
        except CodegenError:
            continue  # no Python form today; the checker has nothing to be compared with
        if isinstance(converted, PyLiteral):
            found[name] = converted
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(REPO)))
def test_literal_members_equal_the_checkers(path: Path) -> None:
    require_oracle()
    ours = _literal_aliases(path)
    if not ours:
        return  # nothing mirrored as a Literal here; test_enough_literal_aliases counts
    checker = theirs(path, list(ours))
    for name, literal in ours.items():
        expected = checker[name]
        assert "literals" in expected, f"{name}: the checker sees {expected}"
        mine = sorted({_canonical(value) for value in literal.values})
        assert mine == sorted(json.dumps(v, ensure_ascii=False) for v in expected["literals"]), name


def test_enough_literal_aliases() -> None:
    assert sum(len(_literal_aliases(path)) for path in SOURCES) >= 15
