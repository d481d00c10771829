"""True labels versus shuffled labels, from the same initial weights, on real MNIST."""

import numpy as np
import pytest

from mnist_fakes import SHARED_MNIST  # noqa: I001  (puts netcore on sys.path)

from netcore import load_mnist
from netcore.examples import subset
from netcore.memorize import Memorization, memorization_runs
from netcore.runs import RunSpec

pytestmark = pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="needs ../shared/mnist")


@pytest.fixture(scope="module")
def mem(tmp_path_factory):
    data = subset(load_mnist(SHARED_MNIST, quiet=True), 1000, 200)
    return memorization_runs(data, RunSpec(epochs=4, snapshots=[]), cache_dir=tmp_path_factory.mktemp("mem"))


def test_true_labels_learn_faster(mem):
    assert list(mem.epochs) == [0, 1, 2, 3, 4]
    # same initial weights: the same network before training (costs differ only through the labels)
    assert mem.true_cost[0] == pytest.approx(mem.shuffled_cost[0], rel=0.05)
    true_drop = mem.true_cost[1] - mem.true_cost[-1]
    shuffled_drop = mem.shuffled_cost[1] - mem.shuffled_cost[-1]
    assert true_drop > 5 * max(shuffled_drop, 0.01)
    assert np.all(mem.true_cost[1:] < mem.shuffled_cost[1:])
    assert mem.true_accuracy[-1] > 0.7 > 0.2 > mem.shuffled_accuracy[-1]
    assert np.isnan(mem.true_test_accuracy[0]) and mem.true_test_accuracy[-1] > mem.shuffled_test_accuracy[-1]


def test_round_trip(mem, tmp_path):
    back = Memorization.load(mem.save(tmp_path / "m.npz"))
    for k, v in mem.arrays.items():
        np.testing.assert_array_equal(back.arrays[k], v)
    assert back.meta["kind"] == "memorization"
    with np.load(tmp_path / "m.npz") as z:
        assert z["shuffled_cost"].shape == (5,)
