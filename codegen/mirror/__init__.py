"""Stage 2, mirror: what each TypeScript export becomes in Python.

typemap (TypeScript types to Python types, values checked against them) -> schema (an
interface and its entries as a checked dataclass) -> exports (the mirror of a whole module);
regex (with regex_syntax, its parser) translates JavaScript regular expressions into exactly
equivalent Python patterns, or says why not.
"""
