"""Trace files: one ``.npz`` that plain ``np.load`` opens, holding named arrays and a JSON metadata entry.

Arrays (``S`` snapshots, ``T`` steps taken, ``E`` epochs, ``P`` parameters):

- ``meta``: 0-d unicode array, a JSON object (see ``Trace.meta``; keys in the README)
- ``snapshot_steps`` (S,) int64: steps after which a snapshot was taken (0 = the initial weights)
- ``snapshot_params`` (S, P) float64: the flat parameters at each snapshot (order: ``netcore.network``)
- ``snapshot_grad`` (S, P) float64: gradient of the full training cost there
- ``snapshot_cost`` (S,) float64: full training cost there
- ``step_cost`` (T,) float64: the mini-batch cost each step was computed from (before the step)
- ``step_grad_norm`` (T,) float64: the Euclidean norm of that mini-batch gradient
- ``epoch_steps`` (E,) int64: the step count at the end of each epoch
- ``epoch_train_cost``, ``epoch_train_accuracy``, ``epoch_test_cost``, ``epoch_test_accuracy`` (E,) float64
- ``batch_indices`` (T, B) int32, only when recorded: training-set indices of each step's mini-batch
  (-1 pads a smaller last batch)
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import NetcoreError
from .network import Network

SCHEMA_VERSION = 1
REQUIRED = ("snapshot_steps", "snapshot_params", "snapshot_grad", "snapshot_cost", "step_cost",
            "step_grad_norm", "epoch_steps", "epoch_train_cost", "epoch_train_accuracy",
            "epoch_test_cost", "epoch_test_accuracy")


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
class Trace:
    """A recorded training run: metadata plus arrays (see the module docstring)."""

    meta: dict
    arrays: dict
    path: Path | None = None

    def __getattr__(self, name):
        arrays = self.__dict__.get("arrays", {})
        if name in arrays:
            return arrays[name]
        raise AttributeError(name)

    # --- derived views ----------------------------------------------------------------------------
    @property
    def n_steps(self) -> int:
        return len(self.arrays["step_cost"])

    @property
    def diverged(self) -> bool:
        return bool(self.meta["diverged"])

    def index_of_step(self, step: int) -> int:
        idx = np.flatnonzero(self.snapshot_steps == step)
        if not len(idx):
            raise NetcoreError(f"no snapshot at step {step} (snapshots: {self.snapshot_steps[:5].tolist()}...)", self.path)
        return int(idx[0])

    def network(self, index: int = -1) -> Network:
        """The network at snapshot ``index`` (``-1``: the last)."""
        n = self.meta["network"]
        return Network(n["sizes"], n["activation"], n["cost"], n["seed"], n["init"],
                       params=self.snapshot_params[index])

    def network_at_step(self, step: int) -> Network:
        return self.network(self.index_of_step(step))

    @property
    def final_test_accuracy(self) -> float:
        return float(self.epoch_test_accuracy[-1]) if len(self.epoch_test_accuracy) else float("nan")

    # --- files ------------------------------------------------------------------------------------
    def save(self, path) -> Path:
        self.path = save_npz_atomic(path, self.arrays, self.meta)
        return self.path

    @classmethod
    def load(cls, path) -> "Trace":
        meta, arrays = load_npz(path, "trace")
        missing = [k for k in REQUIRED if k not in arrays]
        if missing:
            raise NetcoreError(f"trace is missing arrays {missing}", path)
        check_shapes(meta, arrays, path)
        return cls(meta, arrays, Path(path))

    def summary(self) -> dict:
        m = self.meta
        return {
            "path": str(self.path) if self.path else None, "network": m["network"], "method": m["method"],
            "hyperparameters": m["hyperparameters"], "data": m["data"], "steps": self.n_steps,
            "epochs_completed": int(len(self.epoch_steps)), "snapshots": int(len(self.snapshot_steps)),
            "diverged": m["diverged"], "final_cost": float(self.snapshot_cost[-1]),
            "final_test_accuracy": self.final_test_accuracy,
        }


def check_shapes(meta, arrays, path):
    sizes = meta["network"]["sizes"]
    n_params = sum(a * b + a for a, b in zip(sizes[1:], sizes[:-1]))
    s = len(arrays["snapshot_steps"])
    expect = {"snapshot_params": (s, n_params), "snapshot_grad": (s, n_params), "snapshot_cost": (s,)}
    t = len(arrays["step_cost"])
    expect["step_grad_norm"] = (t,)
    e = len(arrays["epoch_steps"])
    for k in ("epoch_train_cost", "epoch_train_accuracy", "epoch_test_cost", "epoch_test_accuracy"):
        expect[k] = (e,)
    for k, shape in expect.items():
        if arrays[k].shape != shape:
            raise NetcoreError(f"array {k} has shape {arrays[k].shape}, expected {shape}", path)
    if s == 0:
        raise NetcoreError("trace holds no snapshots", path)
