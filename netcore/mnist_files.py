"""Readers for the MNIST file formats: IDX (gzipped or raw), ``mnist.pkl.gz`` and Keras' ``mnist.npz``.

Every reader returns plain numpy arrays and raises :class:`NetcoreError` naming the file on bad input.
"""

from __future__ import annotations

import gzip
import io
import math
import pickle
import zipfile
import zlib
from pathlib import Path

import numpy as np

from .errors import NetcoreError

IMAGE_MAGIC = 0x00000803  # unsigned bytes, 3 dimensions
LABEL_MAGIC = 0x00000801  # unsigned bytes, 1 dimension

# Standard names of the four IDX files (the gzipped name; the raw one lacks ".gz").
IDX_NAMES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


def read_bytes(path: Path) -> bytes:
    """The file's bytes, un-gzipped when it is gzip-compressed."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NetcoreError("no such file", path) from None
    except IsADirectoryError:
        raise NetcoreError("is a folder, expected a file", path) from None
    except OSError as e:
        raise NetcoreError(f"cannot read ({e.strerror})", path) from None
    if raw[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as e:
            raise NetcoreError(f"corrupt gzip data ({e})", path) from None
    return raw


def parse_idx(data: bytes, path: Path, magic: int) -> np.ndarray:
    """Parse IDX bytes: check the magic number, read the dimensions from the header, check the length."""
    ndim = magic & 0xFF
    header_len = 4 + 4 * ndim
    if len(data) < header_len:
        raise NetcoreError(f"truncated IDX header ({len(data)} bytes)", path)
    found = int.from_bytes(data[:4], "big")
    if found != magic:
        kind = "images" if magic == IMAGE_MAGIC else "labels"
        raise NetcoreError(f"wrong magic number 0x{found:08x} for IDX {kind} (expected 0x{magic:08x})", path)
    dims = tuple(int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    expected = math.prod(dims)
    body = len(data) - header_len
    if body < expected:
        raise NetcoreError(f"truncated: header promises {expected} bytes of data for shape {dims}, file has {body}", path)
    if body > expected:
        raise NetcoreError(f"{body - expected} unexpected bytes after the data for shape {dims}", path)
    return np.frombuffer(data, dtype=np.uint8, offset=header_len).reshape(dims)


def read_idx_images(path: Path) -> np.ndarray:
    """IDX image file -> uint8 array (n, 784)."""
    images = parse_idx(read_bytes(path), path, IMAGE_MAGIC)
    if images.shape[1:] != (28, 28):
        raise NetcoreError(f"wrong image size {images.shape[1]}x{images.shape[2]} (expected 28x28)", path)
    return images.reshape(len(images), 784)


def read_idx_labels(path: Path) -> np.ndarray:
    """IDX label file -> int64 array (n,), checked to lie in 0..9."""
    labels = parse_idx(read_bytes(path), path, LABEL_MAGIC).astype(np.int64)
    check_labels(labels, path)
    return labels


def check_labels(labels: np.ndarray, path: Path) -> None:
    if labels.size and (labels.min() < 0 or labels.max() > 9):
        raise NetcoreError(f"labels outside 0..9 (found {labels.min()}..{labels.max()})", path)


def find_idx_file(folder: Path, key: str) -> Path | None:
    """The IDX file for ``key`` in ``folder`` under its standard name (gzipped or not, '-' or '.' before idx)."""
    base = IDX_NAMES[key]
    dotted = base.replace("-idx", ".idx")
    for name in (base + ".gz", base, dotted + ".gz", dotted):
        if (folder / name).is_file():
            return folder / name
    return None


def read_idx_folder(folder: Path):
    """Read the four standard IDX files of a folder -> (paths, x_train, y_train, x_test, y_test)."""
    paths = {}
    for key in IDX_NAMES:
        found = find_idx_file(folder, key)
        if found is None:
            raise NetcoreError(f"no {IDX_NAMES[key]}[.gz] in this folder", folder)
        paths[key] = found
    x_train = read_idx_images(paths["train_images"])
    y_train = read_idx_labels(paths["train_labels"])
    x_test = read_idx_images(paths["test_images"])
    y_test = read_idx_labels(paths["test_labels"])
    for img, lab in (("train_images", "train_labels"), ("test_images", "test_labels")):
        n_img = len(x_train if img == "train_images" else x_test)
        n_lab = len(y_train if lab == "train_labels" else y_test)
        if n_img != n_lab:
            raise NetcoreError(f"{n_img} images but {n_lab} labels in {paths[lab].name}", paths[img])
    return list(paths.values()), x_train, y_train, x_test, y_test


class ArraysOnlyUnpickler(pickle.Unpickler):
    """Unpickler that builds numpy arrays, dtypes and tuples and nothing else."""

    ALLOWED = {
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "_reconstruct"),
        ("numpy.core.multiarray", "scalar"),
        ("numpy._core.multiarray", "scalar"),
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
        ("numpy.core.numeric", "_frombuffer"),  # protocol 5
        ("numpy._core.numeric", "_frombuffer"),
        ("_codecs", "encode"),  # how Python 3 pickles bytes at protocol 2
    }

    def find_class(self, module, name):
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"refusing to build {module}.{name}: only numpy arrays are allowed")
        if module.startswith("numpy.core.") and hasattr(np, "_core"):
            module = "numpy._core." + module[len("numpy.core."):]
        return super().find_class(module, name)


def read_pickle(path: Path):
    """The classic ``mnist.pkl.gz``: ((x, y) train, (x, y) validation, (x, y) test) -> train and test."""
    data = read_bytes(path)
    try:
        obj = ArraysOnlyUnpickler(io.BytesIO(data), encoding="latin1").load()
    except pickle.UnpicklingError as e:
        raise NetcoreError(f"unsafe or invalid pickle ({e})", path) from None
    except (EOFError, ValueError, TypeError, AttributeError, IndexError, KeyError) as e:
        raise NetcoreError(f"truncated or corrupt pickle ({type(e).__name__})", path) from None
    if not (isinstance(obj, tuple) and len(obj) == 3 and all(isinstance(p, tuple) and len(p) == 2 for p in obj)):
        raise NetcoreError("expected a tuple (train, validation, test) of (images, labels) pairs", path)
    (x_train, y_train), _, (x_test, y_test) = obj
    out = []
    for x, y, part in ((x_train, y_train, "training"), (x_test, y_test, "test")):
        if not (isinstance(x, np.ndarray) and isinstance(y, np.ndarray)):
            raise NetcoreError(f"the {part} part is not a pair of arrays", path)
        if x.ndim != 2 or x.shape[1] != 784:
            raise NetcoreError(f"wrong image size in the {part} part: shape {x.shape} (expected (n, 784))", path)
        if len(x) != len(y):
            raise NetcoreError(f"{len(x)} images but {len(y)} labels in the {part} part", path)
        y = y.astype(np.int64)
        check_labels(y, path)
        out += [x, y]
    return out


def read_npz(path: Path):
    """Keras' ``mnist.npz`` (x_train, y_train, x_test, y_test; images (n, 28, 28) uint8), no pickles."""
    try:
        with np.load(path, allow_pickle=False) as z:
            missing = {"x_train", "y_train", "x_test", "y_test"} - set(z.files)
            if missing:
                raise NetcoreError(f"missing arrays {sorted(missing)} (expected Keras' mnist.npz layout)", path)
            arrays = {k: z[k] for k in ("x_train", "y_train", "x_test", "y_test")}
    except NetcoreError:
        raise
    except FileNotFoundError:
        raise NetcoreError("no such file", path) from None
    except ValueError as e:
        raise NetcoreError(f"not a plain-array npz ({e})", path) from None
    except (OSError, zipfile.BadZipFile, EOFError, zlib.error) as e:
        raise NetcoreError(f"truncated or corrupt npz ({e})", path) from None
    out = []
    for part in ("train", "test"):
        x, y = arrays[f"x_{part}"], arrays[f"y_{part}"].astype(np.int64)
        if x.shape[1:] not in ((28, 28), (784,)):
            raise NetcoreError(f"wrong image size in x_{part}: shape {x.shape} (expected (n, 28, 28))", path)
        if len(x) != len(y):
            raise NetcoreError(f"{len(x)} images but {len(y)} labels in the {part} part", path)
        check_labels(y, path)
        out += [x.reshape(len(x), 784), y]
    return out
