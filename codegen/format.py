"""Stage 6, format: black, with a pinned mode, then proof that the result compiles."""

from __future__ import annotations

import re

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

from codegen.errors import CodegenError, Span
from codegen.layout import Expr, layout


def black_mode(line_length: int) -> Mode:
    """The one black configuration codegen uses: explicit, so nothing depends on the machine."""
    return Mode(
        target_versions={TargetVersion.PY310},
        line_length=line_length,
        string_normalization=True,
        magic_trailing_comma=True,
        preview=False,
    )


def format_module(text: str, line_length: int, template: str) -> str:
    """Format rendered Python; a template that renders invalid Python is the template's error."""
    try:
        formatted = black.format_str(text, mode=black_mode(line_length))
        compile(formatted, "<generated>", "exec", dont_inherit=True)
    except (InvalidInput, SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        if isinstance(exc, InvalidInput):
            found = re.search(r": (\d+):\d+", str(exc))
            line = int(found.group(1)) if found else None
        rendered = (
            text.splitlines()[line - 1].strip() if line and line <= len(text.splitlines()) else ""
        )
        where = f" at line {line} of the output, `{rendered[:60]}`" if line else ""
        detail = str(exc).splitlines()[0].split(": ")[0] if str(exc) else type(exc).__name__
        raise CodegenError(
            f"template renders invalid Python{where}: {detail}", Span(template, 1, 1, 1, 1)
        ) from None
    return formatted


_PLACEHOLDER_LINE = re.compile(r"( *)(.*?)(_codegen_entry_\d{6}_),")


def format_spliced(
    skeleton: str, entries: dict[str, Expr], line_length: int, template: str
) -> str | None:
    """Black over the module with short placeholders for entries, then each entry laid out in
    black's own style in its place: the same bytes as black over everything, in linear time.

    None when a placeholder is not alone on its line as `prefix + placeholder + ","` (the
    template put entries somewhere else): the caller then formats the whole module with black.
    """
    formatted = format_module(skeleton, line_length, template)
    lines: list[str] = []
    seen: set[str] = set()
    for line in formatted.split("\n"):
        if "_codegen_entry_" not in line:
            lines.append(line)
            continue
        match = _PLACEHOLDER_LINE.fullmatch(line)
        if match is None or "_codegen_entry_" in match.group(2):
            return None
        indent, prefix, name = match.groups()
        if name not in entries or name in seen:
            return None
        seen.add(name)
        lines.extend(layout(prefix, entries[name], len(indent), ",", line_length))
    if len(seen) != len(entries):
        return None
    text = "\n".join(lines)
    try:
        compile(text, "<generated>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return None
    return text
