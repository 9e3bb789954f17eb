"""A cache that makes an unchanged `check` nearly free; for speed, never for truth.

An entry is keyed by everything that shapes a target's output besides its inputs' content:
codegen's own files, black's version, the Python version, the target's config and template.
It records the content hash of every file the last generation read, the files it looked for
and did not find, and the hash of what it generated. A lookup answers only when all of that
still holds; the caller then compares the output on disk against the recorded hash, so a
hand-edited output is still caught. Entries live in the user's cache folder, never in the
repository; CODEGEN_NO_CACHE=1 turns the cache off (and so does CODEGEN_NO_FAST_PATHS=1, with
every other fast path: see codegen.fastpaths), CODEGEN_CACHE_DIR moves it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

try:  # the built-in module: hashlib would load OpenSSL, a fifth of an unchanged `check`
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python builds
    from hashlib import blake2b

import codegen
from codegen import fastpaths
from codegen.config import BUILTIN_TEMPLATE, Target
from codegen.output.write import write_atomically

FORMAT = 1


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get("CODEGEN_NO_CACHE") or not fastpaths.enabled():
        return None
    if os.environ.get("CODEGEN_CACHE_DIR"):
        return Path(os.environ["CODEGEN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "codegen"


def digest(data: bytes) -> str:
    """The content hash used throughout the cache (BLAKE2b: strong, and quick to load)."""
    return blake2b(data, digest_size=32).hexdigest()


def black_version() -> str:
    """The version of the black that codegen would import: another black may format otherwise."""
    return dist_version("black", "black")


def engine_version() -> str:
    """The JavaScript engine's name and version: another engine may compute calls otherwise."""
    return "quickjs-ng " + dist_version("quickjs", "quickjs_ng")


def dist_version(module: str, dist: str) -> str:
    """The version of the distribution `dist` that provides the importable `module`.

    Read from the dist-info folder beside that module, which costs a directory listing rather
    than importing it or importlib.metadata (tens of milliseconds, a third of an unchanged
    `check`). Anything unclear (no such folder, or several) asks importlib.metadata.
    """
    from importlib.util import find_spec

    spec = find_spec(module)
    if spec is not None and spec.origin is not None:
        origin = Path(spec.origin)
        site = origin.parent.parent if origin.name.startswith("__init__.") else origin.parent
        found = list(site.glob(f"{dist}-*.dist-info"))
        if len(found) == 1:
            return found[0].name[len(dist) + 1 : -len(".dist-info")]
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version(dist.replace("_", "-"))
    except PackageNotFoundError:
        return "unknown"


def _tool_fingerprint() -> str:
    """The content of codegen's own files: edited code is a new tool, even when a copy keeps
    the sizes and modification times."""
    package = Path(codegen.__file__).parent
    parts = []
    for path in sorted([*package.rglob("*.py"), *package.glob("templates/*.j2")]):
        parts.append(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest(b"\0\0".join(parts))


def _tools() -> list[object]:
    """Everything besides the inputs that shapes an output: codegen, black, the JavaScript
    engine and Python."""
    return [
        FORMAT,
        codegen.__version__,
        _tool_fingerprint(),
        black_version(),
        engine_version(),
        [*sys.version_info[:2]],
    ]


TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2")


def _entry_path(folder: Path, target: Target) -> Path | None:
    template = target.template or BUILTIN_TEMPLATE
    try:
        # The template and every template beside it, which it may include or extend.
        siblings = sorted(p for p in template.parent.iterdir() if p.suffix in TEMPLATE_SUFFIXES)
        template_hash = digest(
            # sorted: a set's order differs from process to process, and so would the key
            b"".join(
                p.name.encode() + b"\0" + p.read_bytes() for p in sorted({template, *siblings})
            )
        )
    except OSError:
        return None
    key = json.dumps(
        [
            *_tools(),
            str(target.output.resolve()),
            repr(target.exports),
            repr(sorted(target.rename.items())),
            repr(sorted(target.types.items())),
            repr(target.exclude),
            repr(target.key),
            target.line_length,
            target.regen_command,
            target.relative(target.source),
            template_hash,
        ]
    )
    return folder / f"{digest(key.encode())}.json"


def memo_path(target: Target) -> Path | None:
    """Where a target's laid-out entries from the last run live (see codegen.memo), or None
    when caching is off. The name is `<target>-<tools>.memo`: the target's output path, then
    every tool that shapes the lines, so the memo a tool update makes replaces the old one."""
    folder = cache_dir()
    if folder is None:
        return None
    tools = json.dumps(_tools())
    owner = digest(str(target.output.resolve()).encode())[:32]
    return folder / f"{owner}-{digest(tools.encode())[:32]}.memo"


def lookup(target: Target) -> str | None:
    """The hash of what generation would give, if no input changed since it was stored."""
    folder = cache_dir()
    path = _entry_path(folder, target) if folder is not None else None
    if path is None:
        return None
    try:
        entry = json.loads(path.read_text("utf-8"))
        for name, expected in entry["inputs"].items():
            if digest(Path(name).read_bytes()) != expected:
                return None
        if any(os.path.exists(name) for name in entry["absent"]):
            return None
        fastpaths.hit(fastpaths.CHECK_CACHE)
        return str(entry["output"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no entry, a changed or vanished input, or a damaged entry: generate


def store(
    target: Target,
    read: list[Path],
    absent: set[Path],
    output: bytes,
    parsed: dict[Path, bytes] | None = None,
) -> None:
    """Record what one generation read (`parsed`: bytes as the parser saw them, so an edit
    made while generating still counts), looked for in vain, and produced."""
    folder = cache_dir()
    path = _entry_path(folder, target) if folder is not None else None
    if path is None:
        return
    parsed = parsed or {}
    try:
        inputs = {
            str(p): digest(parsed[p] if p in parsed else p.read_bytes())
            for p in sorted({*read, *parsed})
        }
        entry = {"inputs": inputs, "absent": sorted(map(str, absent)), "output": digest(output)}
        write_atomically(path, json.dumps(entry, indent=1).encode("utf-8"))
    except OSError:
        pass  # a cache that cannot be written only costs speed
