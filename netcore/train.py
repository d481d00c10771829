"""Training: mini-batch SGD as in the lesson, or full-batch gradient descent, recorded into a Trace."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from . import __version__
from .data import Dataset
from .errors import NetcoreError
from .network import Network, targets
from .schedule import epoch_batches, snapshot_steps, steps_per_epoch
from .records import SCHEMA_VERSION
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
    BLAS runs on one thread: the matrices are small, and extra BLAS threads only wait on each other,
    badly so on a busy machine.
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
    x = data.train64()
    y = targets(data.y_train if labels is None else labels, net.sizes[-1])
    n = len(x)
    per_epoch = steps_per_epoch(n, batch_size, method)
    total = epochs * per_epoch
    snaps = snapshot_steps(total, record.snapshots, per_epoch)
    snap_set = set(snaps.tolist())
    batch_width = n if method == "full_batch" else min(batch_size, n)

    rec = {k: [] for k in ("snapshot_steps", "snapshot_params", "snapshot_grad", "snapshot_cost",
                           "epoch_steps", "epoch_train_cost", "epoch_train_accuracy",
                           "epoch_test_cost", "epoch_test_accuracy")}
    step_cost = np.empty(total)
    step_grad_norm = np.empty(total)
    indices = np.full((total, batch_width), -1, np.int32) if record.batch_indices else None
    full_grad = np.empty(net.n_params)
    full_views = net.views(full_grad)
    full = {"step": None}
    train_labels = y.argmax(1)

    def full_pass(step):
        """Cost, gradient and outputs over the whole training set at ``step``'s parameters, computed
        once per step (a snapshot, the epoch's evaluation and a full-batch step share it)."""
        if full["step"] != step:
            full["cost"], full["outputs"] = net.backprop_outputs_into(x, y, full_grad, full_views)
            full["step"] = step
        return full["cost"], full_grad, full["outputs"]

    def snapshot(step):
        cost, grad, _ = full_pass(step)
        rec["snapshot_steps"].append(step)
        rec["snapshot_params"].append(net.params)
        rec["snapshot_grad"].append(grad.copy())
        rec["snapshot_cost"].append(cost)

    def end_epoch(step):
        if not record.per_epoch:
            return
        rec["epoch_steps"].append(step)
        cost, _, outputs = full_pass(step)
        rec["epoch_train_cost"].append(cost)
        rec["epoch_train_accuracy"].append(float(np.mean(outputs.argmax(1) == train_labels)))
        zs, acts = net.forward(data.test64())
        yt = targets(data.y_test, net.sizes[-1])
        rec["epoch_test_cost"].append(float(np.mean(net.example_costs_from(zs[-1], acts[-1], yt))))
        rec["epoch_test_accuracy"].append(float(np.mean(acts[-1].argmax(1) == data.y_test)))

    if method == "full_batch":
        batches = ((e, None) for e in range(epochs))
    else:
        batches = epoch_batches(n, batch_size, epochs, seed)
    bar = make_bar(total, progress)
    grad = np.empty(net.n_params)
    grad_views = net.views(grad)
    params = net._flat
    step, diverged, last_epoch = 0, False, 0
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is recorded, not warned about
        for epoch, idx in batches:
            if epoch != last_epoch:
                end_epoch(step)
                last_epoch = epoch
            if idx is None:  # full batch: the step's gradient is the full gradient
                if step in snap_set:
                    snapshot(step)
                cost, full_step_grad, _ = full_pass(step)
                grad[:] = full_step_grad
            else:
                if step in snap_set:
                    snapshot(step)
                cost = net.backprop_into(x[idx], y[idx], grad, grad_views)
                if indices is not None:
                    indices[step, :len(idx)] = idx
            norm = math.sqrt(grad @ grad)
            step_cost[step], step_grad_norm[step] = cost, norm
            if not (math.isfinite(cost) and math.isfinite(norm)):
                diverged = True
                break
            grad *= eta
            params -= grad
            step += 1
            if bar is not None and (step % 100 == 0 or step == total):
                bar.update(step - bar.n)
                bar.set_postfix(cost=f"{cost:.4f}", refresh=False)
    if not diverged and epochs:
        end_epoch(step)
    if step not in rec["snapshot_steps"]:
        with np.errstate(over="ignore", invalid="ignore"):
            snapshot(step)
    if bar is not None:
        bar.close()

    arrays = {
        "snapshot_steps": np.array(rec["snapshot_steps"], np.int64),
        "snapshot_params": np.array(rec["snapshot_params"]).reshape(-1, net.n_params),
        "snapshot_grad": np.array(rec["snapshot_grad"]).reshape(-1, net.n_params),
        "snapshot_cost": np.array(rec["snapshot_cost"], np.float64),
        "step_cost": step_cost[:step + diverged].copy(),
        "step_grad_norm": step_grad_norm[:step + diverged].copy(),
        "epoch_steps": np.array(rec["epoch_steps"], np.int64),
    }
    for k in ("epoch_train_cost", "epoch_train_accuracy", "epoch_test_cost", "epoch_test_accuracy"):
        arrays[k] = np.array(rec[k], np.float64)
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


def make_bar(total, progress):
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="step", desc="training", leave=False, mininterval=0.5)
