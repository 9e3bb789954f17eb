"""The fast formatter (black on the skeleton, entries laid out by codegen) gives exactly the
bytes of black over the whole module, for registries of 1 to 2,000 random entries.

As the environment says: with CODEGEN_NO_FAST_PATHS=1 (CI runs this file that way too) the fast
formatter must decline every time, and codegen.fastpaths must count no spliced formatting."""

from __future__ import annotations

import random
from pathlib import Path

from black.strings import str_width
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codegen import fastpaths
from codegen.input.program import Program
from codegen.mirror.exports import build_mirror
from codegen.mirror.schema import SchemaOptions
from codegen.output.context import build_context
from codegen.output.format import format_module, format_spliced
from codegen.output.layout import Expr, width
from codegen.output.render import load_builtin_template, load_template, render

HEADER = """const HOUR = 3600;
export type Kind = "alpha" | "beta" | "a-much-longer-kind-name-for-wrapping";
export interface Spec {
  name: string;
  n: number;
  ratio: number;
  flag: boolean;
  kind: Kind;
  tags: readonly string[];
  grid: readonly (readonly number[])[];
  note?: string;
}
export const ITEMS = [
"""
WORDS = ["a", "tip", "feedback", "signals.tip.feedback", "日本語のテキスト", "e\u0301", "😀", 'quote"d',
         "it's", "back\\\\slash", "x" * 40, "y" * 95, "—", "\u2028"]  # fmt: skip


def _ts_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\u2028", "\\u2028")
    return f'"{escaped}"'


def _entry(rng: random.Random, i: int) -> str:
    words = lambda k: [rng.choice(WORDS) for _ in range(k)]  # noqa: E731
    fields = [
        f"name: {_ts_string(f'e{i}-' + ' '.join(words(rng.randint(0, 6))))}",
        f"n: {rng.choice(['6 * HOUR', 'HOUR', str(rng.randint(-(10**12), 10**12)), '1_000'])}",
        f"ratio: {rng.choice(['0.5', '1e-7', '2.5e300', '-0.25', '3'])}",
        f"flag: {rng.choice(['true', 'false'])}",
        f"kind: {_ts_string(rng.choice(['alpha', 'beta', 'a-much-longer-kind-name-for-wrapping']))}",
        "tags: [" + ", ".join(_ts_string(w) for w in words(rng.randint(0, 5))) + "]",
        "grid: ["
        + ", ".join(
            "["
            + ", ".join(
                str(rng.randint(0, 10 ** rng.randint(1, 9))) for _ in range(rng.randint(0, 7))
            )
            + "]"
            for _ in range(rng.randint(0, 4))
        )
        + "]",
    ]
    if rng.random() < 0.4:
        fields.append(f"note: {_ts_string(' '.join(words(rng.randint(1, 12))))}")
    rng.shuffle(fields)
    return "  { " + ", ".join(fields) + " },\n"


def _compare(tmp_path: Path, seed: int, size: int, line_length: int, builtin: bool) -> None:
    rng = random.Random(seed)
    source = tmp_path / "registry.ts"
    entries = "".join(_entry(rng, i) for i in range(size))
    source.write_text(HEADER + entries + "] as const satisfies readonly Spec[];\n", "utf-8")
    program = Program()
    module = program.load(source)
    mirror = build_mirror(
        program, module, ["ITEMS", "Kind"], SchemaOptions({}, {}, None), None, True
    )
    template = (
        load_builtin_template()
        if builtin
        else load_template(REPO / "tests" / "cases" / "registry.py.j2", "registry.py.j2")
    )
    context = build_context(mirror, "registry.ts", "make regen")
    everything = render(template, context.variables)
    spliced = _spliced(everything, context.entries, line_length, "t")
    expected = format_module(everything, line_length, "t")
    if not fastpaths.enabled():
        assert spliced is None
    elif size < 2:  # a one-tuple may join its line: the fast path declines, and that is fine
        assert spliced is None or spliced == expected
    else:
        assert spliced == expected


def _spliced(rendered: str, entries: dict[str, Expr], line_length: int, name: str) -> str | None:
    """format_spliced, checked against codegen.fastpaths' count: one more exactly when it
    answered."""
    before = fastpaths.counts[fastpaths.SPLICED]
    spliced = format_spliced(rendered, entries, line_length, name)
    assert fastpaths.counts[fastpaths.SPLICED] == before + (spliced is not None)
    return spliced


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    seed=st.integers(0, 2**32),
    size=st.integers(1, 40),
    line_length=st.sampled_from([40, 60, 88, 120]),
    builtin=st.booleans(),
)
def test_fast_formatting_equals_black_over_everything(
    tmp_path: Path, seed: int, size: int, line_length: int, builtin: bool
) -> None:
    _compare(tmp_path, seed, size, line_length, builtin)


def test_two_thousand_entries(tmp_path: Path) -> None:
    _compare(tmp_path, seed=2026, size=2_000, line_length=88, builtin=False)


# Each template, and whether the fast path takes it: not when an entry stands in a comment or a
# string (the placeholder would be text, not code), nor when no entry is alone on its line.
ODD_TEMPLATES = {
    "in_a_comment": (
        "{{ header }}\n{% for e in entries %}\n# {{ e }},\n{% endfor %}\nX = 1\n",
        False,
    ),
    "in_a_docstring": (
        '{{ header }}\n"""\n{% for e in entries %}\n{{ e }},\n{% endfor %}\n"""\nX = 1\n',
        False,
    ),
    "sorted_and_tested": (
        "{{ header }}\nfrom dataclasses import dataclass\n\n\n@dataclass\nclass {{ class_name }}:\n"
        "    name: str\n\n\nX = (\n{% for e in entries | sort %}\n{% if 'e1-' in e %}\n    # one\n"
        "{% endif %}\n    {{ e }},\n{% endfor %}\n)\n",
        True,
    ),
    "joined": ("{{ header }}\nX = ({{ entries | join(', ') }})\n", False),
    "twice": (
        "{{ header }}\nX = (\n{% for e in entries %}\n    {{ e }},\n    {{ e }},\n{% endfor %}\n)\n",
        True,
    ),
}


def test_templates_that_use_entries_oddly_still_get_blacks_bytes(tmp_path: Path) -> None:
    rng = random.Random(5)
    source = tmp_path / "registry.ts"
    body = (
        "".join(_entry(rng, i) for i in range(6))
        + '  { name: "n", n: 1, ratio: NaN, flag: true, kind: "alpha", tags: [], grid: [] },\n'
    )
    source.write_text(HEADER + body + "] as const satisfies readonly Spec[];\n", "utf-8")
    program = Program()
    mirror = build_mirror(
        program, program.load(source), ["ITEMS"], SchemaOptions({}, {}, None), None, True
    )
    for name, (text, takes) in ODD_TEMPLATES.items():
        (tmp_path / f"{name}.j2").write_text(text, "utf-8")
        template = load_template(tmp_path / f"{name}.j2", name)
        context = build_context(mirror, "registry.ts", "make regen")
        rendered = render(template, context.variables)
        for line_length in (30, 88):
            expected = format_module(rendered, line_length, name)
            spliced = _spliced(rendered, context.entries, line_length, name)
            if takes and fastpaths.enabled():
                assert spliced == expected, (name, line_length)
            else:
                assert spliced is None, (name, line_length)


@settings(max_examples=2000, deadline=None)
@given(text=st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_width_is_blacks_str_width(text: str) -> None:
    """codegen measures lines with one regex scan; black looks each character up."""
    assert width(text) == str_width(text)
