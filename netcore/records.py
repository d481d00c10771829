"""Result files: named numpy arrays plus one JSON metadata entry in an uncompressed ``.npz`` that plain
``np.load`` opens (no pickles), written atomically; and ``Record``, the base of every result class."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np

from .errors import NetcoreError

SCHEMA_VERSION = 1


def write_npz(f, arrays: dict) -> None:
    """An uncompressed npz with fixed timestamps, so equal arrays give byte-identical files."""
    with zipfile.ZipFile(f, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
        for name, arr in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            with zf.open(info, "w", force_zip64=True) as out:
                np.lib.format.write_array(out, np.asanyarray(arr), allow_pickle=False)


def save_npz_atomic(path, arrays: dict, meta: dict) -> Path:
    """Write ``arrays`` plus ``meta`` (as JSON in the array ``meta``) to ``path`` atomically: a temp
    file in the same folder, flushed to disk, then renamed over the target."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            write_npz(f, {"meta": np.array(json.dumps(meta, sort_keys=True)), **arrays})
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a saved file gets the usual permissions
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def load_npz(path, kind: str) -> tuple[dict, dict]:
    """Read an npz written by ``save_npz_atomic``: (meta, arrays). No pickles are ever loaded."""
    path = Path(path)
    if not path.is_file():
        raise NetcoreError("no such file" if not path.exists() else "is not a file", path)
    if not zipfile.is_zipfile(path):
        raise NetcoreError(f"not a {kind} file (not an npz archive: truncated, corrupt or another format)", path)
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, KeyError) as e:
        raise NetcoreError(f"not a readable {kind} file (truncated or corrupt: {str(e).splitlines()[0][:80]})", path) from None
    if "meta" not in arrays:
        raise NetcoreError(f"not a netcore {kind} file (no 'meta' entry)", path)
    try:
        meta = json.loads(str(arrays.pop("meta")))
    except ValueError:
        raise NetcoreError(f"corrupt metadata in {kind} file", path) from None
    if not isinstance(meta, dict) or meta.get("kind") != kind:
        raise NetcoreError(f"not a netcore {kind} file (kind is {meta.get('kind') if isinstance(meta, dict) else None!r})", path)
    if meta.get("schema_version") != SCHEMA_VERSION:
        raise NetcoreError(f"{kind} schema version {meta.get('schema_version')} is not supported "
                           f"(this netcore reads version {SCHEMA_VERSION})", path)
    return meta, arrays


@dataclass
class Record:
    """Arrays plus metadata, saved as one file of kind ``KIND``; arrays read as attributes."""

    KIND: ClassVar[str] = "record"
    REQUIRED: ClassVar[tuple] = ()

    meta: dict
    arrays: dict
    path: Path | None = None

    def __getattr__(self, name):
        arrays = self.__dict__.get("arrays", {})
        if name in arrays:
            return arrays[name]
        raise AttributeError(name)

    def file_arrays(self) -> dict:
        """The arrays written to the file."""
        return self.arrays

    def save(self, path) -> Path:
        self.path = save_npz_atomic(path, self.file_arrays(), self.meta)
        return self.path

    @classmethod
    def load(cls, path):
        meta, arrays = load_npz(path, cls.KIND)
        missing = [k for k in cls.REQUIRED if k not in arrays]
        if missing:
            raise NetcoreError(f"{cls.KIND} file is missing arrays {missing}", path)
        record = cls.from_file(meta, arrays, Path(path))
        record.check(path)
        return record

    @classmethod
    def from_file(cls, meta, arrays, path):
        return cls(meta, arrays, path)

    def check(self, path) -> None:
        """Raise ``NetcoreError`` if the loaded arrays do not fit together."""
