"""Stage 4, mirror: what each export of a TypeScript module becomes in the Python module.

Arrays of interface entries become a dataclass and a tuple; objects of them (`Record<K, Spec>`)
a dataclass and a read-only mapping; literal unions `Literal` aliases; enums `enum.Enum`
classes; other consts plain module constants. Functions are left out.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from codegen.errors import CodegenError, CodegenErrors, ErrorCollector, Note, Span
from codegen.input.declarations import (
    ArrayType,
    CodeDecl,
    EnumDecl,
    Interface,
    TypeAlias,
    TypeRef,
    VariableDecl,
)
from codegen.input.evaluate import Evaluator
from codegen.input.program import Module, Namespace, Program, find_export, find_local
from codegen.input.tstypes import Type
from codegen.input.values import Array, Code, Object, Value
from codegen.mirror.pytypes import PyLiteral
from codegen.mirror.schema import Registry, SchemaOptions, build_registry
from codegen.mirror.typemap import (
    EnumSpec,
    LiteralAlias,
    TypeBuilder,
    module_name,
    record_value_type,
)


@dataclass(frozen=True)
class Constant:
    """An exported const that is plain data: a module constant in Python."""

    name: str
    value: Value
    doc: str
    span: Span
    key: tuple[str, str] | None  # the TS declaration, to refer to it by this name
    type: Type | None = None  # its type as TypeScript infers it, when codegen can tell


@dataclass(frozen=True)
class Skipped:
    """An export the built-in template leaves out, and why (mirror-all mode only)."""

    name: str
    reason: str
    span: Span | None

    @property
    def warning(self) -> CodegenError:
        """The located warning that names the export, the construct and the way out."""
        return CodegenError(
            f"`{self.name}` is not mirrored: {self.reason}. Name the exports to mirror "
            "(`exports = [...]`) to leave it out on purpose, or `strict = true` (--strict) "
            "to make this an error",
            self.span,
        )


@dataclass(frozen=True)
class Mirror:
    """Everything the Python module defines, in the order the TS module exports it."""

    aliases: tuple[LiteralAlias, ...]
    enums: tuple[EnumSpec, ...]
    registries: tuple[Registry, ...]
    constants: tuple[Constant, ...]
    order: tuple[str, ...]  # names of registries and constants, in export order
    skipped: tuple[Skipped, ...] = ()  # exports left out, for warnings and comments

    @property
    def empty(self) -> bool:
        """Whether the module would define nothing."""
        return not (self.aliases or self.enums or self.registries or self.constants)


def default_exports(module: Module) -> list[str]:
    """Every name the module exports itself, in source order (what the built-in template shows)."""
    return [*module.decls.exports, *module.decls.re_exports]


def build_mirror(
    program: Program,
    module: Module,
    names: Sequence[str],
    options: SchemaOptions,
    span: Span | None,
    explicit: bool,
    evaluator: Evaluator | None = None,
    strict: bool = False,
    whole: Span | None = None,
) -> Mirror:
    """Classify and check each export; with `explicit`, an export that cannot be mirrored is an
    error. Otherwise functions and interfaces are left out, and any other export that cannot
    be mirrored is left out with a warning (an error with `strict`). A mirror of nothing is an
    error, located at `whole` (the source file)."""
    evaluator = evaluator or Evaluator(program)
    builder = TypeBuilder(evaluator, options.renames)
    registries: list[Registry] = []
    constants: list[Constant] = []
    order: list[str] = []
    skipped: list[Skipped] = []
    errors = ErrorCollector()
    for name in names:
        with errors.collecting(), _left_out(name, skipped, not explicit and not strict):
            where, decl = find_export(program, module, name, span)
            if isinstance(decl, TypeAlias):
                converted = builder.alias_type(where, decl, f"type `{decl.name}`")
                if not isinstance(converted, PyLiteral) and explicit:
                    raise CodegenError(f"type `{name}` is not a union of literals", decl.span)
            elif isinstance(decl, EnumDecl):
                builder.enum(where, decl)
            elif isinstance(decl, VariableDecl):
                value = evaluator.export(module, name, span)
                registry = _registry(program, builder, where, decl, name, value, options)
                if registry is not None:
                    registries.append(registry)
                    order.append(name)
                elif explicit and _looks_like_registry(value):
                    raise CodegenError(
                        f"cannot tell the entry type of `{name}`: add `satisfies readonly Spec[]` "
                        "(or a `: readonly Spec[]` annotation) naming an interface",
                        decl.span,
                    )
                elif not isinstance(value, Code):
                    module_name(name, f"export `{name}`", decl.span)
                    key = (where.key, decl.name)
                    typed = _const_type(builder, where, decl) if options.typed_keys else None
                    constants.append(Constant(name, value, decl.doc, decl.span, key, typed))
                    order.append(name)
                elif explicit:
                    raise CodegenError(f"`{name}` is a function; only data is mirrored", decl.span)
            elif explicit and isinstance(decl, (CodeDecl, Interface, Namespace)):
                what = {CodeDecl: "a function", Interface: "an interface", Namespace: "a namespace"}
                raise CodegenError(
                    f"`{name}` is {what[type(decl)]}; "
                    "only data, literal unions and enums are mirrored",
                    span or (decl.span if not isinstance(decl, Namespace) else None),
                )
    errors.raise_if_any()
    mirror = Mirror(
        aliases=tuple(builder.aliases.values()),
        enums=tuple(builder.enums.values()),
        registries=tuple(registries),
        constants=tuple(constants),
        order=tuple(order),
        skipped=tuple(skipped),
    )
    if mirror.empty and not explicit:
        notes = tuple(Note(f"`{s.name}` is left out: {s.reason}", s.span) for s in skipped)
        raise CodegenError(f"nothing to mirror: {_why_empty(module, names, skipped)}", whole, notes)
    _check_names_unique(mirror)
    return mirror


@contextlib.contextmanager
def _left_out(name: str, skipped: list[Skipped], leave_out: bool) -> Iterator[None]:
    """With `leave_out`, an export that cannot be mirrored is recorded as skipped, not raised."""
    try:
        yield
    except (CodegenError, CodegenErrors) as problem:
        if not leave_out:
            raise
        first = problem.errors[0] if isinstance(problem, CodegenErrors) else problem
        skipped.append(Skipped(name, first.message, first.span))


def _why_empty(module: Module, names: Sequence[str], skipped: list[Skipped]) -> str:
    """Why a mirror-all module defines nothing, in the user's terms."""
    if skipped:
        return "every export was left out, for the reasons below"
    hidden = [
        name
        for name, binding in module.decls.bindings.items()
        if isinstance(binding, (VariableDecl, EnumDecl)) and name not in module.decls.exports
    ]
    if hidden:
        shown = ", ".join(f"`{name}`" for name in hidden[:5])
        more = f" and {len(hidden) - 5} more" if len(hidden) > 5 else ""
        return f"these values are not exported: {shown}{more}; export the ones to mirror"
    if not names:
        return "the file exports nothing"
    return "its exports are functions and interfaces, which have no values to mirror"


def _registry(
    program: Program,
    builder: TypeBuilder,
    module: Module,
    decl: VariableDecl,
    name: str,
    value: Value,
    options: SchemaOptions,
) -> Registry | None:
    """The registry a const holds, when its type says its entries satisfy an interface."""
    declared = decl.satisfies or decl.annotation
    keyed_by = record_value_type(declared)
    element = declared.element if isinstance(declared, ArrayType) else keyed_by
    if not isinstance(element, TypeRef):
        return None
    where, interface = find_local(program, module, element.name, element.span, "type")
    if not isinstance(interface, Interface):
        return None
    if keyed_by is not None:
        if not isinstance(value, Object):
            raise CodegenError(
                f"`{name}` must be an object of `{interface.name}` entries", value.span
            )
        items: list[tuple[str | None, Value]] = [(k, v) for k, v, _ in value.entries]
    else:
        if not isinstance(value, Array):
            raise CodegenError(
                f"`{name}` must be an array of `{interface.name}` entries", value.span
            )
        items = [(None, item) for item in value.items]
    return build_registry(builder, where, interface, name, items, options, decl.span)


def _const_type(builder: TypeBuilder, module: Module, decl: VariableDecl) -> Type | None:
    """The type TypeScript gives a const, or None when the type evaluator cannot tell: then
    keys stay strings, as JavaScript spells them."""
    try:
        return builder.types.of_value.of_const(module, decl)
    except CodegenError:
        return None


def _looks_like_registry(value: Value) -> bool:
    """An array of objects: surely meant as entries of an interface."""
    return (
        isinstance(value, Array)
        and bool(value.items)
        and all(isinstance(item, Object) for item in value.items)
    )


def _check_names_unique(mirror: Mirror) -> None:
    """Two things the module defines must not share a name."""
    seen: dict[str, Span] = {}
    named = [(a.name, a.span) for a in mirror.aliases] + [(e.name, e.span) for e in mirror.enums]
    named += [(c.name, c.span) for c in mirror.constants]
    classes = {r.class_name: r.interface.span for r in mirror.registries}
    named += list(classes.items()) + [(r.export, r.span) for r in mirror.registries]
    for name, span in named:
        if name in seen and seen[name] != span:
            raise CodegenError(
                f"two things would be named `{name}` in the Python module; rename one with "
                "`rename` in the config",
                span,
                (Note("the other one", seen[name]),),
            )
        seen[name] = span
