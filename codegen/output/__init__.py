"""Stage 3, output: the mirror as Python source, formatted and written.

literals (the one literal emitter) -> context (template variables) -> render (Jinja2) ->
format (black; layout lays registry entries out in black's style) -> write (atomic, or compare).
"""
