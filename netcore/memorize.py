"""Memorisation: the same network from the same initial weights trained on the true labels and on
shuffled training labels; per-epoch training cost and accuracy of both (epoch 0 = before training).

>>> m = memorization_runs(data, RunSpec(epochs=30))
>>> m.epochs, m.true_cost, m.shuffled_cost, m.true_accuracy, m.shuffled_accuracy
>>> m = memorization_of(cached_run(LESSON, data), data)   # an existing run and its shuffled twin
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import Dataset
from .errors import NetcoreError
from .runs import RunSpec, cached_run, check_trained_on, training_labels
from .records import SCHEMA_VERSION, Record

KEYS = ("epochs", "true_cost", "true_accuracy", "shuffled_cost", "shuffled_accuracy",
        "true_test_accuracy", "shuffled_test_accuracy")


@dataclass
class Memorization(Record):
    """Arrays (E + 1,): ``epochs`` (0..E), ``{true,shuffled}_cost`` and ``{true,shuffled}_accuracy`` on
    the training set with the labels that run trained on, ``{true,shuffled}_test_accuracy`` (NaN at 0)."""

    KIND = "memorization"
    REQUIRED = KEYS


def curves(trace, spec: RunSpec, data: Dataset) -> dict:
    """Per-epoch training cost and accuracy of a run, with its state before training first."""
    labels = training_labels(spec, data)
    acc0 = trace.network(0).accuracy(data.x_train, labels)
    return {"cost": np.concatenate([[trace.snapshot_cost[0]], trace.epoch_train_cost]),
            "accuracy": np.concatenate([[acc0], trace.epoch_train_accuracy]),
            "test_accuracy": np.concatenate([[np.nan], trace.epoch_test_accuracy])}


def memorization_runs(data: Dataset, spec: RunSpec = RunSpec(), cache_dir=None, name="memorize",
                      progress=False) -> Memorization:
    """Train (or load from the cache) ``spec`` with true and with shuffled labels, same initial weights."""
    check_epochs(spec)
    runs = []
    for labels in ("true", "shuffled"):
        s = spec.with_(labels=labels)
        runs.append((cached_run(s, data, name=f"{name}-{labels}", cache_dir=cache_dir, progress=progress), s))
    return memorization_of_pair(*runs, data)


def memorization_of(trace, data: Dataset, cache_dir=None, progress=False, name="lesson-shuffled") -> Memorization:
    """Memorisation for a run already trained on the true labels: ``trace`` against its shuffled-labels
    twin, ``RunSpec.from_trace(trace, labels="shuffled", snapshots=[])`` (same initial weights and
    mini-batch order), trained or loaded from the cache under ``name``."""
    if trace.meta["data"].get("labels", "true") != "true":
        raise NetcoreError(f"the run was trained on {trace.meta['data']['labels']} labels, not the true ones",
                           trace.path)
    check_trained_on(trace, data)
    true_spec = RunSpec.from_trace(trace, labels="true")
    check_epochs(true_spec)
    shuffled_spec = RunSpec.from_trace(trace, labels="shuffled", snapshots=[])
    shuffled = cached_run(shuffled_spec, data, name=name, cache_dir=cache_dir, progress=progress)
    return memorization_of_pair((trace, true_spec), (shuffled, shuffled_spec), data)


def memorization_of_pair(true_run, shuffled_run, data: Dataset) -> Memorization:
    """The record of two ``(trace, spec)`` runs, one on the true labels and one on shuffled labels,
    truncated to the shorter (a diverged run stops early)."""
    arrays = {}
    for labels, (trace, spec) in (("true", true_run), ("shuffled", shuffled_run)):
        for k, v in curves(trace, spec, data).items():
            arrays[f"{labels}_{k}"] = v
    n = min(len(arrays["true_cost"]), len(arrays["shuffled_cost"]))
    arrays = {k: v[:n] for k, v in arrays.items()}
    arrays["epochs"] = np.arange(n, dtype=np.int64)
    trace, spec = true_run
    meta = {"kind": "memorization", "schema_version": SCHEMA_VERSION, "network": trace.meta["network"],
            "hyperparameters": trace.meta["hyperparameters"], "method": spec.method,
            "data": {k: data.description.get(k) for k in ("name", "checksum", "n_train")},
            "traces": [str(t.path) if t.path else None for t, _ in (true_run, shuffled_run)]}
    return Memorization(meta, arrays)


def check_epochs(spec: RunSpec) -> None:
    if spec.epochs < 1:
        raise NetcoreError("memorisation needs at least one epoch")
