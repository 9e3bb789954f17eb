"""Diagnostics: one error type that knows where it happened, and the exit codes."""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple, Protocol


class ExitCode(enum.IntEnum):
    """Process exit codes, the same for every command."""

    OK = 0
    STALE = 1  # `check` found an output that differs from fresh generation
    ERROR = 2  # bad input, config or usage; printed as a located diagnostic
    BUG = 3  # an internal error: a bug in codegen, to be reported


class Locator(Protocol):
    """Turns a byte offset of a parsed file into a 1-based (line, character column)."""

    def position(self, offset: int) -> tuple[int, int]: ...


class Span:
    """A place in a source file: 1-based line, 1-based column counted in characters.

    Spans of parsed nodes keep byte offsets and work out lines and columns only when asked,
    since nearly all of them are never shown: that keeps large registries fast.
    """

    __slots__ = ("_deferred", "_where", "path")

    def __init__(self, path: str, line: int, column: int, end_line: int, end_column: int) -> None:
        self.path = path
        self._where: tuple[int, int, int, int] | None = (line, column, end_line, end_column)
        self._deferred: tuple[Locator, int, int] | None = None

    @classmethod
    def deferred(cls, path: str, locator: Locator, start: int, end: int) -> Span:
        """A span of bytes `start`..`end` whose position is computed on first use."""
        span = cls.__new__(cls)
        span.path = path
        span._where = None
        span._deferred = (locator, start, end)
        return span

    def byte_range(self, locator: Locator) -> tuple[int, int] | None:
        """The byte offsets of a deferred span into `locator`'s text; None for any other span."""
        deferred = self._deferred
        if deferred is None or deferred[0] is not locator:
            return None
        return deferred[1], deferred[2]

    def _position(self) -> tuple[int, int, int, int]:
        if self._where is None:
            assert self._deferred is not None
            locator, start, end = self._deferred
            self._where = (*locator.position(start), *locator.position(end))
        return self._where

    @property
    def line(self) -> int:
        """1-based line of the start."""
        return self._position()[0]

    @property
    def column(self) -> int:
        """1-based character column of the start."""
        return self._position()[1]

    @property
    def end_line(self) -> int:
        """1-based line of the end."""
        return self._position()[2]

    @property
    def end_column(self) -> int:
        """1-based character column just past the end."""
        return self._position()[3]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self.path == other.path and self._position() == other._position()

    def __hash__(self) -> int:
        return hash((self.path, self._position()))

    def __repr__(self) -> str:
        return f"Span({self.path!r}, {', '.join(map(str, self._position()))})"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Note(NamedTuple):
    """A related location shown after an error (where a field or const was declared)."""

    message: str
    span: Span | None = None


class CodegenError(Exception):
    """A user-facing error: bad input, config or template, with its location."""

    def __init__(
        self,
        message: str,
        span: Span | None = None,
        notes: tuple[Note, ...] = (),
        chain: tuple[Note, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.notes = notes
        self.chain = chain  # the references that led to the error, innermost first

    def with_note(self, note: Note) -> CodegenError:
        """Return the same error with one more related location appended."""
        return CodegenError(self.message, self.span, (*self.notes, note), self.chain)

    def with_hop(self, hop: Note) -> CodegenError:
        """Return the same error with one more reference on the way to it."""
        return CodegenError(self.message, self.span, self.notes, (*self.chain, hop))

    def shown_notes(self) -> tuple[Note, ...]:
        """Notes to print: the chain of references too, when it crosses files."""
        paths = {hop.span.path for hop in self.chain if hop.span is not None}
        if not paths - {self.span.path if self.span else ""}:
            return self.notes
        chain = self.chain
        if len(chain) > 6:
            skipped = Note(f"... and {len(chain) - 4} more references in between")
            chain = (*chain[:2], skipped, *chain[-2:])
        return (*self.notes, *chain)


MAX_ERRORS = 20


class CodegenErrors(Exception):
    """Several independent errors from one run, reported together."""

    def __init__(self, errors: list[CodegenError], truncated: bool = False, more: int = 0) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors
        self.truncated = truncated or more > 0
        self.more = more  # errors past the cap: counted, not shown


class ErrorCollector:
    """Gathers independent errors (one per bad entry, say) so a run reports them all."""

    def __init__(self, limit: int = MAX_ERRORS) -> None:
        self.limit = limit
        self.errors: list[CodegenError] = []
        self.truncated = False
        self.more = 0
        self._seen: set[tuple[str, Span | None]] = set()

    @contextlib.contextmanager
    def collecting(self) -> Iterator[None]:
        """Run a block; record its error instead of letting it end the run."""
        try:
            yield
        except (CodegenError, CodegenErrors) as error:
            self.record(error)

    def record(self, error: CodegenError | CodegenErrors) -> None:
        """Record one error, or each of several."""
        if isinstance(error, CodegenErrors):
            self.truncated = self.truncated or error.truncated
            self.more += error.more
            for each in error.errors:
                self.add(each)
        else:
            self.add(error)

    def add(self, error: CodegenError) -> None:
        """Record one error (once); past the limit, only count it."""
        key = (error.message, error.span)
        if key in self._seen:
            return
        self._seen.add(key)
        if len(self.errors) >= self.limit:
            self.more += 1
            self.truncated = True
            return
        self.errors.append(error)

    def raise_if_any(self) -> None:
        """End the run if anything was recorded, errors in source order."""
        if len(self.errors) == 1 and not self.truncated:
            raise self.errors[0]
        if self.errors:
            ordered = sorted(self.errors, key=_position)
            raise CodegenErrors(ordered, self.truncated, self.more)


def _position(error: CodegenError) -> tuple[str, int, int]:
    span = error.span
    return (span.path, span.line, span.column) if span is not None else ("", 0, 0)


class Style(NamedTuple):
    """How diagnostics are printed: ANSI colour (on a terminal) and GitHub annotations."""

    color: bool = False
    github: bool = False


_COLORS = {
    "error": "\033[1;31m",
    "warning": "\033[1;35m",
    "note": "\033[1;36m",
    "bold": "\033[1m",
    "reset": "\033[0m",
}


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A `; did you mean `x`?` hint, or nothing when no candidate is close."""
    import difflib  # only on the error path

    matches = difflib.get_close_matches(name, list(candidates), n=1)
    return f"; did you mean `{matches[0]}`?" if matches else ""


def display_path(path: Path) -> str:
    """How a path is shown in diagnostics: relative to the working directory when inside it."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


PLAIN = Style()


def render_report(problem: CodegenError | CodegenErrors, style: Style = PLAIN) -> str:
    """Every error of a failed run, then a count when there was more than one."""
    errors = problem.errors if isinstance(problem, CodegenErrors) else [problem]
    text = "".join(render_diagnostic(error, style) for error in errors)
    if isinstance(problem, CodegenErrors):
        if problem.more:
            text += f"codegen: {len(errors)} errors shown, and {problem.more} more\n"
        elif problem.truncated:
            text += f"codegen: {len(errors)} errors (stopped there; fix these and run again)\n"
        else:
            text += f"codegen: {len(errors)} errors\n"
    return text


def render_warnings(warnings: Iterable[CodegenError], style: Style = PLAIN) -> str:
    """Warnings compiler-style: `path:line:col: warning: message`, source line, caret."""
    return "".join(render_diagnostic(warning, style, "warning") for warning in warnings)


def render_diagnostic(error: CodegenError, style: Style = PLAIN, severity: str = "error") -> str:
    """Render an error compiler-style: `path:line:col: error: message`, source line, caret."""
    lines = [_located(severity, error.message, error.span, style)]
    lines.extend(_excerpt(error.span))
    for note in error.shown_notes():
        lines.append(_located("note", note.message, note.span, style))
        lines.extend(_excerpt(note.span))
    if style.github:
        lines.append(github_annotation(error, severity))
    return "\n".join(lines) + "\n"


def github_annotation(error: CodegenError, severity: str = "error") -> str:
    """The `::error file=...,line=...,col=...::message` workflow command GitHub Actions reads."""
    message = error.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    span = error.span
    if span is None:
        return f"::{severity}::{message}"
    path = span.path.replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    where = f"file={path},line={span.line},col={span.column}"
    if span.end_line >= span.line:
        where += f",endLine={span.end_line},endColumn={span.end_column}"
    return f"::{severity} {where}::{message}"


def _located(severity: str, message: str, span: Span | None, style: Style) -> str:
    prefix = f"{span}: " if span is not None else "codegen: "
    if not style.color:
        return f"{prefix}{severity}: {message}"
    bold, reset = _COLORS["bold"], _COLORS["reset"]
    label = f"{_COLORS[severity]}{severity}:{reset}"
    return f"{bold}{prefix}{reset}{label} {bold}{message}{reset}"


def _excerpt(span: Span | None) -> list[str]:
    """The offending source line with a caret under the span, when the file is readable."""
    if span is None or span.line < 1:
        return []
    try:
        with open(span.path, "rb") as handle:
            text = handle.read(8 * 1024 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return []
    source_lines = text.splitlines()
    if span.line > len(source_lines):
        return []
    # One printable character per source character, so the caret stays in its column.
    line = "".join(
        ch if ch.isprintable() else " " if ch == "\t" else "?" for ch in source_lines[span.line - 1]
    )
    if len(line) > 200:
        return []
    width = 1
    if span.end_line == span.line and span.end_column > span.column:
        width = span.end_column - span.column
    width = max(1, min(width, len(line) - span.column + 1))
    return [f"    {line}", "    " + " " * (span.column - 1) + "^" + "~" * (width - 1)]
