"""Fetch the four official MNIST files from public mirrors, MD5-verified and written atomically.

>>> download_mnist()               # -> ~/.cache/netcore/mnist (or $NETCORE_DATA_DIR)
"""

from __future__ import annotations

import hashlib
import http.client
import os
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from .errors import NetcoreError

MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)

# The published MD5 of each official file, in the order they are fetched.
MD5 = {
    "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
    "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
    "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
}

CHUNK = 1 << 16
MAX_BYTES = 64 << 20  # the largest official file is under 10 MB; refuse endless responses


class MirrorFailed(Exception):
    """One mirror could not deliver one file; the message is a short problem description."""


def one_line(text) -> str:
    return " ".join(str(text).split())


def file_md5(path: Path) -> str:
    h = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(url: str, folder: Path, name: str, md5: str, progress: bool, timeout: float) -> int:
    """Download ``url`` into a temp file in ``folder``, check its MD5, fsync and rename it to ``name``.

    Returns the size; raises :class:`MirrorFailed`. The temp file never outlives the call.
    """
    from tqdm import tqdm

    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".part")
    done = False
    try:
        with os.fdopen(fd, "wb") as out:
            h, size = hashlib.md5(usedforsecurity=False), 0
            try:
                with urllib.request.urlopen(url, timeout=timeout) as resp, \
                        tqdm(total=resp.length, desc=name, unit="B", unit_scale=True, leave=False,
                             disable=None if progress else True, file=sys.stderr) as bar:
                    while chunk := resp.read(CHUNK):
                        size += len(chunk)
                        if size > MAX_BYTES:
                            raise MirrorFailed(f"response larger than {MAX_BYTES >> 20} MB")
                        h.update(chunk)
                        out.write(chunk)
                        bar.update(len(chunk))
            except urllib.error.HTTPError as e:
                raise MirrorFailed(f"HTTP {e.code} {one_line(e.reason)}") from None
            except urllib.error.URLError as e:
                raise MirrorFailed(f"request failed ({one_line(e.reason)})") from None
            except (OSError, http.client.HTTPException, ValueError) as e:
                raise MirrorFailed(f"download failed ({one_line(e) or type(e).__name__})") from None
            if h.hexdigest() != md5:
                raise MirrorFailed("checksum mismatch")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, folder / name)
        done = True
    finally:
        if not done:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
    return size


def fsync_dir(folder: Path) -> None:
    """Make the renames durable (best effort: not every OS can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def download_mnist(dest=None, mirrors=None, checksums=None, progress=True, timeout=30) -> Path:
    """Put the four official MNIST files in ``dest`` (default: the folder ``load_mnist`` reads) and return it.

    Each file is tried from each mirror base URL in turn and kept only if its MD5 matches ``checksums``
    (filename -> md5, overriding the published ones). Files already present and verified are not fetched.
    Raises :class:`NetcoreError` (one line) when some file cannot be had from any mirror.
    """
    from .data import default_download_dir

    folder = Path(dest).expanduser() if dest is not None else default_download_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise NetcoreError(f"cannot create the download folder ({e.strerror or e})", folder) from None
    mirrors = list(mirrors) if mirrors else list(MIRRORS)
    if not mirrors:
        raise NetcoreError("no mirror to download MNIST from")
    sums = {**MD5, **(checksums or {})}
    say = (lambda msg: print(f"netcore: {msg}", file=sys.stderr)) if progress else (lambda msg: None)

    for name in MD5:
        target = folder / name
        if target.is_file() and file_md5(target) == sums[name]:
            say(f"{name}: already present, md5 ok")
            continue
        failures = []
        for base in mirrors:
            url = (base if base.endswith("/") else base + "/") + name
            try:
                size = fetch(url, folder, name, sums[name], progress, timeout)
            except MirrorFailed as e:
                failures.append((str(e), url))
                continue
            except OSError as e:  # the folder itself: not writable, disk full
                raise NetcoreError(f"cannot write into {folder} ({one_line(e.strerror or e)})", name) from None
            say(f"{name}: {size:,} bytes from {url}, md5 ok")
            break
        else:
            problems = {p for p, _ in failures}
            if len(failures) == 1:
                msg = f"{failures[0][0]} from {failures[0][1]}"
            elif len(problems) == 1:
                msg = f"{failures[0][0]} from every mirror (last: {failures[-1][1]})"
            else:
                msg = "no mirror worked: " + "; ".join(f"{p} from {u}" for p, u in failures)
            raise NetcoreError(msg, name)
    fsync_dir(folder)
    return folder
