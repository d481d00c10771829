"""A lock beside a cache file, so that processes that need the same result compute it once.

Several processes (a lecture rendered by parallel workers, two terminals) can ask for the same cached
run at the same moment. Files are written atomically (``records.save_npz_atomic``), so none can read a
half-written file; the lock adds that only one of them computes it: the others wait for it and then
load the file it wrote.

    >>> with cache_lock(path):
    ...     if not path.is_file():
    ...         compute_and_save(path)
    >>> load(path)

The lock is an advisory ``flock`` on ``<path>.lock`` (kept after use: an empty file). The operating
system releases it when its process ends, however it ends, so a crashed worker never leaves it held.
Where ``fcntl`` does not exist (Windows) the lock does nothing.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None

__all__ = ["cache_lock", "lock_path"]


def lock_path(path) -> Path:
    """The lock file of the cache file ``path``: ``path`` with ``.lock`` appended."""
    path = Path(path)
    return path.with_name(path.name + ".lock")


@contextmanager
def cache_lock(path):
    """Hold the exclusive lock of cache file ``path`` (waiting for another holder to finish)."""
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield lock
    finally:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
