"""Stage 6, format: black, with a pinned mode, then proof that the result compiles."""

from __future__ import annotations

import io
import re
import tokenize

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

from codegen import fastpaths
from codegen.errors import CodegenError, Span
from codegen.memo import EntryMemo
from codegen.output.layout import Expr, layout


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


_ENTRY_LINE = re.compile(r"""( *)((?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|-?[0-9]+): )?(.+),""")
_PLACEHOLDER = "_codegen_entry_{:06d}_"
_PLACEHOLDER_LINE = re.compile(r"( *)(.*?)(_codegen_entry_\d{6}_),")


def format_spliced(
    rendered: str,
    entries: dict[str, Expr],
    line_length: int,
    template: str,
    memo: EntryMemo | None = None,
) -> str | None:
    """Black over the module with each registry entry swapped for a short placeholder, then
    each entry laid out in black's own style in its place: the same bytes as black over the
    whole module, in linear time.

    Only entries alone on a line (`ws + [key: ] + entry + ","`) are swapped. A run of them is
    shown to black as its first two lines; the rest follow the second, at black's indent.
    None when anything is not as expected (a placeholder in a string or comment, a changed
    prefix): the caller then formats the whole module with black. With a `memo`, entries laid
    out (and compiled) in the last run are taken from it. None too when fast paths are off
    (CODEGEN_NO_FAST_PATHS=1, see codegen.fastpaths).
    """
    if not fastpaths.enabled():
        return None
    lines = rendered.split("\n")
    swapped: dict[str, tuple[str, Expr]] = {}
    for index, line in enumerate(lines):
        if not line.endswith(","):
            continue
        match = _ENTRY_LINE.fullmatch(line)
        expr = entries.get(match.group(3)) if match else None
        if match is None or expr is None or expr.opaque:
            continue
        name = _PLACEHOLDER.format(len(swapped))
        swapped[name] = (match.group(2) or "", expr)
        lines[index] = f"{match.group(1)}{match.group(2) or ''}{name},"
    if not swapped:
        return None
    shown, hidden, expected = _collapse_runs(lines)
    formatted = format_module("\n".join(shown), line_length, template)
    if not _placeholders_are_code(formatted):
        return None
    out: list[str] = []
    seen: set[str] = set()
    fresh: list[tuple[bytes, str, list[str]]] = []  # laid out in this run: key, text, lines
    for line in formatted.split("\n"):
        if "_codegen_entry_" not in line:
            out.append(line)
            continue
        match = _PLACEHOLDER_LINE.fullmatch(line)
        if match is None or "_codegen_entry_" in match.group(2):
            return None
        indent, prefix, name = match.groups()
        if name not in swapped or name in seen or expected.get(name, prefix) != prefix:
            return None  # black changed a line whose hidden neighbours would need the same
        for item_prefix, item_name in [(prefix, name), *hidden.get(name, [])]:
            if item_name in seen:
                return None
            seen.add(item_name)
            expr = swapped[item_name][1]
            key = memo.key(item_prefix, expr.text, len(indent), line_length) if memo else b""
            laid_out = memo.lookup(key) if memo else None
            if laid_out is None:
                laid_out = layout(item_prefix, expr, len(indent), ",", line_length)
                fresh.append((key, expr.text, laid_out))
            out.extend(laid_out)
    if len(seen) != len(swapped):
        return None
    # The skeleton compiled inside format_module; each entry must compile as an expression.
    # (Compiling the whole 10,000-entry module at once would cost 150 MB for the same proof.)
    # Entries from the memo were proven in the run that laid them out.
    texts = [text for _, text, _ in fresh]
    for start in range(0, len(texts), 500):  # a few hundred at a time keeps memory flat
        try:
            compile("(" + ",\n".join(texts[start : start + 500]) + ",)", "<entries>", "eval")
        except (SyntaxError, ValueError):
            return None
    if memo is not None:
        for key, _, lines in fresh:
            memo.remember(key, lines)
    fastpaths.hit(fastpaths.SPLICED)
    return "\n".join(out)


def _placeholders_are_code(text: str) -> bool:
    """Every placeholder in black's output is a name in code, not text in a string or comment."""
    names = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.NAME and token.string.startswith("_codegen_entry_"):
                names += 1
    except (tokenize.TokenError, SyntaxError):
        return False
    return names == text.count("_codegen_entry_")


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
