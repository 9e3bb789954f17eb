"""The one literal emitter: every value from TypeScript reaches Python source through here.

Output is already in black's style (quotes, escapes, number spelling), so black leaves it be.
"""

from __future__ import annotations

import builtins
import keyword
import math
import re
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from codegen.errors import CodegenError
from codegen.input.jsops import kind
from codegen.input.tstypes import Arr, Obj, Prop, Tup, Type
from codegen.input.values import (
    Array,
    BigInt,
    BinaryOp,
    Bool,
    Code,
    ConstRef,
    JsMap,
    JsRegExp,
    JsSet,
    Negate,
    Null,
    Num,
    NumLiteral,
    Object,
    Origin,
    Str,
    Undefined,
    Value,
)
from codegen.mirror.pytypes import PyEnum, PyLiteral, PyOptional, PyScalar, PyTuple, PyType
from codegen.output.layout import Atom, Bracketed, Expr, flat

if TYPE_CHECKING:
    from codegen.output.references import References

MAX_SAFE_INTEGER = 2**53
# Characters shown as escapes, never raw: controls, format characters (bidi overrides,
# zero-width), surrogates, private use, and line or paragraph separators.
_ESCAPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
_SIMPLE_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_PY_INT_SPELLING = re.compile(
    r"[1-9](?:_?[0-9])*|0(?:_?0)*|0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+"
)


def _needs_escape(char: str) -> bool:
    if char in _SIMPLE_ESCAPES:
        return True
    if char.isascii():
        return not char.isprintable()
    category = unicodedata.category(char)
    return category in _ESCAPED_CATEGORIES or (category == "Zs" and char != " ")


def _escape(char: str) -> str:
    simple = _SIMPLE_ESCAPES.get(char)
    if simple is not None:
        return simple
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def py_str(text: str) -> str:
    """A Python string literal with exactly this value, quoted the way black would."""
    quote = '"' if text.count('"') <= text.count("'") else "'"
    if text.isprintable():  # the common case: only quotes and backslashes need escapes
        return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote
    body = "".join(
        _escape(char) if _needs_escape(char) else ("\\" + char if char == quote else char)
        for char in text
    )
    return f"{quote}{body}{quote}"


def py_comment_text(text: str) -> str:
    """Text that is safe on one line of a comment: no line breaks or invisible characters."""
    return "".join(_escape(char) if _needs_escape(char) and char != "\\" else char for char in text)


def py_comment_lines(text: str, prefix: str = "# ", width: int = 79) -> str:
    """Text as whole comment lines, each starting with `prefix` (which must start with `#`):
    paragraphs wrapped to `width` columns and separated by a bare `prefix` line; lines that
    fit (code in an example) are kept as they are. No input can end the comment."""
    if not prefix.startswith("#") or "\n" in prefix:
        raise ValueError(f"a comment prefix starts with `#` and holds no line break: {prefix!r}")
    lines: list[str] = []
    for paragraph in text.strip("\n").split("\n\n"):
        if lines:
            lines.append(prefix.rstrip())
        for raw in paragraph.split("\n"):
            safe = py_comment_text(raw).rstrip()
            if len(prefix) + len(safe) <= width:
                lines.append((prefix + safe).rstrip())
                continue
            wrapped = textwrap.wrap(
                safe,
                width=width - len(prefix),
                expand_tabs=False,
                replace_whitespace=False,
                break_long_words=False,
                break_on_hyphens=False,
            )
            lines.extend((prefix + piece).rstrip() for piece in wrapped)
    return "\n".join(lines)


def py_docstring(text: str) -> str:
    """A triple-quoted docstring holding `text`; no input can close it early or run code."""
    lines = []
    for line in text.strip("\n").split("\n"):
        escaped = "".join(_escape(char) if _needs_escape(char) else char for char in line)
        lines.append(escaped.rstrip(" "))
    body = "\n".join(lines)
    # Escape a quote that would start a run of three, or that touches the opening quotes.
    quoted = [
        '\\"' if char == '"' and (index == 0 or body.startswith('""', index + 1)) else char
        for index, char in enumerate(body)
    ]
    text = "".join(quoted)
    if "\n" not in text and not text.endswith(('"', "\\")) and len(text) <= 72:
        return f'"""{text}"""'  # one short line: closed on the same line, as PEP 257 has it
    return '"""' + text + '\n"""'


def py_int(number: int) -> str:
    """A Python int literal."""
    return str(number)


def py_float(number: float) -> str:
    """A Python float expression that evaluates to exactly this double (repr round-trips)."""
    if math.isnan(number):
        return 'float("nan")'
    if math.isinf(number):
        return 'float("inf")' if number > 0 else '-float("inf")'
    return repr(number).replace("e+", "e")


def is_int(number: float) -> bool:
    """Whether a JS number is an integer that Python's `int` holds exactly (-0 is not)."""
    return (
        math.isfinite(number)
        and number.is_integer()
        and not (number == 0 and math.copysign(1.0, number) < 0)
    )


# Names a generated module-level binding must not take: builtins, and what modules import.
RESERVED_NAMES = frozenset(dir(builtins)) | {
    "annotations", "dataclass", "dataclasses", "field", "Literal", "typing", "enum", "Enum",
    "IntEnum", "StrEnum", "MappingProxyType", "Mapping", "types", "Final", "ClassVar",
}  # fmt: skip


def py_identifier(name: str) -> str | None:
    """`name` as a Python identifier (keywords get a trailing `_`), or None if it can't be one.

    Names starting with `__` are refused: inside a class Python mangles them.
    """
    if not name.isidentifier() or (
        not name.isascii() and unicodedata.normalize("NFKC", name) != name
    ):
        return None
    if name.startswith("__"):
        return None
    return name + "_" if keyword.iskeyword(name) else name


@dataclass
class Constants:
    """Named constants the emitted expressions refer to (`_HOUR = 3600`), in first-use order."""

    sources: dict[str, str] = field(default_factory=dict)  # Python name -> its value's source
    _owners: dict[str, tuple[str, str]] = field(default_factory=dict)
    public: dict[tuple[str, str], str] = field(default_factory=dict)  # consts the module exports
    taken: frozenset[str] = frozenset()  # names the module defines otherwise
    references: References | None = None  # reads of mirrored consts, kept as reads
    # int_expression's answers by origin (alive as long as the values that hold them): each
    # is final once given, since names are only ever added. Trials start with none.
    _rendered: dict[tuple[int, float], str] = field(default_factory=dict)

    def copy(self) -> Constants:
        """An independent copy, for trying an expression out."""
        return Constants(
            dict(self.sources), dict(self._owners), self.public, self.taken, self.references
        )

    def adopt(self, other: Constants) -> None:
        """Take over what a successful trial registered."""
        self.sources, self._owners = other.sources, other._owners

    def claim(self, ref: ConstRef) -> str | None:
        """The Python name for a TS const, registering its definition; None if it can't be named."""
        if ref.key in self.public:
            return self.public[ref.key]  # defined by the module itself, under its own name
        name = py_identifier("_" + ref.name)
        if name is None or name != "_" + ref.name or name in RESERVED_NAMES or name in self.taken:
            return None
        owner = self._owners.get(name)
        if owner is not None:
            return name if owner == ref.key else None
        value_source = int_expression(ref.value, self)  # registers what it depends on first
        if self._owners.get(name, ref.key) != ref.key:
            return None  # a const it depends on, of another file, took the same name
        self._owners[name] = ref.key
        self.sources[name] = value_source
        return name


def int_expression(number: Num, constants: Constants) -> str:
    """Python source for an integral number: its TS expression if provably exact, else a literal."""
    if number.origin is None:
        return py_int(int(number.value))
    key = (id(number.origin), number.value)
    known = constants._rendered.get(key)
    if known is not None:
        return known
    trial = constants.copy()  # a rejected expression must not leave constants behind
    rendered = _origin(number.origin, trial)
    if rendered is not None and rendered[1] == int(number.value):
        constants.adopt(trial)
        result = rendered[0]
    else:
        result = py_int(int(number.value))
    constants._rendered[key] = result
    return result


# Precedence of the operators we keep: higher binds tighter.
_PRECEDENCE = {"+": 1, "-": 1, "*": 2}
_ATOM = 4


def _origin(origin: Origin, constants: Constants) -> tuple[str, int, int] | None:
    """(source, exact int value, precedence) of an origin; None if Python would differ from JS."""
    if isinstance(origin, NumLiteral):
        spelling = origin.spelling
        if not _PY_INT_SPELLING.fullmatch(spelling):
            return None
        value = int(spelling.replace("_", ""), 0)
        return (_black_int(spelling), value, _ATOM) if value <= MAX_SAFE_INTEGER else None
    if isinstance(origin, ConstRef):
        if not is_int(origin.value.value):
            return None
        name = constants.claim(origin)
        return (name, int(origin.value.value), _ATOM) if name is not None else None
    if isinstance(origin, Negate):
        inner = _origin(origin.operand, constants)
        if inner is None or inner[1] == 0:
            return None  # -0 is a float in JS
        text = inner[0] if inner[2] >= 3 else f"({inner[0]})"
        return (f"-{text}", -inner[1], 3)
    left = _origin(origin.left, constants)
    right = _origin(origin.right, constants)
    if left is None or right is None:
        return None
    return _binary(origin, left, right)


def _binary(
    origin: BinaryOp, left: tuple[str, int, int], right: tuple[str, int, int]
) -> tuple[str, int, int] | None:
    op = origin.op
    value = {"+": left[1] + right[1], "-": left[1] - right[1], "*": left[1] * right[1]}[op]
    # JS computes in doubles: exact only while every intermediate stays a safe integer.
    if abs(value) > MAX_SAFE_INTEGER:
        return None
    precedence = _PRECEDENCE[op]
    left_text = left[0] if left[2] >= precedence else f"({left[0]})"
    right_text = right[0] if right[2] > precedence else f"({right[0]})"
    return (f"{left_text} {op} {right_text}", value, precedence)


def _black_int(spelling: str) -> str:
    """An int literal spelled as in TS, normalised the way black does (`0XFF` -> `0xFF`)."""
    prefix = spelling[:2].lower()
    if prefix == "0x":
        return "0x" + spelling[2:].upper()
    if prefix in ("0o", "0b"):
        return prefix + spelling[2:]
    return spelling


def _kind(value: Str | Num | Bool) -> str:
    """The Python type of a primitive's plain form: str, int, float or bool."""
    if isinstance(value, Num):
        return "int" if is_int(value.value) else "float"
    return "str" if isinstance(value, Str) else "bool"


def value_expr(value: Value, py_type: PyType, constants: Constants) -> Expr:
    """The expression tree of a value checked against its field's type."""
    plain = py_type.inner if isinstance(py_type, PyOptional) else py_type
    references = constants.references
    if (
        references is not None
        and id(value) in references.reads  # first: most values are read from nowhere
        and isinstance(plain, PyScalar)
        and isinstance(value, (Str, Num, Bool))
    ):
        read = references.text(value, (plain.name,))
        if read is not None:
            return Atom(read)
    if isinstance(py_type, PyEnum):
        assert isinstance(value, (Str, Num))
        member = next(
            name for name, v in py_type.members if type(v) is type(value.value) and v == value.value
        )
        return Atom(f"{py_type.name}.{member}")
    if isinstance(py_type, PyOptional):
        if isinstance(value, (Null, Undefined)):
            return Atom("None")
        return value_expr(value, py_type.inner, constants)
    if isinstance(py_type, PyTuple):
        assert isinstance(value, Array)
        return _tuple([value_expr(item, py_type.element, constants) for item in value.items])
    scalar = _scalar(value)
    if scalar is not None:
        return scalar
    if isinstance(value, Num):
        wants_int = isinstance(py_type, PyScalar) and py_type.name == "int"
        wants_int = wants_int or (isinstance(py_type, PyLiteral) and is_int(value.value))
        return Atom(int_expression(value, constants) if wants_int else py_float(value.value))
    raise AssertionError(f"unchecked value {value!r} for {py_type!r}")


def field_emitter(py_type: PyType, constants: Constants) -> Callable[[Value], Expr]:
    """`value_expr` for every value of one field: the same trees, with strings (the bulk of a
    large registry, and often repeated) turned into atoms once per distinct text."""
    plain = py_type.inner if isinstance(py_type, PyOptional) else py_type
    if not isinstance(plain, (PyScalar, PyLiteral)):  # where a string is `py_str` of itself
        return lambda value: value_expr(value, py_type, constants)
    atoms: dict[str, Atom] = {}

    reads = constants.references.reads if constants.references is not None else {}

    def emit(value: Value) -> Expr:
        if type(value) is not Str or id(value) in reads:
            return value_expr(value, py_type, constants)
        atom = atoms.get(value.value)
        if atom is None:
            atom = atoms[value.value] = Atom(py_str(value.value))
        return atom

    return emit


def _scalar(value: Value) -> Atom | None:
    """Strings, booleans and bigints: the same whatever the declared type."""
    if isinstance(value, Str):
        return Atom(py_str(value.value))
    if isinstance(value, Bool):
        return Atom("True" if value.value else "False")
    if isinstance(value, BigInt):
        return Atom(py_int(value.value))
    return None


def _tuple(items: list[Expr]) -> Expr:
    if not items:
        return Atom("()")
    return Bracketed("(", tuple(("", item) for item in items), ")", one_tuple=len(items) == 1)


def py_plain(value: Value, constants: Constants, type_: Type | None = None) -> str:
    """Python source for a value with no declared type: arrays become tuples, objects read-only
    mappings (`MappingProxyType`), functions inside objects are left out. `type_`, the type
    TypeScript gives the value, keeps keys typed as numbers `int` keys."""
    return flat(plain_expr(value, constants, type_))


# Black puts a value on one line, or wraps it in brackets on its own line, only if it fits in
# the longest line length config allows (1,000); longer than this, black always explodes it one
# member a line, so codegen may write it that way itself (and lay the members out, see
# codegen.output.format.format_spliced).
ALWAYS_EXPLODED = 1_100


def plain_members(
    value: Object | Array,
    constants: Constants,
    type_: Type | None,
    docs: dict[str, str],
    expressions: dict[str, Expr],
) -> str:
    """A const object or array one member a line, as black explodes it: each property after
    its JSDoc as comment lines (black keeps them; the trailing comma is magic). Each member's
    expression goes into `expressions`, by its one-line text, for the formatter to lay out."""
    lines = ["MappingProxyType(", "{"] if isinstance(value, Object) else ["("]
    if isinstance(value, Array):
        for index, item in enumerate(value.items):
            expr = plain_expr(item, constants, item_type(type_, index))
            text = flat(expr)
            expressions[text] = expr
            lines.append(f"{text},")
        return "\n".join([*lines, ")"])
    for key, item, _ in value.entries:
        if isinstance(item, Code):
            continue
        prop = type_.prop_named(key) if isinstance(type_, Obj) else None
        doc = docs.get(key)
        if doc:
            lines.append(py_comment_lines(doc, "# ", width=80))  # black indents it by 8
        expr = plain_expr(item, constants, prop.type if prop else None)
        text = flat(expr)
        expressions[text] = expr
        lines.append(f"{py_key(key, prop)}: {text},")
    return "\n".join([*lines, "}", ")"])


def plain_expr(value: Value, constants: Constants, type_: Type | None = None) -> Expr:
    """The expression tree of a value with no declared type."""
    references = constants.references
    if references is not None and id(value) in references.reads:
        read = (
            references.text(value, (_kind(value),)) if isinstance(value, (Str, Num, Bool)) else None
        )
        if read is not None:
            return Atom(read)
    scalar = _scalar(value)
    if scalar is not None:
        return scalar
    if isinstance(value, Num):
        return Atom(
            int_expression(value, constants) if is_int(value.value) else py_float(value.value)
        )
    if isinstance(value, (Null, Undefined)):
        return Atom("None")
    if isinstance(value, Array):
        return _tuple(
            [plain_expr(item, constants, item_type(type_, i)) for i, item in enumerate(value.items)]
        )
    if isinstance(value, Object):
        pairs: list[tuple[str, Expr]] = []
        for key, item, _ in value.entries:
            if isinstance(item, Code):
                continue
            prop = type_.prop_named(key) if isinstance(type_, Obj) else None
            pairs.append(
                (
                    f"{py_key(key, prop)}: ",
                    plain_expr(item, constants, prop.type if prop else None),
                )
            )
        return Bracketed("MappingProxyType(", (("", Bracketed("{", tuple(pairs), "}")),), ")")
    if isinstance(value, JsMap):
        python_keys([key for key, _ in value.entries], "Map keys")
        entries = tuple(
            (f"{flat(plain_expr(key, constants))}: ", plain_expr(item, constants))
            for key, item in value.entries
        )
        return Bracketed("MappingProxyType(", (("", Bracketed("{", entries, "}")),), ")")
    if isinstance(value, JsSet):
        python_keys(list(value.items), "Set items")
        if not value.items:
            return Atom("frozenset()")
        items = tuple(("", plain_expr(item, constants)) for item in value.items)
        return Bracketed("frozenset(", (("", Bracketed("{", items, "}")),), ")")
    if isinstance(value, JsRegExp):
        return Atom(py_regex(value))
    raise CodegenError("a function inside an array has no Python value", value.span)


def check_plain(value: Value) -> None:
    """Raise the error `plain_expr` would raise for this value, without writing it: Map keys
    and Set items that would not stay distinct in Python, regular expressions without an exact
    Python form. (Mirror-all mode leaves such an export out, with a warning.)"""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, Array):
            stack.extend(current.items)
        elif isinstance(current, Object):
            stack.extend(item for _, item, _ in current.entries)
        elif isinstance(current, JsMap):
            python_keys([key for key, _ in current.entries], "Map keys")
            stack.extend(item for _, item in current.entries)
        elif isinstance(current, JsSet):
            python_keys(list(current.items), "Set items")
        elif isinstance(current, JsRegExp):
            py_regex(current)


def python_keys(values: list[Value], what: str) -> None:
    """Check that a Map's keys (or a Set's items) stay distinct, hashable keys in Python:
    strings, numbers, bigints, booleans and null, where Python's `==` tells apart exactly what
    JavaScript's SameValueZero does. An object compares by identity in JavaScript, `NaN` equals
    itself there, and `1`, `1n` and `true` are three keys there but one in Python: refused."""
    seen: dict[object, Value] = {}
    for value in values:
        key: object
        if isinstance(value, (Str, Bool, BigInt)):
            key = value.value
        elif isinstance(value, Num) and not math.isnan(value.value):
            key = value.value + 0.0  # -0 is 0, as in a Map
        elif isinstance(value, (Null, Undefined)):
            key = None
        elif isinstance(value, Num):
            raise CodegenError(
                f"{what} that are NaN have no Python form (JavaScript finds `NaN` by itself; "
                "Python does not)",
                value.span,
            )
        else:
            raise CodegenError(
                f"{what} have a Python form when they are strings, numbers, bigints, booleans "
                f"or null, not {kind(value)} (JavaScript compares those by identity)",
                value.span,
            )
        if key in seen:
            raise CodegenError(
                f"{what} {_shown(seen[key])} and {_shown(value)} are distinct in JavaScript "
                "but one key in Python",
                value.span,
            )
        seen[key] = value


def _shown(value: Value) -> str:
    if isinstance(value, Str):
        return py_str(value.value)
    if isinstance(value, BigInt):
        return f"`{value.value}n`"
    if isinstance(value, Bool):
        return "`true`" if value.value else "`false`"
    if isinstance(value, Num):
        return f"`{py_float(value.value) if not is_int(value.value) else int(value.value)}`"
    return "`null`" if isinstance(value, Null) else "`undefined`"


def py_regex(value: JsRegExp) -> str:
    """`re.compile(...)` for a regular expression whose meaning Python's `re` keeps exactly
    (codegen.mirror.regex); refused, with the reason, otherwise."""
    from codegen.mirror.regex import Untranslatable, translate

    try:
        translated = translate(value.source, value.flags)
        if not translated.astral_exact:
            raise Untranslatable(
                "on text with characters above U+FFFF (emoji) it would match differently, "
                "since JavaScript matches half of such a character here (the `u` flag, where "
                "the pattern allows it, makes it match whole characters)"
            )
    except Untranslatable as reason:
        raise CodegenError(
            f"the regular expression /{value.source}/{value.flags} has no exact Python form: "
            f"{reason}",
            value.span,
        ) from None
    flags = " | ".join(f"re.{flag}" for flag in translated.flags)
    return f"re.compile({py_str(translated.pattern)}{', ' + flags if flags else ''})"


def py_literal_member(member: str | float | bool) -> str:
    """One member of a `Literal[...]` type."""
    if isinstance(member, bool):
        return "True" if member else "False"
    if isinstance(member, str):
        return py_str(member)
    return py_int(int(member)) if is_int(member) else py_float(member)


def py_annotation(py_type: PyType) -> str:
    """The annotation text of a Python type."""
    if isinstance(py_type, PyScalar):
        return "int" if py_type.name == "bigint" else py_type.name
    if isinstance(py_type, PyLiteral):
        if py_type.alias is not None:
            return py_type.alias
        return f"Literal[{', '.join(py_literal_member(v) for v in py_type.values)}]"
    if isinstance(py_type, PyTuple):
        return f"tuple[{py_annotation(py_type.element)}, ...]"
    if isinstance(py_type, PyEnum):
        return py_type.name
    return f"{py_annotation(py_type.inner)} | None"


def call_expr(callee: str, arguments: list[tuple[str, Expr]]) -> Bracketed:
    """`callee(name=value, ...)`."""
    return Bracketed(f"{callee}(", tuple((f"{name}=", value) for name, value in arguments), ")")


def py_key(key: str, prop: Prop | None) -> str:
    """A property key: an `int` where TypeScript types it as an integral number."""
    if prop is not None and prop.key.kind == "number":
        number = prop.key.value
        assert isinstance(number, float)
        if is_int(number) and py_int(int(number)) == key:
            return py_int(int(number))
    return py_str(key)


def item_type(type_: Type | None, index: int) -> Type | None:
    """The type of an array's item, from a tuple or array type."""
    if isinstance(type_, Arr):
        return type_.element
    if isinstance(type_, Tup) and index < len(type_.elements):
        element = type_.elements[index]
        return None if element.rest or element.optional else element.type
    return None
