"""Averages over examples and mini-batches: each example's desired change to chosen parameters, their
average (= minus the gradient over those examples), and the mini-batches a run actually used.

>>> changes = desired_changes(net, data.x_train[:5], data.y_train[:5], [net.weight_index(2, 2, 0)])
>>> changes.per_example.shape, changes.average        # (5, 1), the row average
>>> batches = trace_minibatches(trace, epoch=0)          # index arrays, in training order
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import Dataset
from .errors import NetcoreError
from .network import Network
from .schedule import epoch_batches


@dataclass
class ExampleChanges:
    """Rows: examples; columns: the chosen parameters (flat ``indices``)."""

    indices: np.ndarray
    labels: np.ndarray
    per_example: np.ndarray  # (k, m): minus each example's gradient at the chosen parameters
    average: np.ndarray  # (m,): their mean, = minus the gradient of the mean cost over the k examples


def desired_changes(net: Network, x, y, indices) -> ExampleChanges:
    """What each example wants done to parameters ``indices`` (minus its own gradient), and the average."""
    indices = np.atleast_1d(np.asarray(indices, dtype=np.int64))
    if indices.size and (indices.min() < 0 or indices.max() >= net.n_params):
        raise NetcoreError(f"parameter indices must lie in [0, {net.n_params})")
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    per = -net.per_example_gradients(x, y)[:, indices]
    return ExampleChanges(indices, np.asarray(y), per, per.mean(axis=0))


def minibatches(n_train: int, batch_size: int, seed: int, epoch: int = 0) -> list:
    """The mini-batches (index arrays into the training set) of SGD epoch ``epoch`` for ``seed``."""
    if epoch < 0 or batch_size < 1:
        raise NetcoreError(f"need epoch >= 0 and batch size >= 1 (got {epoch}, {batch_size})")
    return [idx for e, idx in epoch_batches(n_train, batch_size, epoch + 1, seed) if e == epoch]


def trace_minibatches(trace, epoch: int = 0) -> list:
    """The mini-batches a recorded SGD run used in ``epoch``, from its settings (no recording needed)."""
    if trace.meta["method"] != "sgd":
        raise NetcoreError(f"a {trace.meta['method']} run has no mini-batches", trace.path)
    h = trace.meta["hyperparameters"]
    if not 0 <= epoch < h["epochs"]:
        raise NetcoreError(f"epoch {epoch} is outside the run's {h['epochs']} epochs", trace.path)
    return minibatches(trace.meta["data"]["n_train"], h["batch_size"], h["shuffle_seed"], epoch)


def subset(data: Dataset, n_train: int, n_test: int | None = None) -> Dataset:
    """The first ``n_train`` training (and ``n_test`` test) images, with a checksum of their own."""
    n_test = len(data.x_test) if n_test is None else n_test
    d = dict(data.description)
    d.update(name=f"{d.get('name', 'data')} (first {n_train} train / {n_test} test)",
             n_train=int(min(n_train, len(data.x_train))), n_test=int(min(n_test, len(data.x_test))),
             checksum=f"{data.checksum}:train{n_train}:test{n_test}")
    return Dataset(data.x_train[:n_train], data.y_train[:n_train], data.x_test[:n_test], data.y_test[:n_test], d)
