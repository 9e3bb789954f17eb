"""Stage 3, evaluate: compute the values of exported consts statically, with JavaScript meaning."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal

from tree_sitter import Node

from codegen.errors import CodegenError, Note, Span
from codegen.extract import string_literal
from codegen.lexical import LexicalError, decode_escape, join_utf16, parse_bigint, parse_number
from codegen.model import (
    Array,
    BigInt,
    BinaryOp,
    Bool,
    Code,
    CodeDecl,
    ConstRef,
    Interface,
    Negate,
    Null,
    Num,
    NumLiteral,
    Object,
    Origin,
    Str,
    TypeAlias,
    Undefined,
    Value,
)
from codegen.program import Declaration, Module, Program, did_you_mean, find_export, find_local

MAX_DEPTH = 200  # well past any real registry, well inside Python's stack
_WRAPPERS = {
    "parenthesized_expression",
    "as_expression",
    "satisfies_expression",
    "non_null_expression",
    "type_assertion",
}
_CODE_EXPRESSIONS = {
    "arrow_function",
    "function_expression",
    "function",
    "generator_function",
    "class",
}
_EXACT_INT_OPS = {"+", "-", "*"}


class Evaluator:
    """Evaluates module-level bindings lazily, each at most once."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self._memo: dict[tuple[str, str], Value] = {}
        self._active: list[tuple[str, str]] = []
        self._depth = 0

    # -- names -------------------------------------------------------------

    def export(self, module: Module, name: str, span: Span | None) -> Value:
        """The value a module exports under `name`, following re-exports."""
        target, decl = find_export(self.program, module, name, span)
        return self._declared(target, decl, span)

    def binding(self, module: Module, name: str, span: Span | None) -> Value:
        """The value of a module-level name, following imports."""
        try:
            target, decl = find_local(self.program, module, name, span)
            return self._declared(target, decl, span)
        except CodegenError as error:
            elsewhere = error.span is not None and span is not None and error.span.path != span.path
            if elsewhere and not any(note.span == span for note in error.notes):
                raise error.with_note(Note(f"`{name}` is used here", span)) from None
            raise

    def _declared(self, module: Module, decl: Declaration, span: Span | None) -> Value:
        """The value of one declaration, evaluated once and memoised."""
        if isinstance(decl, (Interface, TypeAlias)):
            raise CodegenError(
                f"`{decl.name}` is a type, not a value", span, (Note("declared here", decl.span),)
            )
        if isinstance(decl, CodeDecl):
            return Code(decl.span)
        key = (str(module.source.path), decl.name)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        if key in self._active:
            raise CodegenError(
                f"`{decl.name}` is defined in terms of itself",
                span,
                (Note("declared here", decl.span),),
            )
        if decl.kind != "const":
            raise CodegenError(
                f"`{decl.name}` is declared with `{decl.kind}`; only `const` values are evaluated",
                span or decl.span,
                (Note("declared here", decl.span),),
            )
        if decl.value is None:
            raise CodegenError(f"`{decl.name}` has no value", decl.span)
        self._active.append(key)
        try:
            value = self.expr(module, decl.value)
        finally:
            self._active.pop()
        if isinstance(value, Num):
            value = Num(value.value, value.span, ConstRef(decl.name, key, value))
        self._memo[key] = value
        return value

    # -- expressions -------------------------------------------------------

    def expr(self, module: Module, node: Node) -> Value:
        """Evaluate one expression node."""
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise CodegenError(
                    f"expression is nested too deeply (more than {MAX_DEPTH} levels)",
                    module.source.span(node),
                )
            return self._expr(module, node)
        finally:
            self._depth -= 1

    def _expr(self, module: Module, node: Node) -> Value:
        source = module.source
        span = source.span(node)
        kind = node.type
        if kind in _WRAPPERS:  # `(x)`, `x as T`, `x satisfies T`, `x!`; `<T>x` has the type first
            inner = node.named_children[-1] if kind == "type_assertion" else node.named_children[0]
            return self.expr(module, inner)
        if kind == "string":
            return Str(string_literal(source, node), span)
        if kind == "template_string":
            return Str(self._template(module, node), span)
        if kind == "number":
            return self._number(module, node, span)
        if kind in ("true", "false"):
            return Bool(kind == "true", span)
        if kind == "null":
            return Null(span)
        if kind == "undefined":
            return Undefined(span)
        if kind == "identifier":
            return self._identifier(module, node, span)
        if kind == "array":
            return self._array(module, node, span)
        if kind == "object":
            return self._object(module, node, span)
        if kind in _CODE_EXPRESSIONS:
            return Code(span)
        if kind == "unary_expression":
            return self._unary(module, node, span)
        if kind == "binary_expression":
            return self._binary(module, node, span)
        if kind in ("member_expression", "subscript_expression"):
            return self._member(module, node, span)
        raise CodegenError(f"cannot evaluate {_describe(node)} statically", span)

    def _number(self, module: Module, node: Node, span: Span) -> Value:
        spelling = module.source.text(node)
        try:
            if spelling.endswith("n"):
                return BigInt(parse_bigint(spelling), span)
            return Num(parse_number(spelling), span, NumLiteral(spelling))
        except (LexicalError, ValueError) as exc:
            raise CodegenError(str(exc), span) from None

    def _template(self, module: Module, node: Node) -> str:
        parts: list[str] = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(module.source.text(child))
            elif child.type == "escape_sequence":
                try:
                    parts.append(decode_escape(module.source.text(child)))
                except LexicalError as exc:
                    raise CodegenError(str(exc), module.source.span(child)) from None
            elif child.type == "template_substitution":
                inner = self.expr(module, child.named_children[0])
                parts.append(to_js_string(inner))
        return join_utf16("".join(parts))

    def _identifier(self, module: Module, node: Node, span: Span) -> Value:
        name = module.source.text(node)
        if name not in module.decls.bindings:
            if name == "undefined":
                return Undefined(span)
            if name in ("NaN", "Infinity"):
                return Num(math.nan if name == "NaN" else math.inf, span)
        value = self.binding(module, name, span)
        if isinstance(value, Num):
            return Num(value.value, span, value.origin)
        return value

    def _array(self, module: Module, node: Node, span: Span) -> Value:
        items: list[Value] = []
        for child in node.named_children:
            if child.type == "comment":
                continue
            if child.type == "spread_element":
                spread = self.expr(module, child.named_children[0])
                if not isinstance(spread, Array):
                    raise CodegenError(
                        "only arrays can be spread into an array", module.source.span(child)
                    )
                items.extend(spread.items)
            else:
                items.append(self.expr(module, child))
        return Array(tuple(items), span)

    def _object(self, module: Module, node: Node, span: Span) -> Value:
        entries: dict[str, tuple[Value, Span]] = {}
        source = module.source
        for child in node.named_children:
            kind = child.type
            if kind == "comment":
                continue
            if kind == "pair":
                key_node = child.child_by_field_name("key")
                value_node = child.child_by_field_name("value")
                assert key_node is not None and value_node is not None
                key = self._property_key(module, key_node)
                entries.pop(key, None) if key not in entries else None
                entries[key] = (self.expr(module, value_node), source.span(key_node))
            elif kind == "shorthand_property_identifier":
                name = source.text(child)
                entries[name] = (
                    self._identifier(module, child, source.span(child)),
                    source.span(child),
                )
            elif kind == "method_definition":
                name_node = child.child_by_field_name("name")
                assert name_node is not None
                key = self._property_key(module, name_node)
                entries[key] = (Code(source.span(child)), source.span(name_node))
            elif kind == "spread_element":
                spread = self.expr(module, child.named_children[0])
                if isinstance(spread, Object):
                    for name, value, key_span in spread.entries:
                        entries[name] = (value, key_span)
                elif not isinstance(spread, (Null, Undefined)):
                    raise CodegenError(
                        "only objects can be spread into an object", source.span(child)
                    )
            else:
                raise CodegenError(
                    f"cannot evaluate {_describe(child)} in an object literal", source.span(child)
                )
        ordered = sorted(entries.items(), key=lambda item: _property_order(item[0]))
        return Object(tuple((name, value, key_span) for name, (value, key_span) in ordered), span)

    def _property_key(self, module: Module, node: Node) -> str:
        kind = node.type
        if kind in ("property_identifier", "private_property_identifier"):
            return module.source.text(node)
        if kind == "string":
            return string_literal(module.source, node)
        if kind == "number":
            value = self._number(module, node, module.source.span(node))
            return to_js_string(value)
        if kind == "computed_property_name":
            return to_property_key(self.expr(module, node.named_children[0]))
        raise CodegenError(
            f"cannot evaluate {_describe(node)} as a property name", module.source.span(node)
        )

    def _unary(self, module: Module, node: Node, span: Span) -> Value:
        operator = node.child_by_field_name("operator")
        argument = node.child_by_field_name("argument")
        assert operator is not None and argument is not None
        op = module.source.text(operator)
        value = self.expr(module, argument)
        if op == "!":
            return Bool(not truthy(value), span)
        if op == "-" and isinstance(value, Num):
            return Num(
                -value.value, span, Negate(value.origin) if value.origin is not None else None
            )
        if op == "-" and isinstance(value, BigInt):
            return BigInt(-value.value, span)
        if op == "+" and isinstance(value, Num):
            return Num(value.value, span, value.origin)
        raise CodegenError(f"cannot evaluate unary `{op}` on {_kind(value)} statically", span)

    def _binary(self, module: Module, node: Node, span: Span) -> Value:
        operator = node.child_by_field_name("operator")
        left_node = node.child_by_field_name("left")
        right_node = node.child_by_field_name("right")
        assert operator is not None and left_node is not None and right_node is not None
        op = module.source.text(operator)
        left = self.expr(module, left_node)
        right = self.expr(module, right_node)
        if op == "+" and (isinstance(left, Str) or isinstance(right, Str)):
            return Str(to_js_string(left) + to_js_string(right), span)
        if isinstance(left, Num) and isinstance(right, Num) and op in _NUMBER_OPS:
            result = _NUMBER_OPS[op](left.value, right.value)
            origin: Origin | None = None
            if op in _EXACT_INT_OPS and left.origin is not None and right.origin is not None:
                origin = BinaryOp(op, left.origin, right.origin)
            return Num(result, span, origin)
        raise CodegenError(
            f"cannot evaluate `{op}` on {_kind(left)} and {_kind(right)} statically", span
        )

    def _member(self, module: Module, node: Node, span: Span) -> Value:
        object_node = node.child_by_field_name("object")
        assert object_node is not None
        if any(child.type == "?." for child in node.children):
            raise CodegenError("optional chaining `?.` is not evaluated statically", span)
        target = self.expr(module, object_node)
        if node.type == "member_expression":
            property_node = node.child_by_field_name("property")
            assert property_node is not None
            key = module.source.text(property_node)
            key_span = module.source.span(property_node)
        else:
            index_node = node.child_by_field_name("index")
            assert index_node is not None
            key = to_property_key(self.expr(module, index_node))
            key_span = module.source.span(index_node)
        return member(target, key, key_span)


def member(target: Value, key: str, span: Span) -> Value:
    """`target[key]` for the values a registry holds; a missing property is an error."""
    if isinstance(target, Object):
        found = target.get(key)
        if found is not None:
            return found
        names = [name for name, _, _ in target.entries]
        raise CodegenError(
            f"property `{key}` does not exist on this object{did_you_mean(key, names)}", span
        )
    if isinstance(target, (Array, Str)):
        length = (
            len(target.items)
            if isinstance(target, Array)
            else len(target.value.encode("utf-16-le", "surrogatepass")) // 2
        )
        if key == "length":
            return Num(float(length), span)
        if key.isdigit() and str(int(key)) == key and int(key) < length:
            if isinstance(target, Array):
                return target.items[int(key)]
            units = target.value.encode("utf-16-le", "surrogatepass")
            return Str(
                units[2 * int(key) : 2 * int(key) + 2].decode("utf-16-le", "surrogatepass"), span
            )
        raise CodegenError(f"index `{key}` is out of range (length {length})", span)
    raise CodegenError(f"cannot read property `{key}` of {_kind(target)}", span)


def truthy(value: Value) -> bool:
    """JavaScript's ToBoolean."""
    if isinstance(value, (Null, Undefined)):
        return False
    if isinstance(value, (Bool, BigInt)):
        return bool(value.value)
    if isinstance(value, Num):
        return not (value.value == 0 or math.isnan(value.value))
    if isinstance(value, Str):
        return value.value != ""
    return True


def to_js_string(value: Value) -> str:
    """JavaScript's ToString for primitive values."""
    if isinstance(value, Str):
        return value.value
    if isinstance(value, Num):
        return number_to_string(value.value)
    if isinstance(value, BigInt):
        return str(value.value)
    if isinstance(value, Bool):
        return "true" if value.value else "false"
    if isinstance(value, Null):
        return "null"
    if isinstance(value, Undefined):
        return "undefined"
    raise CodegenError(f"cannot convert {_kind(value)} to a string statically", value.span)


def to_property_key(value: Value) -> str:
    """JavaScript's ToPropertyKey for primitive values."""
    return to_js_string(value)


def number_to_string(number: float) -> str:
    """JavaScript's Number::toString(10): shortest round-trip digits, JS exponent rules."""
    if math.isnan(number):
        return "NaN"
    if number == 0:
        return "0"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number < 0:
        return "-" + number_to_string(-number)
    _, digit_tuple, exponent = Decimal(repr(number)).normalize().as_tuple()
    assert isinstance(exponent, int)
    digits = "".join(map(str, digit_tuple))
    k = len(digits)
    n = k + exponent  # value = 0.digits * 10**n
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    e = n - 1
    mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
    return f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"


def _js_mod(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b) or math.isinf(a) or b == 0:
        return math.nan
    if math.isinf(b):
        return a
    return math.fmod(a, b)


def _js_div(a: float, b: float) -> float:
    if b == 0:
        if a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


def _js_pow(a: float, b: float) -> float:
    if math.isnan(b) or (abs(a) == 1 and math.isinf(b)):
        return math.nan
    try:
        return math.pow(a, b)
    except OverflowError:
        return math.inf if a > 0 or (float(b).is_integer() and int(b) % 2 == 0) else -math.inf
    except ValueError:
        return math.nan if a < 0 else math.inf


_NUMBER_OPS: dict[str, Callable[[float, float], float]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _js_div,
    "%": _js_mod,
    "**": _js_pow,
}


def _property_order(key: str) -> tuple[int, int]:
    """JS own-property order: array-index keys first, ascending; then insertion order."""
    if key.isdigit() and (key == "0" or not key.startswith("0")) and int(key) < 2**32 - 1:
        return (0, int(key))
    return (1, 0)


def _kind(value: Value) -> str:
    return {
        Str: "a string",
        Num: "a number",
        BigInt: "a bigint",
        Bool: "a boolean",
        Null: "null",
        Undefined: "undefined",
        Array: "an array",
        Object: "an object",
        Code: "a function",
    }[type(value)]


def _describe(node: Node) -> str:
    names = {
        "call_expression": "a function call",
        "new_expression": "a `new` expression",
        "await_expression": "an `await` expression",
        "assignment_expression": "an assignment",
        "update_expression": "an update expression",
        "ternary_expression": "a conditional expression",
        "this": "`this`",
        "regex": "a regular expression",
    }
    return names.get(node.type, f"`{node.type.replace('_', ' ')}`")
