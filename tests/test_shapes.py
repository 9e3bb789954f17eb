"""The shape fast path (codegen.input.shapes) gives exactly what the general evaluator gives: the
same values, the same spans, the same number origins and the same diagnostics, on long arrays
of look-alike entries with every kind of hole and every kind of thing that is not one.

Each comparison evaluates once as the environment says (fast paths on, or off under
CODEGEN_NO_FAST_PATHS=1, as CI runs this file a second time) and once with them off, and reads
codegen.fastpaths' count of entries built from shapes: some when they are on, none when off."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codegen import fastpaths
from codegen.errors import MAX_ERRORS, CodegenError, CodegenErrors, Span, render_report
from codegen.input import shapes
from codegen.input.evaluate import Evaluator
from codegen.input.program import Program
from codegen.input.rules import MAX_STRING
from codegen.input.values import Array, Num, Object

HEADER = """import * as NS from "./other";
const HOUR = 3600;
const LABEL = "label";
const short = "shorthand";
const BASE = { base: 1, k: "base-k" } as const;
const LIST = ["l1", "l2"] as const;
enum E { A = 1, B = "bee" }
export const ITEMS = [
"""
OTHER = 'export const X = "from other";\nexport const N = 7;\n'

STRINGS = ["", "a", "tip feedback", "日本語", "😀 emoji", "it's", "a & b", "x" * 60, "e\u0301"]
NUMBERS = ["0", "7", "123456789012345678901234567890", "1_000", "0.5", "0x1F", "1e3", "9" * 400]
FLATS = [
    "HOUR", "6 * HOUR", "BASE.k", "BASE.base + 1", "true", "false", "null", "undefined", "-1",
    "HOUR > 2 ? 1 : 2", "E.A", "E.B", "NS.X", "NS.N * 2", "LIST.length", "LABEL", "2.5", "0b101",
    "short", "-HOUR", "!0", "typeof HOUR", "LIST[1]", "NaN", "-0", "1_0", "E[1]",
]  # fmt: skip


def _double(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _single(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _layout_a(rng: random.Random) -> str:
    tags = ", ".join(_double(rng.choice(STRINGS)) for _ in range(rng.choice([0, 2])))
    return (
        f"  {{ name: {_double(rng.choice(STRINGS))}, n: {rng.choice(NUMBERS)}, "
        f"ttl: {rng.choice(FLATS)}, tags: [{tags}], f: (x) => x % {rng.randint(0, 99)}, "
        f"note: {_single(rng.choice(STRINGS))} }},\n"
    )


def _layout_b(rng: random.Random) -> str:
    return (
        "  {\n"
        "    // a comment\n"
        f"    name: {_double(rng.choice(STRINGS))},\n"
        f"    nested: {{ a: {rng.choice(NUMBERS)}, b: [{rng.choice(FLATS)}, "
        f"{_double(rng.choice(STRINGS))}], }},\n"
        f'    compute(now: number) {{ return now + {rng.randint(0, 9)} + "{rng.choice("ab")}"; }},\n'
        f"    /* inline */ other: {rng.choice(FLATS)},\n"
        "  },\n"
    )


def _layout_c(rng: random.Random) -> str:
    """Things that are never holes: escapes, templates, keys, spreads, shorthand, duplicates."""
    return (
        f'  {{ esc: "a\\n{rng.choice("xy")}", tpl: `t${{HOUR}}{rng.choice("pq")}`, '
        f"[LABEL]: {rng.choice(NUMBERS)}, dup: 1, dup: {_double(rng.choice(STRINGS))}, "
        f"...BASE, short, 10: {rng.choice(FLATS)}, 2: {rng.choice(NUMBERS)}, "
        f"list: [...LIST, {rng.choice(NUMBERS)}], frozen: Object.freeze([{rng.choice(FLATS)}]) }},\n"
    )


def _layout_d(rng: random.Random) -> str:
    """A flat expression that is refused, or a too-deep or odd entry: errors must match too.
    Each is one error (an assignment to a name other entries read would refuse those too)."""
    bad = rng.choice(["missing", "HOUR.x.y", "unknown = 1", "Date.now()", "f()", "[1, , 2]"])
    return f"  {{ name: {_double(rng.choice(STRINGS))}, n: {bad}, ttl: {rng.choice(FLATS)} }},\n"


LAYOUTS = [_layout_a, _layout_b, _layout_c]


def _registry(rng: random.Random, size: int, errors: bool) -> tuple[str, int]:
    """The text of a registry, and how many of its entries are bad (each is one error)."""
    lines = []
    bad = 0
    for _ in range(size):
        layout = rng.choice(LAYOUTS[: rng.choice([1, 2, 3])])
        if errors and rng.random() < 0.05:
            layout = _layout_d
            bad += 1
        lines.append(layout(rng))
    return HEADER + "".join(lines) + "] as const;\n", bad


def _snapshot(value: Any) -> Any:
    """Everything about a value: kind, contents, spans (as byte offsets and as positions) and,
    for numbers, the expression that spelled them."""
    if isinstance(value, Span):
        return (value.path, value.line, value.column, value.end_line, value.end_column)
    if isinstance(value, Object):
        entries = [(k, _snapshot(v), _snapshot(s)) for k, v, s in value.entries]
        return ("Object", entries, _snapshot(value.span))
    if isinstance(value, Array):
        return ("Array", [_snapshot(item) for item in value.items], _snapshot(value.span))
    if isinstance(value, Num):
        return ("Num", repr(value.value), _snapshot(value.span), repr(value.origin))
    fields = {k: v for k, v in vars(value).items() if k != "span"}
    return (type(value).__name__, repr(fields), _snapshot(value.span))


def _evaluate(folder: Path) -> tuple[Any, str]:
    """The snapshot of ITEMS, or the diagnostics, as `codegen` would print them."""
    program = Program()
    try:
        value = Evaluator(program).export(program.load(folder / "main.ts"), "ITEMS", None)
    except (CodegenError, CodegenErrors) as error:
        return None, render_report(error)
    return _snapshot(value), ""


def _compare(folder: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, str, int]:
    """The value or diagnostics, as the environment says and with fast paths off, which must
    agree; and how many entries were built from shapes (none when fast paths are off)."""
    (folder / "main.ts").write_text(text, "utf-8")
    (folder / "other.ts").write_text(OTHER, "utf-8")
    before = fastpaths.counts[fastpaths.SHAPES]
    fast = _evaluate(folder)
    built = fastpaths.counts[fastpaths.SHAPES] - before
    with monkeypatch.context() as patch:
        patch.setenv(fastpaths.SWITCH, "1")  # the general evaluator alone
        general = _evaluate(folder)
    assert fastpaths.counts[fastpaths.SHAPES] == before + built  # the switch held
    assert fast == general
    if not fastpaths.enabled():
        assert built == 0
    return (*fast, built)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 2**32), size=st.integers(shapes.MIN_ITEMS, 150), errors=st.booleans())
def test_shapes_agree_with_the_general_evaluator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, size: int,
    errors: bool,
) -> None:  # fmt: skip
    text, bad = _registry(random.Random(seed), size, errors)
    value, report, built = _compare(tmp_path, text, monkeypatch)
    assert (value is None) == (bad > 0), report
    assert report.count(": error:") == min(bad, MAX_ERRORS), report
    if not errors and fastpaths.enabled():
        assert built > 0  # look-alike entries were built from their shapes


def test_most_entries_of_a_regular_registry_are_built_from_shapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No escapes, brackets or comparisons in the holes: each entry is a hole-for-hole look-alike of
    # one of a few shapes (tags or not, a number or an expression in `n`), and only the first
    # of each is evaluated the general way.
    monkeypatch.setattr(__name__ + ".STRINGS", [s for s in STRINGS if "'" not in s])
    monkeypatch.setattr(__name__ + ".FLATS", [f for f in FLATS if not set("[<>") & set(f)])
    rng = random.Random(7)
    text = HEADER + "".join(_layout_a(rng) for _ in range(200)) + "] as const;\n"
    value, _, built = _compare(tmp_path, text, monkeypatch)
    assert value is not None
    assert built >= 196 if fastpaths.enabled() else built == 0  # all but each shape's first


def test_an_error_after_many_look_alikes_is_reported_as_the_general_evaluator_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = '  {{ name: "e{i}", n: {n} }},\n'
    lines = [entry.format(i=i, n="HOUR" if i not in (40, 77) else "missing") for i in range(100)]
    lines[90] = '  { name: "' + "x" * (MAX_STRING + 1) + '", n: 1 },\n'
    text = HEADER + "".join(lines) + "] as const;\n"
    value, report, built = _compare(tmp_path, text, monkeypatch)
    assert value is None
    assert report.count("error:") == 3  # both unknown names, and the string that is too long
    assert all(f"main.ts:{9 + i}:" in report for i in (40, 77, 90))  # entry i is on line 9 + i
    assert built > 80 if fastpaths.enabled() else built == 0


def _look_alikes(template: str, variant: str, header: str = "const HOUR = 3600;\n") -> str:
    """Forty entries: the template twice, the variant, then the template again."""
    lines = [template, template, variant] + [template] * 37
    return header + "export const ITEMS = [\n" + "".join(f"{line},\n" for line in lines) + "];\n"


_DEEP = "{ a: { b: { c: { d: { e: { f: { g: { h: { i: { j: %s } } } } } } } } } }"
_CHAIN = (
    "const HOUR = 3600;\n"
    + "".join(f"const Z{i} = Z{i + 1};\n" for i in range(60))
    + "const Z60 = 1;\nconst P0 = Z0;\n"
    + "".join(f"const P{i + 1} = P{i};\n" for i in range(60))
    + "const Q = Z0;\n"
)


# Each registry has one error (a few entries that the fast path must leave to the general
# evaluator), and look-alikes around it that it builds: all but the first of each shape.
@pytest.mark.parametrize(
    ("text", "built"),
    [
        # A key given twice: the first value is evaluated (and refused) all the same. Such an
        # entry makes no shape, so nothing is built from one.
        (_look_alikes("{ a: HOUR, a: 1 }", "{ a: missing, a: 1 }"), 0),
        (_look_alikes("{ a: 1, a: 2 }", "{ a: 08, a: 2 }"), 0),
        # Two flat holes that tree-sitter reads as one generic instantiation.
        (
            "const HOUR = 3600;\nexport const ITEMS = [\n"
            + "".join(
                f"{{ x: {items} }},\n"
                for items in [
                    "[HOUR, HOUR]",
                    "[HOUR < 2, 0]",
                    "[0, HOUR > +HOUR]",
                    "[HOUR < 2, HOUR > +HOUR]",
                ]
                + ["[HOUR, HOUR]"] * 36
            )
            + "];\n",
            36,  # the first entry is the shape; three differ from it
        ),
        # An optional chain's result, stored and read on: the chain has ended.
        (
            "const NUL = null;\nexport const ARR = [\n"
            + "{ a: NUL?.x, n: 1 },\n" * 40
            + "];\nexport const ITEMS = [ARR[0].a.y, ARR[5].a.y];\n",
            39,
        ),
        # A flat expression nested past MAX_DEPTH only where it stands.
        (_look_alikes(_DEEP % "!0", _DEEP % ("!" * 190 + "0")), 38),
        # Values evaluated in source order (integer keys come first only in the result).
        (_look_alikes("{ b: HOUR, 1: HOUR }", "{ b: P60, 1: Q }", _CHAIN), 38),
    ],
    ids=[
        "duplicate-key",
        "duplicate-key-octal",
        "generic-across-holes",
        "ended-chain",
        "depth",
        "source-order",
    ],
)
def test_what_a_review_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, built: int
) -> None:
    value, report, fast = _compare(tmp_path, text, monkeypatch)
    assert value is None
    assert report.count(": error:") == 1 + text.count("ARR[5].a.y"), report  # found both ways
    assert fast == (built if fastpaths.enabled() else 0)
