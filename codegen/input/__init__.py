"""Stage 1, input: read TypeScript and compute what it declares.

parse (tree-sitter, once per file; syntax checks what the grammar reads differently) ->
extract (declarations, no syntax nodes kept) -> program (files and imports) -> evaluate
(values with JavaScript meaning; jsops and lexical hold the language rules, rules the limits
they share, shapes is evaluate's fast path, mutation finds values code may change; calls run
what only JavaScript knows in the embedded engine, with jsstrip blanking TypeScript out and
crossing carrying values both ways; modulerun runs a module whole when its code changes its
consts as it loads) -> typeeval (types as TypeScript's checker computes them).
"""
