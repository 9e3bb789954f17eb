"""Every exit-2 message about a file names a `path:line:col`: the config key, the place in the
source, or `FILE:1:1` when a whole file is at fault. Only usage errors that concern no file
say `codegen: error:`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NoReturn

import pytest
from conftest import run_cli

from codegen.input.program import Program

REGISTRY = 'export const ITEMS = [{ name: "a", n: 1 }] as const;\n'
CONFIG = '[[tool.codegen.targets]]\nname = "items"\nsource = "registry.ts"\noutput = "out.py"\n'


def _folder(tmp_path: Path, config: str | None = CONFIG) -> Path:
    (tmp_path / "registry.ts").write_text(REGISTRY, "utf-8")
    if config is not None:
        (tmp_path / "pyproject.toml").write_text(config, "utf-8")
    return tmp_path


def _located(err: str, where: str) -> str:
    """The message of the first line, which must start with `where: error: `."""
    first = err.splitlines()[0]
    assert re.match(r"^\S+:\d+:\d+: error: ", first), err
    assert first.startswith(f"{where}: error: "), err
    return first[len(where) + len(": error: ") :]


def test_an_export_inspect_cannot_find_is_located_at_the_file(tmp_path: Path) -> None:
    result = run_cli("inspect", "registry.ts", "NOPE", cwd=_folder(tmp_path))
    assert result.code == 2
    assert "not exported" in _located(result.err, "registry.ts:1:1")


def test_a_missing_file_named_on_the_command_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path, config=None)
    inspect = run_cli("inspect", "nope.ts", "A", cwd=folder)
    assert inspect.code == 2
    assert _located(inspect.err, "nope.ts:1:1") == "no such file: nope.ts"
    source = run_cli("generate", "--source", "nope.ts", "--output", "o.py", cwd=folder)
    assert source.code == 2
    assert _located(source.err, "nope.ts:1:1") == "no such file: nope.ts"
    template = run_cli(
        "generate", "--source", "registry.ts", "--template", "t.j2", "--output", "o.py", cwd=folder
    )
    assert template.code == 2
    _located(template.err, "t.j2:1:1")
    config = run_cli("check", "--config", "nope.toml", cwd=folder)
    assert config.code == 2
    assert _located(config.err, "nope.toml:1:1").startswith("cannot read nope.toml: ")
    assert not (folder / "o.py").exists()


def test_config_errors_point_into_the_config(tmp_path: Path) -> None:
    folder = _folder(tmp_path, config="[tool.other]\nx = 1\n")
    assert "has no [tool.codegen] table" in _located(
        run_cli("check", "--config", "pyproject.toml", cwd=folder).err, "pyproject.toml:1:1"
    )
    (folder / "pyproject.toml").write_text(CONFIG + "output = 2\n", "utf-8")
    assert _located(run_cli("check", cwd=folder).err, "pyproject.toml:5:11").startswith(
        "invalid TOML"
    )


def test_an_unknown_target_name_points_at_the_nearest_name(tmp_path: Path) -> None:
    folder = _folder(tmp_path, CONFIG + CONFIG.replace("items", "others"))
    close = run_cli("check", "itemz", cwd=folder)
    assert close.code == 2
    message = _located(close.err, "pyproject.toml:2:1")
    assert message == "no target named `itemz`; did you mean `items`?"
    other = run_cli("check", "othrs", cwd=folder)
    assert _located(other.err, "pyproject.toml:6:1").endswith("did you mean `others`?")
    far = run_cli("check", "zzz", cwd=folder)
    assert _located(far.err, "pyproject.toml:2:1") == "no target named `zzz`"


def test_an_output_that_cannot_be_read_or_written_points_at_the_key(tmp_path: Path) -> None:
    folder = _folder(tmp_path, CONFIG.replace('"out.py"', '"registry.ts/out.py"'))
    result = run_cli("generate", cwd=folder)
    assert result.code == 2
    assert _located(result.err, "pyproject.toml:4:1").startswith("cannot ")
    (folder / "out.py").mkdir()
    (folder / "pyproject.toml").write_text(CONFIG, "utf-8")
    for verb in ("generate", "check"):
        result = run_cli(verb, cwd=folder)
        assert result.code == 2
        assert _located(result.err, "pyproject.toml:4:1").startswith("cannot read out.py")


def test_a_hand_written_output_is_located_at_the_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "out.py").write_text("# mine\n", "utf-8")
    result = run_cli("generate", cwd=folder)
    assert result.code == 2
    assert _located(result.err, "out.py:1:1").startswith("refusing to overwrite out.py")


@pytest.mark.parametrize("problem", [RecursionError, MemoryError])
@pytest.mark.parametrize("verb", ["generate", "check", "inspect"])
def test_running_out_of_stack_or_memory_is_located_at_the_source(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    problem: type[Exception],
    verb: str,
) -> None:
    folder = _folder(tmp_path)

    def exhausted(self: Program, path: Path) -> NoReturn:
        raise problem()

    monkeypatch.setattr(Program, "load", exhausted)
    args = ("inspect", "registry.ts", "ITEMS") if verb == "inspect" else (verb,)
    result = run_cli(*args, cwd=folder)
    assert result.code == 2
    _located(result.err, "registry.ts:1:1")
    assert "Traceback" not in result.err
    assert not (folder / "out.py").exists()


def test_usage_errors_that_concern_no_file_are_not_located(tmp_path: Path) -> None:
    for args in (["frobnicate"], ["generate", "--nope"], ["check"]):
        result = run_cli(*args, cwd=tmp_path)
        assert result.code == 2
        assert result.err.startswith("codegen: error: "), result.err
