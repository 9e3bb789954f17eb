"""`typeof`: the types TypeScript gives evaluated values, literal under `as const`, widened
otherwise, and the literal types of enum members and property keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from codegen.errors import CodegenError, Span
from codegen.input.declarations import CodeDecl, EnumDecl, VariableDecl
from codegen.input.evaluate import Evaluator
from codegen.input.extract import string_literal
from codegen.input.lexical import LexicalError, parse_number
from codegen.input.program import Module, Program, find_local
from codegen.input.tstypes import (
    BOOLEAN,
    NULL,
    NUMBER,
    STRING,
    UNDEFINED,
    Arr,
    Elem,
    Func,
    Lit,
    Obj,
    Prim,
    Prop,
    Tup,
    Type,
    union,
)
from codegen.input.typeops import NoTypeForm, lookup
from codegen.input.values import (
    Array,
    BigInt,
    Bool,
    Code,
    Null,
    Num,
    Object,
    Str,
    Undefined,
    Value,
)

if TYPE_CHECKING:
    from codegen.input.typeeval import TypeEvaluator

_UNWRAP = {"parenthesized_expression", "satisfies_expression", "non_null_expression"}


class TypeOfValue:
    """The types of evaluated values, as `typeof` gives them."""

    def __init__(self, program: Program, values: Evaluator, types: TypeEvaluator) -> None:
        self.program = program
        self.values = values
        self.types = types

    def query(self, module: Module, node: Node) -> Type:
        """`typeof X`, `typeof X.a.b`."""
        if node.type == "member_expression":
            target = node.child_by_field_name("object")
            prop = node.child_by_field_name("property")
            assert target is not None and prop is not None
            return lookup(self.query(module, target), Lit("string", module.source.text(prop)))
        if node.type != "identifier":
            raise NoTypeForm(f"typeof of {node.type.replace('_', ' ')}")
        name = module.source.text(node)
        span = module.source.span(node)
        found_module, decl = find_local(self.program, module, name, span)
        if isinstance(decl, EnumDecl):
            return Obj(
                tuple(
                    Prop(Lit("string", k), v)
                    for k, v in self.enum_members(found_module, decl).items()
                )
            )
        if isinstance(decl, CodeDecl):
            return Func()
        if not isinstance(decl, VariableDecl) or decl.syntax is None:
            raise NoTypeForm(f"typeof of `{name}`, which is not a const of this program")
        declarator = found_module.source.node(decl.syntax)
        annotation = declarator.child_by_field_name("type")
        if annotation is not None:
            return self.types.type(found_module, annotation.named_children[-1], {})
        value = self.values.binding(module, name, span)
        initializer = declarator.child_by_field_name("value")
        as_const = initializer is not None and _is_as_const(found_module, initializer)
        if not as_const and initializer is not None and _contextual(found_module, initializer):
            raise NoTypeForm(
                f"`{name}` uses `as const` or `satisfies` inside its value; "
                "the types TypeScript infers there are not computed (write `as const` outermost)"
            )
        return self.of_value(value, as_const, literal=decl.kind == "const")

    def of_value(self, value: Value, as_const: bool, literal: bool = False) -> Type:
        """The type of a value: literal types under `as const` (or for a const primitive)."""
        keep = as_const or literal
        if isinstance(value, Str):
            return Lit("string", value.value) if keep else STRING
        if isinstance(value, Num):
            return Lit("number", value.value) if keep else NUMBER
        if isinstance(value, BigInt):
            return Lit("bigint", value.value) if keep else Prim("bigint")
        if isinstance(value, Bool):
            return Lit("boolean", value.value) if keep else BOOLEAN
        if isinstance(value, Null):
            return NULL
        if isinstance(value, Undefined):
            return UNDEFINED
        if isinstance(value, Code):
            return Func()
        if isinstance(value, Array):
            items = [self.of_value(item, as_const) for item in value.items]
            return Tup(tuple(Elem(item) for item in items)) if as_const else Arr(union(items))
        assert isinstance(value, Object)
        return Obj(
            tuple(
                Prop(self._key(key, key_span), self.of_value(item, as_const))
                for key, item, key_span in value.entries
            )
        )

    def enum_members(self, module: Module, decl: EnumDecl) -> dict[str, Type]:
        """Each member's literal type, by member name (no reverse mappings)."""
        value = self.values.binding(module, decl.name, decl.span)
        assert isinstance(value, Object)
        found: dict[str, Type] = {}
        for member in decl.members:
            item = value.get(member.name)
            if isinstance(item, Str):
                found[member.name] = Lit("string", item.value)
            elif isinstance(item, Num):
                found[member.name] = Lit("number", item.value)
            else:
                raise CodegenError(
                    f"the enum member `{member.name}` has no literal type", member.span
                )
        return found

    def key_of(self, module: Module, node: Node | None) -> Lit:
        """The literal type of a property name in a type: string, number, or computed."""
        if node is None:
            raise NoTypeForm("a member without a name")
        if node.type == "string":
            return Lit("string", string_literal(module.source, node))
        if node.type == "number":
            try:
                return Lit("number", parse_number(module.source.text(node)))
            except LexicalError as exc:
                raise NoTypeForm(str(exc)) from None
        if node.type == "computed_property_name":
            return _computed(self.values.expr(module, node.named_children[0]))
        return Lit("string", module.source.text(node))

    def _key(self, key: str, span: Span) -> Lit:
        """A property key's literal type: a number when written as a number, or computed from
        one, as TypeScript types it; a string otherwise."""
        for module in self.program.modules():
            found = span.byte_range(module.source)
            if found is None:
                continue
            start, end = found
            first = module.source.data[start : start + 1]
            if first.isdigit() or first == b".":
                return Lit("number", float(key)) if _canonical_number(key) else Lit("string", key)
            if first == b"[":
                node = module.source.tree.root_node.descendant_for_byte_range(start, end)
                while node is not None and node.type != "computed_property_name":
                    node = node.parent
                if node is not None:
                    return _computed(self.values.expr(module, node.named_children[0]))
            return Lit("string", key)
        return Lit("string", key)


def _computed(value: Value) -> Lit:
    if isinstance(value, Num):
        return Lit("number", value.value)
    if isinstance(value, Str):
        return Lit("string", value.value)
    raise NoTypeForm("a computed key that is neither a string nor a number")


def _canonical_number(key: str) -> bool:
    try:
        number = float(key)
    except ValueError:
        return False
    from codegen.input.jsops import number_to_string

    return number_to_string(number) == key


def _is_as_const(module: Module, node: Node) -> bool:
    while node.type in _UNWRAP and node.named_children:
        node = node.named_children[0]
    if node.type == "as_expression":
        return module.source.text(node.children[-1]) == "const"
    return False


def _contextual(module: Module, node: Node) -> bool:
    """Whether `as const` or `satisfies` stands anywhere inside: they change inferred types."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "satisfies_expression":
            return True
        if (
            current.type == "as_expression"
            and module.source.text(current.children[-1]) == "const"
        ):
            return True
        stack.extend(current.named_children)
    return False
