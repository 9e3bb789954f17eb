"""`codegen inspect --types`: each type's Python form and the members of finite types."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

SOURCE = """\
export const STATUS = { OK: 200, NotFound: 404 } as const;
export type StatusCode = (typeof STATUS)[keyof typeof STATUS];
export type StatusName = keyof typeof STATUS;
type ValueOf<T> = T[keyof T];
export interface Payload { code: StatusCode; tags?: readonly string[]; at: [number, string] }
export type Lookup = Map<StatusName, bigint>;
export type Handler = (code: StatusCode) => void;
"""


def test_forms_and_members(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text(SOURCE, "utf-8")
    result = run_cli(
        "inspect",
        "--types",
        "a.ts",
        "StatusCode",
        "StatusName",
        "Payload",
        "Lookup",
        "Handler",
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    shown = json.loads(result.out)
    assert shown["StatusCode"] == {"python": "Literal[200, 404]", "members": [200, 404]}
    assert shown["StatusName"] == {
        "python": 'Literal["OK", "NotFound"]',
        "members": ["OK", "NotFound"],
    }
    assert shown["Payload"]["python"] == "Payload"
    assert shown["Payload"]["fields"]["tags"] == {"python": "tuple[str, ...]", "optional": True}
    assert shown["Payload"]["fields"]["at"]["python"] == "tuple[float, str]"
    assert shown["Lookup"]["python"] == 'Mapping[Literal["OK", "NotFound"], int]'
    assert shown["Handler"] == {"python": None, "reason": "a function has no Python form"}


def test_a_generic_alias_alone_is_located(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text(SOURCE, "utf-8")
    result = run_cli("inspect", "--types", "a.ts", "ValueOf", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("a.ts:4:")
    assert "needs a type argument for `T`" in result.err
    assert "Traceback" not in result.err
