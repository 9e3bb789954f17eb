"""Stage 1, parse: refuse text tree-sitter accepts but TypeScript reads otherwise, or rejects.

Two classes of disagreement between the pinned tree-sitter-typescript grammar and TypeScript's
own parser are known, and each is refused with a located error rather than evaluated:

- identifiers: tree-sitter takes any run of characters that are not punctuation or space, and
  takes `\\u` escapes in them as written. TypeScript holds identifiers to Unicode's ID_Start and
  ID_Continue (plus `$`, `_`, ZWNJ and ZWJ) after decoding escapes, and means the decoded name.
- `<` and `<<`: after an operand, TypeScript first tries `<` as opening type arguments (`f<T>(x)`),
  and `<<` as `<` opening type arguments whose first type is a generic function type
  (`f<<T>(x: T) => T>(g)`). When that attempt reaches a lone `>` followed by a token that may
  follow type arguments, TypeScript keeps that reading, with whatever syntax errors it met on the
  way; tree-sitter, which recovers differently, may read a comparison or a shift. The check here
  is conservative: it follows the tokens a type could hold, without parsing the type.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tree_sitter import Node, QueryCursor

from codegen.errors import CodegenError
from codegen.input.rules import compiled_query

if TYPE_CHECKING:
    from codegen.input.parse import SourceFile

_IDENTIFIERS = {
    "identifier",
    "property_identifier",
    "shorthand_property_identifier",
    "shorthand_property_identifier_pattern",
    "type_identifier",
    "private_property_identifier",
    "statement_identifier",
}
_OPAQUE = {"string", "comment", "regex", "html_comment", "string_fragment", "escape_sequence"}
# Unicode's Other_ID_Start and Other_ID_Continue (stable by policy), and the one letter-like
# character that Pattern_Syntax takes out of both.
_OTHER_ID_START = {0x1885, 0x1886, 0x2118, 0x212E, 0x309B, 0x309C}
_OTHER_ID_CONTINUE = {0xB7, 0x387, *range(0x1369, 0x1372), 0x19DA, 0x200C, 0x200D, 0x30FB, 0xFF65}
_PATTERN_SYNTAX_LETTERS = {0x2E2F}
_START_CATEGORIES = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nl"}
_CONTINUE_CATEGORIES = {"Mn", "Mc", "Nd", "Pc"}
_ESCAPE = re.compile(r"\\u(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{4}))")
_SUSPECT = re.compile(rb"[^\x00-\x7e]|\\")


def check(source: SourceFile) -> None:
    """Raise a CodegenError at the first construct the two parsers disagree on."""
    _check_identifiers(source)
    if b"<" in source.data and b">" in source.data:
        _check_shifts(source)


def is_id_start(char: str) -> bool:
    """Whether JavaScript lets an identifier begin with this character."""
    code = ord(char)
    if char in "$_":
        return True
    if code in _PATTERN_SYNTAX_LETTERS:
        return False
    return unicodedata.category(char) in _START_CATEGORIES or code in _OTHER_ID_START


def is_id_part(char: str) -> bool:
    """Whether JavaScript lets an identifier go on with this character."""
    code = ord(char)
    if is_id_start(char) or code in (0x200C, 0x200D):
        return True
    if code in _PATTERN_SYNTAX_LETTERS:
        return False
    return unicodedata.category(char) in _CONTINUE_CATEGORIES or code in _OTHER_ID_CONTINUE


def _check_identifiers(source: SourceFile) -> None:
    """Identifiers with escapes or non-ASCII characters, found from the raw bytes."""
    data, root, offset = source.data, source.tree.root_node, 0
    while (found := _SUSPECT.search(data, offset)) is not None:
        node = root.descendant_for_byte_range(found.start(), found.start() + 1)
        if node is not None and node.type in _OPAQUE:
            if node.parent is not None and node.parent.type == "string":
                node = node.parent  # skip the whole string
            offset = max(node.end_byte, found.end())
        elif node is not None and node.type in _IDENTIFIERS:
            _check_identifier(source, node)
            offset = max(node.end_byte, found.end())
        else:
            offset = found.end()


def _check_identifier(source: SourceFile, node: Node) -> None:
    text = source.text(node)
    name = text[1:] if node.type == "private_property_identifier" else text
    codes = [int(m.group(1) or m.group(2), 16) for m in _ESCAPE.finditer(name)]
    if any(code > 0x10FFFF for code in codes):
        raise CodegenError(
            f"syntax error: an escape in the identifier `{text}` is past U+10FFFF",
            source.span(node),
        )
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), name)
    for index, char in enumerate(decoded):
        if char == "\\":
            raise CodegenError(
                f"syntax error: a stray `\\` in the identifier `{text}`", source.span(node)
            )
        if unicodedata.category(char) == "Cn":
            raise CodegenError(
                f"cannot read the identifier `{text}`: U+{ord(char):04X} is not in this "
                f"Python's Unicode tables ({unicodedata.unidata_version})",
                source.span(node),
            )
        if not (is_id_start(char) if index == 0 else is_id_part(char)):
            raise CodegenError(
                f"syntax error: invalid character U+{ord(char):04X} in the identifier `{text}`",
                source.span(node),
            )
    if decoded != name:
        raise CodegenError(
            f"the identifier `{text}` is written with a `\\u` escape, which codegen does not "
            f"decode; write `{decoded}`",
            source.span(node),
        )


# Tokens a type can never hold: the type-argument reading of `<<` cannot reach past them.
_NOT_IN_TYPES = {"/", "%", "<<", "==", "!=", "===", "!==", "<=", "&&", "||", "??", "~", "++",
                 "--", "instanceof", "?."}  # fmt: skip
_ENDS_VALUE = {")", "]", "}", "`", "number", "string"}
_OPENS = {"(", "[", "{", "${"}
_CLOSES = {")", "]", "}"}
_BINARY = {"*", "/", "%", "**", "<<", ">>", ">>>", "<=", ">=", "==", "!=", "===", "!==", "&",
           "^", "|", "&&", "||", "??", "instanceof", "in", "as", "satisfies"}  # fmt: skip
_NOT_EXPRESSION_START = {")", "]", "}", ",", ";", ":", "?", "?.", ".", "=", "=>", ">"}
_STARTS_TYPE = {"(", "[", "{", "`", "-", "identifier", "number", "string", "true", "false",
                "null", "undefined", "typeof", "void"}  # fmt: skip
_MAPPED_MODIFIER_AFTER = {"{", ";", ",", "]"}
_SCOPES = {"variable_declarator", "pair", "enum_assignment", "program"}


def _check_shifts(source: SourceFile) -> None:
    query = compiled_query(source.tree.language, '(binary_expression operator: ["<" "<<"] @less)')
    shifts = QueryCursor(query).captures(source.tree.root_node).get("less", [])
    for operator in sorted(shifts, key=lambda node: node.start_byte):
        _check_shift(source, operator)


def _check_shift(source: SourceFile, operator: Node) -> None:
    """Refuse when TypeScript could read this `<` or `<<` as the start of type arguments."""
    scope = operator.parent
    while scope is not None and scope.parent is not None and scope.parent.type not in _SCOPES:
        if scope.type.endswith(("statement", "declaration")):
            break
        scope = scope.parent
    assert scope is not None
    openers: list[str] = []
    previous, closing, signed = operator, None, ""
    for token in _following(operator, scope):
        if closing is not None and _may_follow_type_arguments(closing, token):
            break
        closing = None
        kind = token.type
        # Inside braces a type literal's computed member names hold expressions: there, only
        # the brackets bound the reading.
        if "{" not in openers and _ends_type(signed, previous.type, kind):
            return
        if kind in _OPENS:
            openers.append(kind)
        elif kind in _CLOSES:
            if not openers:
                return
            openers.pop()
        elif kind == ";" and not openers:
            return
        closing = token if kind == ">" else None
        signed, previous = previous.type, token
    if closing is not None:  # the last token in scope, or one that type arguments may precede
        line, column = source.position(closing.start_byte)
        raise CodegenError(
            f"syntax error: TypeScript reads this `{operator.type}` as opening type arguments, "
            f"closed by the `>` at {line}:{column}; give the comparison a const of its own",
            source.span(operator),
        )


def _ends_type(before: str, previous: str, kind: str) -> bool:
    """Whether no type (outside braces) can hold `kind` after `before previous`."""
    return (
        kind in _NOT_IN_TYPES
        or (kind == "." and previous in _ENDS_VALUE)
        or (previous == "?" and kind in _STARTS_TYPE)  # a type ends before a `?` a type follows
        or (kind == "+" and previous not in _MAPPED_MODIFIER_AFTER)  # only `+readonly`, `]+?`
        or (previous == "-" and kind != "number" and before not in _MAPPED_MODIFIER_AFTER)
        or (previous == "typeof" and kind == "(")  # a type query names an entity
    )


def _following(operator: Node, scope: Node) -> Iterator[Node]:
    """The tokens after `operator` up to the end of `scope`, lazily."""
    node = operator
    while node != scope and node.parent is not None:
        sibling = node.next_sibling
        while sibling is not None:
            yield from _tokens(sibling)
            sibling = sibling.next_sibling
        node = node.parent


def _tokens(node: Node) -> Iterator[Node]:
    """The leaves of a subtree in order; strings, numbers and regexes whole, comments left out."""
    if node.type in ("string", "number", "regex"):
        yield node
    elif node.type == "comment" or node.type in ("string_fragment", "escape_sequence"):
        return
    elif node.child_count == 0:
        yield node
    else:
        for child in node.children:
            yield from _tokens(child)


def _may_follow_type_arguments(closing: Node, token: Node | None) -> bool:
    """TypeScript's `canFollowTypeArgumentsInExpression`, on tree-sitter tokens."""
    if token is None:
        return True
    kind = token.type
    if kind in ("(", "`"):
        return True
    if kind in ("<", ">", "+", "-"):
        return False
    if token.start_point[0] > closing.end_point[0]:
        return True
    return kind in _BINARY or kind in _NOT_EXPRESSION_START
