"""Memorisation: the same network from the same initial weights trained on the true labels and on
shuffled training labels; per-epoch training cost and accuracy of both (epoch 0 = before training).

>>> m = memorization_runs(data, RunSpec(epochs=30))
>>> m.epochs, m.true_cost, m.shuffled_cost, m.true_accuracy, m.shuffled_accuracy
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import Dataset
from .errors import NetcoreError
from .runs import RunSpec, cached_run, training_labels
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
    if spec.epochs < 1:
        raise NetcoreError("memorisation needs at least one epoch")
    arrays, traces = {}, []
    for labels in ("true", "shuffled"):
        s = spec.with_(labels=labels)
        trace = cached_run(s, data, name=f"{name}-{labels}", cache_dir=cache_dir, progress=progress)
        traces.append(trace)
        for k, v in curves(trace, s, data).items():
            arrays[f"{labels}_{k}"] = v
    n = min(len(arrays["true_cost"]), len(arrays["shuffled_cost"]))  # a diverged run stops early
    arrays = {k: v[:n] for k, v in arrays.items()}
    arrays["epochs"] = np.arange(n, dtype=np.int64)
    meta = {"kind": "memorization", "schema_version": SCHEMA_VERSION, "network": traces[0].meta["network"],
            "hyperparameters": traces[0].meta["hyperparameters"], "method": spec.method,
            "data": {k: data.description.get(k) for k in ("name", "checksum", "n_train")},
            "traces": [str(t.path) if t.path else None for t in traces]}
    return Memorization(meta, arrays)
