"""JavaScript operator semantics on constant values: conversions, arithmetic, comparisons."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal

from codegen.errors import Span
from codegen.input.lexical import join_utf16
from codegen.input.values import (
    OPAQUE,
    Array,
    BigInt,
    Bool,
    Code,
    JsMap,
    JsRegExp,
    JsSet,
    Null,
    Num,
    Object,
    Str,
    Undefined,
    Value,
)

_JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"  # noqa: E501
_STRING_DECIMAL = re.compile(r"[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Infinity)")


class JSTypeError(Exception):
    """An operation JavaScript rejects, or that has no static meaning; the message says which."""


def kind(value: Value) -> str:
    """A value's kind in words, for diagnostics."""
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
        JsMap: "a Map",
        JsSet: "a Set",
        JsRegExp: "a regular expression",
    }[type(value)]


def truthy(value: Value) -> bool:
    """ToBoolean."""
    if isinstance(value, (Null, Undefined)):
        return False
    if isinstance(value, (Bool, BigInt)):
        return bool(value.value)
    if isinstance(value, Num):
        return not (value.value == 0 or math.isnan(value.value))
    if isinstance(value, Str):
        return value.value != ""
    return True


def typeof(value: Value) -> str:
    """The `typeof` operator."""
    if isinstance(value, Str):
        return "string"
    if isinstance(value, Num):
        return "number"
    if isinstance(value, BigInt):
        return "bigint"
    if isinstance(value, Bool):
        return "boolean"
    if isinstance(value, Undefined):
        return "undefined"
    if isinstance(value, Code):
        return "function"
    return "object"


def number_to_string(number: float) -> str:
    """Number::toString(10): shortest round-trip digits, with JavaScript's exponent rules."""
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


def to_string(value: Value) -> str:
    """ToString, for primitives."""
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
    if isinstance(value, Array):  # Array.prototype.join(",")
        parts = ("" if isinstance(v, (Null, Undefined)) else to_string(v) for v in value.items)
        return join_utf16(",".join(parts))
    if isinstance(value, Object):
        return "[object Object]"
    raise JSTypeError(f"cannot convert {kind(value)} to a string statically")


def to_primitive(value: Value) -> Value:
    """ToPrimitive: arrays and plain objects become their strings; functions are refused."""
    if isinstance(value, (Array, Object)):
        return Str(to_string(value), value.span)
    if isinstance(value, Code):
        raise JSTypeError("cannot use a function as a value in an expression")
    if isinstance(value, OPAQUE):
        raise JSTypeError(f"cannot convert {kind(value)} to a primitive statically")
    return value


def string_to_number(text: str) -> float:
    """StringToNumber: `" 12 "` -> 12, `"0x1F"` -> 31, `""` -> 0, anything else NaN."""
    text = text.strip(_JS_WHITESPACE)
    if not text:
        return 0.0
    if text[:2].lower() in _RADIXES:
        value = _prefixed_integer(text)
        if value is None:
            return math.nan
        return float(value) if value < 2**1024 else math.inf
    if not _STRING_DECIMAL.fullmatch(text):
        return math.nan
    return float(text.replace("Infinity", "inf"))


_RADIXES = {"0x": (16, "0123456789abcdef"), "0o": (8, "01234567"), "0b": (2, "01")}


def _prefixed_integer(text: str) -> int | None:
    """The value of `0x1F`, `0o17` or `0b101` (no sign, no separators), or None."""
    radix, digits = _RADIXES[text[:2].lower()]
    body = text[2:].lower()
    return int(body, radix) if body and all(ch in digits for ch in body) else None


def to_number(value: Value) -> float:
    """ToNumber, for primitives; a bigint is a TypeError."""
    if isinstance(value, Num):
        return value.value
    if isinstance(value, Bool):
        return 1.0 if value.value else 0.0
    if isinstance(value, Null):
        return 0.0
    if isinstance(value, Undefined):
        return math.nan
    if isinstance(value, Str):
        return string_to_number(value.value)
    if isinstance(value, BigInt):
        raise JSTypeError("cannot mix a bigint with other types; use an explicit conversion")
    return to_number(to_primitive(value))


def to_int32(number: float) -> int:
    """ToInt32."""
    if not math.isfinite(number):
        return 0
    value = int(number) % 2**32
    return value - 2**32 if value >= 2**31 else value


def to_uint32(number: float) -> int:
    """ToUint32."""
    return to_int32(number) % 2**32


def js_mod(a: float, b: float) -> float:
    """`%`: the remainder takes the dividend's sign."""
    if math.isnan(a) or math.isnan(b) or math.isinf(a) or b == 0:
        return math.nan
    if math.isinf(b) or a == 0:
        return a
    return math.fmod(a, b)


def js_div(a: float, b: float) -> float:
    """`/` in IEEE doubles."""
    if b == 0:
        if a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


def js_pow(a: float, b: float) -> float:
    """`**`: Math.pow, which differs from C's pow at 1 ** NaN and (-1) ** Infinity. Where the
    result is not exact (`10 ** -4`, `1.1 ** 4`), each engine rounds it its own way (Node gives
    0.00009999999999999999 where C gives 0.0001): refused, as `Math.pow` is in the engine."""
    if math.isnan(b) or (abs(a) == 1 and math.isinf(b)):
        return math.nan
    if b == 0:
        return 1.0
    if b == 0.5 and a > 0:
        return math.sqrt(a)  # what engines do: `sqrt`, correctly rounded
    if not pow_is_exact(a, b):
        raise JSTypeError(
            f"`{number_to_string(a)} ** {number_to_string(b)}` is not exact, and engines round "
            "it differently (Node's differs from the C library's); codegen refuses it"
        )
    try:
        return math.pow(a, b)
    except OverflowError:
        odd = b.is_integer() and int(b) % 2 == 1
        return -math.inf if a < 0 and odd else math.inf
    except ValueError:  # 0 ** negative, or negative ** fraction
        if a == 0:
            odd = b.is_integer() and int(b) % 2 == 1
            return math.copysign(math.inf, a) if odd else math.inf
        return math.nan


def pow_is_exact(a: float, b: float) -> bool:
    """Whether every engine gives `a ** b` alike: special values; a square root (`x ** 0.5`,
    which engines take from `sqrt`, correctly rounded); NaN for a negative base and a fraction;
    an integer power of an integer that is exactly representable, or overflows; an integer
    power of a power of two (exact, or IEEE's own overflow and underflow)."""
    if not (math.isfinite(a) and math.isfinite(b)) or a == 0 or b in (0.0, 1.0) or abs(a) == 1:
        return True
    if b == 0.5:
        return a > 0
    if not b.is_integer():
        return a < 0  # NaN
    if math.frexp(abs(a))[0] == 0.5:  # a power of two
        return True
    if a.is_integer() and b > 0:
        if b > 1100:
            return True  # overflows (|a| >= 2)
        exact: int = int(a) ** int(b)
        return abs(exact) >= 2**1024 or int(float(exact)) == exact
    return False


def _shift_count(b: float) -> int:
    return to_uint32(b) & 31


NUMBER_OPS: dict[str, Callable[[float, float], float]] = {
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": js_div,
    "%": js_mod,
    "**": js_pow,
    "&": lambda a, b: float(to_int32(a) & to_int32(b)),
    "|": lambda a, b: float(to_int32(a) | to_int32(b)),
    "^": lambda a, b: float(to_int32(a) ^ to_int32(b)),
    "<<": lambda a, b: float(to_int32(to_int32(a) << _shift_count(b))),
    ">>": lambda a, b: float(to_int32(a) >> _shift_count(b)),
    ">>>": lambda a, b: float(to_uint32(a) >> _shift_count(b)),
}


def _bigint_div(a: int, b: int) -> int:
    if b == 0:
        raise JSTypeError("bigint division by zero")
    quotient = abs(a) // abs(b)
    return quotient if (a < 0) == (b < 0) else -quotient


def _bigint_mod(a: int, b: int) -> int:
    if b == 0:
        raise JSTypeError("bigint division by zero")
    return a - _bigint_div(a, b) * b


def _bigint_pow(a: int, b: int) -> int:
    if b < 0:
        raise JSTypeError("a bigint exponent must not be negative")
    if b > 1_000_000 or (abs(a) > 1 and b * max(abs(a).bit_length(), 1) > 10_000_000):
        raise JSTypeError("bigint result is too large to compute statically")
    return int(a**b)


def _bigint_shift_left(a: int, b: int) -> int:
    if b > 10_000_000:
        raise JSTypeError("bigint result is too large to compute statically")
    return a << b if b >= 0 else a >> -b


BIGINT_OPS: dict[str, Callable[[int, int], int]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _bigint_div,
    "%": _bigint_mod,
    "**": _bigint_pow,
    "&": lambda a, b: a & b,
    "|": lambda a, b: a | b,
    "^": lambda a, b: a ^ b,
    "<<": _bigint_shift_left,
    ">>": lambda a, b: _bigint_shift_left(a, -b),
}


def arithmetic(op: str, left: Value, right: Value, span: Span) -> Value:
    """A binary arithmetic, bitwise or `+` operator, after ToPrimitive."""
    left, right = to_primitive(left), to_primitive(right)
    if op == "+" and (isinstance(left, Str) or isinstance(right, Str)):
        # Two halves of a surrogate pair, joined, are one character: as in UTF-16.
        return Str(join_utf16(to_string(left) + to_string(right)), span)
    if isinstance(left, BigInt) or isinstance(right, BigInt):
        if not (isinstance(left, BigInt) and isinstance(right, BigInt)):
            raise JSTypeError("cannot mix a bigint with other types; use an explicit conversion")
        if op not in BIGINT_OPS:
            raise JSTypeError(f"`{op}` is not defined on bigints")
        return BigInt(BIGINT_OPS[op](left.value, right.value), span)
    a, b = to_number(left), to_number(right)
    return Num(a + b if op == "+" else NUMBER_OPS[op](a, b), span)


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be", "surrogatepass")


def string_to_bigint(text: str) -> int | None:
    """StringToBigInt: `" 12 "` -> 12, `"0x1F"` -> 31, `""` -> 0; None where JavaScript gives
    undefined (`"1e3"`, `"1.5"`, `"Infinity"`: not integer literals)."""
    text = text.strip(_JS_WHITESPACE)
    if not text:
        return 0
    if text[:2].lower() in _RADIXES:
        return _prefixed_integer(text)
    return int(text) if _SIGNED_DIGITS.fullmatch(text) else None


_SIGNED_DIGITS = re.compile(r"[+-]?[0-9]+")


def less_than(left: Value, right: Value) -> bool | None:
    """IsLessThan: None stands for `undefined` (a NaN was involved)."""
    left, right = to_primitive(left), to_primitive(right)
    if isinstance(left, Str) and isinstance(right, Str):
        return _utf16(left.value) < _utf16(right.value)
    if isinstance(left, BigInt) and isinstance(right, Str):  # the string as a bigint
        parsed = string_to_bigint(right.value)
        return None if parsed is None else left.value < parsed
    if isinstance(left, Str) and isinstance(right, BigInt):
        parsed = string_to_bigint(left.value)
        return None if parsed is None else parsed < right.value
    a = _numeric(left)
    b = _numeric(right)
    if (isinstance(a, float) and math.isnan(a)) or (isinstance(b, float) and math.isnan(b)):
        return None
    if (isinstance(a, float) and math.isinf(a)) or (isinstance(b, float) and math.isinf(b)):
        return float(a) < float(b)
    return Decimal(a) < Decimal(b)


def _numeric(value: Value) -> int | float:
    """ToNumeric, for comparisons: a bigint stays an exact int; strings next to bigints parse."""
    if isinstance(value, BigInt):
        return value.value
    return to_number(value)


def compare(op: str, left: Value, right: Value) -> bool:
    """`<`, `<=`, `>`, `>=`."""
    if op == "<":
        return less_than(left, right) is True
    if op == ">":
        return less_than(right, left) is True
    if op == "<=":
        result = less_than(right, left)
        return result is False
    result = less_than(left, right)
    return result is False


def strict_equals(left: Value, right: Value) -> bool:
    """`===`."""
    if type(left) is not type(right):
        return False
    if isinstance(left, (Array, Object, Code, *OPAQUE)):
        return left is right  # objects compare by identity
    if isinstance(left, (Null, Undefined)):
        return True
    assert isinstance(left, (Str, Num, BigInt, Bool)) and isinstance(
        right, (Str, Num, BigInt, Bool)
    )
    return left.value == right.value  # NaN != NaN and 0 == -0, as in JS


def loose_equals(left: Value, right: Value) -> bool:
    """`==`, for primitives (and identity for objects)."""
    if type(left) is type(right):
        return strict_equals(left, right)
    nullish = (Null, Undefined)
    if isinstance(left, nullish) or isinstance(right, nullish):
        return isinstance(left, nullish) and isinstance(right, nullish)
    objects = (Array, Object, Code, *OPAQUE)
    if isinstance(left, objects) or isinstance(right, objects):
        return loose_equals(to_primitive(left), to_primitive(right))
    if isinstance(left, Bool):
        return loose_equals(Num(to_number(left), left.span), right)
    if isinstance(right, Bool):
        return loose_equals(left, Num(to_number(right), right.span))
    if isinstance(left, BigInt) or isinstance(right, BigInt):
        other = right if isinstance(left, BigInt) else left
        big = left if isinstance(left, BigInt) else right
        assert isinstance(big, BigInt)
        if isinstance(other, Str):  # `10n == "10"`: the string as a bigint
            return string_to_bigint(other.value) == big.value
        number = to_number(other)
        return math.isfinite(number) and number.is_integer() and int(number) == big.value
    return to_number(left) == to_number(right)


def property_key(value: Value) -> str:
    """ToPropertyKey, for primitives."""
    return to_string(value)


def property_order(key: str) -> tuple[int, int]:
    """Own-property order: array-index keys first, ascending; then insertion order."""
    if key.isascii() and key.isdigit() and (key == "0" or key[0] != "0") and int(key) < 2**32 - 1:
        return (0, int(key))
    return (1, 0)
