"""Acceptance: every fixture file mirrors whole, its values equal TypeScript's, and the mirrors
pass `mypy --strict` and pyright's strict mode with zero errors.

The fixtures are the 40 realistic constants files of tests/oracle/types/. One temporary project
mirrors them all with the built-in template (one target per file, no `exports`, no `template`),
in one `codegen generate`; then one mypy run and one pyright run check every output at once.
Outputs are named `out/<file>_ts.py`: a plain `out/builtins.py` would shadow Python's own
`builtins` module, which mypy refuses and pyright would resolve in its place.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib.util
import json
import keyword
import math
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import REPO, NodeOracle, Result, run_cli
from pyright_check import pyright_missing, require_pyright, run_pyright

FIXTURES = REPO / "tests" / "oracle" / "types"
FILES = sorted(path.stem for path in FIXTURES.glob("*.ts"))

#: Exports each file is expected to leave out (with a warning, or silently if that is the
#: design): only what has no Python form (a function type, a recursive type, ...), each with a
#: one-line reason. Anything else left out is a failure, and so is an entry here that now
#: mirrors (remove it then).
#: {file stem: {export name: one-line reason}}
LEFT_OUT: dict[str, dict[str, str]] = {
    "builtins": {"Callback": "a function type: code, with no Python data form"},
    "cron": {"ScheduleKeys": "`keyof` a union with no common key is `never`: no values"},
    "generics": {"CodeGetters": "a mapped type of methods only: code, no data"},
    "intersections": {"Nothing": '`"a" & "b"` is `never`: no values'},
    "timezones": {"City": "the type is `never`: no values"},
}

DIAGNOSTIC = re.compile(
    r"^(?P<file>[^\s:]+\.ts):\d+:\d+: (?P<severity>warning|error): (?P<message>.*)$", re.M
)
NOT_MIRRORED = re.compile(r"^`(?P<name>[^`]+)` is not mirrored")
HINT = re.compile(r"\. Name the exports to mirror .*$")  # the same advice on every warning
COMMENT = re.compile(r"^# not mirrored: (?P<name>\w+)", re.M)
CONST = re.compile(r"^export (?:declare )?(?:const|let|var) (?!enum\b)(\w+)", re.M)
# Generic aliases (`type Box<T> = ...`, some parameter without a default) have no form of
# their own, by design: only their instantiations are mirrored, and no warning is given.
TYPE_OR_ENUM = re.compile(
    r"^export (?:declare )?(?:type|(?:const )?enum) (\w+)\b(?!<[^=>]*>)", re.M
)
ENUM = re.compile(r"^export (?:declare )?(?:const )?enum (\w+)", re.M)


def test_the_fixtures_are_all_here() -> None:
    assert len(FILES) == 40, FILES
    assert set(LEFT_OUT) <= set(FILES), set(LEFT_OUT) - set(FILES)


# --- the project: one generation for every file -------------------------------------------


@dataclass
class Mirrors:
    root: Path
    result: Result
    modules: dict[str, ModuleType]

    def output(self, stem: str) -> Path:
        return self.root / "out" / f"{stem}_ts.py"

    def module(self, stem: str) -> ModuleType:
        """The output, imported from its path (once; the import is itself under test)."""
        if stem not in self.modules:
            name = f"_fixture_{stem}_ts"
            spec = importlib.util.spec_from_file_location(name, self.output(stem))
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module  # dataclasses and enums look their module up
            try:
                spec.loader.exec_module(module)
            except BaseException:
                del sys.modules[name]
                raise
            self.modules[stem] = module
        return self.modules[stem]

    def diagnostics(self, stem: str) -> list[tuple[str, str]]:
        """(severity, message) of every warning and error codegen printed about `stem`.ts."""
        return [
            (m["severity"], m["message"])
            for m in DIAGNOSTIC.finditer(self.result.err)
            if m["file"] == f"{stem}.ts"
        ]


@pytest.fixture(scope="module")
def mirrors(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mirrors]:
    root = tmp_path_factory.mktemp("fixtures-whole")
    (root / ".git").mkdir()
    config = ["[tool.codegen]\n"]
    for stem in FILES:
        shutil.copy(FIXTURES / f"{stem}.ts", root / f"{stem}.ts")
        config.append(
            f'\n[[tool.codegen.targets]]\nname = "{stem}"\nsource = "{stem}.ts"\n'
            f'output = "out/{stem}_ts.py"\n'
        )
    (root / "pyproject.toml").write_text("".join(config), "utf-8")
    (root / "pyrightconfig.json").write_text(
        json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.10"}), "utf-8"
    )
    found = Mirrors(root, run_cli("generate", cwd=root), {})
    yield found
    for stem in found.modules:
        sys.modules.pop(f"_fixture_{stem}_ts", None)


# --- 1. every file mirrors whole --------------------------------------------------------------


@pytest.mark.parametrize("stem", FILES)
def test_the_file_mirrors_whole(mirrors: Mirrors, stem: str) -> None:
    """No export left out but those in LEFT_OUT; the output exists and imports. An exported type
    alias or enum must be in the module or warned about: codegen leaves out only functions and
    interfaces on their own in silence (consts are checked against the oracle below)."""
    allowed = LEFT_OUT.get(stem, {})
    unexpected: list[str] = []
    left_out: set[str] = set()
    for severity, message in mirrors.diagnostics(stem):
        found = NOT_MIRRORED.match(message)
        if severity == "warning" and found is not None:
            left_out.add(found["name"])
            if found["name"] in allowed:
                continue
        unexpected.append(f"{stem}.ts: {severity}: {HINT.sub('', message)}")
    output = mirrors.output(stem)
    assert output.is_file(), (
        f"no output for {stem}.ts (codegen exit {mirrors.result.code}):\n"
        + "\n".join(unexpected or [mirrors.result.err[-3000:]])
    )
    for found in COMMENT.finditer(output.read_text("utf-8")):
        if found["name"] not in left_out and found["name"] not in allowed:
            unexpected.append(f"{output.name}: `# not mirrored: {found['name']}` with no warning")
        left_out.add(found["name"])
    module = mirrors.module(stem)  # imports without error
    source = (FIXTURES / f"{stem}.ts").read_text("utf-8")
    for name in TYPE_OR_ENUM.findall(source):
        if not hasattr(module, name) and name not in left_out and name not in allowed:
            unexpected.append(f"{stem}.ts: `{name}` is missing from the mirror, with no warning")
    assert not unexpected, "\n".join(unexpected)
    stale = sorted(name for name in allowed if hasattr(module, name))
    assert not stale, f"these now mirror; remove them from LEFT_OUT[{stem!r}]: {stale}"


# --- 2. values equal the oracle's -------------------------------------------------------------


def _js_number_text(value: float) -> str:
    """String(value) in JavaScript, for the numbers an enum's reverse mapping is keyed by."""
    if float(value).is_integer() and abs(value) < 1e21:
        return str(int(value))
    return repr(float(value))


def _without_reverse_mapping(value: Any) -> Any:
    """A numeric TS enum's object also maps each value back to its name (`E[1] === "A"`);
    the Python enum has members only."""
    if not isinstance(value, dict):
        return value
    return {
        key: item
        for key, item in value.items()
        if not (
            isinstance(item, str)
            and isinstance(value.get(item), (int, float))
            and not isinstance(value.get(item), bool)
            and _js_number_text(value[item]) == key
        )
    }


def _without_functions(value: Any) -> Any:
    """The oracle's value less the methods and arrow functions in its objects, which the
    mirror leaves out by design."""
    if isinstance(value, dict):
        return {k: _without_functions(v) for k, v in value.items() if v != "<function>"}
    if isinstance(value, list):
        return [_without_functions(item) for item in value]
    return value


def _canonical(value: Any) -> Any:
    """One spelling per JavaScript value, for both sides: every integral number an exact int
    (a Python int that no double equals stays itself, and differs), other floats as floats,
    -0/NaN/±Infinity in the oracle's {"$number": ...} form, bigints as ints (Python has one
    integer type). Objects stay dicts in their order; json.dumps then compares order and
    tells booleans from numbers."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return {"$number": "NaN"}
        if math.isinf(value):
            return {"$number": "Infinity" if value > 0 else "-Infinity"}
        if value == 0 and math.copysign(1.0, value) < 0:
            return {"$number": "-0"}
        return int(value) if value.is_integer() else value
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    if isinstance(value, dict):
        if list(value) == ["$bigint"]:
            return int(value["$bigint"])
        if list(value) == ["$number"]:
            return value
        return {key: _canonical(item) for key, item in value.items()}
    raise TypeError(f"not a JSON value: {value!r}")


def _js_key(key: Any) -> str:
    """The property name JavaScript gives a Python mapping's key."""
    if isinstance(key, enum.Enum):
        key = key.value
    if isinstance(key, str):
        return key
    if isinstance(key, int) and not isinstance(key, bool):
        return str(key)
    raise TypeError(f"a key with no JavaScript spelling: {key!r}")


def _loose(name: str) -> str:
    return name.replace("_", "").lower()


def _respelled(ts_name: str, py_name: str) -> bool:
    """Whether `py_name` is `ts_name` as Python has to spell it (keywords, non-identifiers,
    snake_case)."""
    if py_name == ts_name:
        return True
    if not ts_name.isidentifier() or keyword.iskeyword(ts_name):
        return True
    return _loose(ts_name) == _loose(py_name)


def _to_json(value: Any, expected: Any) -> Any:
    """The Python value in the oracle's JSON form. `expected` (the oracle's answer) is consulted
    only for the spelling of names Python had to change: enum members and dataclass fields."""
    if isinstance(value, type) and issubclass(value, enum.Enum):
        members = list(value.__members__.items())  # aliases too: TS allows equal values
        names = list(expected) if isinstance(expected, dict) else []
        if len(names) == len(members) and all(
            _respelled(ts, py) for ts, (py, _) in zip(names, members, strict=True)
        ):
            # Paired by position: a reordering still shows, as different values.
            return {
                ts: _to_json(member.value, expected[ts])
                for ts, (_, member) in zip(names, members, strict=True)
            }
        return {py: _to_json(member.value, None) for py, member in members}
    if isinstance(value, enum.Enum):
        return _to_json(value.value, expected)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _dataclass_json(value, expected if isinstance(expected, dict) else {})
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = _js_key(key)
            if name in out:
                raise TypeError(f"two keys named {name!r} in JavaScript")
            sub = expected.get(name) if isinstance(expected, dict) else None
            out[name] = _to_json(item, sub)
        return out
    if isinstance(value, (tuple, list)):
        subs = expected if isinstance(expected, list) else []
        return [_to_json(item, subs[i] if i < len(subs) else None) for i, item in enumerate(value)]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"no JSON form for {type(value).__name__}: {value!r}")


def _dataclass_json(value: Any, expected: dict[str, Any]) -> dict[str, Any]:
    """A dataclass instance as the object it mirrors: each field under the TS key it comes
    from (camelCase, in the object's order); a field whose key the object lacks must hold its
    default, and then is left out, as the object leaves it out (`expected` has no functions)."""
    fields = {_loose(f.name.rstrip("_")): f for f in dataclasses.fields(value)}
    out: dict[str, Any] = {}
    for key, item in expected.items():
        field = fields.pop(_loose(key), None)
        if field is None:
            out[key] = "<missing from the dataclass>"
            continue
        out[key] = _to_json(getattr(value, field.name), item)
    for field in fields.values():
        default = (
            field.default_factory()
            if field.default_factory is not dataclasses.MISSING
            else field.default
        )
        if default is dataclasses.MISSING or getattr(value, field.name) != default:
            out[field.name] = _to_json(getattr(value, field.name), None)
    return out


def _exported_values(stem: str) -> list[tuple[str, bool]]:
    """(name, is an enum) of every exported const, let, var and enum, in source order."""
    source = (FIXTURES / f"{stem}.ts").read_text("utf-8")
    found = [(m.start(), m[1], False) for m in CONST.finditer(source)]
    found += [(m.start(), m[1], True) for m in ENUM.finditer(source)]
    return [(name, is_enum) for _, name, is_enum in sorted(found)]


@pytest.mark.parametrize("stem", FILES)
def test_the_values_equal_typescripts(mirrors: Mirrors, node: NodeOracle, stem: str) -> None:
    names = [(n, e) for n, e in _exported_values(stem) if n not in LEFT_OUT.get(stem, {})]
    if not names:
        return  # types only: test_the_file_mirrors_whole and the type checkers cover it
    assert mirrors.output(stem).is_file(), f"no output for {stem}.ts:\n{mirrors.result.err}"
    module = mirrors.module(stem)
    problems: list[str] = []
    for name, is_enum in names:
        answer = node.evaluate(mirrors.root / f"{stem}.ts", name)
        assert "$error" not in answer, f"the oracle failed on {stem}.ts {name}: {answer}"
        theirs = answer[name]
        if theirs == "<function>":
            continue  # functions are left out by design
        theirs = _without_functions(_without_reverse_mapping(theirs) if is_enum else theirs)
        if not hasattr(module, name):
            problems.append(f"{name}: not in the mirror")
            continue
        try:
            ours = _to_json(getattr(module, name), theirs)
        except TypeError as error:
            problems.append(f"{name}: {error}")
            continue
        want = json.dumps(_canonical(theirs), ensure_ascii=False)
        got = json.dumps(_canonical(ours), ensure_ascii=False)
        if got != want:
            problems.append(f"{name}:\n  TypeScript: {want}\n  Python:     {got}")
    assert not problems, f"{stem}.ts:\n" + "\n".join(problems)


# --- 3. the type checkers -----------------------------------------------------------------------


def test_mypy_strict_and_pyright_strict_report_zero_errors(mirrors: Mirrors) -> None:
    outputs = sorted((mirrors.root / "out").glob("*_ts.py"))
    problems: list[str] = []
    if len(outputs) != len(FILES):  # the checkers still check the rest
        problems.append(f"{len(outputs)} outputs of {len(FILES)}: see test_the_file_mirrors_whole")
    mypy = subprocess.run(
        [
            str(Path(sys.executable).parent / "mypy"),
            "--strict",
            "--python-version",
            "3.10",
            "--show-error-codes",
            "out",
        ],
        cwd=mirrors.root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if mypy.returncode != 0:
        problems.append(f"mypy --strict (exit {mypy.returncode}):\n{mypy.stdout}{mypy.stderr}")
    missing = pyright_missing()
    if missing is None:
        pyright = run_pyright(mirrors.root / "pyrightconfig.json", mirrors.root / "out")
        if pyright.errors or pyright.returncode != 0:
            problems.append(
                f"pyright strict (exit {pyright.returncode}), {len(pyright.errors)} errors:\n"
                + "\n".join(pyright.errors or [pyright.output])
            )
        elif pyright.files != len(outputs):
            problems.append(f"pyright analyzed {pyright.files} of {len(outputs)} files")
    assert not problems, "\n\n".join(problems)
    require_pyright()  # skipped here without it (a failure under CI)
