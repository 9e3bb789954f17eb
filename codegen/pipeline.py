"""The stages in order: parse, extract, evaluate, mirror (types, schema), render, format."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from codegen.config import Target
from codegen.context import build_context
from codegen.errors import CodegenError
from codegen.format import format_module, format_spliced
from codegen.memory import paused_gc
from codegen.mirror import build_mirror, default_exports
from codegen.program import Program
from codegen.render import load_builtin_template, load_template, render
from codegen.schema import SchemaOptions

T = TypeVar("T")


def generate(target: Target, program: Program | None = None) -> bytes:
    """The exact bytes a target's output file should hold.

    Pass a `Program` to learn afterwards which files were read (`program.paths`).
    """
    with paused_gc():
        return _generate(target, program or Program())


def _generate(target: Target, program: Program) -> bytes:
    module = _located(target, "source", lambda: program.load(target.source))
    options = SchemaOptions(target.rename, target.types, target.key, target.exclude)
    names = list(target.exports) or default_exports(module)
    span = target.spans.get("exports")
    mirror = build_mirror(program, module, names, options, span, explicit=bool(target.exports))
    if target.template is None:
        template = load_builtin_template()
    else:
        path = target.template
        template = _located(target, "template", lambda: load_template(path, target.relative(path)))
    source = target.relative(target.source)
    fast = build_context(mirror, source, target.regen_command, placeholders=True)
    if fast.entries:
        skeleton = render(template, fast.variables)
        text = format_spliced(skeleton, fast.entries, target.line_length, template.display)
        if text is not None:
            return text.encode("utf-8")
    context = build_context(mirror, source, target.regen_command).variables
    text = render(template, context)
    return format_module(text, target.line_length, template.display).encode("utf-8")


def _located(target: Target, key: str, action: Callable[[], T]) -> T:
    """Run `action`; an error without a place is placed at the config key that named the file."""
    try:
        return action()
    except CodegenError as error:
        span = target.spans.get(key)
        if error.span is None and span is not None:
            raise CodegenError(error.message, span, error.notes, error.chain) from None
        raise
