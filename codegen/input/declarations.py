"""The model of TypeScript declarations and types: what extraction gives later stages.

No tree-sitter node stays here: an initializer is an `Expr`, a place in its file that the
evaluator turns back into syntax (`SourceFile.node`).
"""

from __future__ import annotations

from dataclasses import dataclass

from codegen.errors import Span


@dataclass(frozen=True)
class Expr:
    """An expression of a source file, by its node type and byte range."""

    kind: str
    start: int
    end: int


# ---------------------------------------------------------------------------
# Types, as declared in TypeScript (a small neutral form; no tree-sitter nodes)


@dataclass(frozen=True)
class PredefinedType:
    """`string`, `number`, `boolean`, `bigint`, `null`, `undefined`, `unknown`, ..."""

    name: str
    span: Span


@dataclass(frozen=True)
class LiteralType:
    """A literal type: `"jit"`, `3`, `true`."""

    value: str | float | bool
    span: Span


@dataclass(frozen=True)
class UnionType:
    """`A | B | C`."""

    members: tuple[TypeExpr, ...]
    span: Span


@dataclass(frozen=True)
class ArrayType:
    """`T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>`."""

    element: TypeExpr
    span: Span


@dataclass(frozen=True)
class RecordType:
    """`Record<K, V>` or `{ [key: string]: V }`: values of one type, keyed by strings."""

    value: TypeExpr
    span: Span


@dataclass(frozen=True)
class ValuesOf:
    """`(typeof X)[keyof typeof X]`: the union of the values of the const `X`."""

    name: str
    span: Span


@dataclass(frozen=True)
class TypeRef:
    """A named type: an alias, an interface, or something we cannot mirror."""

    name: str
    span: Span


@dataclass(frozen=True)
class FunctionType:
    """A function type: `(a: A) => B`."""

    span: Span


@dataclass(frozen=True)
class OtherType:
    """Any type we do not model; kept as its text for the diagnostic."""

    text: str
    span: Span


TypeExpr = (
    PredefinedType
    | LiteralType
    | UnionType
    | ArrayType
    | RecordType
    | ValuesOf
    | TypeRef
    | FunctionType
    | OtherType
)

# ---------------------------------------------------------------------------
# Declarations of one module


@dataclass(frozen=True)
class VariableDecl:
    """`const|let|var name[: T] = value`. `value` is the initializer's node, evaluated lazily."""

    name: str
    kind: str
    value: Expr | None
    annotation: TypeExpr | None
    satisfies: TypeExpr | None
    span: Span
    doc: str = ""
    syntax: Expr | None = None  # the declarator, for the type evaluator (annotation, `as const`)


@dataclass(frozen=True)
class CodeDecl:
    """A function or class declaration: a value that is code, never mirrored."""

    name: str
    span: Span
    syntax: Expr | None = None  # the declaration, for the engine to run


@dataclass(frozen=True)
class ImportBinding:
    """A local name bound by an import: `imported` is a name, `default`, or `*`."""

    name: str
    module: str
    imported: str
    span: Span


@dataclass(frozen=True)
class EnumMember:
    """One enum member: its name and its initializer's node, if it has one."""

    name: str
    value: Expr | None
    span: Span
    doc: str = ""


@dataclass(frozen=True)
class EnumDecl:
    """`[const] enum Name { ... }`: evaluated member by member, like TypeScript does."""

    name: str
    members: tuple[EnumMember, ...]
    is_const: bool
    doc: str
    span: Span


Binding = VariableDecl | CodeDecl | ImportBinding | EnumDecl


@dataclass(frozen=True)
class ReExport:
    """`export { a as b } from "./m"` (imported="a") or `export * from "./m"` (imported="*")."""

    module: str
    imported: str
    span: Span


@dataclass(frozen=True)
class TypeAlias:
    """`type Name = T`."""

    name: str
    type: TypeExpr
    doc: str
    span: Span
    syntax: Expr | None = None  # the declaration, for the type evaluator


@dataclass(frozen=True)
class InterfaceMember:
    """One member of an interface; methods and function-typed properties are `is_code`."""

    name: str
    type: TypeExpr
    optional: bool
    is_code: bool
    doc: str
    span: Span


@dataclass(frozen=True)
class Interface:
    """`interface Name { ... }`."""

    name: str
    members: tuple[InterfaceMember, ...]
    doc: str
    span: Span
    syntax: Expr | None = None  # the declaration, for the type evaluator


@dataclass(frozen=True)
class ModuleDecls:
    """Everything one file declares at module level."""

    bindings: dict[str, Binding]
    exports: dict[str, str]  # exported name -> local binding name
    re_exports: dict[str, ReExport]  # exported name -> where it comes from
    star_exports: tuple[ReExport, ...]
    aliases: dict[str, TypeAlias]
    interfaces: dict[str, Interface]
