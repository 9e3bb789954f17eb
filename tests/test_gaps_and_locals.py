"""Valid TypeScript the grammar cannot parse (a documented list, recognized by its text) is
skipped with a warning, or refused where it touches what was asked for; any other syntax
error still refuses the file. A const the file keeps to itself can be named in `exports` and
in `inspect`, with a warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from codegen.input.parse import KNOWN_GAPS

GAPS = """\
export type * from "./types";
export type * as shapes from "./shapes";
export interface Box<in out T> { value: T }
import defer * as heavy from "./heavy";
/** Request limits. */
export const LIMITS = { burst: 20, perIp: 5 } as const;
"""


def _write(tmp_path: Path, source: str) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    path = tmp_path / "a.ts"
    path.write_text(source, "utf-8")
    return path


def test_every_documented_gap_is_recognized() -> None:
    assert len(KNOWN_GAPS) == 3
    for construct, _ in KNOWN_GAPS:
        assert construct.startswith("`")


def test_a_known_gap_away_from_the_exports_is_a_warning(tmp_path: Path) -> None:
    _write(tmp_path, GAPS)
    result = run_cli("inspect", "a.ts", "LIMITS", cwd=tmp_path)
    assert result.code == 0, result.err
    assert json.loads(result.out) == {"LIMITS": {"burst": 20, "perIp": 5}}
    warnings = [line for line in result.err.splitlines() if ": warning: " in line]
    assert warnings == [
        "a.ts:1:1: warning: skipped `export type * from` (TypeScript 5.0), which "
        "tree-sitter-typescript 0.23.2 cannot parse; nothing codegen evaluated here comes from it",
        "a.ts:2:1: warning: skipped `export type * from` (TypeScript 5.0), which "
        "tree-sitter-typescript 0.23.2 cannot parse; nothing codegen evaluated here comes from it",
        "a.ts:3:1: warning: skipped `in`/`out` variance annotations on type parameters "
        "(TypeScript 4.7), which tree-sitter-typescript 0.23.2 cannot parse; nothing codegen "
        "evaluated here comes from it",
        "a.ts:4:1: warning: skipped `import defer` (TypeScript 5.9), which "
        "tree-sitter-typescript 0.23.2 cannot parse; nothing codegen evaluated here comes from it",
    ]


def test_generate_mirrors_around_a_gap_and_warns(tmp_path: Path) -> None:
    _write(tmp_path, GAPS)
    result = run_cli("generate", "--source", "a.ts", "--output", "a_mirror.py", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "warning: skipped `export type * from`" in result.err
    assert "LIMITS: Final[Mapping[LimitsKey, int]]" in (tmp_path / "a_mirror.py").read_text()


def test_a_gap_that_declares_what_is_asked_for_is_refused_there(tmp_path: Path) -> None:
    _write(tmp_path, GAPS + "export type Boxed = Box<number>;\n")
    result = run_cli("inspect", "--types", "a.ts", "Boxed", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(
        "a.ts:3:1: error: `Box` may come from this statement, which tree-sitter-typescript "
        "0.23.2 cannot parse: `in`/`out` variance annotations on type parameters"
    )


def test_a_name_a_star_gap_may_export_is_refused_there(tmp_path: Path) -> None:
    _write(tmp_path, GAPS)
    result = run_cli("inspect", "a.ts", "Shape", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("a.ts:1:1: error: `Shape` may come from this statement")


@pytest.mark.parametrize(
    "broken",
    [
        'export type * frm "./x";\nexport const A = 1;\n',  # not a gap's text: a typo
        "export const A = { a: 1 ;\n",
        'export type * from "./x";\nexport const A = [1, 2;\n',  # a gap, and a real error too
    ],
)
def test_any_other_syntax_error_still_refuses_the_file(tmp_path: Path, broken: str) -> None:
    _write(tmp_path, broken)
    result = run_cli("inspect", "a.ts", "A", cwd=tmp_path)
    assert result.code == 2
    assert ": error: syntax error" in result.err
    assert "warning" not in result.err


LOCAL = """\
const STATUS = { OK: 200, NotFound: 404 } as const;
enum Level { Low = 1, High = 2 }
export const USED = STATUS.OK;
"""


def test_inspect_reads_a_const_the_file_does_not_export_with_a_warning(tmp_path: Path) -> None:
    _write(tmp_path, LOCAL)
    result = run_cli("inspect", "a.ts", "STATUS", "USED", cwd=tmp_path)
    assert result.code == 0, result.err
    assert json.loads(result.out) == {"STATUS": {"OK": 200, "NotFound": 404}, "USED": 200}
    assert result.err.startswith(
        "a.ts:1:7: warning: `STATUS` is not exported by a.ts; it is used anyway, since it was "
        "named (export it to silence this warning)"
    )


def test_exports_may_name_a_const_and_an_enum_the_file_keeps_to_itself(tmp_path: Path) -> None:
    _write(tmp_path, LOCAL)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.codegen]\n[[tool.codegen.targets]]\nname = "a"\nsource = "a.ts"\n'
        'output = "a_mirror.py"\nexports = ["STATUS", "Level"]\n',
        "utf-8",
    )
    result = run_cli("generate", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.err.count("is not exported by a.ts; it is used anyway") == 2
    text = (tmp_path / "a_mirror.py").read_text("utf-8")
    assert "class Level(enum.IntEnum):" in text and "STATUS: Final[" in text
    missing = run_cli("inspect", "a.ts", "NOPE", cwd=tmp_path)
    assert missing.code == 2 and "`NOPE` is not exported by a.ts" in missing.err


PACKAGE_CALLS = """\
import { defineChain } from "viem";
import * as perms from "@acme/permissions";
import { helper } from "./helper";
export const mainnet = defineChain({ id: 1, name: "Ethereum", testnet: false });
export const ADMIN = perms.createPermission({ name: "admin", level: 3 });
"""


def test_identity_functions_return_their_first_argument(tmp_path: Path) -> None:
    _write(tmp_path, PACKAGE_CALLS)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.codegen]\nidentity-functions = ["defineChain"]\n'
        '[[tool.codegen.targets]]\nname = "a"\nsource = "a.ts"\noutput = "a_mirror.py"\n'
        'identity-functions = ["defineChain", "createPermission"]\n',
        "utf-8",
    )
    result = run_cli("generate", cwd=tmp_path)
    assert result.code == 0, result.err
    text = (tmp_path / "a_mirror.py").read_text("utf-8")
    assert '{"id": 1, "name": "Ethereum", "testnet": False}' in text
    assert '{"name": "admin", "level": 3}' in text


def test_a_package_call_without_the_setting_suggests_it(tmp_path: Path) -> None:
    _write(tmp_path, PACKAGE_CALLS)
    result = run_cli("inspect", "a.ts", "mainnet", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(
        "a.ts:4:24: error: cannot evaluate a call to `defineChain`, from the package `viem`, "
        "statically; if it returns its first argument (as `define*` and `create*` helpers do), "
        'add it to the config: identity-functions = ["defineChain"]'
    )


def test_identity_functions_must_be_a_list_of_names(tmp_path: Path) -> None:
    _write(tmp_path, PACKAGE_CALLS)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.codegen]\nidentity-functions = "defineChain"\n'
        '[[tool.codegen.targets]]\nname = "a"\nsource = "a.ts"\noutput = "a_mirror.py"\n',
        "utf-8",
    )
    result = run_cli("generate", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(
        "pyproject.toml:2:1: error: `identity-functions` must be a list of strings"
    )
