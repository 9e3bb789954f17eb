"""The stages in order: parse, extract, evaluate, schema, render, format."""

from __future__ import annotations

from codegen.config import Target
from codegen.errors import CodegenError, Note
from codegen.evaluate import Evaluator
from codegen.format import format_module
from codegen.memory import paused_gc
from codegen.model import VariableDecl
from codegen.program import Program, find_export
from codegen.render import load_template, registry_context, render
from codegen.schema import SchemaOptions, build_registry


def generate(target: Target) -> bytes:
    """The exact bytes a target's output file should hold."""
    with paused_gc():
        return _generate(target)


def _generate(target: Target) -> bytes:
    program = Program()
    module = program.load(target.source)
    declared_in, decl = find_export(program, module, target.export, target.export_span)
    if not isinstance(decl, VariableDecl):
        raise CodegenError(
            f"`{target.export}` must be a const holding the registry",
            None,
            (Note("declared here", decl.span),),
        )
    value = Evaluator(program).export(module, target.export, target.export_span)
    options = SchemaOptions(target.rename, target.types, target.key)
    registry = build_registry(program, declared_in, target.export, decl, value, options)
    template = load_template(target.template, target.relative(target.template))
    context = registry_context(registry, target.relative(target.source))
    context["regen_command"] = target.regen_command
    text = render(template, context)
    return format_module(text, target.line_length, template.display).encode("utf-8")
