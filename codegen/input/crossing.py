"""Stage 3c, crossing: values into and out of the JavaScript engine, exactly.

Into the engine, a value is JavaScript source (`jsvalue`): numbers keep `-0`, `NaN` and the
infinities, strings their lone surrogates (as `\\uXXXX` escapes), bigints their `n`. Out of
the engine, `ENCODER` turns the result into JSON with tags for what JSON cannot spell, and
`decode` makes codegen values of it:

- `{"$number": "-0" | "NaN" | "Infinity" | "-Infinity"}`, `{"$bigint": "123"}`;
- `{"$undefined": true}`, and `{"$hole": true}` for an array hole (refused: codegen values have
  no holes);
- `{"$object": [[key, value], ...]}`: keys in JavaScript's order, exactly;
- `{"$function": true}` (code);
- `{"$map": [[key, value], ...]}` and `{"$set": [item, ...]}` in insertion order, and
  `{"$regexp": "/source/flags"}`, the spellings `codegen inspect` and the oracle use too.
"""

from __future__ import annotations

import json
import math
from typing import Any

from codegen.errors import CodegenError, Span
from codegen.input.jsops import number_to_string
from codegen.input.values import (
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

ENCODER = r"""
function __codegenEncode(root) {
  const seen = new Set();
  function walk(value) {
    switch (typeof value) {
      case "string": case "boolean": return value;
      case "number":
        if (Number.isNaN(value)) return { $number: "NaN" };
        if (value === Infinity) return { $number: "Infinity" };
        if (value === -Infinity) return { $number: "-Infinity" };
        if (Object.is(value, -0)) return { $number: "-0" };
        return value;
      case "bigint": return { $bigint: value.toString() };
      case "undefined": return { $undefined: true };
      case "function": return { $function: true };
      case "symbol": throw new Error("codegen: a symbol has no value codegen can mirror");
    }
    if (value === null) return null;
    if (seen.has(value)) throw new Error("codegen: the value refers to itself (a cycle)");
    seen.add(value);
    try {
      if (Array.isArray(value)) {
        const items = [];
        for (let i = 0; i < value.length; i++) {
          items.push(i in value ? walk(value[i]) : { $hole: true });
        }
        return items;
      }
      if (value instanceof Map) return { $map: [...value].map(([k, v]) => [walk(k), walk(v)]) };
      if (value instanceof Set) return { $set: [...value].map(walk) };
      if (value instanceof RegExp) return { $regexp: String(value) };
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        const name = Object.prototype.toString.call(value).slice(8, -1);
        throw new Error("codegen: an object of the kind " + name + " (not a plain object, " +
          "array, Map, Set or RegExp) has no value codegen can mirror");
      }
      return { $object: Object.keys(value).map((key) => [key, walk(value[key])]) };
    } finally {
      seen.delete(value);
    }
  }
  return JSON.stringify(walk(root));
}
"""


def jsvalue(value: Value) -> str | None:
    """JavaScript source for a value, or None when it holds code (which does not cross)."""
    if isinstance(value, Str):
        return _js_string(value.value)
    if isinstance(value, Num):
        number = value.value
        if math.isnan(number):
            return "NaN"
        if math.isinf(number):
            return "Infinity" if number > 0 else "-Infinity"
        if number == 0 and math.copysign(1.0, number) < 0:
            return "-0"
        return number_to_string(number)
    if isinstance(value, Bool):
        return "true" if value.value else "false"
    if isinstance(value, BigInt):
        return f"{value.value}n"
    if isinstance(value, Null):
        return "null"
    if isinstance(value, Undefined):
        return "undefined"
    if isinstance(value, Array):
        items = [jsvalue(item) for item in value.items]
        return None if None in items else "[" + ", ".join(str(item) for item in items) + "]"
    if isinstance(value, Object):
        pairs = []
        for key, item, _ in value.entries:
            text = jsvalue(item)
            if text is None:
                return None
            pairs.append(f"{_js_string(key)}: {text}")
        return "({" + ", ".join(pairs) + "})"
    if isinstance(value, JsMap):
        texts = [(jsvalue(key), jsvalue(item)) for key, item in value.entries]
        if any(key is None or item is None for key, item in texts):
            return None
        return "new Map([" + ", ".join(f"[{key}, {item}]" for key, item in texts) + "])"
    if isinstance(value, JsSet):
        items = [jsvalue(item) for item in value.items]
        return None if None in items else "new Set([" + ", ".join(str(i) for i in items) + "])"
    if isinstance(value, JsRegExp):
        return f"new RegExp({_js_string(value.source)}, {_js_string(value.flags)})"
    return None


def _js_string(text: str) -> str:
    """A JavaScript string literal with exactly this value (lone surrogates escaped)."""
    return json.dumps(text, ensure_ascii=True)


def decode(text: str, span: Span) -> Value:
    """The codegen value of the engine's encoded result; every value gets the call's span."""
    return _value(json.loads(text), span)


def _value(data: Any, span: Span) -> Value:
    if isinstance(data, bool):
        return Bool(data, span)
    if isinstance(data, str):
        return Str(data, span)
    if isinstance(data, (int, float)):
        return Num(float(data), span)
    if data is None:
        return Null(span)
    if isinstance(data, list):
        return Array(tuple(_value(item, span) for item in data), span)
    (tag, content), *_ = data.items()
    if tag == "$object":
        return Object(tuple((key, _value(item, span), span) for key, item in content), span)
    if tag == "$number":
        return Num(
            {"-0": -0.0, "NaN": math.nan, "Infinity": math.inf}.get(content, -math.inf), span
        )
    if tag == "$bigint":
        return BigInt(int(content), span)
    if tag == "$undefined":
        return Undefined(span)
    if tag == "$function":
        return Code(span)
    if tag == "$map":
        return JsMap(tuple((_value(key, span), _value(item, span)) for key, item in content), span)
    if tag == "$set":
        return JsSet(tuple(_value(item, span) for item in content), span)
    if tag == "$regexp":
        source, _, flags = content[1:].rpartition("/")  # flags never hold a `/`
        return JsRegExp(source, flags, span)
    what = {"$hole": "an array with holes"}.get(tag, tag)
    raise CodegenError(f"the call gives {what}, which codegen cannot mirror", span)
