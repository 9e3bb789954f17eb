"""Stage 1, parse: read a TypeScript file and parse it with tree-sitter, once."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import tree_sitter_typescript
from tree_sitter import Language, Node, Parser, Tree

from codegen.errors import CodegenError, Span, display_path
from codegen.input import syntax
from codegen.input.declarations import Expr
from codegen.input.rules import MAX_SOURCE_BYTES


@lru_cache(maxsize=2)
def _parser(tsx: bool) -> Parser:
    grammar = (
        tree_sitter_typescript.language_tsx()
        if tsx
        else tree_sitter_typescript.language_typescript()
    )
    return Parser(Language(grammar))


@dataclass(frozen=True)
class Gap:
    """A top-level statement the grammar cannot parse although it is valid TypeScript."""

    construct: str  # what it is, for messages
    start: int  # byte range in the file
    end: int
    declares: str | None  # the name it declares; None: names it may re-export, unknown here


_STRING = r"""(?:"[^"\n]*"|'[^'\n]*')"""
#: Valid TypeScript that tree-sitter-typescript 0.23.2 cannot parse, recognized by the text of
#: the whole top-level statement holding the parse error (README: "Syntax the grammar cannot
#: parse"). Any other syntax error refuses the file.
KNOWN_GAPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "`export type * from` (TypeScript 5.0)",
        re.compile(rf"export\s+type\s+\*\s+(?:as\s+[\w$]+\s+)?from\s*{_STRING}\s*;?"),
    ),
    (
        "`import defer` (TypeScript 5.9)",
        re.compile(rf"import\s+defer\s+\*\s+as\s+[\w$]+\s+from\s*{_STRING}\s*;?"),
    ),
    (
        "`in`/`out` variance annotations on type parameters (TypeScript 4.7)",
        re.compile(
            r"(?:export\s+)?(?:declare\s+)?(?:interface|type)\s+[\w$]+\s*<[^>]*?"
            r"(?:^|[<,\s])(?:in|out)\s+(?:out\s+)?[\w$]+.*",
            re.S,
        ),
    ),
)


@dataclass(frozen=True)
class SourceFile:
    """A parsed TypeScript file. The one place that turns tree-sitter positions into Spans."""

    path: Path
    display: str
    data: bytes
    tree: Tree
    gaps: tuple[Gap, ...] = ()  # statements of KNOWN_GAPS, blanked out before parsing
    facts: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _key: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def key(self) -> str:
        """The absolute path as text, computed once."""
        if not self._key:
            self._key.append(str(self.path))
        return self._key[0]

    def text(self, node: Node) -> str:
        """The source text of a node."""
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "surrogatepass")

    def expr(self, node: Node) -> Expr:
        """A node as the model keeps it: its type and byte range."""
        return Expr(node.type, node.start_byte, node.end_byte)

    def node(self, expr: Expr) -> Node:
        """The syntax node an `Expr` of this file stands for."""
        node = self.tree.root_node.descendant_for_byte_range(expr.start, expr.end)
        while node is not None and (
            node.type != expr.kind or node.start_byte != expr.start or node.end_byte != expr.end
        ):
            node = node.parent
        assert node is not None, f"no {expr.kind} at {expr.start}..{expr.end}"
        return node

    def gap_span(self, gap: Gap) -> Span:
        """Where a gap is, for messages."""
        return Span.deferred(self.display, self, gap.start, gap.end)

    def gap_for(self, name: str, exported: bool) -> Gap | None:
        """The unparsed statement that may be where `name` comes from: the one declaring it,
        or, for an export, a star re-export."""
        for gap in self.gaps:
            if gap.declares == name or (
                exported and gap.declares is None and "export" in gap.construct
            ):
                return gap
        return None

    def span(self, node: Node) -> Span:
        """The node's location, worked out from its byte offsets when first shown."""
        return Span.deferred(self.display, self, node.start_byte, node.end_byte)

    def position(self, offset: int) -> tuple[int, int]:
        """A byte offset as a 1-based line and 1-based column counted in characters.

        This is the one place where tree-sitter's byte positions become what users see.
        """
        if not self._line_starts:
            self._line_starts.append(0)
            self._line_starts.extend(m.end() for m in re.finditer(b"\n", self.data))
        row = bisect.bisect_right(self._line_starts, offset) - 1
        prefix = self.data[self._line_starts[row] : offset]
        column = len(prefix) if prefix.isascii() else len(prefix.decode("utf-8", "replace"))
        return row + 1, column + 1


def parse_file(path: Path) -> SourceFile:
    """Read and parse one file; unreadable, non-UTF-8 or syntactically broken input is an error."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise CodegenError(
                f"source file is too large ({size} bytes; the limit is {MAX_SOURCE_BYTES})",
                Span(shown, 1, 1, 1, 1),
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise CodegenError(f"no such file: {shown}") from None
    except OSError as exc:
        raise CodegenError(f"cannot read {shown}: {exc.strerror}") from None
    _check_utf8(data, shown)
    parser = _parser(path.suffix == ".tsx")
    tree = parser.parse(data)
    source = SourceFile(path, shown, data, tree)
    if tree.root_node.has_error:
        gaps = _known_gaps(source)
        if not gaps:
            raise _syntax_error(source)
        blanked = bytearray(data)
        for gap in gaps:  # spaces keep every other byte where it was, and lines too
            blanked[gap.start : gap.end] = re.sub(rb"[^\n]", b" ", data[gap.start : gap.end])
        tree = parser.parse(bytes(blanked))
        source = SourceFile(path, shown, data, tree, gaps)
        if tree.root_node.has_error:
            raise _syntax_error(source)
    syntax.check(source)
    return source


def _known_gaps(source: SourceFile) -> tuple[Gap, ...]:
    """The top-level statements holding parse errors, when each is a known gap; else ()."""
    gaps: list[Gap] = []
    for statement in source.tree.root_node.children:
        if not (statement.has_error or statement.is_missing or statement.is_error):
            continue
        text = source.text(statement)
        construct = next((what for what, form in KNOWN_GAPS if form.fullmatch(text.strip())), None)
        if construct is None:
            return ()
        declared = re.match(r"(?:export\s+)?(?:declare\s+)?(?:interface|type)\s+([\w$]+)", text)
        name = declared.group(1) if declared and not text.startswith("export type *") else None
        gaps.append(Gap(construct, statement.start_byte, statement.end_byte, name))
    return tuple(gaps)


def _check_utf8(data: bytes, shown: str) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise CodegenError(
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            Span(shown, line, column, line, column + 1),
        ) from None
    if b"\x00" in data:
        offset = data.index(b"\x00")
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        raise CodegenError(
            "file contains a NUL byte; is it binary?", Span(shown, line, column, line, column + 1)
        )


def _syntax_error(source: SourceFile) -> CodegenError:
    """The first ERROR or MISSING node, in source order, as a diagnostic."""
    stack = [source.tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_missing:
            return CodegenError(f"syntax error: missing `{node.type}`", source.span(node))
        if node.is_error:
            snippet = source.text(node).split("\n", 1)[0][:40]
            return CodegenError(f"syntax error: unexpected `{snippet}`", source.span(node))
        stack.extend(
            child for child in reversed(node.children) if child.has_error or child.is_missing
        )
    return CodegenError("syntax error", source.span(source.tree.root_node))
