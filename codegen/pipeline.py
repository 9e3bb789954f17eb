"""The stages in order: parse, extract, evaluate, mirror (types, schema), render, format."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from codegen.config import Target
from codegen.errors import CodegenError, Span, display_path
from codegen.input.program import Program, gap_warnings
from codegen.memo import EntryMemo
from codegen.memory import frozen_heap, paused_gc
from codegen.mirror.exports import Mirror, build_mirror, default_exports
from codegen.mirror.schema import SchemaOptions
from codegen.output.context import build_context
from codegen.output.format import format_module, format_spliced
from codegen.output.render import Template, load_builtin_template, load_template, render

T = TypeVar("T")


def generate(
    target: Target,
    program: Program | None = None,
    memo: EntryMemo | None = None,
    warnings: list[CodegenError] | None = None,
) -> bytes:
    """The exact bytes a target's output file should hold.

    Pass a `Program` to learn afterwards which files were read (`program.paths`), a memo to
    reuse (and record) the entries laid out in the last run, and a list to receive the
    warnings about exports left out of the mirror.
    """
    program = program or Program()
    with frozen_heap():  # black runs with the collector on: its trees are cyclic
        with paused_gc():  # many small acyclic objects: the collector would only slow us down
            mirror = _mirror(target, program)
            if warnings is not None:
                warnings.extend(gap_warnings(program))
                warnings.extend(mirror.warnings)
            template = _template(target)
            source = target.relative(target.source)
            context = build_context(mirror, source, target.regen_command)
            text = render(template, context.variables)
        if context.entries:
            spliced = format_spliced(
                text, context.entries, target.line_length, template.display, memo
            )
            if spliced is not None:
                return spliced.encode("utf-8")
        return format_module(text, target.line_length, template.display).encode("utf-8")


def _mirror(target: Target, program: Program) -> Mirror:
    module = _located(target, "source", lambda: program.load(target.source))
    options = SchemaOptions(
        target.rename,
        target.types,
        target.key,
        target.exclude,
        target.typed_keys,
        target.interface_style,
        target.identity_functions,
    )
    names = list(target.exports) or default_exports(module)
    span = target.spans.get("exports")
    return build_mirror(
        program,
        module,
        names,
        options,
        span,
        explicit=bool(target.exports),
        strict=target.strict,
        whole=Span(display_path(target.source), 1, 1, 1, 1),
    )


def _template(target: Target) -> Template:
    if target.template is None:
        return load_builtin_template()
    path = target.template
    return _located(target, "template", lambda: load_template(path, target.relative(path)))


def _located(target: Target, key: str, action: Callable[[], T]) -> T:
    """Run `action`; an error without a place is placed at the config key that named the file."""
    try:
        return action()
    except CodegenError as error:
        span = target.spans.get(key)
        if error.span is None and span is not None:
            raise CodegenError(error.message, span, error.notes, error.chain) from None
        raise
