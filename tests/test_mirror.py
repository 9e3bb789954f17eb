"""Whole-module mirrors never bind one name twice or emit what Python rejects."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from conftest import run_cli


def _generate(tmp_path: Path, source: str) -> tuple[int, str]:
    (tmp_path / "a.ts").write_text(source, "utf-8")
    result = run_cli("generate", "--source", "a.ts", "--output", "out.py", cwd=tmp_path)
    return result.code, result.err


def _import(path: Path) -> object:
    spec = importlib.util.spec_from_file_location("mirror_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_private_constant_never_takes_an_exported_name(tmp_path: Path) -> None:
    code, err = _generate(
        tmp_path,
        "const X = 5;\nexport const _X = 7;\nexport interface Spec { name: string; n: number }\n"
        'export const R = [{ name: "a", n: X }] as const satisfies readonly Spec[];\n',
    )
    assert code == 0, err
    module = _import(tmp_path / "out.py")
    assert module.R[0].n == 5  # type: ignore[attr-defined]
    assert module._X == 7  # type: ignore[attr-defined]


def test_a_registry_named_like_its_interface_is_an_error(tmp_path: Path) -> None:
    code, err = _generate(
        tmp_path,
        'export interface Spec { name: string }\nexport const Spec = [{ name: "a" }] as const satisfies readonly Spec[];\n',
    )
    assert code == 2
    assert "two things would be named `Spec`" in err


def test_enum_members_python_rejects_get_the_documented_spelling(tmp_path: Path) -> None:
    spelled = {
        "mro": "mro_",
        "_ignore_": "_ignore",
        "None": "None_",
        "class": "class_",
        '"2xx"': "_2xx",
        '"not-found"': "not_found",
        '"__init"': "init",
    }
    for member, python in spelled.items():
        code, err = _generate(tmp_path, f"export enum E {{ {member} = 1 }}\n")
        assert code == 0, (member, err)
        text = (tmp_path / "out.py").read_text("utf-8")
        assert f"    {python} = 1\n" in text, (member, text)
        namespace: dict[str, object] = {}
        exec(compile(text, "out.py", "exec"), namespace)  # the spelling is a real member
        assert [m.name for m in namespace["E"]] == [python]  # type: ignore[attr-defined]


def test_enum_members_that_collide_once_respelled_are_errors(tmp_path: Path) -> None:
    code, err = _generate(tmp_path, 'export enum E { "a-b" = 1, a_b = 2 }\n')
    assert code == 2
    assert "enum members `a-b` and `a_b` both become `a_b` in Python" in err


def test_names_the_module_imports_are_reserved(tmp_path: Path) -> None:
    code, err = _generate(
        tmp_path,
        "export interface Mapping { name: string }\n"
        'export const R = { a: { name: "a" } } as const satisfies Record<string, Mapping>;\n',
    )
    assert code == 2
    assert "would shadow a Python builtin or an import" in err


def test_types_derived_from_values_mirror_as_literals(tmp_path: Path) -> None:
    code, err = _generate(
        tmp_path,
        "export const STATUS = { OK: 200, NotFound: 404 } as const;\n"
        "type ValueOf<T> = T[keyof T];\n"
        "export type StatusName = keyof typeof STATUS;\n"
        "export type StatusCode = ValueOf<typeof STATUS>;\n"
        'export const EVENTS = ["click", "focus"] as const;\n'
        "export type Handler = `on${Capitalize<(typeof EVENTS)[number]>}`;\n"
        'export type NotFoundOnly = Exclude<StatusCode, 200> | Extract<"x" | 1, string>;\n',
    )
    assert code == 0, err
    text = (tmp_path / "out.py").read_text("utf-8")
    assert 'StatusName = Literal["OK", "NotFound"]' in text
    assert "StatusCode = Literal[200, 404]" in text
    assert 'Handler = Literal["onClick", "onFocus"]' in text
    assert 'NotFoundOnly = Literal[404, "x"]' in text
    module = _import(tmp_path / "out.py")
    import typing

    assert typing.get_args(module.Handler) == ("onClick", "onFocus")  # type: ignore[attr-defined]


STATUS_TABLE = """\
export const STATUS_CODE = {
  OK: 200,
  NotFound: 404,
  InternalServerError: 500,
} as const;
export type StatusCode = (typeof STATUS_CODE)[keyof typeof STATUS_CODE];
export const STATUS_TEXT = {
  [STATUS_CODE.OK]: "OK",
  [STATUS_CODE.NotFound]: "Not Found",
  [STATUS_CODE.InternalServerError]: "Internal Server Error",
} as const;
export type StatusText = (typeof STATUS_TEXT)[keyof typeof STATUS_TEXT];
export const QUOTED = { "404": "a string key, as written" } as const;
"""


def test_numeric_keys_stay_numbers(tmp_path: Path) -> None:
    code, err = _generate(tmp_path, STATUS_TABLE)
    assert code == 0, err
    module = _import(tmp_path / "out.py")
    text_of = module.STATUS_TEXT  # type: ignore[attr-defined]
    code_of = module.STATUS_CODE  # type: ignore[attr-defined]
    assert text_of[code_of["NotFound"]] == "Not Found"
    assert list(text_of) == [200, 404, 500]
    assert list(module.QUOTED) == ["404"]  # type: ignore[attr-defined]
    import typing

    assert typing.get_args(module.StatusText) == (  # type: ignore[attr-defined]
        "OK",
        "Not Found",
        "Internal Server Error",
    )


def test_jsdoc_paragraphs_and_tags_reach_the_mirror(tmp_path: Path) -> None:
    code, err = _generate(
        tmp_path,
        "/**\n * Retry limits.\n *\n * Shared by every client.\n * @deprecated Use `POLICY`.\n"
        " * @see https://example.invalid/retry\n */\nexport const LIMITS = { burst: 20 } as const;\n",
    )
    assert code == 0, err
    text = (tmp_path / "out.py").read_text("utf-8")
    assert (
        "#: Retry limits.\n#:\n#: Shared by every client.\n#:\n#: @deprecated Use `POLICY`.\n"
        "#:\n#: @see https://example.invalid/retry\nLIMITS: Final"
    ) in text


def test_typed_keys_false_keeps_string_keys(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.ts").write_text(STATUS_TABLE, "utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.codegen]\ntyped-keys = false\n[[tool.codegen.targets]]\nname = "a"\n'
        'source = "a.ts"\noutput = "a.py"\n',
        "utf-8",
    )
    result = run_cli("generate", cwd=tmp_path)
    assert result.code == 0, result.err
    module = _import(tmp_path / "a.py")
    assert list(module.STATUS_TEXT) == ["200", "404", "500"]  # type: ignore[attr-defined]


def test_enum_members_keep_their_jsdoc(tmp_path: Path) -> None:
    code, err = _generate(
        tmp_path,
        "export enum Level {\n  /** Chatty. */\n  Low = 1,\n  /**\n   * Wake someone.\n   *\n"
        "   * @see https://example.invalid/oncall\n   */\n  High = 2,\n  Mid = 3,\n}\n",
    )
    assert code == 0, err
    text = (tmp_path / "out.py").read_text("utf-8")
    assert '    Low = 1\n    """Chatty."""\n    High = 2\n' in text
    assert (
        '    """Wake someone.\n\n    @see https://example.invalid/oncall\n    """\n    Mid = 3\n'
        in text
    )
    module = _import(tmp_path / "out.py")
    assert [m.value for m in module.Level] == [1, 2, 3]  # type: ignore[attr-defined]
