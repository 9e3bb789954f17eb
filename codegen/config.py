"""Configuration: `[tool.codegen]` of pyproject.toml, or one target from command-line flags."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from codegen.errors import CodegenError, Span, did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

BUILTIN_TEMPLATE = Path(__file__).resolve().parent / "templates" / "module.py.j2"
DEFAULT_LINE_LENGTH = 88
DEFAULT_REGEN_COMMAND = "codegen generate"
_TOP_KEYS = (
    "identity-functions", "interface-style", "line-length", "regen-command", "strict",
    "targets", "typed-keys",
)  # fmt: skip
_TARGET_KEYS = (
    "name", "source", "export", "exports", "template", "output", "rename", "types", "exclude",
    "key", "line-length", "strict", "typed-keys", "interface-style", "identity-functions",
)  # fmt: skip
_INTERFACE_STYLES = ("dataclass", "typeddict")
_FIELD_TYPES = ("int", "float", "str", "bool")


_EMPTY: Mapping[str, str] = MappingProxyType({})


class Target(NamedTuple):  # not a dataclass: `check` starts faster without importing dataclasses
    """One generated file: where its values come from and how it is rendered."""

    name: str
    root: Path  # paths in diagnostics and in the header are relative to this folder
    source: Path
    exports: tuple[str, ...]  # empty: every export of the source (built-in template)
    template: Path | None  # None: the built-in template
    output: Path
    rename: Mapping[str, str] = _EMPTY
    types: Mapping[str, str] = _EMPTY  # TS field -> int | float | str | bool
    key: str | None = None  # the field unique per entry; default `name` when there is one
    exclude: tuple[str, ...] = ()  # TS fields left out of the mirror
    line_length: int = DEFAULT_LINE_LENGTH
    regen_command: str = DEFAULT_REGEN_COMMAND
    spans: Mapping[str, Span] = MappingProxyType({})  # where each key is configured
    config: Path | None = None  # the pyproject.toml that defines it; None: from flags
    strict: bool = False  # an export the built-in template cannot mirror is an error
    typed_keys: bool = True  # keys TypeScript types as numbers are int keys in Python
    interface_style: str = "dataclass"  # or "typeddict": how exported object types are mirrored
    identity_functions: tuple[str, ...] = ()  # package functions that return their first argument

    def relative(self, path: Path) -> str:
        """A path as shown in the generated header: relative to the root, with `/`."""
        try:
            return Path(os.path.relpath(path.resolve(), self.root.resolve())).as_posix()
        except ValueError:  # another drive, on Windows
            return path.as_posix()


def find_config(start: Path) -> Path | None:
    """The nearest pyproject.toml with a `[tool.codegen]` table, from `start` upwards."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and re.search(
            r"^\[\[?tool\.codegen\b", candidate.read_text("utf-8", "replace"), re.M
        ):
            return candidate
    return None


def load_config(path: Path, shown: str) -> list[Target]:
    """Read every target of `[tool.codegen]`; unknown keys are errors with a hint."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise CodegenError(f"cannot read {shown}: {reason}", Span(shown, 1, 1, 1, 1)) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        message = re.sub(r"\s*\(at line.*\)$", "", str(exc))
        raise CodegenError(
            f"invalid TOML: {message}", Span(shown, line, column, line, column + 1)
        ) from None
    table = document.get("tool", {}).get("codegen")
    if not isinstance(table, dict):
        raise CodegenError(f"{shown} has no [tool.codegen] table", Span(shown, 1, 1, 1, 1))
    where = _Locator(text, shown)
    _check_keys(table, _TOP_KEYS, "[tool.codegen]", where)
    line_length = _integer(table, "line-length", DEFAULT_LINE_LENGTH, where)
    regen_command = _string(table, "regen-command", where, DEFAULT_REGEN_COMMAND)
    strict = _boolean(table, "strict", False, where)
    typed_keys = _boolean(table, "typed-keys", True, where)
    interface_style = _style(table, "dataclass", where)
    identity = tuple(_strings(table, "identity-functions", where))
    raw_targets = table.get("targets", [])
    if not isinstance(raw_targets, list) or not raw_targets:
        raise CodegenError(
            "[tool.codegen] needs at least one [[tool.codegen.targets]] table", where.key("targets")
        )
    root = path.parent
    targets = []
    for raw in raw_targets:
        if not isinstance(raw, dict):
            raise CodegenError("each entry of `targets` must be a table", where.key("targets"))
        _check_keys(raw, _TARGET_KEYS, "[[tool.codegen.targets]]", where)
        name = _string(raw, "name", where)
        rename = raw.get("rename", {})
        if not isinstance(rename, dict) or not all(isinstance(v, str) for v in rename.values()):
            raise CodegenError("`rename` must be a table of strings", where.key("rename"))
        types = raw.get("types", {})
        if not isinstance(types, dict) or not all(v in _FIELD_TYPES for v in types.values()):
            raise CodegenError(
                f"`types` must map field names to one of {', '.join(_FIELD_TYPES)}",
                where.key("types"),
            )
        targets.append(
            Target(
                name=name,
                root=root,
                source=root / _string(raw, "source", where),
                exports=_exports(raw, where),
                template=root / _string(raw, "template", where) if "template" in raw else None,
                output=root / _string(raw, "output", where),
                rename=dict(rename),
                types=dict(types),
                exclude=tuple(_strings(raw, "exclude", where)),
                key=_string(raw, "key", where) if "key" in raw else None,
                line_length=_integer(raw, "line-length", line_length, where),
                regen_command=regen_command,
                spans=_spans(raw, where),
                config=path,
                strict=_boolean(raw, "strict", strict, where),
                typed_keys=_boolean(raw, "typed-keys", typed_keys, where),
                interface_style=_style(raw, interface_style, where),
                identity_functions=(
                    tuple(_strings(raw, "identity-functions", where))
                    if "identity-functions" in raw
                    else identity
                ),
            )
        )
    names = [target.name for target in targets]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise CodegenError(
            f"two targets are named `{duplicates[0]}`", where.key("name", duplicates[0])
        )
    return targets


def select(targets: list[Target], names: list[str]) -> list[Target]:
    """The targets named on the command line (all when none are named).

    An unknown name is reported at the closest configured name (or the first one)."""
    if not names:
        return targets
    known = {target.name: target for target in targets}
    for name in names:
        if name not in known:
            hint = did_you_mean(name, known)
            near = known[hint.split("`")[1]] if hint else targets[0]
            raise CodegenError(f"no target named `{name}`{hint}", near.spans.get("name"))
    return [known[name] for name in names]


def from_flags(
    source: Path,
    output: Path,
    exports: tuple[str, ...],
    template: Path | None,
    regen_command: str | None,
) -> Target:
    """The one target that `--source`, `--output` (and friends) describe, with no config.

    Its paths are relative to the working directory; an error about one of them points at
    that file as a whole (`FILE:1:1`), as there is no config key to point at."""

    def whole(path: Path) -> Span:
        return Span(path.as_posix(), 1, 1, 1, 1)

    spans = {"source": whole(source), "exports": whole(source), "output": whole(output)}
    spans["name"] = spans["output"]
    if template is not None:
        spans["template"] = whole(template)
    return Target(
        name=output.stem,
        root=Path.cwd(),
        source=source,
        exports=exports,
        template=template,
        output=output,
        regen_command=regen_command or DEFAULT_REGEN_COMMAND,
        spans=spans,
    )


class _Locator:
    """Finds the line of a key in the TOML text, since tomllib keeps no positions."""

    def __init__(self, text: str, shown: str) -> None:
        self.lines = text.splitlines()
        self.shown = shown

    def key(self, key: str, value: object = None) -> Span:
        pattern = re.compile(
            rf"^\s*[\"']?{re.escape(key)}[\"']?\s*="
            + (rf".*{re.escape(value)}" if isinstance(value, str) else "")
        )
        for number, line in enumerate(self.lines, start=1):
            match = pattern.match(line)
            if match:
                column = len(line) - len(line.lstrip()) + 1
                return Span(self.shown, number, column, number, column + len(key))
        return Span(self.shown, 1, 1, 1, 1)


def _exports(raw: dict[str, Any], where: _Locator) -> tuple[str, ...]:
    if "export" in raw and "exports" in raw:
        raise CodegenError("give `export` or `exports`, not both", where.key("exports"))
    if "export" in raw:
        return (_string(raw, "export", where),)
    return tuple(_strings(raw, "exports", where))


def _strings(raw: dict[str, Any], key: str, where: _Locator) -> list[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise CodegenError(f"`{key}` must be a list of strings", where.key(key))
    return value


def _spans(raw: dict[str, Any], where: _Locator) -> dict[str, Span]:
    """Where each path and name is configured, so errors about them can point there."""
    keys = ("name", "source", "template", "output", "exports")
    spans = {key: where.key(key, raw.get(key)) for key in keys}
    if "export" in raw:
        spans["exports"] = where.key("export", raw.get("export"))
    return spans


def _check_keys(
    table: dict[str, Any], allowed: tuple[str, ...], where_name: str, where: _Locator
) -> None:
    for key in table:
        if key not in allowed:
            raise CodegenError(
                f"unknown key `{key}` in {where_name}{did_you_mean(key, allowed)}", where.key(key)
            )


def _string(table: dict[str, Any], key: str, where: _Locator, default: str | None = None) -> str:
    value = table.get(key, default)
    if value is None:
        raise CodegenError(
            f"a target needs `{key}`",
            where.key("name", str(table.get("name", "")))
            if "name" in table
            else where.key("targets"),
        )
    if not isinstance(value, str) or not value:
        raise CodegenError(f"`{key}` must be a non-empty string", where.key(key))
    return value


def _style(table: dict[str, Any], default: str, where: _Locator) -> str:
    """`interface-style`: "dataclass" or "typeddict"."""
    style = table.get("interface-style", default)
    if style not in _INTERFACE_STYLES:
        raise CodegenError(
            '`interface-style` must be "dataclass" or "typeddict"', where.key("interface-style")
        )
    return str(style)


def _boolean(table: dict[str, Any], key: str, default: bool, where: _Locator) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise CodegenError(f"`{key}` must be true or false", where.key(key))
    return value


def _integer(table: dict[str, Any], key: str, default: int, where: _Locator) -> int:
    value = table.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not 20 <= value <= 1000:
        raise CodegenError(f"`{key}` must be a whole number from 20 to 1000", where.key(key))
    return value
