"""The built-in template's Python idioms: exported types as classes and aliases, typed keys,
enum pairs, the TypedDict style, generics, and modules that type checkers accept as they are."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import typing
from pathlib import Path
from types import ModuleType

from conftest import REPO, run_cli
from pyright_check import require_pyright, run_pyright


def _project(tmp_path: Path, source: str, extra: str = "") -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "a.ts").write_text(source, "utf-8")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.codegen]\n{extra}[[tool.codegen.targets]]\nname = "a"\nsource = "a.ts"\n'
        'output = "a_mirror.py"\n',
        "utf-8",
    )
    return tmp_path


def _generate(tmp_path: Path, source: str, extra: str = "") -> tuple[str, str]:
    _project(tmp_path, source, extra)
    result = run_cli("generate", cwd=tmp_path)
    assert result.code == 0, result.err
    return (tmp_path / "a_mirror.py").read_text("utf-8"), result.err


def _import(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _type_check(folder: Path, python_version: str = "3.10") -> None:
    """mypy --strict and pyright strict both report zero errors on every module in `folder`."""
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", python_version, "."],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    require_pyright()
    config = folder / "pyrightconfig.json"
    config.write_text(
        f'{{"typeCheckingMode": "strict", "pythonVersion": "{python_version}"}}', "utf-8"
    )
    report = run_pyright(config, *sorted(folder.glob("*.py")))
    assert report.errors == [], report.output


def test_a_status_table_keeps_numeric_keys_and_typed_texts(tmp_path: Path) -> None:
    source = (REPO / "tests" / "oracle" / "types" / "status_table.ts").read_text("utf-8")
    text, err = _generate(tmp_path, source)
    assert err == "codegen: wrote a_mirror.py\n"
    mirror = _import(tmp_path / "a_mirror.py", "status_mirror")
    assert mirror.STATUS_TEXT[mirror.STATUS_CODE["NotFound"]] == "Not Found"
    assert typing.get_args(mirror.StatusText) == ("OK", "Not Found", "Internal Server Error")
    # the keys of STATUS_TEXT are exactly StatusCode's members: the alias types them
    assert "STATUS_TEXT: Final[Mapping[StatusCode, StatusText]] = MappingProxyType(" in text
    assert "TYPED: Final[Mapping[StatusCode, str]]" in text
    _type_check(tmp_path)


def test_keys_get_a_generated_alias_when_no_export_names_them(tmp_path: Path) -> None:
    text, _ = _generate(
        tmp_path, 'export const HTTP_LIMITS = { burst: 20, "per-ip": 5 } as const;\n'
    )
    assert '#: The keys of `HTTP_LIMITS`.\nHttpLimitsKey = Literal["burst", "per-ip"]\n' in text
    assert "HTTP_LIMITS: Final[Mapping[HttpLimitsKey, int]] = MappingProxyType(" in text
    untyped, _ = _generate(
        tmp_path, "export const HTTP_LIMITS = { burst: 20 } as const;\n", "typed-keys = false\n"
    )
    assert "HTTP_LIMITS: Final[Mapping[str, int]]" in untyped and "Key =" not in untyped


def test_a_const_and_type_of_one_name_are_one_enum(tmp_path: Path) -> None:
    text, err = _generate(
        tmp_path,
        "/** How loud a line is. */\n"
        "export const Level = {\n"
        "  /** Only in development. */\n"
        '  Debug: "debug",\n'
        '  Info: "info",\n'
        '  None: "none",\n'
        "} as const;\n"
        "export type Level = (typeof Level)[keyof typeof Level];\n"
        'export const Code = { Ok: 0, "2xx": 2 } as const;\n'
        "export type Code = (typeof Code)[keyof typeof Code];\n",
    )
    assert err == "codegen: wrote a_mirror.py\n"
    assert (
        "class Level(str, enum.Enum):\n"
        '    """How loud a line is."""\n\n'
        '    Debug = "debug"\n'
        '    """Only in development."""\n'
        '    Info = "info"\n'
        '    None_ = "none"\n'
    ) in text
    assert "class Code(enum.IntEnum):" in text and "    _2xx = 2\n" in text
    mirror = _import(tmp_path / "a_mirror.py", "pair_mirror")
    assert mirror.Level("debug") is mirror.Level.Debug and mirror.Code["_2xx"] == 2
    _type_check(tmp_path)


def test_a_type_that_is_not_exactly_the_values_is_renamed_with_a_warning(tmp_path: Path) -> None:
    source = (
        'export const Mode = { A: "a", B: "b" } as const;\nexport type Mode = "a" | "b" | "c";\n'
    )
    text, err = _generate(tmp_path, source)
    assert err.startswith(
        "a.ts:2:13: warning: the type `Mode` is not exactly the values of the const `Mode`, so "
        "the const keeps the name and the type is mirrored as `ModeType`"
    )
    assert 'ModeType = Literal["a", "b", "c"]' in text and "Mode: Final[" in text
    (tmp_path / "pyproject.toml").write_text(
        (tmp_path / "pyproject.toml").read_text("utf-8") + 'rename = { Mode = "ModeName" }\n',
        "utf-8",
    )
    result = run_cli("generate", cwd=tmp_path)
    assert result.code == 0 and "warning" not in result.err
    named = (tmp_path / "a_mirror.py").read_text("utf-8")
    assert 'ModeName = Literal["a", "b", "c"]' in named and "ModeType" not in named


INTERFACES = """\
export const LEVELS = ["low", "high"] as const;
export type Level = (typeof LEVELS)[number];
/** One page of results. */
export interface Page<T> {
  /** The items on this page. */
  items: readonly T[];
  nextCursor?: string;
  meta: { total: number; pageSize: number };
}
export interface Alert { id: string; level: Level; tags?: readonly string[]; at: number }
export type AlertPage = Page<Alert>;
export type Lookup = Map<string, number>;
export type Pair = readonly [string, number];
export type Headers = Record<string, string>;
export type Sizes = { sm: 640; "2xl": 1536 };
"""


def test_interfaces_and_aliases_become_dataclasses_generics_and_aliases(tmp_path: Path) -> None:
    text, err = _generate(tmp_path, INTERFACES)
    assert err == "codegen: wrote a_mirror.py\n"
    assert 'T = TypeVar("T")' in text
    assert (
        "@dataclass(frozen=True, kw_only=True)\n"
        "class Page(Generic[T]):\n"
        '    """One page of results.\n\n'
        "    Attributes:\n"
        "        items: The items on this page.\n"
        '    """\n\n'
        "    items: tuple[T, ...]\n"
        "    next_cursor: str | None = None\n"
        "    meta: PageMeta\n"
    ) in text
    assert "class Alert:" in text and "    level: Level\n" in text
    assert "    at: float\n" in text and "    tags: tuple[str, ...] | None = None\n" in text
    assert "Lookup = Mapping[str, float]\n" in text
    assert "Pair = tuple[str, float]\n" in text
    assert "Headers = Mapping[str, str]\n" in text
    assert 'Sizes = Mapping[Literal["sm", "2xl"], Literal[640, 1536]]\n' in text
    mirror = _import(tmp_path / "a_mirror.py", "interfaces_mirror")
    page = mirror.Page(items=("a",), meta=mirror.PageMeta(total=1, page_size=1))
    assert page.next_cursor is None
    _type_check(tmp_path)


def test_the_typeddict_style_keeps_names_and_marks_optional_members(tmp_path: Path) -> None:
    text, err = _generate(tmp_path, INTERFACES, 'interface-style = "typeddict"\n')
    assert err == "codegen: wrote a_mirror.py\n"
    assert "class Page(TypedDict, Generic[T]):" in text
    assert "    nextCursor: NotRequired[str]\n" in text
    assert "    meta: PageMeta\n" in text and "class PageMeta(TypedDict):" in text
    assert "from typing import Final, Generic, Literal, NotRequired, TypeVar, TypedDict" in text
    _type_check(tmp_path, python_version="3.11")


def test_interface_style_must_be_known(tmp_path: Path) -> None:
    _project(tmp_path, INTERFACES, 'interface-style = "pydantic"\n')
    result = run_cli("generate", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(
        'pyproject.toml:2:1: error: `interface-style` must be "dataclass" or "typeddict"'
    )


def test_empty_and_mixed_collections_type_check(tmp_path: Path) -> None:
    _generate(
        tmp_path,
        "export const EMPTY = {} as const;\n"
        "export const NONE = [] as const;\n"
        "export const NESTED = { a: {}, b: { x: [1, 2.5] }, c: [], d: null } as const;\n"
        'export const ROWS = [{ id: 1 }, { id: 2, name: "b" }, {}] as const;\n',
    )
    text = (tmp_path / "a_mirror.py").read_text("utf-8")
    assert "EMPTY: Final[Mapping[str, object]] = MappingProxyType({})" in text
    assert "NONE: Final[tuple[()]] = ()" in text
    _type_check(tmp_path)


def test_reads_of_mirrored_consts_and_enums_stay_reads(tmp_path: Path) -> None:
    text, _ = _generate(
        tmp_path,
        "export enum Level { Low = 1, High = 2 }\n"
        "export const CODES = { BAD_GATEWAY: -32603, TIMEOUT: -32008 } as const;\n"
        "export const MIXED = { a: 1, b: 'x' } as const;\n"
        "export const RETRY = {\n"
        "  retryable: [CODES.BAD_GATEWAY, CODES['TIMEOUT']],\n"
        "  level: Level.High,\n"
        "  mixed: MIXED.a,\n"
        "} as const;\n"
        "const EARLIER = { x: 1 };\n"
        "export const LATER = { first: EARLIER.x };\n"
        "export { EARLIER };\n",
    )
    assert '"retryable": (CODES["BAD_GATEWAY"], CODES["TIMEOUT"]),' in text
    assert '"level": Level.High,' in text
    assert '"mixed": 1,' in text  # MIXED's values are `int | str`: a read would not be an int
    # EARLIER is declared first but exported after LATER: in Python a read would come too soon
    assert 'LATER: Final[Mapping[LaterKey, int]] = MappingProxyType({"first": 1})' in text
    mirror = _import(tmp_path / "a_mirror.py", "reads_mirror")
    assert mirror.RETRY["retryable"] == (-32603, -32008) and mirror.RETRY["level"] == 2
    _type_check(tmp_path)


def test_property_docs_become_comments_in_the_mapping(tmp_path: Path) -> None:
    text, _ = _generate(
        tmp_path,
        "export const ERRORS = {\n"
        "  /** The upstream node is down.\n"
        "   *\n"
        "   * Retry after a back-off. */\n"
        "  BAD_GATEWAY: -32603,\n"
        "  TIMEOUT: -32008,\n"
        "  /** @deprecated use TIMEOUT */\n"
        "  SLOW: -32009,\n"
        "} as const;\n",
    )
    assert (
        "    {\n"
        "        # The upstream node is down.\n"
        "        #\n"
        "        # Retry after a back-off.\n"
        '        "BAD_GATEWAY": -32603,\n'
        '        "TIMEOUT": -32008,\n'
        "        # @deprecated use TIMEOUT\n"
        '        "SLOW": -32009,\n'
        "    }\n"
    ) in text
    _type_check(tmp_path)
