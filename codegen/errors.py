"""Diagnostics: one error type that knows where it happened, and the exit codes."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol


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


@dataclass(frozen=True)
class Note:
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
        crosses = bool(paths - {self.span.path if self.span else ""})
        return (*self.notes, *self.chain) if crosses else self.notes


def render_diagnostic(error: CodegenError) -> str:
    """Render an error compiler-style: `path:line:col: error: message`, source line, caret."""
    lines = [_located("error", error.message, error.span)]
    lines.extend(_excerpt(error.span))
    for note in error.shown_notes():
        lines.append(_located("note", note.message, note.span))
        lines.extend(_excerpt(note.span))
    return "\n".join(lines) + "\n"


def _located(severity: str, message: str, span: Span | None) -> str:
    prefix = f"{span}: " if span is not None else "codegen: "
    return f"{prefix}{severity}: {message}"


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
    line = source_lines[span.line - 1].expandtabs(1)
    if len(line) > 200:
        return []
    width = 1
    if span.end_line == span.line and span.end_column > span.column:
        width = span.end_column - span.column
    width = max(1, min(width, len(line) - span.column + 1))
    return [f"    {line}", "    " + " " * (span.column - 1) + "^" + "~" * (width - 1)]
