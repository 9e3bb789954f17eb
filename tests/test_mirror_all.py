"""Mirror-all mode: an export with no Python form is left out, named in a warning and in the
module; --strict makes that an error; a mirror of nothing is an error that says why."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

SOURCE = """\
export const LIMITS = { burst: 20 } as const;
export const TABLE = new Map([[{ id: 1 }, 2]]);
export function helper() {}
"""


def _project(tmp_path: Path, source: str, strict: str = "") -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "a.ts").write_text(source, "utf-8")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.codegen]\n{strict}[[tool.codegen.targets]]\nname = "a"\nsource = "a.ts"\noutput = "a.py"\n',
        "utf-8",
    )
    return tmp_path


def test_an_unmirrorable_export_is_a_warning_and_a_comment(tmp_path: Path) -> None:
    _project(tmp_path, SOURCE)
    result = run_cli("generate", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.err.startswith(
        "a.ts:2:22: warning: `TABLE` is not mirrored: Map keys have a Python form when they "
        "are strings, numbers, bigints, booleans or null, not an object (JavaScript compares "
        "those by identity)."
    )
    assert "`exports = [...]`" in result.err and "--strict" in result.err
    assert "helper" not in result.err  # functions are left out in silence, as always
    text = (tmp_path / "a.py").read_text("utf-8")
    assert 'LIMITS: Final[Mapping[LimitsKey, int]] = MappingProxyType({"burst": 20})' in text
    assert text.endswith(
        "\n# not mirrored: TABLE (Map keys have a Python form when they are strings,\n"
        "# numbers, bigints, booleans or null, not an object (JavaScript compares those\n"
        "# by identity))\n"
    )
    again = run_cli("check", cwd=tmp_path)  # never answered by the cache: it warns again
    assert again.code == 0 and "warning: `TABLE` is not mirrored" in again.err


def test_strict_makes_it_an_error(tmp_path: Path) -> None:
    _project(tmp_path, SOURCE)
    by_flag = run_cli("generate", "--strict", cwd=tmp_path)
    assert by_flag.code == 2
    assert by_flag.err.startswith("a.ts:2:22: error: Map keys have a Python form when they")
    assert not (tmp_path / "a.py").exists()
    _project(tmp_path, SOURCE, strict="strict = true\n")
    by_config = run_cli("generate", cwd=tmp_path)
    assert by_config.code == 2 and "error: Map keys have a Python form" in by_config.err


def test_strict_must_be_a_boolean(tmp_path: Path) -> None:
    _project(tmp_path, SOURCE, strict='strict = "yes"\n')
    result = run_cli("generate", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("pyproject.toml:2:1: error: `strict` must be true or false")


def test_a_mirror_of_nothing_says_why(tmp_path: Path) -> None:
    _project(tmp_path, "const A = 1;\nconst B = { x: 1 };\nexport function f() {}\n")
    result = run_cli("generate", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(
        "a.ts:1:1: error: nothing to mirror: these values are not exported: `A`, `B`"
    )
    assert not (tmp_path / "a.py").exists()


def test_a_mirror_whose_every_export_is_left_out_lists_them(tmp_path: Path) -> None:
    _project(tmp_path, "export const T = new Set([[1]]);\n")
    result = run_cli("generate", cwd=tmp_path)
    assert result.code == 2
    assert "error: nothing to mirror: every export was left out" in result.err
    assert "a.ts:1:18: note: `T` is left out: Set items have a Python form when" in result.err


def test_past_the_error_cap_the_rest_are_counted(tmp_path: Path) -> None:
    entries = ",\n".join(f'  {{ name: "e{i}", n: "not a number" }}' for i in range(27))
    source = (
        "export interface Spec { name: string; n: number }\n"
        f"export const R = [\n{entries},\n] as const satisfies readonly Spec[];\n"
    )
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "a.ts").write_text(source, "utf-8")
    result = run_cli(
        "generate", "--source", "a.ts", "--output", "a.py", "--export", "R", cwd=tmp_path
    )
    assert result.code == 2
    assert result.err.count(": error:") == 20
    assert result.err.endswith("codegen: 20 errors shown, and 7 more\n")
