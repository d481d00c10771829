"""Small generated MNIST files for tests: IDX folders (gzipped or raw), ``mnist.pkl.gz`` and Keras ``mnist.npz``."""

from __future__ import annotations

import gzip
import hashlib
import pickle
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

SHARED_MNIST = ROOT.parent / "shared" / "mnist"

IDX_FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


def fake_arrays(n_train=20, n_test=10, seed=0, size=28):
    """uint8 images (n, size, size) and labels cycling through 0..9."""
    rng = np.random.default_rng(seed)
    x_train = rng.integers(0, 256, (n_train, size, size), dtype=np.uint8)
    x_test = rng.integers(0, 256, (n_test, size, size), dtype=np.uint8)
    return x_train, np.arange(n_train, dtype=np.uint8) % 10, x_test, np.arange(n_test, dtype=np.uint8) % 10


def idx_bytes(array: np.ndarray) -> bytes:
    """IDX encoding of a uint8 array: magic 0x08 0x<ndim>, big-endian dimensions, then the bytes."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(d.to_bytes(4, "big") for d in array.shape)
    return header + array.tobytes()


def write_idx_folder(folder, n_train=20, n_test=10, gz=True, seed=0, size=28, overrides=None) -> Path:
    """Write the four standard IDX files into ``folder``; ``overrides`` maps a key of IDX_FILES to raw bytes
    to write instead (before gzip). Returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    x_train, y_train, x_test, y_test = fake_arrays(n_train, n_test, seed, size)
    arrays = dict(zip(IDX_FILES, (x_train, y_train, x_test, y_test)))
    for key, name in IDX_FILES.items():
        data = (overrides or {}).get(key)
        data = idx_bytes(arrays[key]) if data is None else data
        (folder / (name + ".gz" if gz else name)).write_bytes(gzip.compress(data) if gz else data)
    return folder


def idx_path(folder, key, gz=True) -> Path:
    return Path(folder) / (IDX_FILES[key] + (".gz" if gz else ""))


def write_pickle(path, n_train=20, n_valid=5, n_test=10, protocol=2, seed=0) -> Path:
    """The classic ``mnist.pkl.gz``: ((x, y), (x, y), (x, y)), x float32 (n, 784) in [0, 1], y int64."""
    rng = np.random.default_rng(seed)
    parts = tuple((rng.random((n, 784), dtype=np.float32), np.arange(n, dtype=np.int64) % 10)
                  for n in (n_train, n_valid, n_test))
    Path(path).write_bytes(gzip.compress(pickle.dumps(parts, protocol=protocol)))
    return Path(path)


def write_npz(path, n_train=20, n_test=10, seed=0) -> Path:
    """Keras' ``mnist.npz``: x_train, y_train, x_test, y_test with uint8 images (n, 28, 28)."""
    x_train, y_train, x_test, y_test = fake_arrays(n_train, n_test, seed)
    np.savez_compressed(path, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    return Path(path)


def md5s(folder) -> dict:
    """filename -> md5 of every file in ``folder``."""
    return {p.name: hashlib.md5(p.read_bytes()).hexdigest() for p in Path(folder).iterdir() if p.is_file()}
