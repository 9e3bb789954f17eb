"""JSDoc comments as plain text: paragraphs kept, block tags (`@deprecated`, `@see`,
`@example`, ...) kept as text, code kept line by line.

The text is what Python tools show: lines of one paragraph are joined, paragraphs are
separated by one blank line, each block tag starts a paragraph of its own, and the lines of
an `@example` or of a fenced code block are kept as written.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"@[A-Za-z]+\b")
_VERBATIM_TAGS = {"@example"}


def jsdoc_text(raw: str) -> str:
    """The text of a `/** ... */` comment, without its stars."""
    body = raw[3:-2] if raw.startswith("/**") and raw.endswith("*/") else raw
    paragraphs: list[list[str]] = []
    current: list[str] = []
    verbatim = False  # inside `@example` or a ``` fence: lines are kept as they are
    fenced = False

    def close() -> None:
        nonlocal current
        while current and not current[-1].strip():
            current.pop()
        if current:
            paragraphs.append(current)
        current = []

    for line in _unstarred(body):
        stripped = line.strip()
        tag = _TAG.match(stripped)
        if tag and not fenced:
            close()
            verbatim = tag.group() in _VERBATIM_TAGS
            current.append(stripped if not verbatim else line.rstrip())
            continue
        if stripped.startswith("```"):
            fenced = not fenced
            current.append(line.rstrip())
            continue
        if fenced or verbatim:
            if current or stripped:
                current.append(line.rstrip())
            continue
        if not stripped:
            close()
            continue
        current.append(stripped)
    close()
    return "\n\n".join(_paragraph(lines) for lines in paragraphs)


def _unstarred(body: str) -> list[str]:
    """The comment's lines without the leading `*` and the one space after it."""
    lines = []
    for line in body.splitlines():
        text = line.lstrip()
        if text.startswith("*"):
            text = text[1:]
            text = text[1:] if text.startswith(" ") else text
        else:
            text = line.strip()
        lines.append(text)
    while lines and not lines[0].strip():
        lines.pop(0)
    return lines


def _paragraph(lines: list[str]) -> str:
    first = lines[0].strip()
    tag = _TAG.match(first)
    if any(line.strip().startswith("```") for line in lines) or (
        tag and tag.group() in _VERBATIM_TAGS
    ):
        return "\n".join(line.rstrip() for line in lines)
    return " ".join(" ".join(lines).split())
