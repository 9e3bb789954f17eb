"""Stage 4, mirror: what each export of a TypeScript module becomes in the Python module.

Arrays of interface entries become a dataclass and a tuple; objects of them (`Record<K, Spec>`)
a dataclass and a read-only mapping; literal unions `Literal` aliases; enums `enum.Enum`
classes; other consts plain module constants. Functions are left out.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

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
from codegen.input.program import (
    Module,
    Namespace,
    Program,
    find_export,
    find_local,
    find_named,
    not_exported,
)
from codegen.input.tstypes import Type, finite
from codegen.input.values import Array, Code, Num, Object, Reference, Str, Value
from codegen.mirror.pytypes import PyLiteral
from codegen.mirror.schema import Registry, SchemaOptions, build_registry
from codegen.mirror.typeforms import (
    AliasDecl,
    ClassDecl,
    TypeForms,
    literal_set,
    ordered_aliases,
    pascal,
    property_docs,
)
from codegen.mirror.typemap import (
    EnumSpec,
    LiteralAlias,
    TypeBuilder,
    enum_member_name,
    module_name,
    record_value_type,
)
from codegen.mirror.valueforms import const_annotation, key_literals
from codegen.output.literals import check_plain, is_int, py_identifier


@dataclass(frozen=True)
class Constant:
    """An exported const that is plain data: a module constant in Python."""

    name: str
    value: Value
    doc: str
    span: Span
    key: tuple[str, str] | None  # the TS declaration, to refer to it by this name
    type: Type | None = None  # its type as TypeScript infers it, when codegen can tell
    annotation: str | None = None  # inside `Final[...]`; None: a bare `Final` (primitives)
    imports: frozenset[str] = frozenset()  # what the annotation needs imported
    docs: Mapping[str, str] = field(default_factory=dict)  # JSDoc of its properties, by key


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
    classes: tuple[ClassDecl, ...] = ()  # exported object types (mirror-all mode)
    type_aliases: tuple[AliasDecl, ...] = ()  # other exported types, uses before definitions
    typevars: tuple[str, ...] = ()  # the type parameters of generic classes
    type_uses: frozenset[str] = frozenset()  # what the type forms import
    interface_style: str = "dataclass"
    notices: tuple[CodegenError, ...] = ()  # warnings about what was mirrored differently
    typed_keys: bool = True
    reads: Mapping[int, tuple[Value, Reference]] = field(default_factory=dict)  # by value id

    @property
    def empty(self) -> bool:
        """Whether the module would define nothing."""
        return (
            not (self.aliases or self.enums or self.registries or self.constants or self.classes)
            and not self.type_aliases
        )

    @property
    def warnings(self) -> tuple[CodegenError, ...]:
        """Every warning of this mirror: renamed types, then exports left out."""
        return (*self.notices, *(skipped.warning for skipped in self.skipped))


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
    error. Otherwise (mirror-all) every export is mirrored, values first, then types, and one
    that cannot be is left out with a warning (an error with `strict`); functions are left out
    in silence. A mirror of nothing is an error, located at `whole` (the source file)."""
    evaluator = evaluator or Evaluator(program, frozenset(options.identity_functions))
    builder = TypeBuilder(evaluator, options.renames)
    forms = TypeForms(builder, options.interface_style)
    found = _Found()
    errors = ErrorCollector()
    leave_out = not explicit and not strict
    pairs = set() if explicit else _enum_pairs(program, module, names, builder, found)
    for name in names:
        if name in pairs:
            continue
        with errors.collecting(), _left_out(name, found.skipped, leave_out):
            where, decl, exported = find_named(program, module, name, span)
            if not exported:  # named in `exports`, kept to itself by the file
                assert isinstance(decl, (VariableDecl, EnumDecl))
                found.notices.append(not_exported(where, decl))
            if explicit and isinstance(decl, TypeAlias):
                converted = builder.alias_type(where, decl, f"type `{decl.name}`")
                if not isinstance(converted, PyLiteral):
                    raise CodegenError(f"type `{name}` is not a union of literals", decl.span)
            elif isinstance(decl, EnumDecl):
                builder.enum(where, decl)
            elif isinstance(decl, VariableDecl):
                _value_export(builder, module, where, decl, name, options, explicit, found, span)
            elif explicit and isinstance(decl, (CodeDecl, Interface, Namespace)):
                what = {CodeDecl: "a function", Interface: "an interface", Namespace: "a namespace"}
                raise CodegenError(
                    f"`{name}` is {what[type(decl)]}; "
                    "only data, literal unions and enums are mirrored",
                    span or (decl.span if not isinstance(decl, Namespace) else None),
                )
    if not explicit:
        registry_types = {r.interface.name for r in found.registries}
        for name in names:
            if name not in pairs:
                with contextlib.suppress(CodegenError, CodegenErrors):
                    where, typed = find_export(program, module, name, span, "type")
                    if isinstance(typed, TypeAlias):
                        forms.declare_literals(where, typed)
        for name in names:
            if name in pairs:
                continue
            with errors.collecting(), _left_out(name, found.skipped, leave_out):
                where, typed = find_export(program, module, name, span, "type")
                if isinstance(typed, (TypeAlias, Interface)) and typed.name not in registry_types:
                    forms.declare(where, typed)
    errors.raise_if_any()
    constants = tuple(
        _annotated(constant, builder, options.typed_keys, evaluator.references)
        for constant in found.constants
    )
    mirror = Mirror(
        aliases=tuple(builder.aliases.values()),
        enums=tuple(builder.enums.values()),
        registries=tuple(found.registries),
        constants=constants,
        order=tuple(found.order),
        skipped=tuple(found.skipped),
        classes=tuple(forms.classes.values()),
        type_aliases=ordered_aliases(forms.aliases),
        typevars=tuple(forms.typevars),
        type_uses=frozenset(forms.uses),
        interface_style=options.interface_style,
        notices=tuple(found.notices),
        typed_keys=options.typed_keys,
        reads=evaluator.references,
    )
    if mirror.empty and not explicit:
        skipped = found.skipped
        notes = tuple(Note(f"`{s.name}` is left out: {s.reason}", s.span) for s in skipped)
        raise CodegenError(f"nothing to mirror: {_why_empty(module, names, skipped)}", whole, notes)
    _check_names_unique(mirror)
    return mirror


@dataclass
class _Found:
    """What the exports give, as build_mirror collects it."""

    registries: list[Registry] = field(default_factory=list)
    constants: list[Constant] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[CodegenError] = field(default_factory=list)


def _value_export(
    builder: TypeBuilder,
    module: Module,
    where: Module,
    decl: VariableDecl,
    name: str,
    options: SchemaOptions,
    explicit: bool,
    found: _Found,
    span: Span | None,
) -> None:
    """An exported const: a registry, or a plain constant; functions only in explicit mode."""
    if find_named(builder.evaluator.program, module, name, span)[2]:
        value = builder.evaluator.export(module, name, span)
    else:
        value = builder.evaluator.binding(where, decl.name, span)
    registry = _registry(builder.evaluator.program, builder, where, decl, name, value, options)
    if registry is not None:
        found.registries.append(registry)
        found.order.append(name)
    elif explicit and _looks_like_registry(value):
        raise CodegenError(
            f"cannot tell the entry type of `{name}`: add `satisfies readonly Spec[]` "
            "(or a `: readonly Spec[]` annotation) naming an interface",
            decl.span,
        )
    elif not isinstance(value, Code):
        module_name(name, f"export `{name}`", decl.span)
        if not isinstance(value, (Str, Num)):
            check_plain(value)
        key = (where.key, decl.name)
        typed = _const_type(builder, where, decl) if options.typed_keys else None
        docs = property_docs(where, decl) if isinstance(value, Object) else {}
        found.constants.append(Constant(name, value, decl.doc, decl.span, key, typed, docs=docs))
        found.order.append(name)
    elif explicit:
        raise CodegenError(f"`{name}` is a function; only data is mirrored", decl.span)


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


def _enum_pairs(
    program: Program,
    module: Module,
    names: Sequence[str],
    builder: TypeBuilder,
    found: _Found,
) -> set[str]:
    """Names exported as both a const and a type: TypeScript's spelling of an enum. When the
    type is exactly the union of the const's values, the pair becomes one enum class;
    otherwise the type is renamed `<Name>Type` (unless `rename` names it), with a warning."""
    pairs: set[str] = set()
    for name in names:
        try:
            _, value_decl = find_export(program, module, name, None)
            type_module, type_decl = find_export(program, module, name, None, "type")
        except CodegenError:
            continue
        if not isinstance(value_decl, VariableDecl) or not isinstance(type_decl, TypeAlias):
            continue
        if type_decl.name in builder.renames:
            continue  # the user named the type: both are kept as they are
        spec = _pair_enum(builder, module, type_module, name, value_decl, type_decl)
        if spec is not None:
            builder.enums[spec.name] = spec
            pairs.add(name)
            continue
        renamed = f"{type_decl.name}Type"
        builder.renames = {**builder.renames, type_decl.name: renamed}
        found.notices.append(
            CodegenError(
                f"the type `{name}` is not exactly the values of the const `{name}`, so the "
                f"const keeps the name and the type is mirrored as `{renamed}`; give it another "
                "name with `rename` in the config",
                type_decl.span,
            )
        )
    return pairs


def _pair_enum(
    builder: TypeBuilder,
    module: Module,
    type_module: Module,
    name: str,
    value_decl: VariableDecl,
    type_decl: TypeAlias,
) -> EnumSpec | None:
    """The enum class a const and its same-named type make, or None when they are not one."""
    try:
        value = builder.evaluator.export(module, name, None)
        literals = finite(builder.types.named(type_module, type_decl.name, type_decl.span))
    except CodegenError:
        return None
    if not isinstance(value, Object) or literals is None:
        return None
    entries = tuple(entry for entry in value.entries if not isinstance(entry[1], Code))
    strings = all(isinstance(item, Str) for _, item, _ in entries)
    integers = all(isinstance(item, Num) and is_int(item.value) for _, item, _ in entries)
    if not entries or not (strings or integers):
        return None
    values = tuple(item.value for _, item, _ in entries if isinstance(item, (Str, Num)))
    if literal_set(values) != literal_set(
        tuple(lit.value for lit in literals if isinstance(lit.value, (str, float)))
    ) or len(literals) != len(set(values)):
        return None
    try:
        members = tuple((enum_member_name(key, key_span), item) for key, item, key_span in entries)
    except CodegenError:
        return None
    if len({member for member, _ in members}) != len(members):
        return None
    docs = property_docs(module, value_decl)
    member_docs = tuple(docs.get(key, "") for key, _, _ in entries)
    doc = value_decl.doc or type_decl.doc
    key = (module.key, value_decl.name)
    ts_members = tuple(ts_name for ts_name, _, _ in entries)
    return EnumSpec(name, name, members, doc, value_decl.span, member_docs, key, ts_members)


def _annotated(
    constant: Constant,
    builder: TypeBuilder,
    typed_keys: bool,
    reads: Mapping[int, tuple[Value, Reference]],
) -> Constant:
    """The constant with its `Final[...]` annotation; a const object's keys get a `Literal`
    alias (an exported one with exactly those keys, else `<Name>Key`, generated)."""
    aliases = {alias.name: alias.values for alias in builder.aliases.values()}
    keys = key_literals(constant.value, constant.type, typed_keys)
    key_alias = None
    if keys is not None:
        wanted = literal_set(keys)
        key_alias = next((n for n, v in aliases.items() if literal_set(v) == wanted), None)
        if key_alias is None:
            generated = (
                f"{pascal(constant.name.lower() if constant.name.isupper() else constant.name)}Key"
            )
            if generated not in aliases and py_identifier(generated) == generated:
                doc = f"The keys of `{constant.name}`."
                builder.aliases[generated] = LiteralAlias(generated, "", keys, doc, constant.span)
                key_alias = generated
    found = const_annotation(
        constant.value, constant.type, typed_keys, key_alias, aliases, frozenset(reads)
    )
    if found is None:
        return constant
    annotation, imports = found
    return dataclasses.replace(constant, annotation=annotation, imports=frozenset(imports))


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
    seen: dict[str, object] = {}
    named: list[tuple[str, Span | None, object]] = []
    for alias in mirror.aliases:
        named.append((alias.name, alias.span, alias.span))
    for enum in mirror.enums:
        named.append((enum.name, enum.span, enum.span))
    for constant in mirror.constants:
        named.append((constant.name, constant.span, constant.span))
    for cls in mirror.classes:
        named.append((cls.name, cls.span, ("class", cls.name)))
    for type_alias in mirror.type_aliases:
        named.append((type_alias.name, type_alias.span, type_alias.span))
    for var in mirror.typevars:
        named.append((var, None, ("typevar", var)))
    for registry in mirror.registries:
        named.append((registry.class_name, registry.interface.span, registry.interface.span))
        named.append((registry.export, registry.span, registry.span))
    spans: dict[str, Span | None] = {}
    for name, span, identity in named:
        if name in seen and seen[name] != identity:
            other = spans[name]
            raise CodegenError(
                f"two things would be named `{name}` in the Python module; rename one with "
                "`rename` in the config",
                span or other,
                (Note("the other one", other),) if other is not None and span is not None else (),
            )
        seen[name] = identity
        spans[name] = span
