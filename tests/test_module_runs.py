"""Modules whose consts top-level code changes run whole in the engine, in order; namespaces
are the objects TypeScript compiles them to; Maps, Sets and regular expressions cross as
values. What running the module cannot prove (a change other files can make) is refused.
Values are compared with Node by the oracle fixtures `mutations_top_level.ts`,
`namespaces.ts` and `collections_values.ts`."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from test_typeforms import _generate, _import, _type_check


def _inspect(tmp_path: Path, source: str, *names: str) -> tuple[int, str, str]:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "a.ts").write_text(source, "utf-8")
    result = run_cli("inspect", "a.ts", *names, cwd=tmp_path)
    return result.code, result.out, result.err


def test_a_change_in_an_exported_function_is_refused(tmp_path: Path) -> None:
    source = (
        "export const REGISTRY: string[] = [];\n"
        "export function register(name: string) {\n"
        "  REGISTRY.push(name);\n"
        "}\n"
        'register("a");\n'
    )
    code, _, err = _inspect(tmp_path, source, "REGISTRY")
    assert code == 2
    assert err.startswith(
        "a.ts:3:3: error: `REGISTRY` may be changed by this call of `REGISTRY.push`, in code "
        "that other files can call"
    )
    assert "a.ts:1:14: note: `REGISTRY` is declared here" in err


def test_a_function_an_export_reaches_counts_as_exported(tmp_path: Path) -> None:
    source = (
        "const TABLE: Record<string, number> = {};\n"
        "function fill(key: string) { TABLE[key] = 1; }\n"
        "export const api = { add: (key: string) => fill(key) };\n"
        "export const SNAPSHOT = TABLE;\n"
    )
    code, _, err = _inspect(tmp_path, source, "SNAPSHOT")
    assert code == 2
    assert err.startswith("a.ts:2:30: error: `TABLE` may be changed by this assignment")


def test_a_change_made_by_another_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "list.ts").write_text("export const LIST: number[] = [1];\n", "utf-8")
    (tmp_path / "b.ts").write_text(
        'import { LIST } from "./list";\nLIST.push(2);\nexport const DONE = true;\n', "utf-8"
    )
    source = 'import { LIST } from "./list";\nimport { DONE } from "./b";\nexport const ALL = [DONE, LIST];\n'
    code, _, err = _inspect(tmp_path, source, "ALL")
    assert code == 2
    assert "b.ts:2:1: error: `LIST` may be changed after its declaration" in err


def test_a_local_function_called_at_the_top_level_runs(tmp_path: Path) -> None:
    source = (
        "const CODES: Record<string, number> = {};\n"
        "let next = 100;\n"
        "function code(name: string) { CODES[name] = next++; }\n"
        'code("A"); code("B");\n'
        "export const FROZEN = Object.freeze({ ...CODES });\n"
        "export const AFTER = CODES;\n"
        'code("C");\n'
    )
    code, out, err = _inspect(tmp_path, source, "FROZEN", "AFTER")
    assert code == 0, err
    assert json.loads(out) == {
        "FROZEN": {"A": 100, "B": 101},
        "AFTER": {"A": 100, "B": 101, "C": 102},
    }


def test_an_exception_at_the_top_level_is_located(tmp_path: Path) -> None:
    source = (
        "export const T: Record<string, string> = {};\n"
        'T.a = "x";\n'
        "const missing: any = undefined;\n"
        "missing.key = 1;\n"
    )
    code, _, err = _inspect(tmp_path, source, "T")
    assert code == 2
    assert err.startswith("a.ts:4:1: error: the call throws in JavaScript: TypeError")
    assert "Traceback" not in err


def test_a_statically_evaluated_value_reading_a_changed_one_comes_from_the_run(
    tmp_path: Path,
) -> None:
    source = (
        "export const LIST = [1, 2];\n"
        "export const FIRST_LENGTH = LIST.length;\n"
        "LIST.push(3);\n"
        "export const HOUR = 3600;\n"
    )
    code, out, err = _inspect(tmp_path, source, "FIRST_LENGTH", "LIST", "HOUR")
    assert code == 0, err
    assert json.loads(out) == {"FIRST_LENGTH": 2, "LIST": [1, 2, 3], "HOUR": 3600}


def test_an_i18n_table_filled_at_the_top_level_is_mirrored(tmp_path: Path) -> None:
    source = (
        "export const MESSAGES: Record<string, Record<string, string>> = {};\n"
        'MESSAGES.en = { hello: "Hello" };\n'
        'Object.assign(MESSAGES, { de: { hello: "Hallo" } });\n'
    )
    _, err = _generate(tmp_path, source)
    assert err == "codegen: wrote a_mirror.py\n"
    mirror = _import(tmp_path / "a_mirror.py", "i18n_mirror")
    assert mirror.MESSAGES["de"]["hello"] == "Hallo"
    assert list(mirror.MESSAGES) == ["en", "de"]
    _type_check(tmp_path)


def test_a_namespace_and_its_type_become_one_enum(tmp_path: Path) -> None:
    source = (
        "/** How bad a diagnostic is. */\n"
        "export type Severity = 1 | 2;\n"
        "export namespace Severity {\n"
        "  /** Reports an error. */\n"
        "  export const Error: 1 = 1;\n"
        "  export const Warning: 2 = 2;\n"
        "  export function is(value: unknown): value is Severity {\n"
        "    return value === 1 || value === 2;\n"
        "  }\n"
        "}\n"
    )
    text, err = _generate(tmp_path, source)
    assert err == "codegen: wrote a_mirror.py\n"
    assert (
        "class Severity(enum.IntEnum):\n"
        '    """How bad a diagnostic is."""\n\n'
        "    Error = 1\n"
        '    """Reports an error."""\n'
        "    Warning = 2\n"
    ) in text
    mirror = _import(tmp_path / "a_mirror.py", "severity_mirror")
    assert mirror.Severity(2) is mirror.Severity.Warning
    _type_check(tmp_path)


def test_maps_and_sets_are_mirrored_as_read_only_python_values(tmp_path: Path) -> None:
    source = (
        'export const SAFE_METHODS = new Set(["GET", "HEAD", "GET"]);\n'
        "export const RETRY_AFTER = new Map<number, number>([[429, 30], [503, 120]]);\n"
        'export const NESTED = { byCode: new Map([["E1", new Set([1n])]]), none: new Set() };\n'
    )
    text, err = _generate(tmp_path, source)
    assert err == "codegen: wrote a_mirror.py\n"
    assert 'SAFE_METHODS: Final[frozenset[str]] = frozenset({"GET", "HEAD"})\n' in text
    assert "RETRY_AFTER: Final[Mapping[int, int]] = MappingProxyType({429: 30, 503: 120})\n" in text
    mirror = _import(tmp_path / "a_mirror.py", "collections_mirror")
    assert mirror.RETRY_AFTER[503] == 120
    assert mirror.NESTED["byCode"]["E1"] == frozenset({1})
    assert mirror.NESTED["none"] == frozenset()
    _type_check(tmp_path)


def test_keys_python_would_merge_are_refused_by_name(tmp_path: Path) -> None:
    _inspect(tmp_path, "", "X")  # makes the folder a repository
    for source, message in (
        ("new Map([[1, 'a'], [true, 'b']])", "Map keys `1` and `true` are distinct in JavaScript"),
        ("new Set([1, 1n])", "Set items `1` and `1n` are distinct in JavaScript"),
        ("new Set([null, undefined])", "Set items `null` and `undefined` are distinct"),
        ("new Set([NaN])", "Set items that are NaN have no Python form"),
        ("new Map([[[1], 2]])", "Map keys have a Python form when they are strings"),
    ):
        (tmp_path / "a.ts").write_text(f"export const X = {source};\n", "utf-8")
        result = run_cli(
            "generate", "--source", "a.ts", "--output", "a.py", "--export", "X", cwd=tmp_path
        )
        assert result.code == 2, source
        assert f"a.ts:1:18: error: {message}" in result.err, result.err
        assert not (tmp_path / "a.py").exists()


def test_regular_expressions_are_mirrored_when_python_matches_exactly(tmp_path: Path) -> None:
    source = (
        "export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;\n"
        "export const HEX = /^#(?:[0-9a-f]{3}){1,2}$/i;\n"
    )
    text, err = _generate(tmp_path, source)
    assert err == "codegen: wrote a_mirror.py\n"
    assert "SLUG: Final[re.Pattern[str]] = re.compile(" in text and "\nimport re\n" in text
    mirror = _import(tmp_path / "a_mirror.py", "regex_mirror")
    assert mirror.SLUG.search("a-b") and not mirror.SLUG.search("a-b\n")  # JS `$`, not Python's
    assert mirror.HEX.search("#FFF") and not mirror.HEX.search("#FFFF")
    _type_check(tmp_path)


def test_a_regular_expression_without_an_exact_python_form_is_refused_with_why(
    tmp_path: Path,
) -> None:
    _inspect(tmp_path, "", "X")  # makes the folder a repository
    for source, reason in (
        ("/^.$/", "characters above U+FFFF"),
        ("/a/y", "sticky"),
    ):
        (tmp_path / "a.ts").write_text(f"export const X = {source};\n", "utf-8")
        result = run_cli(
            "generate", "--source", "a.ts", "--output", "a.py", "--export", "X", cwd=tmp_path
        )
        assert result.code == 2, source
        assert "a.ts:1:18: error: the regular expression " in result.err, result.err
        assert reason in result.err, result.err
