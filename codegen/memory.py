"""Memory management for one run: the collector has nothing to find in our object graphs."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for one run.

    A registry becomes hundreds of thousands of small, acyclic objects; the collector would
    rescan them again and again (half the evaluation time at 10,000 entries) and free nothing.
    Reference counting still frees everything as usual. On the way out, what was built is
    frozen before the collector is switched back on: otherwise the next allocation sets off
    one full collection over all of it (a third of a second at 10,000 entries). Wrap the pause
    in `frozen_heap()` to give those objects back to the collector afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """Let the collector run (black's syntax trees are cyclic garbage) without rescanning the
    registry's objects, which live until the end and hold no cycles."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
