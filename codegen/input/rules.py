"""The rules every reader of the source shares: limits, kinds of syntax node, number literals.

The evaluator (codegen.input.evaluate), its accelerator (codegen.input.shapes), the parser and
the extractor take these from here, so that no two of them can disagree on a limit, on which
nodes wrap an expression, or on the value a numeric literal spells.
"""

from __future__ import annotations

from tree_sitter import Language, Query

from codegen.errors import Span
from codegen.input.lexical import parse_bigint, parse_number
from codegen.input.values import BigInt, Num, NumLiteral

# -- limits ---------------------------------------------------------------------------------

MAX_SOURCE_BYTES = 64 * 1024 * 1024  # one source file
MAX_DEPTH = 200  # nesting of one expression: well past any real registry, inside Python's stack
MAX_CHAIN = 100  # consts defined through consts (across files too), one inside the next
MAX_STRING = 1_000_000  # characters in one string value

# -- kinds of syntax node -------------------------------------------------------------------

# `(x)`, `x as T`, `x satisfies T`, `x!` and `<T>x`: the value of the expression inside.
WRAPPERS = frozenset(
    {
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
        "type_assertion",
    }
)
# Expressions whose value is code: mirrored as such, never run.
CODE_EXPRESSIONS = frozenset(
    {"arrow_function", "function_expression", "function", "generator_function", "class"}
)
# Statements that declare code under a name.
CODE_DECLARATIONS = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "class_declaration",
        "abstract_class_declaration",
    }
)

# -- number literals ------------------------------------------------------------------------


def number_literal(spelling: str, span: Span) -> Num | BigInt:
    """The value a numeric literal token (`86_400`, `0xFF`, `.5`, `10n`) spells, at `span`.

    Raises LexicalError (or ValueError) for a spelling JavaScript rejects; the caller words it.
    """
    if spelling.endswith("n"):
        return BigInt(parse_bigint(spelling), span)
    return Num(parse_number(spelling), span, NumLiteral(spelling))


def compiled_query(language: Language, text: str) -> Query:
    """A tree-sitter query, compiled once per process (compiling costs milliseconds; codegen
    reads one grammar)."""
    query = _QUERIES.get(text)
    if query is None:
        query = _QUERIES[text] = Query(language, text)
    return query


_QUERIES: dict[str, Query] = {}
