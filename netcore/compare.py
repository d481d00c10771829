"""Comparing training runs: each run's training cost per epoch, the best of a grid of runs, and when a
cost curve first gets down to a level (e.g. sigmoid against ReLU hidden units on one network).

>>> costs = epoch_costs(trace)                 # (E + 1,): before training, then after each epoch
>>> best = best_run([t1, t2, t3])              # the index of the lowest final training cost
>>> first_epoch_at_or_below(costs, 0.2)        # the first epoch whose cost is <= 0.2, or None
"""

from __future__ import annotations

import numpy as np

from .errors import NetcoreError

__all__ = ["epoch_costs", "final_cost", "best_run", "first_epoch_at_or_below"]


def epoch_costs(trace) -> np.ndarray:
    """The training cost before training (the first snapshot's full training cost) and after each epoch,
    ``(E + 1,)``; a run that diverged has fewer epochs."""
    return np.concatenate([[float(trace.snapshot_cost[0])], np.asarray(trace.epoch_train_cost, float)])


def final_cost(trace) -> float:
    """The full training cost at the run's last snapshot; ``inf`` when the run diverged or the cost is
    not finite (a run that blew up ranks last)."""
    cost = float(trace.snapshot_cost[-1])
    return cost if np.isfinite(cost) and not trace.diverged else float("inf")


def best_run(traces) -> int:
    """The index of the run with the lowest ``final_cost`` (the first on a tie)."""
    traces = list(traces)
    if not traces:
        raise NetcoreError("no runs to compare")
    costs = [final_cost(t) for t in traces]
    if not np.isfinite(min(costs)):
        raise NetcoreError("every run diverged")
    return int(np.argmin(costs))


def first_epoch_at_or_below(costs, level: float) -> int | None:
    """The first epoch (index into ``costs``, 0 = before training) whose cost is ``<= level``, or
    ``None`` if the curve never gets there."""
    hits = np.flatnonzero(np.asarray(costs, float) <= level)
    return int(hits[0]) if len(hits) else None
