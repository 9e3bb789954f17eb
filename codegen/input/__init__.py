"""Stage 1, input: read TypeScript and compute what it declares.

parse (tree-sitter, once per file) -> extract (declarations, no syntax nodes kept) -> program
(files and imports) -> evaluate (values with JavaScript meaning; jsops and lexical hold the
language rules, shapes is evaluate's fast path, syntax the limits and node types they share).
"""
