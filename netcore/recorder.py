"""Snapshots and per-epoch evaluations, computed beside the training loop on a background thread.

Each job gets a copy of the parameters at its step, so the steps go on while it runs; a job is large
array work (sparse and BLAS products that release the GIL) and a mini-batch step is mostly small numpy
calls, so on two cores the two overlap. When training ends, the training thread takes jobs from the same
queue, so what is left runs on both cores. Every job depends only on its inputs and results are kept in
submission order: they are the same whatever the timing.
"""

from __future__ import annotations

import threading
from collections import deque

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
        self.steps, self.results_by_job = [], {}
        self.pending = deque()  # (job number, arguments) not yet started
        self.changed = threading.Condition()
        self.closed = False
        self.last_snapshot = None
        self.worker = threading.Thread(target=self._work, name="netcore-recorder", daemon=True)
        self.worker.start()

    def submit(self, step: int, theta, snapshot: bool, evaluate: bool, full=None) -> None:
        """Record the state after ``step`` steps (parameters ``theta``, copied now). ``full``: the
        whole-training-set pass ``(cost, gradient, outputs)`` at ``theta``, when already computed."""
        with self.changed:
            self.pending.append((len(self.steps), (theta.copy(), snapshot, evaluate, full)))
            self.steps.append(step)
            self.changed.notify_all()
        if snapshot:
            self.last_snapshot = step

    def _next(self, wait: bool):
        with self.changed:
            while wait and not self.pending and not self.closed:
                self.changed.wait()
            return self.pending.popleft() if self.pending else None

    def _run(self, job) -> None:
        number, args = job
        try:
            result = self._compute(*args)
        except BaseException as error:  # handed to the training thread by results()
            result = error
        with self.changed:
            self.results_by_job[number] = result
            self.changed.notify_all()

    def _work(self):
        while (job := self._next(wait=True)) is not None:
            self._run(job)

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
        """Help with the jobs not yet started, wait for the rest; the trace's snapshot and per-epoch
        arrays, in step order."""
        while (job := self._next(wait=False)) is not None:
            self._run(job)
        with self.changed:
            while len(self.results_by_job) < len(self.steps):
                self.changed.wait()
        snaps, epochs = [], []
        for number, step in enumerate(self.steps):
            done = self.results_by_job[number]
            if isinstance(done, BaseException):
                raise done
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
        """Drop the jobs not yet started and stop the worker (after its current job)."""
        with self.changed:
            self.closed = True
            self.pending.clear()
            self.changed.notify_all()
        self.worker.join()
