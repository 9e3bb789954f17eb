"""The stages in order: parse, extract, evaluate, schema, render, format."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from codegen.config import Target
from codegen.errors import CodegenError, Note
from codegen.evaluate import Evaluator
from codegen.format import format_module
from codegen.memory import paused_gc
from codegen.model import VariableDecl
from codegen.program import Program, find_export
from codegen.render import load_template, registry_context, render
from codegen.schema import SchemaOptions, build_registry

T = TypeVar("T")


def generate(target: Target) -> bytes:
    """The exact bytes a target's output file should hold."""
    with paused_gc():
        return _generate(target)


def _generate(target: Target) -> bytes:
    program = Program()
    module = _located(target, "source", lambda: program.load(target.source))
    declared_in, decl = find_export(program, module, target.export, target.spans.get("export"))
    if not isinstance(decl, VariableDecl):
        raise CodegenError(
            f"`{target.export}` must be a const holding the registry",
            None,
            (Note("declared here", decl.span),),
        )
    value = Evaluator(program).export(module, target.export, target.spans.get("export"))
    options = SchemaOptions(target.rename, target.types, target.key)
    registry = build_registry(program, declared_in, target.export, decl, value, options)
    template = _located(
        target, "template", lambda: load_template(target.template, target.relative(target.template))
    )
    context = registry_context(registry, target.relative(target.source))
    context["regen_command"] = target.regen_command
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
