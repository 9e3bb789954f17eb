"""No string from TypeScript can inject code: arbitrary text goes TS -> generated module -> import
and comes back exactly, with nothing else run and nothing else defined."""

from __future__ import annotations

import ast
import sys
import types
from pathlib import Path

from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codegen.config import Target
from codegen.input.lexical import join_utf16
from codegen.pipeline import generate

HOSTILE = ['"', "'", '"""', "'''", "\\", "\\n", "\n", "\r", "\r\n", "\t", "\x00", "\u2028", "\u2029",
           "\u200f", "\u202e", "\u2066", "\ufeff", "\ud800", "\udfff", "{{", "}}", "{%", "%}", "{#",
           "${", "`", "*/", "#", "\x1b[31m", "é", "😀", ");import os;os.system('x')#"]  # fmt: skip
TEXT = st.lists(st.one_of(st.characters(), st.sampled_from(HOSTILE)), max_size=20).map("".join)
TEMPLATE = REPO / "tests" / "cases" / "registry.py.j2"


def ts_string(text: str) -> str:
    """A TypeScript string literal for any Python text, lone surrogates included."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif code < 0x20 or code in (0x2028, 0x2029) or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=TEXT, doc=TEXT)
def test_any_string_comes_back_exactly_and_runs_nothing(
    value: str, doc: str, tmp_path_factory: object
) -> None:
    folder = Path(tmp_path_factory.mktemp("inj"))  # type: ignore[attr-defined]
    # A comment cannot hold `*/`, and codegen refuses raw NUL bytes in source (binary files).
    # JSDoc is read as one paragraph, so the doc goes on one line after a plain word.
    safe_doc = doc.replace("*/", "* /").replace("\x00", "").encode("utf-8", "replace").decode()
    safe_doc = "Doc: " + "".join(" " if len(f"a{c}a".splitlines()) > 1 else c for c in safe_doc)
    (folder / "registry.ts").write_text(
        "interface Spec {\n"
        f"  /** {safe_doc} */\n"
        "  name: string;\n"
        "}\n"
        f"export const ITEMS = [{{ name: {ts_string(value)} }}] as const satisfies readonly Spec[];\n",
        "utf-8",
    )
    target = Target(
        name="t",
        root=folder,
        source=folder / "registry.ts",
        exports=("ITEMS",),
        template=TEMPLATE,
        output=folder / "out.py",
    )
    source = generate(target).decode("utf-8")
    tree = ast.parse(source)
    kinds = [type(node).__name__ for node in tree.body]
    assert kinds == ["Expr", "ImportFrom", "ImportFrom", "ClassDef", "AnnAssign"], kinds
    module = types.ModuleType("generated_under_test")
    sys.modules[module.__name__] = module  # dataclasses look their module up there
    try:
        exec(compile(tree, "out.py", "exec"), module.__dict__)
    finally:
        del sys.modules[module.__name__]
    namespace = module.__dict__
    assert sorted(k for k in namespace if not k.startswith("__")) == [
        "ITEMS", "Spec", "annotations", "dataclass",
    ]  # fmt: skip
    items = namespace["ITEMS"]
    assert isinstance(items, tuple) and len(items) == 1
    # In JS a surrogate pair written as two escapes *is* the character: UTF-16 has no other way.
    assert items[0].name == join_utf16(value)
    assert " ".join(safe_doc.split()) in " ".join(str(namespace["__doc__"]).split())
