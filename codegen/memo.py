"""Laid-out registry entries from the last run, so an edit lays out and compiles only what changed.

codegen.output.format lays out each registry entry in black's style and compiles it as proof that it
is valid Python. Both depend only on the entry's one-line text, its indent and prefix, the
line length and the tools (codegen, black, Python: the file's name carries those). So the
lines are kept between runs in the user's cache folder, one file per target, holding the
entries of the last run only. For speed, never for truth: a missing, damaged or foreign file
only means laying everything out again. CODEGEN_NO_FAST_PATHS=1 turns the memo off (see
codegen.fastpaths).
"""

from __future__ import annotations

import contextlib
import marshal
from pathlib import Path

try:  # the built-in module: hashlib would load OpenSSL
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python builds
    from hashlib import blake2b

from codegen import fastpaths
from codegen.output.write import write_atomically

_MAGIC = "codegen entry memo 1"


class EntryMemo:
    """Entries' laid-out lines by their one-line text and place, loaded from and saved to
    one file."""

    def __init__(self, path: Path | None) -> None:
        self.enabled = fastpaths.enabled()
        self.path = path if self.enabled else None
        self._known = self._load(self.path)
        self._used: dict[bytes, str] = {}

    @staticmethod
    def _load(path: Path | None) -> dict[bytes, str]:
        if path is None:
            return {}
        try:
            magic, known = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return {}  # no file yet, or a damaged one
        if magic != _MAGIC or not isinstance(known, dict):
            return {}
        return known

    @staticmethod
    def key(prefix: str, text: str, indent: int, line_length: int) -> bytes:
        """What the lines of one entry depend on, besides the tools."""
        place = f"{indent} {line_length} {len(prefix)}:{prefix}"
        return blake2b(f"{place}\0{text}".encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def lookup(self, key: bytes) -> list[str] | None:
        """The lines laid out for this key in the last run (or this one), if any."""
        if not self.enabled:
            return None
        found = self._used.get(key)
        if found is None:
            found = self._known.get(key)
            if not isinstance(found, str):
                return None
            self._used[key] = found
        fastpaths.counts[fastpaths.ENTRY_MEMO] += 1
        return found.split("\n")

    def remember(self, key: bytes, lines: list[str]) -> None:
        """Keep lines that were laid out and proven to compile in this run."""
        self._used[key] = "\n".join(lines)

    def save(self) -> None:
        """Write this run's entries, and only them, when they differ from the file's; remove
        the target's memos made by other tools (named `<target>-<tools>.memo`)."""
        if self.path is None or self._used == self._known:
            return
        with contextlib.suppress(OSError):  # a memo that cannot be written only costs speed
            write_atomically(self.path, marshal.dumps((_MAGIC, self._used)), durable=False)
            owner = self.path.name.split("-", 1)[0]
            for other in self.path.parent.glob(f"{owner}-*.memo"):
                if other != self.path:
                    other.unlink(missing_ok=True)
