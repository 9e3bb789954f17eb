"""The fast paths, one switch that turns them all off, and a count of what each one did.

Every fast path gives the bytes its slow path gives, only sooner:

- `shapes`: long arrays of look-alike entries built from the first of their shape
  (codegen.input.shapes) instead of evaluated one by one;
- `spliced formatting`: black over the module's skeleton, registry entries laid out by codegen
  (codegen.output.format) instead of black over the whole module;
- `entry memo`: entries laid out in the last run taken as they were (codegen.memo);
- `check cache`: an unchanged `check` answered without generating (codegen.cache);
- `quick fit`: a value's fit to its field's type decided by a quick test
  (codegen.mirror.typemap.quick_fit) instead of by `mismatch`.

`CODEGEN_NO_FAST_PATHS=1` takes the slow path everywhere: for tests, which compare both ways,
and for anyone who suspects a fast path. `counts` says how often each fast path answered in this
process, so a test can prove which way a run went.
"""

from __future__ import annotations

import os

SWITCH = "CODEGEN_NO_FAST_PATHS"

SHAPES = "shapes"
SPLICED = "spliced formatting"
ENTRY_MEMO = "entry memo"
CHECK_CACHE = "check cache"
QUICK_FIT = "quick fit"
NAMES = (SHAPES, SPLICED, ENTRY_MEMO, CHECK_CACHE, QUICK_FIT)

counts: dict[str, int] = dict.fromkeys(NAMES, 0)


def enabled() -> bool:
    """Whether fast paths may run: unless CODEGEN_NO_FAST_PATHS is set (to anything but 0)."""
    return os.environ.get(SWITCH, "") in ("", "0")


def hit(name: str, times: int = 1) -> None:
    """Count that the fast path `name` answered (`times` times)."""
    counts[name] += times


def reset() -> dict[str, int]:
    """Set every count back to zero; the counts as they were."""
    before = dict(counts)
    for name in NAMES:
        counts[name] = 0
    return before
