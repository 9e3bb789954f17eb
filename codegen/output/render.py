"""Stage 5, render: Jinja2 over a prepared context. Python computes; templates arrange."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2

from codegen.config import BUILTIN_TEMPLATE
from codegen.errors import CodegenError, Span
from codegen.output.literals import (
    py_comment_lines,
    py_comment_text,
    py_docstring,
    py_int,
    py_literal_member,
    py_str,
)


@dataclass(frozen=True)
class Template:
    """A loaded template and the path its errors point at."""

    path: Path
    display: str
    compiled: jinja2.Template


def py_filter(value: object) -> str:
    """The `py` filter: a plain Python value (str, int, float, bool, None) as a literal."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, str):
        return py_str(value)
    if isinstance(value, int):  # before the float case: a Python int has no is_integer() < 3.12
        return py_int(value)
    if isinstance(value, float):
        return py_literal_member(value)
    raise jinja2.TemplateRuntimeError(
        f"the `py` filter takes a string, number, bool or None, not {type(value).__name__}"
    )


def comments_filter(text: str, prefix: str = "# ", width: int = 79) -> str:
    """The `comments` filter: text as whole comment lines (see `py_comment_lines`)."""
    try:
        return py_comment_lines(text, prefix, width)
    except ValueError as error:
        raise jinja2.TemplateRuntimeError(str(error)) from None


def _environment(directory: Path) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(directory)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    environment.filters["py"] = py_filter
    environment.filters["docstring"] = py_docstring
    environment.filters["comment"] = py_comment_text
    environment.filters["comments"] = comments_filter
    return environment


def load_builtin_template() -> Template:
    """The template used when a target names none: it mirrors any registry module."""
    return load_template(BUILTIN_TEMPLATE, "<built-in template module.py.j2>")


def load_template(path: Path, display: str) -> Template:
    """Read and compile a template; syntax errors point at the template line."""
    try:
        compiled = _environment(path.parent).get_template(path.name)
    except jinja2.TemplateNotFound:
        raise CodegenError(f"no such template: {display}") from None
    except jinja2.TemplateSyntaxError as exc:
        line = exc.lineno or 1
        raise CodegenError(
            f"template syntax error: {exc.message}", Span(display, line, 1, line, 1)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CodegenError(f"cannot read template {display}: {exc}") from None
    return Template(path, display, compiled)


def render(template: Template, context: dict[str, Any]) -> str:
    """Render a template; errors inside it point at the template line that raised."""
    try:
        return template.compiled.render(context)
    except jinja2.TemplateError as exc:
        line = _template_line(template.path, sys.exc_info()[2])
        message = exc.message or type(exc).__name__
        raise CodegenError(
            f"template error: {message}", Span(template.display, line, 1, line, 1)
        ) from None


def _template_line(path: Path, trace: TracebackType | None) -> int:
    """The template line of the innermost traceback frame that ran inside the template."""
    line = 1
    while trace is not None:
        if Path(trace.tb_frame.f_code.co_filename) == path:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line
