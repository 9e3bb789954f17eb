"""The model of Python types, as the mirror declares them."""

from __future__ import annotations

from dataclasses import dataclass

# Python types, as the mirror declares them


@dataclass(frozen=True)
class PyScalar:
    """`str`, `int`, `float`, `bool`, or `number` before the values decide int or float."""

    name: str


@dataclass(frozen=True)
class PyLiteral:
    """`Literal[...]` over these values, named by an alias when the TS type was one."""

    values: tuple[str | float | bool, ...]
    alias: str | None = None


@dataclass(frozen=True)
class PyTuple:
    """`tuple[element, ...]`."""

    element: PyType


@dataclass(frozen=True)
class PyOptional:
    """`inner | None`."""

    inner: PyType


@dataclass(frozen=True)
class PyEnum:
    """A TS enum mirrored as an `enum.Enum` subclass; values refer to its members."""

    name: str
    members: tuple[tuple[str, str | float], ...]


PyType = PyScalar | PyLiteral | PyTuple | PyOptional | PyEnum
