"""Stage 4c, type forms: exported TypeScript types become Python declarations.

What the type evaluator computes for an exported alias or interface becomes:
- a finite set of plain literals: a `Literal[...]` alias (kept by codegen.mirror.typemap);
- an object type (an interface, or an alias of one): a frozen dataclass with keyword-only
  fields in TypeScript's order, or with `interface-style = "typeddict"` a `TypedDict` with
  `NotRequired` optional members; nested anonymous object types become classes named after
  their path (`Messages.items` -> `MessagesItems`);
- a generic interface: a `Generic[T]` class over `TypeVar`s; a generic alias has no form of its
  own, only its instantiations do;
- any other type: a type alias, `Name = <annotation>`.

Types with no Python form (functions, `symbol`, `never`) raise `NoPythonForm` with the reason.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass
from typing import Any

from codegen.errors import CodegenError, Span
from codegen.input.declarations import Interface, TypeAlias, VariableDecl
from codegen.input.extract import property_docs as extract_property_docs
from codegen.input.program import Module
from codegen.input.tstypes import (
    BOOLEAN,
    Arr,
    Builtin,
    Func,
    Lit,
    Obj,
    Prim,
    Prop,
    Tmpl,
    Tup,
    Type,
    Union,
    Var,
    finite,
    key_text,
    members,
    tuple_items,
    union,
)
from codegen.mirror.pyforms import NoPythonForm, python_literal
from codegen.mirror.schema import python_field_name
from codegen.mirror.typemap import TypeBuilder, module_name
from codegen.output.literals import py_identifier

STYLES = ("dataclass", "typeddict")
LITERAL_CAP = 64  # an unnamed union of more literals than this widens to its primitive
_PRIMITIVES = {
    "string": "str",
    "number": "float",
    "bigint": "int",
    "any": "object",
    "unknown": "object",
    "object": "object",
    "void": "None",
}


@dataclass(frozen=True)
class ClassField:
    """One field of a mirrored object type."""

    name: str  # the Python name (snake_case for dataclasses, TypeScript's for TypedDicts)
    ts_name: str
    annotation: str  # without the `| None` or `NotRequired[...]` an optional field adds
    optional: bool
    doc: str


@dataclass(frozen=True)
class ClassDecl:
    """An object type mirrored as a class."""

    name: str
    ts_name: str  # the TypeScript type, or the path of a nested anonymous one
    fields: tuple[ClassField, ...]
    doc: str
    params: tuple[str, ...]  # type parameters: a `Generic[...]` class
    span: Span | None


@dataclass(frozen=True)
class AliasDecl:
    """A type mirrored as a type alias: `Name = annotation`."""

    name: str
    ts_name: str
    annotation: str
    doc: str
    span: Span
    uses: frozenset[str]  # other aliases it names, which must be defined before it


def literal_set(values: tuple[str | float | bool, ...]) -> frozenset[tuple[str, object]]:
    """A set of literal values, with `True` and `1` told apart as TypeScript does."""
    return frozenset(_tagged(value) for value in values)


def _tagged(value: str | float | bool) -> tuple[str, object]:
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, str):
        return ("str", value)
    return ("num", float(value))


def ordered_aliases(aliases: dict[str, AliasDecl]) -> tuple[AliasDecl, ...]:
    """Type aliases in declaration order, except that an alias comes after the aliases it
    names: Python evaluates them in order."""
    done: dict[str, AliasDecl] = {}

    def visit(alias: AliasDecl, path: tuple[str, ...]) -> None:
        if alias.name in done or alias.name in path:
            return
        for used in sorted(alias.uses):
            if used in aliases:
                visit(aliases[used], (*path, alias.name))
        done[alias.name] = alias

    for alias in aliases.values():
        visit(alias, ())
    return tuple(done.values())


def property_docs(module: Module, decl: VariableDecl) -> dict[str, str]:
    """The JSDoc of each property of a const's object literal, by key."""
    if decl.value is None:
        return {}
    return extract_property_docs(module.source, module.source.node(decl.value))


def pascal(text: str) -> str:
    """`native_currency`, `nativeCurrency`, `native-currency` -> `NativeCurrency`."""
    parts = [part for part in _split_words(text) if part]
    return "".join(part[:1].upper() + part[1:] for part in parts)


def _split_words(text: str) -> list[str]:
    words, current = [], ""
    for char in text:
        if char.isalnum():
            current += char
        else:
            words.append(current)
            current = ""
    words.append(current)
    return words


class TypeForms:
    """Declares the Python classes and aliases of exported types, and names types in
    annotations (reusing the `Literal` aliases of the shared TypeBuilder)."""

    def __init__(self, builder: TypeBuilder, style: str) -> None:
        self.builder = builder
        self.style = style
        self.classes: dict[str, ClassDecl] = {}
        self.aliases: dict[str, AliasDecl] = {}
        self.typevars: list[str] = []
        self.uses: set[str] = set()  # names the module imports for these annotations
        self._shapes: dict[str, Obj] = {}  # class name -> the object type it mirrors
        self._names: set[str] = set()  # the alias names one annotation refers to
        self._by_shape: dict[tuple[object, object], str] = {}  # props and index -> class
        self._alias_sets: dict[frozenset[tuple[str, object]], str] = {}
        self._alias_count = -1

    def declare(self, module: Module, decl: TypeAlias | Interface) -> None:
        """Mirror one exported type; a CodegenError at the declaration says why it cannot be."""
        types = self.builder.types
        params = types.parameters(module, decl.name)
        if params and isinstance(decl, TypeAlias):
            try:  # with a default for every parameter, the alias is a type of its own
                types.named(module, decl.name, decl.span)
            except CodegenError:
                return  # a generic alias: only its instantiations have a form
            params = ()
        saved = (
            dict(self.classes),
            dict(self._shapes),
            dict(self._by_shape),
            list(self.typevars),
            set(self.uses),
        )
        try:
            self._declare(module, decl, params)
        except NoPythonForm as reason:
            self._restore(saved)
            raise CodegenError(str(reason), decl.span) from None
        except CodegenError:
            self._restore(saved)
            raise

    def _restore(self, saved: tuple[Any, ...]) -> None:
        """Forget the classes a declaration that failed half-way made."""
        self.classes, self._shapes, self._by_shape, self.typevars, self.uses = saved

    def declare_literals(self, module: Module, decl: TypeAlias | Interface) -> None:
        """Register an alias that is a finite set of literals, before any class names its
        members (`source: MimeSource`, not the same `Literal[...]` spelled out); errors are
        left for `declare` to report."""
        if not isinstance(decl, TypeAlias):
            return
        try:
            type_ = self.builder.types.named(module, decl.name, decl.span)
        except CodegenError:
            return
        literals = finite(type_)
        if literals and all(_plain(lit) for lit in literals):
            try:
                self.builder.alias(decl, tuple(_value(lit) for lit in literals))
            except CodegenError:
                return

    def _declare(
        self, module: Module, decl: TypeAlias | Interface, params: tuple[str, ...]
    ) -> None:
        types = self.builder.types
        name = module_name(
            self.builder.renames.get(decl.name, decl.name), f"type `{decl.name}`", decl.span
        )
        if params:
            type_ = types.open_form(module, decl.name, decl.span)
        else:
            type_ = types.named(module, decl.name, decl.span)
        literals = finite(type_)
        if isinstance(decl, TypeAlias) and literals and all(_plain(lit) for lit in literals):
            self.builder.alias(decl, tuple(_value(lit) for lit in literals))
            return
        if isinstance(type_, Union):
            type_ = _merged(type_)  # a union of object types is one class
        if isinstance(type_, Obj) and self._is_own_class(decl, type_):
            for param in params:
                self._typevar(param, decl.span)
            self._class(name, decl.name, type_, decl.doc, decl.span, params)
            return
        self._names = set()
        annotation = self.annotation(type_, name)
        self.aliases[name] = AliasDecl(
            name, decl.name, annotation, decl.doc, decl.span, frozenset(self._names)
        )

    def _is_own_class(self, decl: TypeAlias | Interface, type_: Obj) -> bool:
        """Whether a declaration is mirrored as a class of its own: an interface, or an alias
        of an object type written out or instantiated (not an alias of another named type)."""
        if not type_.props or type_.index or not self._fields_fit(type_):
            return False
        return isinstance(decl, Interface) or type_.name in (None, decl.name) or bool(type_.args)

    # -- annotations ------------------------------------------------------------

    def annotation(self, type_: Type, path: str) -> str:
        """The Python annotation of a type; nested object types become classes named after
        `path`."""
        literals = finite(type_)
        if literals is not None:
            return self._literals(literals)
        if type_ == BOOLEAN:
            return "bool"
        if isinstance(type_, Union):
            return self._union(type_, path)
        if isinstance(type_, Prim):
            if type_.name in _PRIMITIVES:
                return _PRIMITIVES[type_.name]
            raise NoPythonForm(f"`{type_.name}` has no Python form")
        if isinstance(type_, Var):
            return type_.name
        if isinstance(type_, Arr):
            return f"tuple[{self.annotation(type_.element, path + 'Item')}, ...]"
        if isinstance(type_, Tup):
            return self._tuple(type_, path)
        if isinstance(type_, Obj):
            return self._object(type_, path)
        if isinstance(type_, Builtin):
            return self._builtin(type_, path)
        if isinstance(type_, Tmpl):
            return "str"
        assert isinstance(type_, Func)
        raise NoPythonForm("a function type has no Python form")

    def _literals(self, literals: tuple[Lit, ...]) -> str:
        if not literals:
            raise NoPythonForm("the type is `never`, which has no values")
        plain = [lit for lit in literals if lit.kind not in ("null", "undefined")]
        nullable = len(plain) != len(literals)
        if not plain:
            return "None"
        form = self._named_literals(plain)
        return f"{form} | None" if nullable else form

    def _named_literals(self, plain: list[Lit]) -> str:
        if {(lit.kind, lit.value) for lit in plain} == {("boolean", True), ("boolean", False)}:
            return "bool"
        if all(_plain(lit) for lit in plain):
            named = self._alias_named(literal_set(tuple(_value(lit) for lit in plain)))
            if named is not None:
                self._names.add(named)
                return named
        if len(plain) > LITERAL_CAP or not all(
            _plain(lit) or lit.kind == "bigint" for lit in plain
        ):
            # `0.25` cannot be a `Literal` member, and a long unnamed `Literal` reads worse than
            # its primitive: the type widens (`float`, `str`)
            return self.annotation(union(widen_literal(lit) for lit in plain), "")
        self.uses.add("Literal")
        return f"Literal[{', '.join(python_literal(lit) for lit in plain)}]"

    def _alias_named(self, wanted: frozenset[tuple[str, object]]) -> str | None:
        """The `Literal` alias with exactly these members, if the module has one."""
        aliases = self.builder.aliases
        if self._alias_count != len(aliases):  # aliases are only ever added
            self._alias_sets = {}
            for alias in aliases.values():
                self._alias_sets.setdefault(literal_set(alias.values), alias.name)
            self._alias_count = len(aliases)
        return self._alias_sets.get(wanted)

    def _union(self, original: Union, path: str) -> str:
        type_ = _merged(original)
        if not isinstance(type_, Union):
            return self.annotation(type_, path)
        literals = [m for m in type_.members if isinstance(m, Lit)]
        parts: list[str] = []
        plain = [lit for lit in literals if lit.kind not in ("null", "undefined")]
        if plain:
            parts.append(self._named_literals(plain))
        others = [m for m in type_.members if not isinstance(m, Lit)]
        for index, member in enumerate(others, start=1):
            inner = path + (f"Option{index}" if len(others) > 1 else "")
            form = self.annotation(member, inner)
            if form not in parts:
                parts.append(form)
        if len(plain) != len(literals):
            parts.append("None")
        return " | ".join(parts)

    def _tuple(self, type_: Tup, path: str) -> str:
        if any(element.optional or element.rest for element in type_.elements):
            return f"tuple[{self.annotation(tuple_items(type_), path + 'Item')}, ...]"
        if not type_.elements:
            return "tuple[()]"
        forms = [
            self.annotation(element.type, f"{path}Item{index}")
            for index, element in enumerate(type_.elements)
        ]
        return f"tuple[{', '.join(forms)}]"

    def _object(self, type_: Obj, path: str) -> str:
        if type_.props and not self._fields_fit(type_):
            return self._mapping(type_, path)
        if type_.props:
            if type_.index:
                raise NoPythonForm("an object type with both properties and an index signature")
            shape = (type_.props, type_.index)
            if type_.name is None and shape in self._by_shape:
                return self._by_shape[shape]
            name = type_.name if type_.name and not type_.args else path
            return self._class(name, type_.name if name == type_.name else "", type_, "", None, ())
        return self._mapping(type_, path)

    def _fields_fit(self, type_: Obj) -> bool:
        """Whether every property of an object type can be a class field: otherwise (`"2xl"`,
        `"invoice.paid"`, `404`) the type is a mapping."""
        for prop in type_.props:
            text = key_text(prop.key)
            if prop.key.kind == "number" or not text.isidentifier() or keyword.iskeyword(text):
                return False
            if self.style != "typeddict" and python_field_name(text) is None:
                return False
        return True

    def _mapping(self, type_: Obj, path: str) -> str:
        """`Mapping[K, V]`: the keys of its properties and index signatures, and the union of
        their values."""
        self.uses.add("Mapping")
        keys: list[Type] = [prop.key for prop in type_.props]
        values: list[Type] = [
            union(m for m in members(prop.type) if m != Lit("undefined", None))
            if prop.optional
            else prop.type
            for prop in type_.props
        ]
        keys += [key for key, _ in type_.index]
        values += [value for _, value in type_.index]
        if not keys:
            return "Mapping[str, object]"
        key_form = self.annotation(union(keys), path + "Key")
        return f"Mapping[{key_form}, {self.annotation(union(values), path + 'Value')}]"

    def _builtin(self, type_: Builtin, path: str) -> str:
        if type_.name == "Map" and len(type_.args) == 2:
            self.uses.add("Mapping")
            key, value = type_.args
            return f"Mapping[{self.annotation(key, path + 'Key')}, {self.annotation(value, path)}]"
        if type_.name == "Set" and len(type_.args) == 1:
            return f"frozenset[{self.annotation(type_.args[0], path + 'Item')}]"
        if type_.name == "RegExp":
            self.uses.add("re")
            return "re.Pattern[str]"
        raise NoPythonForm(f"`{type_.name}` has no Python form")

    # -- classes ----------------------------------------------------------------

    def _typevar(self, name: str, span: Span) -> None:
        module_name(name, f"type parameter `{name}`", span)
        if name not in self.typevars:
            self.typevars.append(name)
        self.uses.update({"TypeVar", "Generic"})

    def _class(
        self,
        name: str,
        ts_name: str,
        obj: Obj,
        doc: str,
        span: Span | None,
        params: tuple[str, ...],
    ) -> str:
        existing = self._shapes.get(name)
        if existing is not None:
            if existing == obj:
                if span is not None:  # declared by itself after a use: its docs and place
                    known = self.classes[name]
                    self.classes[name] = ClassDecl(name, ts_name, known.fields, doc, params, span)
                return name
            suffix = 2
            while f"{name}{suffix}" in self._shapes:
                suffix += 1
            name = f"{name}{suffix}"
        if py_identifier(name) != name:
            raise NoPythonForm(f"the class name `{name}` is not a Python identifier")
        self._shapes[name] = obj
        self._by_shape.setdefault((obj.props, obj.index), name)
        fields: list[ClassField] = []
        seen: set[str] = set()
        for prop in obj.props:
            if any(isinstance(member, Func) for member in members(prop.type)):
                continue  # methods are code, left out as registries leave them out
            ts_field = key_text(prop.key)
            field_name = self._field_name(ts_field)
            if field_name in seen:
                raise NoPythonForm(f"two properties become the field `{field_name}`")
            seen.add(field_name)
            value = prop.type
            if prop.optional:
                value = union(m for m in members(value) if m != Lit("undefined", None))
            annotation = self.annotation(value, name + pascal(ts_field))
            fields.append(ClassField(field_name, ts_field, annotation, prop.optional, prop.doc))
        if not fields:
            raise NoPythonForm(f"`{ts_name}` has no data properties (methods are left out)")
        self.uses.add("TypedDict" if self.style == "typeddict" else "dataclass")
        if self.style == "typeddict" and any(f.optional for f in fields):
            self.uses.add("NotRequired")
        self.classes[name] = ClassDecl(name, ts_name, tuple(fields), doc, params, span)
        return name

    def _field_name(self, ts_name: str) -> str:
        if self.style == "typeddict":
            if not ts_name.isidentifier() or keyword.iskeyword(ts_name):
                raise NoPythonForm(
                    f"the property `{ts_name}` is not a Python identifier, which a TypedDict "
                    'class needs (`interface-style = "dataclass"` renames it)'
                )
            return ts_name
        name = python_field_name(ts_name)
        if name is None:
            raise NoPythonForm(f"the property `{ts_name}` has no usable Python field name")
        return name


def _merged(type_: Union) -> Type:
    """A union with its object types merged into one (a property is optional when some member
    lacks it, its type the union of theirs) and its arrays and tuples into one array: the
    Python form of `{ a: 1 } | { a: 2, b: "x" }` is one class, not one class per member."""
    objects = [m for m in type_.members if isinstance(m, Obj) and m.props and not m.index]
    sequences = [m for m in type_.members if isinstance(m, (Arr, Tup))]
    if len(objects) < 2 and len(sequences) < 2:
        return type_
    merge_objects = len(objects) > 1
    merge_sequences = len(sequences) > 1
    merged = {id(m) for m in objects} if merge_objects else set()
    merged |= {id(m) for m in sequences} if merge_sequences else set()
    rest: list[Type] = []
    for member in type_.members:
        if merge_objects and member is objects[0]:
            rest.append(_merged_object(objects))
        elif merge_sequences and member is sequences[0]:
            rest.append(Arr(union(_elements(m) for m in sequences)))
        elif id(member) not in merged:
            rest.append(member)
    return union(rest)


def _merged_object(objects: list[Obj]) -> Obj:
    found: dict[str, list[Prop]] = {}
    for obj in objects:
        for prop in obj.props:
            found.setdefault(key_text(prop.key), []).append(prop)
    props = tuple(
        Prop(
            same[0].key,
            union(prop.type for prop in same),
            len(same) < len(objects) or any(prop.optional for prop in same),
            same[0].doc,
        )
        for same in found.values()
    )
    return Obj(props)


def _elements(sequence: Arr | Tup) -> Type:
    return sequence.element if isinstance(sequence, Arr) else tuple_items(sequence)


def widen_literal(literal: Lit) -> Type:
    """The primitive type of a literal (`0.25` -> `number`)."""
    if literal.kind == "boolean":
        return BOOLEAN
    return Prim(literal.kind) if literal.kind in ("string", "number", "bigint") else literal


def _plain(literal: Lit) -> bool:
    """A literal a `Literal[...]` holds: a string, a boolean or an integral number."""
    if literal.kind == "number":
        return isinstance(literal.value, float) and literal.value.is_integer()
    return literal.kind in ("string", "boolean")


def _value(literal: Lit) -> str | float | bool:
    assert isinstance(literal.value, (str, float, bool))
    return literal.value
