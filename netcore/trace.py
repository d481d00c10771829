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

from dataclasses import dataclass

import numpy as np

from .errors import NetcoreError
from .network import Network
from .records import Record
REQUIRED = ("snapshot_steps", "snapshot_params", "snapshot_grad", "snapshot_cost", "step_cost",
            "step_grad_norm", "epoch_steps", "epoch_train_cost", "epoch_train_accuracy",
            "epoch_test_cost", "epoch_test_accuracy")


@dataclass
class Trace(Record):
    """A recorded training run: metadata plus arrays (see the module docstring)."""

    KIND = "trace"
    REQUIRED = REQUIRED

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

    def check(self, path) -> None:
        check_shapes(self.meta, self.arrays, path)

    def summary(self) -> dict:
        m = self.meta
        return {
            "path": str(self.path) if self.path else None, "network": m["network"], "method": m["method"],
            "hyperparameters": m["hyperparameters"], "data": m["data"], "steps": self.n_steps,
            "epochs_completed": int(len(self.epoch_steps)), "snapshots": int(len(self.snapshot_steps)),
            "diverged": m["diverged"], "final_cost": float(self.snapshot_cost[-1]),
            "final_test_accuracy": self.final_test_accuracy, "imported": m.get("imported"),
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
