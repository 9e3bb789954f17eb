"""The user's loop: edit the TS registry, regenerate, and let `check` catch any drift."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from conftest import run_cli

OUTPUT = Path("generated/profile_schema.py")
REGISTRY = Path("examples/profile/registry.ts")


def _import(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _add_owner_field(project: Path) -> None:
    """Add a documented `owner: string` to the interface and to every entry, as a TS dev would."""
    registry = project / REGISTRY
    text = registry.read_text("utf-8")
    text = text.replace(
        "  /** Computes the value",
        "  /** Team that answers for the feature's correctness. */\n"
        "  readonly owner: string;\n"
        "  /** Computes the value",
    )
    counter = iter(range(100))
    text = re.sub(
        r'(\n    source: "profile_store",\n)',
        lambda m: f'{m.group(1)}    owner: "team-{next(counter)}",\n',
        text,
    )
    registry.write_text(text, "utf-8")


def test_new_field_appears_with_no_python_edited(project: Path) -> None:
    _add_owner_field(project)
    result = run_cli("generate", cwd=project)
    assert result.code == 0, result.err
    module = _import(project / OUTPUT, "profile_schema_with_owner")
    fields = {f.name: f for f in dataclasses.fields(module.ProfileFeature)}
    assert fields["owner"].type == "str"
    assert fields["owner"].default is dataclasses.MISSING
    assert [f.owner for f in module.PROFILE_FEATURES] == [f"team-{i}" for i in range(5)]
    assert "owner — Team that answers for the feature's correctness." in (module.__doc__ or "")


def test_check_passes_on_a_fresh_copy(project: Path) -> None:
    result = run_cli("check", cwd=project)
    assert result.code == 0, result.err
    assert "up to date" in result.err


def test_check_fails_after_editing_the_registry_and_passes_after_regen(project: Path) -> None:
    registry = project / REGISTRY
    registry.write_text(
        registry.read_text("utf-8").replace("ttlSec: DAY,", "ttlSec: 2 * DAY,"), "utf-8"
    )
    before = (project / OUTPUT).read_bytes()

    stale = run_cli("check", "--diff", cwd=project)
    assert stale.code == 1
    assert "generated/profile_schema.py: stale" in stale.err
    assert "run `make regen`" in stale.err
    assert "--- generated/profile_schema.py (on disk)" in stale.out
    assert "-        ttl_sec=_DAY,\n" in stale.out
    assert "+        ttl_sec=2 * _DAY,\n" in stale.out
    assert (project / OUTPUT).read_bytes() == before  # check writes nothing

    assert run_cli("generate", cwd=project).code == 0
    assert run_cli("check", cwd=project).code == 0


def test_check_fails_after_a_hand_edit_of_the_output(project: Path) -> None:
    output = project / OUTPUT
    output.write_text(output.read_text("utf-8").replace('fallback="0",', 'fallback="1",'), "utf-8")
    stale = run_cli("check", "--diff", cwd=project)
    assert stale.code == 1
    assert "generated/profile_schema.py: stale" in stale.err
    assert '-        fallback="1",\n+        fallback="0",\n' in stale.out
    assert run_cli("generate", cwd=project).code == 0
    assert run_cli("check", cwd=project).code == 0


def test_check_reports_a_missing_output(project: Path) -> None:
    (project / OUTPUT).unlink()
    result = run_cli("check", cwd=project)
    assert result.code == 1
    assert "generated/profile_schema.py: missing" in result.err
    assert not (project / OUTPUT).exists()


def test_generate_leaves_a_current_file_untouched(project: Path) -> None:
    output = project / OUTPUT
    assert run_cli("generate", cwd=project).code == 0
    stamp = output.stat().st_mtime_ns
    data = output.read_bytes()
    result = run_cli("generate", cwd=project)
    assert result.code == 0
    assert "unchanged" in result.err
    assert output.stat().st_mtime_ns == stamp
    assert output.read_bytes() == data


def test_targets_from_flags_need_no_config(project: Path) -> None:
    (project / "pyproject.toml").unlink()
    args = [
        "--source", "examples/profile/registry.ts",
        "--export", "PROFILE_FEATURES",
        "--template", "templates/profile_schema.py.j2",
        "--output", "out/mirror.py",
    ]  # fmt: skip
    assert run_cli("check", *args, cwd=project).code == 1
    assert run_cli("generate", *args, cwd=project).code == 0
    assert run_cli("check", *args, cwd=project).code == 0
    mirror = (project / "out/mirror.py").read_text("utf-8")
    assert "class ProfileFeatureSpec:" in mirror  # no config, so no rename
    assert "ttl_sec=6 * _HOUR," in mirror


def test_select_targets_by_name(project: Path) -> None:
    assert run_cli("check", "profile_schema", cwd=project).code == 0
    unknown = run_cli("check", "profile_schem", cwd=project)
    assert unknown.code == 2
    assert "no target named `profile_schem`; did you mean `profile_schema`?" in unknown.err


def test_config_is_found_from_a_subfolder(project: Path) -> None:
    assert run_cli("check", cwd=project / "examples" / "bus").code == 0
