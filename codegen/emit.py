"""One target to disk, the same way for `generate`, `check` and `watch`.

`emit` decides whether an output is current, stale or missing (`check`), or unchanged, refused
or written (`generate`, `watch`), and returns the outcome for the caller to print. `guarded`
runs any verb's work and turns what went wrong (deep recursion, memory, refusals, errors with
no place) into located `CodegenError`s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar

from codegen.config import Target
from codegen.errors import CodegenError, CodegenErrors, Span, display_path
from codegen.output.write import (
    Refused,
    check_overwrite,
    confined,
    read_existing,
    write_atomically,
)

if TYPE_CHECKING:
    from codegen.input.program import Program

Verb = Literal["generate", "check", "watch"]
State = Literal["current", "unchanged", "written", "stale", "missing"]
T = TypeVar("T")


class Outcome(NamedTuple):
    """What became of one target's output."""

    state: State
    shown: str  # the real file (symlinks followed), as diagnostics show paths
    existing: bytes | None  # the bytes on disk before, None when there was no file
    fresh: bytes | None  # what generation gave; None when the cache answered
    warnings: tuple[CodegenError, ...] = ()  # exports left out of the mirror, and why

    def line(self, target: Target) -> str:
        """The one line that reports the outcome."""
        if self.state in ("stale", "missing"):
            return (
                f"{self.shown}: {self.state}: does not match {target.relative(target.source)}; "
                f"run `{target.regen_command}`\n"
            )
        if self.state == "written":
            return f"codegen: wrote {self.shown}\n"
        return (
            f"codegen: {self.shown} {'is up to date' if self.state == 'current' else 'unchanged'}\n"
        )

    @property
    def routine(self) -> bool:
        """Whether `--quiet` hides the line: only stale and missing outputs always speak."""
        return self.state not in ("stale", "missing")


def emit(
    target: Target, verb: Verb, force: bool = False, program: Program | None = None
) -> Outcome:
    """Generate one target and compare it with its output; write it unless `verb` is `check`.

    `check` compares any output (it never writes); the writing verbs first confine the output
    to the repository. `watch` passes a `program` to learn what was read, so it never takes
    the cache's word that nothing changed.
    """
    writes = verb != "check"
    home = "the working directory" if target.config is None else "the config's folder"
    path = confined(target.output, target.root, configured_output(target), home) if writes else None
    real = path or target.output
    shown = display_path(real.resolve())
    existing = _read(real, target, shown)
    if program is None and existing is not None and _cached_and_current(target, existing):
        return Outcome("unchanged" if writes else "current", shown, existing, None)
    fresh, warnings = _generate_and_remember(target, program)
    if existing == fresh:
        return Outcome("unchanged" if writes else "current", shown, existing, fresh, warnings)
    if path is None:
        state: State = "missing" if existing is None else "stale"
        return Outcome(state, shown, existing, fresh, warnings)
    check_overwrite(existing, force, shown)
    try:
        write_atomically(path, fresh)
    except OSError as error:
        raise CodegenError(
            f"cannot write {shown}: {error.strerror or error}", _output_span(target, shown)
        ) from None
    return Outcome("written", shown, existing, fresh, warnings)


def guarded(action: Callable[[], T], file: Path, target: Target | None = None) -> T:
    """Run `action`; what is not a located CodegenError yet becomes one.

    Refusals point at the config key `output` (or at the file on disk when it looks
    hand-written); running out of stack or memory, and errors with no place, point at
    `file` (the source) as a whole, or at the target's name in the config.
    """
    whole = Span(display_path(file), 1, 1, 1, 1)
    try:
        return action()
    except Refused as refusal:
        if refusal.file is not None:
            span = Span(refusal.file, 1, 1, 1, 1)
        else:
            span = _output_span(target, configured_output(target)) if target else whole
        raise CodegenError(refusal.message, span) from None
    except RecursionError:
        raise CodegenError("input is nested too deeply to evaluate", whole) from None
    except MemoryError:
        raise CodegenError("out of memory while evaluating this file", whole) from None
    except CodegenError as error:
        if error.span is not None:
            raise
        span = target.spans.get("name", whole) if target is not None else whole
        raise CodegenError(error.message, span, error.notes, error.chain) from None
    except CodegenErrors as errors:
        if all(error.span is not None for error in errors.errors):
            raise
        fallback = target.spans.get("name", whole) if target is not None else whole
        located = [
            error if error.span is not None else CodegenError(error.message, fallback)
            for error in errors.errors
        ]
        raise CodegenErrors(located, errors.truncated, errors.more) from None


def configured_output(target: Target) -> str:
    """The output as the config (or the flag) names it."""
    output = target.output
    if output.is_absolute() and target.root.is_absolute() and output.is_relative_to(target.root):
        return output.relative_to(target.root).as_posix()
    return output.as_posix()


def _output_span(target: Target, shown: str) -> Span:
    return target.spans.get("output") or Span(shown, 1, 1, 1, 1)


def _read(path: Path, target: Target, shown: str) -> bytes | None:
    try:
        return read_existing(path)
    except OSError as error:
        raise CodegenError(
            f"cannot read {shown}: {error.strerror or error}", _output_span(target, shown)
        ) from None


def _cached_and_current(target: Target, existing: bytes) -> bool:
    """Whether the cache proves, with no generation, that the output on disk is current."""
    from codegen import cache

    known = cache.lookup(target)
    return known is not None and known == cache.digest(existing)


def _generate_and_remember(
    target: Target, program: Program | None
) -> tuple[bytes, tuple[CodegenError, ...]]:
    from codegen import cache
    from codegen.input.program import Program
    from codegen.memo import EntryMemo
    from codegen.pipeline import generate  # heavy imports (black, jinja2) only when needed

    program = program if program is not None else Program()
    memo = EntryMemo(cache.memo_path(target))
    warnings: list[CodegenError] = []
    fresh = generate(target, program, memo, warnings)
    memo.save()
    if warnings:  # not cached: every run that reads this output repeats its warnings
        return fresh, tuple(warnings)
    source = target.source.absolute()  # as named: a symlink retargeted later must count
    read = [source, *program.configs_read]
    if target.template is not None:
        read.append(target.template.resolve())
    parsed = program.contents()
    parsed[source] = parsed.get(source.resolve(), b"")
    cache.store(target, read, program.absent, fresh, parsed)
    return fresh, ()
