"""True labels versus shuffled labels, from the same initial weights, on real MNIST."""

import numpy as np
import pytest

from mnist_fakes import SHARED_MNIST

from netcore import load_mnist
from netcore.errors import NetcoreError
from netcore.examples import subset
from netcore.memorize import KEYS, Memorization, curves, memorization_of, memorization_runs
from netcore.runs import RunSpec, cached_run

pytestmark = pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="needs ../shared/mnist")


SPEC = RunSpec(epochs=4, snapshots=[])


@pytest.fixture(scope="module")
def data():
    return subset(load_mnist(SHARED_MNIST, quiet=True), 1000, 200)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("mem")


@pytest.fixture(scope="module")
def mem(data, cache):
    return memorization_runs(data, SPEC, cache_dir=cache)


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


def test_memorization_of_a_trace(mem, data, cache):
    """An existing true-labels run against its shuffled twin: the same curves as memorization_runs."""
    trace = cached_run(SPEC, data, name="memorize-true", cache_dir=cache, progress=False)
    m = memorization_of(trace, data, cache_dir=cache)
    assert set(m.arrays) == set(KEYS) == set(mem.arrays)
    np.testing.assert_array_equal(m.true_cost, curves(trace, SPEC, data)["cost"])
    for k in KEYS:
        np.testing.assert_array_equal(m.arrays[k], mem.arrays[k])
    twin = RunSpec.from_trace(trace, labels="shuffled", snapshots=[])
    shuffled = cached_run(twin, data, name="lesson-shuffled", cache_dir=cache, progress=False)
    assert m.meta["traces"] == [str(trace.path), str(shuffled.path)]
    assert shuffled.path.name == f"lesson-shuffled-{twin.key(data)}.npz"
    assert shuffled.meta["data"]["labels"] == "shuffled"
    np.testing.assert_array_equal(shuffled.snapshot_params[0], trace.snapshot_params[0])
    assert m.meta["method"] == "sgd" and m.meta["network"] == trace.meta["network"]


def test_memorization_of_needs_a_true_labels_run_on_its_data(data, cache):
    shuffled = cached_run(SPEC.with_(labels="shuffled"), data, name="memorize-shuffled", cache_dir=cache,
                          progress=False)
    with pytest.raises(NetcoreError, match="shuffled labels"):
        memorization_of(shuffled, data, cache_dir=cache)
    trace = cached_run(SPEC, data, name="memorize-true", cache_dir=cache, progress=False)
    with pytest.raises(NetcoreError, match="other data"):
        memorization_of(trace, subset(data, 500, 100), cache_dir=cache)
