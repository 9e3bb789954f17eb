"""Random constant expressions: codegen and the TypeScript compiler in NodeOracle must agree.

Hypothesis writes each expression into a TS file; one long-lived NodeOracle process evaluates it
with the real compiler, and codegen evaluates it statically. Where NodeOracle throws (mixing bigints
and numbers, say, or TypeScript reporting a syntax error), codegen must refuse with a located
error, never guess. The one kind of input set aside is text TypeScript accepts but the pinned
tree-sitter-typescript grammar cannot parse (listed in the README's known limits).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import NodeOracle
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_oracle import _same

from codegen.errors import CodegenError, CodegenErrors
from codegen.input.evaluate import Evaluator
from codegen.input.program import Program
from codegen.inspect import to_json

_ALPHABET = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(['"', "'", "\\", "\n", "\r", "\t", "\0", "$", "{", "`", "\u2028", "é", "😀"]),
    st.sampled_from(["\ud800", "\udfff", "\ud83d"]),  # lone surrogates, which JS strings allow
)


def _escape_char(char: str, quote: str, style: int) -> str:
    code = ord(char)
    if char == "\\" or char == quote:
        return "\\" + char
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04X}"
    if code < 0x20 or code in (0x2028, 0x2029) or (style == 1 and code > 0x7E):
        return (
            f"\\u{{{code:x}}}"
            if code > 0xFFFF or style == 1
            else f"\\x{code:02x}"
            if code < 0x100
            else f"\\u{code:04x}"
        )
    if quote == "`" and char == "$":
        return "\\$"
    return char


@st.composite
def string_literals(draw: st.DrawFn) -> str:
    text = draw(st.lists(_ALPHABET, max_size=12).map("".join))
    quote = draw(st.sampled_from(['"', "'", "`"]))
    style = draw(st.integers(0, 1))
    return quote + "".join(_escape_char(c, quote, style) for c in text) + quote


@st.composite
def number_literals(draw: st.DrawFn) -> str:
    form = draw(st.integers(0, 6))
    if form == 0:
        return str(draw(st.integers(0, 2**70)))
    if form == 1:
        value = draw(st.integers(1000, 10**12))
        return f"{value:_}"
    if form == 2:
        return hex(draw(st.integers(0, 2**64)))
    if form == 3:
        return draw(st.sampled_from(["0o", "0O"])) + format(draw(st.integers(0, 2**40)), "o")
    if form == 4:
        return "0b" + format(draw(st.integers(0, 2**40)), "b")
    if form == 5:
        return draw(
            st.sampled_from([".5", "5.", "1e3", "1E-7", "2.5e+300", "1e21", "0.1", "123.456e-2"])
        )
    number = draw(st.floats(min_value=0, allow_nan=False, allow_infinity=False))
    return repr(number)


ATOMS = st.one_of(
    number_literals(),
    string_literals(),
    st.sampled_from(
        ["true", "false", "null", "undefined", "NaN", "Infinity", "-0", "10n", "0xFFn", "[]", "{}"]
    ),
)
UNARY = ["-", "+", "!", "~", "typeof ", "void "]
BINARY = ["+", "-", "*", "/", "%", "**", "&", "|", "^", "<<", ">>", ">>>", "<", "<=", ">", ">=",
          "==", "!=", "===", "!==", "&&", "||", "??"]  # fmt: skip


def _extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda op, a: f"({op}({a}))", st.sampled_from(UNARY), inner),
        st.builds(lambda a, op, b: f"(({a}) {op} ({b}))", inner, st.sampled_from(BINARY), inner),
        st.builds(lambda a, b, c: f"(({a}) ? ({b}) : ({c}))", inner, inner, inner),
        st.builds(lambda a, b: f"`<${{{a}}}|${{{b}}}>`", inner, inner),
        st.builds(lambda items: f"[{', '.join(items)}]", st.lists(inner, max_size=3)),
        st.builds(lambda a, b: f"({{ k: {a}, [{b}]: 1 }})", inner, inner),
        st.builds(lambda a: f"([{a}, 2][0])", inner),
        st.builds(lambda a: f"(`${{{a}}}`.length)", inner),
    )


EXPRESSIONS = st.recursive(ATOMS, _extend, max_leaves=8)


def _grammar_gap(path: Path) -> bool:
    """Whether tree-sitter-typescript cannot parse the file (an ERROR or MISSING node), or reads
    type arguments in it (`(a) < (b) > (c)` as a call), which the generated expressions never
    mean."""
    try:
        module = Program().load(path)
    except CodegenError as error:
        return error.message.startswith(("syntax error: unexpected", "syntax error: missing"))
    stack = [module.source.tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "type_arguments":
            return True
        stack.extend(node.children)
    return False


def _refused(ours: Any) -> bool:
    return isinstance(ours, list) and bool(ours) and isinstance(ours[0], CodegenError)


def _threw(theirs: Any) -> bool:
    return isinstance(theirs, list) and bool(theirs) and theirs[0][0] == "$error"


def _codegen(path: Path, name: str) -> Any:
    """codegen's value for `name` as the oracle encodes it, or the errors it refused with."""
    try:
        program = Program()
        value = Evaluator(program).export(program.load(path), name, None)
    except (CodegenError, CodegenErrors) as problem:  # several, when several items are bad
        errors = problem.errors if isinstance(problem, CodegenErrors) else [problem]
        assert all(error.span is not None for error in errors), [e.message for e in errors]
        return errors
    return json.loads(json.dumps({name: to_json(value)}), object_pairs_hook=list)


_INEXACT_POWER = "is not exact, and engines round it differently"


def _agree(source: str, ours: Any, theirs: Any) -> None:
    """NodeOracle's value and codegen's agree, or both refused."""
    if _refused(ours):
        if all(_INEXACT_POWER in error.message for error in ours):
            return  # refused by design: engines round inexact powers differently (README)
        assert _threw(theirs), (
            f"codegen refused what NodeOracle evaluates: {ours[0].message}\n  {source}\n  node: {theirs}"
        )
        return
    assert not _threw(theirs), (
        f"NodeOracle threw but codegen gave {ours}\n  {source}\n  node: {theirs}"
    )
    assert _same(ours, theirs), f"{source}\n  codegen: {ours}\n  node:    {theirs}"


# Where TypeScript reads `<` or `<<` as opening type arguments and reports a syntax error (the
# draw that found it, and the smallest of its kind).
TYPE_ARGUMENT_READINGS = [
    "(([]) << (((2651951) > (-0))))",
    "((x) << (1) > (2))",
    "((1) < (((``) > (-0))))",
]


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(expression=EXPRESSIONS)
def test_random_expressions_agree_with_node(
    expression: str, node: NodeOracle, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("expr")
    path = folder / "expr.ts"
    path.write_text(f"export const X = {expression};\n", "utf-8", errors="surrogatepass")
    theirs = node.evaluate(path, "X", pairs=True)
    # TypeScript accepts what the pinned grammar cannot parse only in the cases the README lists
    # (a `<` comparison between type-like operands, read as type arguments): set those aside.
    assume(not (_grammar_gap(path) and not _threw(theirs)))
    _agree(expression, _codegen(path, "X"), theirs)


def _comparison_after(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """`a < b > (c)` and `a << ((b) > (c))` shapes, where TypeScript may read type arguments."""
    less = st.sampled_from(["<", "<<"])
    return st.one_of(
        st.builds(lambda a, op, b, c: f"(({a}) {op} ({b}) > ({c}))", inner, less, inner, inner),
        st.builds(lambda a, op, b, c: f"(({a}) {op} ((({b}) > ({c}))))", inner, less, inner, inner),
        st.builds(
            lambda a, op, b, c: f"[({a}) {op} ({b}), ({c}) > (1)]", inner, less, inner, inner
        ),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    expression=st.one_of(st.sampled_from(TYPE_ARGUMENT_READINGS), _comparison_after(EXPRESSIONS))
)
def test_type_argument_readings_agree_with_node(
    expression: str, node: NodeOracle, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("less") / "less.ts"
    path.write_text(f"export const X = {expression};\n", "utf-8", errors="surrogatepass")
    theirs = node.evaluate(path, "X", pairs=True)
    assume(not (_grammar_gap(path) and not _threw(theirs)))
    ours = _codegen(path, "X")
    if not _threw(theirs) and _refused(ours) and "type arguments" in ours[0].message:
        # The check follows the tokens a type could hold without parsing the type, so it may
        # refuse a comparison TypeScript reads as one (the README says so). It never lets one
        # through that TypeScript rejects: that is the direction that would give a wrong value.
        return
    _agree(expression, ours, theirs)


def test_the_known_type_argument_readings_are_refused(
    node: NodeOracle, tmp_path_factory: pytest.TempPathFactory
) -> None:
    for expression in TYPE_ARGUMENT_READINGS:
        path = tmp_path_factory.mktemp("less") / "less.ts"
        path.write_text(f"export const X = {expression};\n", "utf-8")
        theirs = node.evaluate(path, "X", pairs=True)
        assert _threw(theirs) and "SyntaxError" in theirs[0][1], (expression, theirs)
        ours = _codegen(path, "X")
        assert _refused(ours) and "type arguments" in ours[0].message, (expression, ours)


_NAME_CHARS = st.one_of(
    st.sampled_from("aZ$_\u00e9\u0663\u200c\u200d\u2e2f\u2118\u309b\u00b7"),
    # U+0085 aside: TypeScript reads it as a space, tree-sitter as part of a name (README).
    st.characters(exclude_categories=["Cs", "Cn"], exclude_characters="\x85"),
)


@st.composite
def identifiers(draw: st.DrawFn) -> tuple[str, bool]:
    """An identifier ending in `_` (so never a keyword), each character raw or escaped."""
    spelled, escaped = [], False
    for char in [*draw(st.lists(_NAME_CHARS, min_size=1, max_size=3)), "_"]:
        form = draw(st.integers(0, 2))
        if form == 0 or char == "_":
            spelled.append(char)
        else:
            escaped = True
            spelled.append(f"\\u{{{ord(char):x}}}" if form == 1 else f"\\u{ord(char):04x}")
    return "".join(spelled), escaped


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.one_of(st.just(("Lit\\u{1F600}huanian", True)), identifiers()))
def test_identifiers_agree_with_node(
    name: tuple[str, bool], node: NodeOracle, tmp_path_factory: pytest.TempPathFactory
) -> None:
    spelling, escaped = name
    path = tmp_path_factory.mktemp("ident") / "ident.ts"
    source = f"const {spelling} = 7;\nexport const X = [{spelling}];\n"
    path.write_text(source, "utf-8")
    theirs = node.evaluate(path, "X", pairs=True)
    assume(not (_grammar_gap(path) and not _threw(theirs)))
    ours = _codegen(path, "X")
    if escaped and not _threw(theirs):
        # A valid name written with an escape: codegen does not decode escapes in names (the
        # README says so), and refuses rather than reading `a\u0062` as a name other than `ab`.
        assert _refused(ours) and "escape" in ours[0].message, (source, ours)
        return
    _agree(source, ours, theirs)
