"""Stage 5b, references: a value read from a mirrored const or enum is emitted as that read.

`retryable: [CODES.BAD_GATEWAY]` becomes `(CODES["BAD_GATEWAY"],)` and `level: Level.HIGH`
becomes `Level.HIGH`, when the Python expression has exactly the TypeScript value and a type
the place accepts:
- only strings, numbers and booleans are referred to (a whole object or array is inlined: its
  Python type would be a mapping keyed differently);
- the const is defined earlier in the module (enums always are), and every step of the path
  goes through a single mapping or tuple in its annotation, ending at one scalar type (a
  `Literal` alias of values has the scalar type of its members), which the place accepts;
- enum members only of `IntEnum` and `(str, Enum)` classes, which are ints and strings.
Anything else is inlined, as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from codegen.input.tstypes import Obj, Type
from codegen.input.values import Array, Bool, Num, Object, Reference, Str, Value
from codegen.mirror.valueforms import Form
from codegen.output.literals import item_type, py_key


@dataclass(frozen=True)
class Root:
    """A module-level const the module defines, as references into it need it."""

    name: str  # its Python name
    position: int  # its place among the module's values; a use must come later
    value: Value
    type: Type | None  # TypeScript's type: which keys are ints
    forms: tuple[Form, ...]  # its annotation, as codegen.mirror.valueforms has it


@dataclass(frozen=True)
class EnumRoot:
    """An enum class the module defines: TS member name -> Python member name."""

    name: str
    members: Mapping[str, str]
    kind: str  # "int" or "str"


class References:
    """Turns values read from mirrored consts into Python reads of them."""

    def __init__(
        self,
        reads: Mapping[int, tuple[Value, Reference]],
        roots: Mapping[tuple[str, str], Root | EnumRoot],
    ) -> None:
        self.reads = reads
        self.roots = roots
        self.position = 0  # the value being emitted

    def text(self, value: Value, accepts: tuple[str, ...]) -> str | None:
        """The Python read of `value`, if it was read from a mirrored const or enum and its
        Python type is one of `accepts` ("str", "int", "float", "bool"); else None."""
        found = self.reads.get(id(value))
        if found is None or not isinstance(value, (Str, Num, Bool)):
            return None
        reference = found[1]
        root = self.roots.get(reference.root)
        if isinstance(root, EnumRoot):
            member = root.members.get(reference.path[0]) if len(reference.path) == 1 else None
            kinds = ("int", "float") if root.kind == "int" else ("str",)
            if member is None or not set(kinds) & set(accepts):
                return None
            return f"{root.name}.{member}"
        if root is None or root.position >= self.position or not reference.path:
            return None
        return _read(root, reference.path, accepts)


def _read(root: Root, path: tuple[str, ...], accepts: tuple[str, ...]) -> str | None:
    """`NAME[k1][k2]...` when each step is typed exactly enough, else None."""
    text, value, type_, forms = root.name, root.value, root.type, root.forms
    for key in path:
        if len(forms) != 1:
            return None
        (form,) = forms
        if isinstance(value, Object) and form.kind == "Mapping":
            prop = type_.prop_named(key) if isinstance(type_, Obj) else None
            found = value.get(key)
            if found is None:
                return None
            text += f"[{py_key(key, prop)}]"
            value, type_ = found, prop.type if prop else None
        elif isinstance(value, Array) and form.kind == "tuple" and key.isdigit():
            index = int(key)
            if index >= len(value.items):
                return None
            text += f"[{index}]"
            value, type_ = value.items[index], item_type(type_, index)
        else:
            return None
        forms = form.items
    if len(forms) != 1:
        return None
    kind = forms[0].kind
    return text if kind in accepts or (kind == "int" and "float" in accepts) else None
