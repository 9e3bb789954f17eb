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

    A run of placeholder lines is shown to black as its first two (enough for black to lay out
    the collection); the rest follow the second, at the indent black gave it. None when a
    placeholder is not alone on its line as `prefix + placeholder + ","` (the template put
    entries somewhere else): the caller then formats the whole module with black.
    """
    shown, hidden, expected = _collapse_runs(skeleton.split("\n"))
    formatted = format_module("\n".join(shown), line_length, template)
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
        if name not in entries or name in seen or expected.get(name, prefix) != prefix:
            return None  # black changed a line whose hidden neighbours would need the same
        for item_prefix, item_name in [(prefix, name), *hidden.get(name, [])]:
            if item_name in seen:
                return None
            seen.add(item_name)
            lines.extend(layout(item_prefix, entries[item_name], len(indent), ",", line_length))
    if len(seen) != len(entries):
        return None
    # The skeleton compiled inside format_module; each entry must compile as an expression.
    # (Compiling the whole 10,000-entry module at once would cost 150 MB for the same proof.)
    texts = [expr.text for expr in entries.values()]
    for start in range(0, len(texts), 500):  # a few hundred at a time keeps memory flat
        try:
            compile("(" + ",\n".join(texts[start : start + 500]) + ",)", "<entries>", "eval")
        except (SyntaxError, ValueError):
            return None
    return "\n".join(lines)


def _collapse_runs(
    lines: list[str],
) -> tuple[list[str], dict[str, list[tuple[str, str]]], dict[str, str]]:
    """Keep the first two lines of each run of placeholder lines; say what follows the second,
    and the prefixes the two kept lines must still have after black."""
    shown: list[str] = []
    hidden: dict[str, list[tuple[str, str]]] = {}
    expected: dict[str, str] = {}
    index = 0
    while index < len(lines):
        first = _PLACEHOLDER_LINE.fullmatch(lines[index])
        if first is None:
            shown.append(lines[index])
            index += 1
            continue
        run: list[tuple[str, str]] = []
        end = index
        while end < len(lines):
            match = _PLACEHOLDER_LINE.fullmatch(lines[end])
            if match is None or match.group(1) != first.group(1):
                break
            run.append((match.group(2), match.group(3)))
            end += 1
        keep = 2 if len(run) > 2 else len(run)
        shown.extend(lines[index : index + keep])
        if len(run) > 2:
            hidden[run[1][1]] = run[2:]
            expected.update({name: prefix for prefix, name in run[:2]})
        index = end
    return shown, hidden, expected
