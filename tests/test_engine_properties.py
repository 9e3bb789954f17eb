"""The embedded engine against the static evaluator, on random input.

Random constant expressions the static evaluator accepts, written twice in one file, once plain
and once in an IIFE that sends it to the engine: the two evaluators give the identical value.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import NodeOracle
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from test_oracle import _same
from test_oracle_properties import (
    ATOMS,
    EXPRESSIONS,
    _extend,
    _threw,
    number_literals,
    string_literals,
)

from codegen.errors import CodegenError, CodegenErrors
from codegen.input.calls import engine_declarations
from codegen.input.evaluate import Evaluator
from codegen.input.program import Program
from codegen.input.values import Array, BigInt, Bool, Code, Null, Num, Object, Str, Undefined, Value
from codegen.inspect import to_json


def _exact(value: Value) -> Any:
    """A value as nested tuples that tell apart what JavaScript does: -0 and 0, NaN, bigints
    and numbers, undefined and null, key order."""
    if isinstance(value, Str):
        return ("string", value.value)
    if isinstance(value, Num):
        return ("number", "NaN" if math.isnan(value.value) else value.value.hex())
    if isinstance(value, BigInt):
        return ("bigint", value.value)
    if isinstance(value, Bool):
        return ("boolean", value.value)
    if isinstance(value, Null):
        return ("null",)
    if isinstance(value, Undefined):
        return ("undefined",)
    if isinstance(value, Code):
        return ("function",)
    if isinstance(value, Array):
        return ("array", tuple(_exact(item) for item in value.items))
    assert isinstance(value, Object)
    return ("object", tuple((key, _exact(item)) for key, item, _ in value.entries))


def _errors(problem: CodegenError | CodegenErrors) -> list[CodegenError]:
    """The located errors of a refusal (each must have a span)."""
    errors = problem.errors if isinstance(problem, CodegenErrors) else [problem]
    assert all(error.span is not None for error in errors), [e.message for e in errors]
    return errors


def _export(path: Path, name: str) -> Value | list[CodegenError]:
    """codegen's value of one export, in a fresh program, or the errors it refused with."""
    program = Program()
    try:
        return Evaluator(program).export(program.load(path), name, None)
    except (CodegenError, CodegenErrors) as problem:
        return _errors(problem)


# -- two evaluators, one semantics ---------------------------------------------------------

_KEYS = st.sampled_from(
    ["k", "0", "1", "10", "2", "01", "-1", "1.5", "4294967294", "4294967295", "é"]
)


def _key(key: str) -> str:
    return key if key.isidentifier() or (key.isdigit() and key[0] != "0") else f'"{key}"'


def _more(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Member access, spreads, optional chains and objects with integer-like keys."""
    objects = st.builds(
        lambda pairs: "({" + ", ".join(f"{_key(k)}: {v}" for k, v in pairs) + "})",
        st.lists(st.tuples(_KEYS, inner), max_size=3),
    )
    # Spread into an object: objects, arrays, nullish and other primitives, but not strings,
    # whose spread the engine gets wrong (test_spreading_a_string_into_an_object).
    spreadable = st.one_of(
        objects,
        st.builds(lambda items: f"[{', '.join(items)}]", st.lists(inner, max_size=3)),
        st.builds(lambda c, a, b: f"(({c}) ? {a} : {b})", inner, objects, objects),
        st.sampled_from(["null", "undefined", "1", "true", "10n"]),
    )
    return st.one_of(
        objects,
        st.builds(lambda a, b: f"({{ [{a}]: {b}, 3: 0 }})", inner, inner),
        st.builds(lambda a, b: f"[...({a}), ...({b})]", inner, inner),
        st.builds(lambda a, b: f"({{ ...({a}), z: 1, ...({b}) }})", spreadable, spreadable),
        st.builds(lambda a: f"(({a}).length)", inner),
        st.builds(lambda a, b: f"(({a})[{b}])", inner, st.sampled_from(["0", "1", "-1", '"1"'])),
        st.builds(lambda a, k: f"(({a})?.[{json.dumps(k)}])", inner, _KEYS),
        st.builds(lambda a, k: f"(({a}).{k})", inner, st.sampled_from(["k", "length", "z"])),
        st.builds(lambda a, b: f"(({a}) ?? ({b}))", inner, inner),
    )


_ATOMS = st.one_of(
    number_literals(),
    string_literals(),
    st.sampled_from(
        ["-0", "NaN", "Infinity", "-Infinity", "9007199254740993", "2e53", "5e-324", "0.1",
         "1.7976931348623157e308", "0n", "-7n", "123456789012345678901234567890n", "true",
         "null", "undefined", '"\\uD83D\\uDE00"', '"\\uDC00x"', '"\\uFFFF"', '"\\uE000"',
         '"10"', '"1e3"', '" 0x1F "', "0.30000000000000004", "[]", "{}"]
    ),
)  # fmt: skip
STATIC_EXPRESSIONS = st.one_of(
    EXPRESSIONS,
    st.recursive(
        st.one_of(ATOMS, _ATOMS),
        lambda inner: st.one_of(_extend(inner), _more(inner)),
        max_leaves=8,
    ),
)


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(expression=STATIC_EXPRESSIONS)
def test_the_engine_and_the_static_evaluator_agree(
    expression: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("twice") / "twice.ts"
    source = f"export const S = {expression};\nexport const E = (() => ({expression}))();\n"
    path.write_text(source, "utf-8", errors="surrogatepass")
    static = _export(path, "S")
    if isinstance(static, list):
        event("static refused: " + re.sub(r"`[^`]*`", "_", static[0].message))
    assume(not isinstance(static, list))
    assert [decl.name for decl in engine_declarations(Program().load(path))] == ["E"]
    engine = _export(path, "E")
    assert not isinstance(engine, list), f"the engine refused: {engine[0].message}\n  {source}"
    assert _exact(engine) == _exact(static), (
        f"{source}\n  static: {_exact(static)}\n  engine: {_exact(engine)}"
    )


def _encoded(value: Value) -> Any:
    """A value as NodeOracle encodes it (objects as lists of pairs)."""
    return json.loads(json.dumps(to_json(value)), object_pairs_hook=list)


# Disagreements the property found, minimized, and fixed: the static evaluator refuses a
# `__proto__:` key and inherited members; the engine's object spread of a string goes through
# a String object (codegen.input.jsstrip).
@pytest.mark.parametrize(
    "expression",
    [
        pytest.param('({ ..."ab" })', id="string spread"),
        pytest.param('(() => ({ ..."a😀", ...[7] }))()', id="string spread in code"),
        pytest.param("({ __proto__: 1, a: 2 })", id="proto key refused"),
        pytest.param('({ "__proto__": [], a: 2 })', id="proto key as a string"),
        pytest.param("({}).toString", id="inherited toString"),
        pytest.param("({ a: 1 }).constructor", id="inherited constructor"),
    ],
)
def test_disagreements_the_property_found_stay_fixed(
    expression: str, node: NodeOracle, tmp_path: Path
) -> None:
    path = tmp_path / "twice.ts"
    path.write_text(f"export const S = {expression};\nexport const E = (() => ({expression}))();\n")
    theirs = node.evaluate(path, "S", pairs=True)
    assert not _threw(theirs), theirs
    static, engine = _export(path, "S"), _export(path, "E")
    for ours in (static, engine):  # either may refuse, but a value must be Node's
        if not isinstance(ours, list):
            assert _same(_encoded(ours), theirs[0][1]), (expression, _encoded(ours), theirs)
    if not isinstance(static, list) and not isinstance(engine, list):
        assert _exact(static) == _exact(engine)
