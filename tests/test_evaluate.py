"""The static evaluator gives TypeScript's values for the registry subset of the language."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

from codegen.errors import CodegenError
from codegen.input.evaluate import Evaluator
from codegen.input.jsops import number_to_string
from codegen.input.program import Program
from codegen.input.values import Array, Code, Num, Object, Str, Undefined, Value


def evaluate(
    tmp_path: Path, source: str, name: str = "X", files: dict[str, str] | None = None
) -> Value:
    for file_name, text in (files or {}).items():
        (tmp_path / file_name).write_text(text, "utf-8")
    (tmp_path / "main.ts").write_text(source, "utf-8")
    program = Program()
    return Evaluator(program).export(program.load(tmp_path / "main.ts"), name, None)


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (0.0, "0"), (-0.0, "0"), (1.0, "1"), (-1.5, "-1.5"), (0.1 + 0.2, "0.30000000000000004"),
        (1e21, "1e+21"), (1e20, "100000000000000000000"), (1.5e-7, "1.5e-7"), (1e-6, "0.000001"),
        (123456789012345680000.0, "123456789012345680000"), (math.inf, "Infinity"),
        (-math.inf, "-Infinity"), (math.nan, "NaN"), (2.0**53, "9007199254740992"), (5e-324, "5e-324"),
    ],
)  # fmt: skip
def test_number_to_string_follows_js(number: float, text: str) -> None:
    assert number_to_string(number) == text


def test_literals_and_escapes(tmp_path: Path) -> None:
    value = evaluate(
        tmp_path,
        r"""export const X = ["a\tb", 'it\'s', "\x41\u0042\u{1F600}", "\uD83D\uDE00", "\uD800", `t`, "line\
cont", 0x1F, 0o17, 0b101, 1_000_000, .5, 1e3, -0];""",
    )
    assert isinstance(value, Array)
    assert [v.value for v in value.items if isinstance(v, Str)] == [
        "a\tb", "it's", "AB\U0001f600", "\U0001f600", "\ud800", "t", "linecont",
    ]  # fmt: skip
    numbers = [v.value for v in value.items if isinstance(v, Num)]
    assert numbers == [31, 15, 5, 1_000_000, 0.5, 1000, 0]
    assert math.copysign(1, numbers[-1]) == -1


def test_objects_follow_js_key_order_and_mark_code(tmp_path: Path) -> None:
    value = evaluate(
        tmp_path,
        'const base = { z: 1 };\nexport const X = { b: 1, 2: "two", a: 3, 1: "one", ...base, b: 4, f() {}, g: () => 1 };',
    )
    assert isinstance(value, Object)
    assert [key for key, _, _ in value.entries] == ["1", "2", "b", "a", "z", "f", "g"]
    b = value.get("b")
    assert isinstance(b, Num) and b.value == 4
    assert isinstance(value.get("f"), Code) and isinstance(value.get("g"), Code)


def test_arithmetic_members_and_imports(tmp_path: Path) -> None:
    value = evaluate(
        tmp_path,
        'import { S, N as M } from "./lib.js";\n'
        'export const X = [S.a, S["b"], M * 2 + 1, 7 % 3, 2 ** 10, "n=" + M, 1 / 0, [10, 20][1], S.a.length];',
        files={"lib.ts": 'export const S = { a: "x", b: "y" } as const;\nexport const N = 3;\n'},
    )
    assert isinstance(value, Array)
    got = [v.value if isinstance(v, (Str, Num)) else None for v in value.items]
    assert got == ["x", "y", 7, 1, 1024, "n=3", math.inf, 20, 1]


def test_missing_property_reads_as_undefined_where_it_is_read(tmp_path: Path) -> None:
    value = evaluate(tmp_path, 'const S = { tipFeedback: "a" };\nexport const X = S.tipFeedbak;')
    assert isinstance(value, Undefined)
    assert (value.span.line, value.span.column) == (2, 20)


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    with pytest.raises(CodegenError) as caught:
        evaluate(tmp_path, 'export const X = ["–é", nope];')
    assert caught.value.span is not None and caught.value.span.column == 25


def test_deep_nesting_is_a_diagnostic_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(CodegenError) as caught:
        evaluate(tmp_path, "export const X = " + "[" * 2000 + "]" * 2000 + ";")
    assert "nested too deeply" in caught.value.message


def test_only_ascii_digits_make_array_index_keys(tmp_path: Path) -> None:
    value = evaluate(tmp_path, 'export const X = { "١": "a", b: 1, "2": 3, "²": 4 };')
    assert isinstance(value, Object)
    assert [key for key, _, _ in value.entries] == ["2", "١", "b", "²"]
    assert isinstance(evaluate(tmp_path, 'export const X = [1, 2]["²"];'), Undefined)


def test_types_and_values_may_share_a_name(tmp_path: Path) -> None:
    value = evaluate(tmp_path, 'type Lvl = "a" | "b";\nconst Lvl = 3;\nexport const X = Lvl * 2;')
    assert isinstance(value, Num) and value.value == 6


@pytest.mark.parametrize(
    ("source", "message", "column"),
    [
        ("export const X = (([]) << (((2651951) > (-0))));\n", "type arguments", 24),
        ("export const X = ((1) < (((``) > (-0))));\n", "type arguments", 23),
        ("export const Lit\\u{1F600}huanian = 1;\nexport const X = 2;\n", "U+1F600", 14),
        ("export const a\U0001f600 = 1;\nexport const X = 2;\n", "U+1F600", 14),
        ("const a\\u0062 = 1;\nexport const X = ab;\n", "escape", 7),
        ("const x = { ab: 1 };\nexport const X = x.a\\u0062;\n", "escape", 20),
    ],
)
def test_what_typescript_parses_otherwise_is_refused_at_the_spot(
    tmp_path: Path, source: str, message: str, column: int
) -> None:
    with pytest.raises(CodegenError) as caught:
        evaluate(tmp_path, source)
    assert message in caught.value.message
    assert caught.value.span is not None and caught.value.span.column == column


@pytest.mark.parametrize(
    "source",
    [
        "export const X = [(1 << 2) > 3, 1 << (2 > 3 ? 1 : 2), (1 < 2), 5 > (1 << 1)];\n",
        "const é$\u200d_ = 1; const x = { ab: 2 };\nexport const X = [é$\u200d_, x.ab, '\\u0062'];\n",
    ],
)
def test_what_both_parsers_read_alike_is_evaluated(tmp_path: Path, source: str) -> None:
    assert evaluate(tmp_path, source) is not None


def test_hypothesis_is_derandomized_exactly_when_ci_is_set() -> None:
    import subprocess
    import sys

    script = "import conftest, hypothesis; print(hypothesis.settings.default.derandomize)"
    for ci, expected in (("true", "True"), (None, "False")):
        env = {key: value for key, value in os.environ.items() if key != "HYPOTHESIS_PROFILE"}
        env.pop("CI", None)
        if ci is not None:
            env["CI"] = ci
        out = subprocess.run(
            [sys.executable, "-c", script],
            cwd=Path(__file__).parent,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == expected


def test_a_missing_oracle_fails_under_ci_and_skips_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import conftest

    monkeypatch.setattr(conftest.shutil, "which", lambda name: None)
    monkeypatch.setattr(conftest, "CI", True)
    with pytest.raises(pytest.fail.Exception, match="node is not installed"):
        conftest.require_oracle()
    monkeypatch.setattr(conftest, "CI", False)
    with pytest.raises(pytest.skip.Exception, match="node is not installed"):
        conftest.require_oracle()
