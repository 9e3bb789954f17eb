"""`codegen inspect`: the evaluated exports as JSON, so users see exactly what codegen sees."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from codegen.errors import CodegenError
from codegen.input.declarations import EnumDecl, VariableDecl
from codegen.input.evaluate import Evaluator
from codegen.input.program import Program, find_named, gap_warnings, not_exported
from codegen.input.values import (
    Array,
    BigInt,
    Bool,
    Code,
    JsMap,
    JsRegExp,
    JsSet,
    Null,
    Num,
    Object,
    Str,
    Undefined,
    Value,
)
from codegen.memory import paused_gc

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def inspect_exports(
    source: Path, names: list[str], warnings: list[CodegenError] | None = None
) -> str:
    """Evaluate the named exports of one file and encode them as one JSON object. A name the
    file declares but does not export is evaluated too, with a warning in `warnings`."""
    with paused_gc():
        program = Program()
        module = program.load(source)
        evaluator = Evaluator(program)
        result = {}
        for name in names:
            where, decl, exported = find_named(program, module, name, None)
            if exported:
                result[name] = to_json(evaluator.export(module, name, None))
                continue
            assert isinstance(decl, (VariableDecl, EnumDecl))
            if warnings is not None:
                warnings.append(not_exported(where, decl))
            result[name] = to_json(evaluator.binding(where, decl.name, None))
        if warnings is not None:
            warnings[:0] = gap_warnings(program)
    return _json_text(result)


def inspect_types(source: Path, names: list[str]) -> str:
    """Evaluate the named types of one file: each one's Python form, and the members of a
    finite type, as one JSON object."""
    from codegen.input.typeeval import TypeEvaluator
    from codegen.mirror.pyforms import describe_json

    with paused_gc():
        program = Program()
        module = program.load(source)
        types = TypeEvaluator(program, Evaluator(program))
        result = {name: describe_json(types.named(module, name, None)) for name in names}
    return _json_text(result)


def _json_text(result: dict[str, Any]) -> str:
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    # Lone surrogates can only stand inside JSON strings; escape them so any stream can print.
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def to_json(value: Value) -> Any:
    """The JSON form of a value, the same contract as tests/oracle/evaluate.cjs.

    Functions are "<function>", undefined is null; -0, NaN and infinities are
    {"$number": "..."} and bigints {"$bigint": "..."}, since JSON has no spelling for them; a
    Map is {"$map": [[key, value], ...]}, a Set {"$set": [...]}, a RegExp {"$regexp": "/src/flags"}.
    """
    if isinstance(value, Str):
        return value.value
    if isinstance(value, Num):
        number = value.value
        if math.isnan(number):
            return {"$number": "NaN"}
        if math.isinf(number):
            return {"$number": "Infinity" if number > 0 else "-Infinity"}
        if number == 0 and math.copysign(1.0, number) < 0:
            return {"$number": "-0"}
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if isinstance(value, BigInt):
        return {"$bigint": str(value.value)}
    if isinstance(value, Bool):
        return value.value
    if isinstance(value, (Null, Undefined)):
        return None
    if isinstance(value, Code):
        return "<function>"
    if isinstance(value, Array):
        return [to_json(item) for item in value.items]
    if isinstance(value, JsMap):
        return {"$map": [[to_json(key), to_json(item)] for key, item in value.entries]}
    if isinstance(value, JsSet):
        return {"$set": [to_json(item) for item in value.items]}
    if isinstance(value, JsRegExp):
        return {"$regexp": f"/{value.source}/{value.flags}"}
    assert isinstance(value, Object)
    return {key: to_json(item) for key, item, _ in value.entries}
