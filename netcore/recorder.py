"""Snapshots and per-epoch evaluations, computed beside the training loop on a background thread.

Each job gets a copy of the parameters at its step, so the steps go on while it runs; a job is large
array work (sparse and BLAS products that release the GIL) and a mini-batch step is mostly small numpy
calls, so on two cores the two overlap. The one worker does its jobs in the order given and every job
depends only on its inputs: the results are the same whatever the timing.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .network import targets
from .stepper import TrainingInputs, TrainingLayout


class Recorder:
    """Snapshots (flat parameters, full training cost and gradient) and per-epoch evaluations (training
    and test cost and accuracy), each computed from a copy of the parameters on a background thread."""

    def __init__(self, layout: TrainingLayout, inputs: TrainingInputs, y, base, test_x, test_labels):
        self.layout, self.x, self.y, self.base = layout, inputs.sparse, y, base
        self.train_labels = y.argmax(axis=1)
        self.test_x, self.test_labels = test_x, np.asarray(test_labels)
        self.test_y = targets(self.test_labels, layout.sizes[-1])
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="netcore-recorder")
        self.jobs = []
        self.last_snapshot = None

    def submit(self, step: int, theta, snapshot: bool, evaluate: bool, full=None) -> None:
        """Record the state after ``step`` steps (parameters ``theta``, copied now). ``full``: the
        whole-training-set pass ``(cost, gradient, outputs)`` at ``theta``, when already computed."""
        future = self.pool.submit(self._compute, theta.copy(), snapshot, evaluate, full)
        self.jobs.append((step, snapshot, evaluate, future))
        if snapshot:
            self.last_snapshot = step

    def _compute(self, theta, snapshot, evaluate, full):
        with np.errstate(over="ignore", invalid="ignore"):  # numpy's error state is per thread
            return self._record(theta, snapshot, evaluate, full)

    def _record(self, theta, snapshot, evaluate, full):
        cost, grad, outputs = full or self.layout.full_pass(theta, self.x, self.y, gradient=snapshot)
        flat = self.layout.to_flat(theta, self.base)
        out = {}
        if snapshot:
            out["snapshot"] = (flat, self.layout.to_flat(grad, np.zeros_like(flat)), cost)
        if evaluate:
            zs, acts = self.layout.net.copy(params=flat).forward(self.test_x)
            test_cost = self.layout.net.example_costs_from(zs[-1], acts[-1], self.test_y)
            out["epoch"] = (cost, float(np.mean(outputs.argmax(axis=1) == self.train_labels)),
                            float(np.mean(test_cost)), float(np.mean(acts[-1].argmax(axis=1) == self.test_labels)))
        return out

    def results(self, n_params: int) -> dict:
        """Wait for every job; the trace's snapshot and per-epoch arrays, in step order."""
        snaps, epochs = [], []
        for step, _, _, future in self.jobs:
            done = future.result()
            if "snapshot" in done:
                snaps.append((step, *done["snapshot"]))
            if "epoch" in done:
                epochs.append((step, *done["epoch"]))
        return {
            "snapshot_steps": np.array([s[0] for s in snaps], np.int64),
            "snapshot_params": np.array([s[1] for s in snaps]).reshape(-1, n_params),
            "snapshot_grad": np.array([s[2] for s in snaps]).reshape(-1, n_params),
            "snapshot_cost": np.array([s[3] for s in snaps], np.float64),
            "epoch_steps": np.array([e[0] for e in epochs], np.int64),
            **{name: np.array([e[i] for e in epochs], np.float64) for i, name in enumerate(
                ("epoch_train_cost", "epoch_train_accuracy", "epoch_test_cost", "epoch_test_accuracy"), 1)},
        }

    def close(self):
        self.pool.shutdown(wait=True, cancel_futures=True)
