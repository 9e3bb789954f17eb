"""codegen: a TypeScript registry is the source of truth; its Python mirror is generated."""

__version__ = "0.2.0"
