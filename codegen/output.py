"""Stage 7, output: write atomically and only on change, or compare for `check`."""

from __future__ import annotations

import os
from pathlib import Path

from codegen.errors import CodegenError


def read_existing(path: Path) -> bytes | None:
    """The current bytes of an output, or None when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CodegenError(f"cannot read {path}: {exc.strerror}") from None


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step: a temp file in the same folder, then os.replace."""
    import tempfile  # not needed by an unchanged `check`, which must start fast

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        if path.exists():
            os.chmod(temp_name, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def unified_diff(old: bytes | None, new: bytes, shown: str) -> str:
    """A unified diff from the file on disk to what generation produces."""
    import difflib

    old_lines = (old or b"").decode("utf-8", "replace").splitlines(keepends=True)
    new_lines = new.decode("utf-8").splitlines(keepends=True)
    diff = difflib.unified_diff(old_lines, new_lines, f"{shown} (on disk)", f"{shown} (generated)")
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in diff
    )
