"""Which steps get a full snapshot, and how the training set is cut into mini-batches."""

from __future__ import annotations

import numpy as np

from .errors import NetcoreError


def snapshot_steps(total_steps: int, spec="log", steps_per_epoch: int | None = None) -> np.ndarray:
    """Sorted unique steps in ``[0, total_steps]`` to snapshot; 0 and ``total_steps`` always included.

    ``spec``: ``"log"`` (about 60 log-spaced steps plus every epoch's end), an int ``k`` (every k steps),
    or an explicit sequence of steps.
    """
    if isinstance(spec, str):
        if spec != "log":
            raise NetcoreError(f"unknown snapshot schedule {spec!r} (use 'log', every-k, or a list of steps)")
        steps = np.unique(np.round(np.logspace(0, np.log10(max(total_steps, 1)), 60)).astype(np.int64))
        if steps_per_epoch:
            steps = np.concatenate([steps, np.arange(0, total_steps + 1, steps_per_epoch)])
    elif isinstance(spec, (int, np.integer)):
        if spec < 1:
            raise NetcoreError(f"snapshot interval must be at least 1, got {spec}")
        steps = np.arange(0, total_steps + 1, int(spec))
    else:
        steps = np.asarray(list(spec), dtype=np.int64)
    steps = np.concatenate([[0, total_steps], steps])
    return np.unique(steps[(steps >= 0) & (steps <= total_steps)])


def steps_per_epoch(n_train: int, batch_size: int, method: str) -> int:
    return 1 if method == "full_batch" else -(-n_train // batch_size)


def epoch_batches(n_train: int, batch_size: int, epochs: int, seed: int):
    """Mini-batches of SGD: every epoch a fresh permutation (from ``seed``), cut into ``batch_size`` pieces
    (the last may be smaller). Yields ``(epoch, indices)``; this is exactly the order ``train`` uses."""
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        order = rng.permutation(n_train)
        for start in range(0, n_train, batch_size):
            yield epoch, order[start:start + batch_size]
