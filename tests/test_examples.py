"""Averages over examples (the average desired change is minus the gradient) and the mini-batches a
recorded run really used."""

import numpy as np
import pytest

from mnist_fakes import SHARED_MNIST

from netcore import load_mnist
from netcore.errors import NetcoreError
from netcore.examples import desired_changes, minibatches, subset, trace_minibatches
from netcore.network import Network
from netcore.runs import RunSpec, train_spec

needs_mnist = pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="needs ../shared/mnist")


@pytest.fixture(scope="module")
def data():
    return subset(load_mnist(SHARED_MNIST, quiet=True), 303, 50)


@needs_mnist
def test_average_desired_change_is_minus_the_gradient(data):
    net = Network(seed=2)
    x, y = data.x_train[:7], data.y_train[:7]
    idx = [net.weight_index(0, 3, 400), net.weight_index(2, 2, 5), net.bias_index(1, 7), net.n_params - 1]
    ch = desired_changes(net, x, y, idx)
    assert ch.per_example.shape == (7, 4)
    np.testing.assert_allclose(ch.average, -net.gradient(x, y)[idx], rtol=1e-12, atol=1e-16)
    np.testing.assert_allclose(ch.per_example[3], -net.gradient(x[3:4], y[3:4])[idx], rtol=1e-12, atol=1e-16)
    with pytest.raises(NetcoreError, match="parameter indices"):
        desired_changes(net, x, y, [net.n_params])


@needs_mnist
def test_minibatches_match_the_recorded_run(data):
    trace = train_spec(RunSpec(epochs=2, batch_size=25, seed=7, batch_indices=True, snapshots=[]), data)
    recorded = trace.batch_indices
    per_epoch = trace.meta["steps_per_epoch"]
    for epoch in (0, 1):
        batches = trace_minibatches(trace, epoch)
        assert len(batches) == per_epoch == 13
        for step, b in enumerate(batches):
            row = recorded[epoch * per_epoch + step]
            np.testing.assert_array_equal(row[row >= 0], b)
        assert sorted(np.concatenate(batches).tolist()) == list(range(303))  # each image once per epoch
    assert len(batches[-1]) == 303 - 12 * 25
    np.testing.assert_array_equal(minibatches(303, 25, 7, 1)[0], trace_minibatches(trace, 1)[0])
    with pytest.raises(NetcoreError, match="outside the run"):
        trace_minibatches(trace, 2)


@needs_mnist
def test_full_batch_has_no_minibatches(data):
    trace = train_spec(RunSpec(method="full_batch", epochs=1, snapshots=[]), data)
    with pytest.raises(NetcoreError, match="no mini-batches"):
        trace_minibatches(trace)


@needs_mnist
def test_subset_has_its_own_checksum(data):
    full = load_mnist(SHARED_MNIST, quiet=True)
    assert data.checksum != full.checksum and len(data.x_train) == 303 and len(data.y_test) == 50
    assert data.description["n_train"] == 303
