"""Training: mini-batch SGD as in the lesson, or full-batch gradient descent, recorded into a Trace."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse
from threadpoolctl import threadpool_limits

from . import __version__
from .data import Dataset
from .errors import NetcoreError
from .network import Network, targets
from .records import SCHEMA_VERSION
from .recorder import Recorder
from .schedule import epoch_batches, snapshot_steps, steps_per_epoch
from .stepper import MinibatchStepper, TrainingInputs, TrainingLayout
from .trace import Trace

METHODS = ("sgd", "full_batch")


@dataclass
class Recording:
    """What ``train`` records beyond every step's mini-batch cost and gradient norm.

    ``snapshots``: ``"log"``, every-k (int) or explicit steps; each snapshot stores the parameters and
    the full training set's cost and gradient. ``per_epoch``: train/test cost and accuracy after each
    epoch. ``batch_indices``: each step's mini-batch indices.
    """

    snapshots: object = "log"
    per_epoch: bool = True
    batch_indices: bool = False


def train(net: Network, data: Dataset, epochs: int = 30, batch_size: int = 10, eta: float = 3.0,
          method: str = "sgd", seed: int = 0, record: Recording | None = None, progress: bool = False,
          labels=None, labels_name: str = "true") -> Trace:
    """Train ``net`` in place and return the trace of the run.

    ``sgd``: every epoch shuffle (seeded by ``seed``), cut into mini-batches, and step by ``-eta`` times
    each mini-batch's mean gradient. ``full_batch``: every step (one per epoch) uses all training examples.
    ``labels`` replaces the training labels (e.g. shuffled ones, named by ``labels_name``).
    A step whose cost or gradient is not finite ends the run; the trace is marked diverged.

    The steps run in ``netcore.stepper``'s layout; snapshots and per-epoch evaluation run beside them on
    a background thread (``netcore.recorder``). BLAS runs on one thread: a step's matrices are small, and
    the second core does the recording.
    """
    with threadpool_limits(limits=1, user_api="blas"):
        return run_training(net, data, epochs, batch_size, eta, method, seed, record, progress, labels,
                            labels_name)


def run_training(net, data, epochs, batch_size, eta, method, seed, record, progress, labels, labels_name):
    if method not in METHODS:
        raise NetcoreError(f"unknown method {method!r} (choose from {', '.join(METHODS)})")
    if epochs < 0 or batch_size < 1 or not (eta > 0):
        raise NetcoreError(f"need epochs >= 0, batch size >= 1 and eta > 0 (got {epochs}, {batch_size}, {eta})")
    if net.sizes[0] != data.x_train.shape[1]:
        raise NetcoreError(f"network input size {net.sizes[0]} does not match the data's {data.x_train.shape[1]}")
    record = record or Recording()
    y = targets(data.y_train if labels is None else labels, net.sizes[-1])
    n = len(y)
    per_epoch = steps_per_epoch(n, batch_size, method)
    total = epochs * per_epoch
    # what to record after how many steps: {step: [snapshot, evaluate]}
    events = {int(s): [True, False] for s in snapshot_steps(total, record.snapshots, per_epoch)}
    if record.per_epoch:
        for s in range(per_epoch, total + 1, per_epoch):
            events.setdefault(s, [False, False])[1] = True
    batch_width = n if method == "full_batch" else min(batch_size, n)

    inputs = data.kept("training_inputs", lambda d: TrainingInputs(d.x_train))
    test_x = data.kept("sparse_test_images", lambda d: scipy.sparse.csr_matrix(d.x_test, dtype=np.float64))
    layout = TrainingLayout(net, inputs)
    base = net.params
    theta = layout.from_flat(base)
    recorder = Recorder(layout, inputs, y, base, test_x, data.y_test)
    step_cost = np.empty(total)
    step_grad_norm = np.empty(total)
    indices = np.full((total, batch_width), -1, np.int32) if record.batch_indices else None
    bar = make_bar(total, progress)
    step, diverged = 0, False
    try:
        with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is recorded, not warned about
            if method == "full_batch":
                for _ in range(epochs):
                    full = layout.full_pass(theta, inputs.sparse, y)  # the step's gradient is the full gradient
                    if step in events:
                        recorder.submit(step, theta, *events.pop(step), full=full)
                    cost, grad, _ = full
                    norm = math.sqrt(grad @ grad)
                    step_cost[step], step_grad_norm[step] = cost, norm
                    if not (math.isfinite(cost) and math.isfinite(norm)):
                        diverged = True
                        break
                    theta -= eta * grad
                    step += 1
                    update_bar(bar, step, total, cost)
            else:
                stepper = MinibatchStepper(layout, theta)
                for _, idx in epoch_batches(n, batch_size, epochs, seed):
                    if step in events:
                        recorder.submit(step, theta, *events.pop(step))
                    cost, norm = stepper.step(inputs.batch(idx), y[idx], eta)
                    step_cost[step], step_grad_norm[step] = cost, norm
                    if indices is not None:
                        indices[step, :len(idx)] = idx
                    if not (math.isfinite(cost) and math.isfinite(norm)):
                        diverged = True
                        break
                    step += 1
                    if bar is not None and step % 100 == 0:
                        update_bar(bar, step, total, cost)
        snapshot, evaluate = events.pop(step, (False, False))
        snapshot = snapshot or recorder.last_snapshot != step  # the final state is always a snapshot
        recorder.submit(step, theta, snapshot, evaluate and not diverged)
        if bar is not None:
            update_bar(bar, step, total, cost if step else float("nan"))
            bar.set_description("recording")
        arrays = recorder.results(net.n_params)
    finally:
        recorder.close()
        if bar is not None:
            bar.close()
    net.params = layout.to_flat(theta, base)

    arrays.update({
        "step_cost": step_cost[:step + diverged].copy(),
        "step_grad_norm": step_grad_norm[:step + diverged].copy(),
    })
    if indices is not None:
        arrays["batch_indices"] = indices[:step + diverged].copy()
    meta = {
        "kind": "trace", "schema_version": SCHEMA_VERSION, "netcore_version": __version__,
        "network": net.config(), "method": method,
        "hyperparameters": {"epochs": epochs, "batch_size": batch_width, "eta": eta, "shuffle_seed": seed},
        "data": {**data.description, "labels": labels_name},
        "snapshot_schedule": record.snapshots if isinstance(record.snapshots, (str, int)) else "explicit",
        "steps_per_epoch": per_epoch, "diverged": diverged, "diverged_at_step": step if diverged else None,
    }
    return Trace(meta, arrays)


def update_bar(bar, step, total, cost):
    if bar is not None:
        bar.update(step - bar.n)
        bar.set_postfix(cost=f"{cost:.4f}", refresh=False)


def make_bar(total, progress):
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="step", desc="training", leave=False, mininterval=0.5)
