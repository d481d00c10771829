"""What the chapter-3 scenes MiniBatches and SGDvsFullBatch show, gathered from netcore: one function
per scene, each returning one frozen dataclass. ``scenes/backprop_sgd.py`` only lays these out; the
tests recompute every field from netcore.

The runs come from ``scenes.kit.data``: the replayed run (``"lesson"``, or ``NETCORE_TRACE``), and the
two equal-compute walkers ``"sgd-walk"`` (mini-batch SGD, the replayed run's settings, recorded after
every one of its first steps) and ``"full-walk"`` (full-batch descent from the same initial weights),
each making ``WALK_EPOCHS`` passes over the training images; their landscape ``"walkers"`` is the true
training cost on the plane through the shared start and both ends.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netcore.examples import trace_minibatches
from netcore.landscape import Landscape
from netcore.planes import explained_variance
from scenes.kit import data as kit_data

__all__ = ["MiniBatchSteps", "mini_batches", "Walker", "EqualCompute", "sgd_vs_full_batch", "uphill_steps",
           "examples_used"]


# --- MiniBatches ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MiniBatchSteps:
    """The first mini-batches of a recorded SGD run, in the order it used them, and its steps.

    ``run``: which run's mini-batches these are (``"lesson"``: the replayed run itself; ``"sgd-walk"``:
    its SGD partner when the replayed run is full-batch, ``replayed_method`` says which).
    ``batches`` (k, b): training-set indices of the first ``k`` mini-batches of epoch 0; ``images``
    (k, b, 784) and ``labels`` (k, b) those images; ``first_images`` / ``first_labels``: the training
    set's first images in stored order (before shuffling). ``step_costs``: every step's mini-batch cost
    in epoch 0 (the cost each step was computed from); ``snapshot_steps`` / ``snapshot_costs``: the
    true full training cost at the run's snapshots within epoch 0.
    """

    run: str
    replayed_method: str
    batch_size: int
    n_train: int
    n_batches: int  # mini-batches per epoch
    batches: np.ndarray
    images: np.ndarray
    labels: np.ndarray
    first_images: np.ndarray
    first_labels: np.ndarray
    step_costs: np.ndarray
    snapshot_steps: np.ndarray
    snapshot_costs: np.ndarray
    eta: float


def mini_batches(shown_batches: int = 4, shown_first: int = 40) -> MiniBatchSteps:
    """The replayed run's first ``shown_batches`` mini-batches of epoch 0 (its SGD partner's, when it is
    full-batch) and the costs of every step in that epoch."""
    replayed = kit_data.trace("lesson")
    name = "lesson" if replayed.meta["method"] == "sgd" else "sgd-walk"
    trace = replayed if name == "lesson" else kit_data.trace(name)
    data = kit_data.dataset()
    batches = trace_minibatches(trace, epoch=0)
    b = int(trace.meta["hyperparameters"]["batch_size"])
    shown = np.array([idx for idx in batches[:shown_batches] if len(idx) == b])
    per_epoch = int(trace.epoch_steps[0])
    in_epoch = trace.snapshot_steps <= per_epoch
    return MiniBatchSteps(name, replayed.meta["method"], b, len(data.x_train), len(batches), shown,
                          data.x_train[shown], data.y_train[shown], data.x_train[:shown_first],
                          data.y_train[:shown_first], np.asarray(trace.step_cost[:per_epoch]),
                          trace.snapshot_steps[in_epoch], trace.snapshot_cost[in_epoch],
                          float(trace.meta["hyperparameters"]["eta"]))


# --- SGDvsFullBatch ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Walker:
    """One run's path on the landscape: per snapshot its step, the example-gradients computed so far
    (``step * width``), its plane coordinates, its true full training cost, the exact cost at its
    projection onto the plane (``heights``) and its true gradient projected into the plane; the share
    of the path's movement the plane holds; the final test accuracy."""

    name: str
    method: str
    width: int  # examples per step: the batch size, or every training image
    steps: np.ndarray
    examples: np.ndarray
    coords: np.ndarray
    costs: np.ndarray
    heights: np.ndarray
    gradients: np.ndarray
    held: float
    offplane: np.ndarray
    test_accuracy: float


@dataclass(frozen=True)
class EqualCompute:
    """Full-batch descent and mini-batch SGD from one start, each given ``budget`` example-gradients
    (``passes`` passes over the ``n_train`` images), on one real cost surface.

    ``dense_steps``: the SGD run has a snapshot after every one of its first ``dense_steps`` steps;
    ``uphill``: those of them (step numbers) after which the true full training cost was higher than
    before. ``same_start``: both runs start from the same weights (checked, not assumed).
    """

    landscape: Landscape
    full: Walker
    sgd: Walker
    n_train: int
    n_params: int
    passes: int
    budget: int
    eta: float
    activation: str
    dense_steps: int
    uphill: tuple
    same_start: bool


def uphill_steps(steps, costs) -> tuple:
    """The steps after which the cost rose, among snapshots one step apart: ``steps[i]`` where
    ``steps[i] == steps[i - 1] + 1`` and ``costs[i] > costs[i - 1]``."""
    steps, costs = np.asarray(steps), np.asarray(costs)
    one = np.diff(steps) == 1
    up = np.diff(costs) > 0
    return tuple(int(s) for s in steps[1:][one & up])


def examples_used(steps, width: int, n_train: int) -> np.ndarray:
    """Example-gradients computed after each of ``steps``, ``width`` examples a step, every pass over
    the ``n_train`` images cut into ``ceil(n_train / width)`` steps (the last one may be smaller)."""
    per_pass = -(-n_train // width)
    steps = np.asarray(steps, np.int64)
    return (steps // per_pass) * n_train + np.minimum((steps % per_pass) * width, n_train)


def _walker(name: str, land: Landscape, index: int, trace) -> Walker:
    n_train = int(trace.meta["data"]["n_train"])
    path = land.trace_path(index)
    width = int(trace.meta["hyperparameters"]["batch_size"])  # every training image for full-batch
    held = explained_variance(land.directions, trace.snapshot_params)
    return Walker(name, trace.meta["method"], width, path["step"], examples_used(path["step"], width, n_train),
                  path["coords"],
                  path["cost"], path["height"], path["gradient"], held, path["offplane"],
                  float(trace.final_test_accuracy))


def sgd_vs_full_batch() -> EqualCompute:
    """The two walkers of landscape ``walkers`` (``full-walk`` first, then ``sgd-walk``)."""
    land = kit_data.landscape("walkers")
    names = kit_data.LANDSCAPES["walkers"]["traces"]
    full_trace, sgd_trace = (kit_data.trace(n) for n in names)
    full, sgd = (_walker(n, land, i, t) for i, (n, t) in enumerate(zip(names, (full_trace, sgd_trace))))
    steps = sgd.steps
    dense = min(kit_data.DENSE_SNAPSHOTS[names[1]][0], int(steps[-1]))  # recorded after every one of these steps
    n_train = int(sgd_trace.meta["data"]["n_train"])
    h = sgd_trace.meta["hyperparameters"]
    return EqualCompute(land, full, sgd, n_train, int(sgd_trace.snapshot_params.shape[1]), int(h["epochs"]),
                        int(h["epochs"]) * n_train, float(h["eta"]), sgd_trace.meta["network"]["activation"],
                        dense, uphill_steps(steps[:dense + 1], sgd.costs[:dense + 1]),
                        bool(np.array_equal(full_trace.snapshot_params[0], sgd_trace.snapshot_params[0])))
