"""Helpers for the type tests: codegen's evaluated types in the checker oracle's spelling."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from codegen.input.evaluate import Evaluator
from codegen.input.program import Program
from codegen.input.tstypes import (
    Arr,
    Builtin,
    Func,
    Lit,
    Obj,
    Prim,
    Tmpl,
    Tup,
    Type,
    Union,
    finite,
    union,
)
from codegen.input.typeeval import TypeEvaluator

ORACLE = Path(__file__).resolve().parent / "oracle"


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def literal_json(lit: Lit) -> Any:
    """A literal as the oracle spells it."""
    if lit.kind == "bigint":
        return {"$bigint": str(lit.value)}
    if lit.kind == "undefined":
        return {"$undefined": True}
    if lit.kind == "number":
        assert isinstance(lit.value, float)
        return int(lit.value) if lit.value.is_integer() and abs(lit.value) < 2**53 else lit.value
    return lit.value


def checker_json(type_: Type, depth: int = 0) -> Any:
    """The description tests/oracle/types.cjs gives of the same type."""
    found = finite(type_)
    if found is not None and found:
        return {"literals": sorted((literal_json(lit) for lit in found), key=_text)}
    if isinstance(type_, Union):
        parts = sorted(_text(checker_json(member, depth + 1)) for member in type_.members)
        return {"union": [json.loads(part) for part in parts]}
    if isinstance(type_, Func):
        return {"function": True}
    if isinstance(type_, Tup):
        return {"tuple": [checker_json(_element(e), depth + 1) for e in type_.elements]}
    if isinstance(type_, Arr):
        return {"array": checker_json(type_.element, depth + 1)}
    if isinstance(type_, Obj):
        return {
            "object": {
                _key(prop.key): {
                    "optional": prop.optional,
                    "type": checker_json(
                        union([prop.type, Lit("undefined", None)]) if prop.optional else prop.type,
                        depth + 1,
                    ),
                }
                for prop in type_.props
            }
        }
    if isinstance(type_, Prim):
        return {"other": type_.name}
    if isinstance(type_, Tmpl):
        return {"other": "string"}  # what codegen mirrors it as; see widened()
    if isinstance(type_, Builtin):
        return {"builtin": type_.name, "args": [checker_json(arg) for arg in type_.args]}
    raise AssertionError(type_)


def _members(type_: Type) -> tuple[Type, ...]:
    return type_.members if isinstance(type_, Union) else (type_,)


def _element(element: Any) -> Type:
    if element.rest and isinstance(element.type, Arr):
        return element.type.element  # type: ignore[no-any-return]
    if element.optional:
        return union([element.type, Lit("undefined", None)])
    return element.type  # type: ignore[no-any-return]


def _key(key: Lit) -> str:
    from codegen.input.tstypes import key_text

    return key_text(key)


def ours(path: Path, names: list[str]) -> dict[str, Any]:
    """codegen's evaluated types of `names`, in the oracle's spelling."""
    program = Program()
    module = program.load(path)
    types = TypeEvaluator(program, Evaluator(program))
    return {name: checker_json(types.named(module, name, None)) for name in names}


def theirs(path: Path, names: list[str]) -> dict[str, Any]:
    """The checker's description of `names`."""
    done = subprocess.run(
        ["node", str(ORACLE / "types.cjs"), str(path), *names],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def widened(description: Any) -> Any:
    """The checker's description with template literal types of infinite holes (`id-${string}`)
    read as `string`: codegen mirrors those as `str`, by design."""
    if isinstance(description, dict):
        other = description.get("other")
        if isinstance(other, str) and other.startswith("`"):
            return {"other": "string"}
        if "union" in description:
            parts = [widened(item) for item in description["union"]]
            if all(part == {"other": "string"} for part in parts):
                return {"other": "string"}  # `${number}ms` | `${number}s`: each a pattern
            return {"union": parts}
        return {key: widened(value) for key, value in description.items()}
    if isinstance(description, list):
        return [widened(item) for item in description]
    return description
