"""The one literal emitter: exact values, black's own style, and no way to inject code."""

from __future__ import annotations

import ast
import math
import re
import zlib

import black
from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.errors import Span
from codegen.input.values import BinaryOp, ConstRef, Negate, Num, NumLiteral, Origin
from codegen.output.format import black_mode
from codegen.output.literals import Constants, int_expression, py_docstring, py_float, py_str

SPAN = Span("t.ts", 1, 1, 1, 1)
TRICKY = ['"', "'", '"""', "'''", "\\", "\n", "\r", "\t", "\x00", "\u2028", "\u2029", "\u200f",
          "\u202e", "\ud800", "\udfff", "\ufeff", "{{", "}}", "{%", "%}", "\x7f", "\x85", "é", "–"]  # fmt: skip
text = st.lists(st.one_of(st.characters(), st.sampled_from(TRICKY)), max_size=30).map("".join)


@settings(max_examples=500)
@given(text)
def test_string_literals_round_trip_exactly(value: str) -> None:
    source = py_str(value)
    assert ast.literal_eval(source) == value
    assert "\n" not in source and "\u2028" not in source and "\u202e" not in source


@settings(max_examples=300)
@given(text)
def test_string_literals_are_already_black_formatted(value: str) -> None:
    line = f"x = {py_str(value)}\n"
    assert black.format_str(line, mode=black_mode(10_000)) == line


@settings(max_examples=300)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_floats_round_trip_and_are_black_formatted(number: float) -> None:
    source = py_float(number)
    value = eval(source, {"__builtins__": {"float": float}})
    assert value == number or (math.isnan(value) and math.isnan(number))
    assert math.copysign(1, value) == math.copysign(1, number) or math.isnan(number)
    line = f"x = {source}\n"
    assert black.format_str(line, mode=black_mode(88)) == line


@settings(max_examples=300)
@given(text)
def test_docstrings_hold_the_text_and_nothing_else(value: str) -> None:
    module = f"{py_docstring(value)}\nx = 1\n"
    tree = ast.parse(module)
    assert len(tree.body) == 2  # the docstring did not end early and add statements
    doc = ast.get_docstring(tree, clean=False)
    expected = "\n".join(line.rstrip(" ") for line in value.strip("\n").split("\n")) + "\n"
    one_line = "\n" not in expected[:-1]  # closed on its own line, or (short) on the same one
    assert doc == expected or (one_line and doc == expected[:-1])


def _origins() -> st.SearchStrategy[Origin]:
    """Integer expressions over literals and references to consts (themselves expressions)."""
    spellings = st.one_of(
        st.integers(0, 2**60).map(str),
        st.integers(0, 2**40).map(lambda n: f"{n:_}"),
        st.integers(0, 2**40).map(hex),
    )
    return st.recursive(
        spellings.map(NumLiteral),
        lambda inner: st.one_of(
            st.builds(BinaryOp, st.sampled_from(["+", "-", "*"]), inner, inner),
            st.builds(Negate, inner),
            st.builds(_const_ref, st.sampled_from(["a.ts", "b.ts"]), inner),
        ),
        max_leaves=6,
    )


def _const_ref(file: str, definition: Origin) -> ConstRef:
    """A const defined by `definition`; its name follows from it, so one name means one value."""
    name = f"K{zlib.crc32(repr(definition).encode()) % 1000}"
    return ConstRef(
        name, (file, f"{name}:{definition!r}"), Num(_js_value(definition), SPAN, definition)
    )


def _js_value(origin: Origin) -> float:
    """What JavaScript computes: every step in IEEE doubles."""
    if isinstance(origin, NumLiteral):
        return float(int(origin.spelling.replace("_", ""), 0))
    if isinstance(origin, ConstRef):
        return origin.value.value
    if isinstance(origin, Negate):
        return -_js_value(origin.operand)
    left, right = _js_value(origin.left), _js_value(origin.right)
    return {"+": left + right, "-": left - right, "*": left * right}[origin.op]


def _has_ref(origin: Origin) -> bool:
    if isinstance(origin, ConstRef):
        return True
    if isinstance(origin, Negate):
        return _has_ref(origin.operand)
    if isinstance(origin, BinaryOp):
        return _has_ref(origin.left) or _has_ref(origin.right)
    return False


def test_a_const_named_like_one_it_depends_on_is_inlined() -> None:
    # `K` of a.ts is `-K` of b.ts: the inner one takes `_K`, so the outer cannot be named.
    inner = ConstRef("K", ("b.ts", "K"), Num(1002.0, SPAN, NumLiteral("1_002")))
    outer = ConstRef("K", ("a.ts", "K"), Num(-1002.0, SPAN, Negate(inner)))
    constants = Constants()
    source = int_expression(Num(-1002.0, SPAN, outer), constants)
    assert source == "-1002" and constants.sources == {}


def test_expressions_are_kept_only_when_python_gives_the_js_value() -> None:
    kept: list[str] = []

    @settings(max_examples=500)
    @given(_origins())
    def check(origin: Origin) -> None:
        value = _js_value(origin)
        if not (math.isfinite(value) and value.is_integer()):
            return
        constants = Constants()
        source = int_expression(Num(value, SPAN, origin), constants)
        namespace: dict[str, object] = {}
        for name, definition in constants.sources.items():  # in dependency order
            namespace[name] = eval(definition, {"__builtins__": {}}, dict(namespace))
        result = eval(source, {"__builtins__": {}}, namespace)
        assert isinstance(result, int) and result == value, (source, constants.sources)
        if not re.fullmatch(r"-?[0-9_]+", source) and _has_ref(origin):
            kept.append(source)

    check()
    # The property means something only if expressions through named consts were kept.
    assert any("_K" in source for source in kept), kept


def test_named_constants_are_defined_once_in_dependency_order() -> None:
    hour = Num(3600.0, SPAN, NumLiteral("3600"))
    hour_ref = ConstRef("HOUR", ("a.ts", "HOUR"), hour)
    day_value = Num(86400.0, SPAN, BinaryOp("*", NumLiteral("24"), hour_ref))
    day_ref = ConstRef("DAY", ("a.ts", "DAY"), day_value)
    constants = Constants()
    assert (
        int_expression(Num(172800.0, SPAN, BinaryOp("*", NumLiteral("2"), day_ref)), constants)
        == "2 * _DAY"
    )
    assert int_expression(Num(3600.0, SPAN, hour_ref), constants) == "_HOUR"
    assert list(constants.sources.items()) == [("_HOUR", "3600"), ("_DAY", "24 * _HOUR")]


def test_a_rejected_expression_leaves_no_constant_behind() -> None:
    big = ConstRef("BIG", ("a.ts", "BIG"), Num(2.0**53, SPAN))
    origin = BinaryOp("+", BinaryOp("-", big, NumLiteral("1")), NumLiteral("2"))
    constants = Constants()
    assert int_expression(Num(2.0**53, SPAN, origin), constants) == "9007199254740992"
    assert not constants.sources


def test_another_files_const_of_the_same_name_is_not_confused() -> None:
    mine = ConstRef("N", ("a.ts", "N"), Num(1.0, SPAN, NumLiteral("1")))
    theirs = ConstRef("N", ("b.ts", "N"), Num(2.0, SPAN, NumLiteral("2")))
    constants = Constants()
    assert int_expression(Num(1.0, SPAN, mine), constants) == "_N"
    assert int_expression(Num(2.0, SPAN, theirs), constants) == "2"


def test_the_header_keeps_a_hostile_source_path_on_one_comment_line() -> None:
    from codegen.output.context import header_line

    line = header_line('x\nprint("PWNED")\r\u2028#.ts')
    assert "\n" not in line and "\r" not in line and "\u2028" not in line
    assert ast.parse(line + "\n").body == []
