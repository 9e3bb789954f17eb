"""Diagnostics: one error type that knows where it happened, and the exit codes."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ExitCode(enum.IntEnum):
    """Process exit codes, the same for every command."""

    OK = 0
    STALE = 1  # `check` found an output that differs from fresh generation
    ERROR = 2  # bad input, config or usage; printed as a located diagnostic
    BUG = 3  # an internal error: a bug in codegen, to be reported


@dataclass(frozen=True)
class Span:
    """A place in a source file: 1-based line, 1-based column counted in characters."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

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
