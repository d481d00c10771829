"""netcore.compare on real runs: per-epoch costs, the best of a grid, the first epoch at a level."""

import numpy as np
import pytest

from mnist_fakes import SHARED_MNIST

from netcore import load_mnist
from netcore.compare import best_run, epoch_costs, final_cost, first_epoch_at_or_below
from netcore.errors import NetcoreError
from netcore.examples import subset
from netcore.runs import RunSpec, train_spec

pytestmark = pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="needs ../shared/mnist")


@pytest.fixture(scope="module")
def runs():
    data = subset(load_mnist(SHARED_MNIST, quiet=True), 500, 100)
    spec = RunSpec(sizes=(784, 8, 8, 10), init="scaled", epochs=3, snapshots=[])
    # a creeping rate, a good one and one that leaves the ReLU network dead or diverged
    return [train_spec(spec.with_(activation="relu", eta=eta), data) for eta in (0.001, 0.1, 1000.0)]


def test_epoch_costs_start_before_training(runs):
    for trace in runs:
        costs = epoch_costs(trace)
        assert costs[0] == trace.snapshot_cost[0]
        np.testing.assert_array_equal(costs[1:], trace.epoch_train_cost)
    assert len(epoch_costs(runs[1])) == 4


def test_best_run_is_the_lowest_final_cost(runs):
    finals = [final_cost(t) for t in runs]
    assert best_run(runs) == 1 == int(np.argmin(finals))
    assert finals[1] == runs[1].snapshot_cost[-1]
    with pytest.raises(NetcoreError):
        best_run([])


def test_first_epoch_at_or_below():
    costs = [2.0, 0.9, 0.5, 0.6, 0.3]
    assert first_epoch_at_or_below(costs, 0.5) == 2
    assert first_epoch_at_or_below(costs, 2.0) == 0
    assert first_epoch_at_or_below(costs, 0.1) is None
