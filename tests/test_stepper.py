"""The training layout (netcore.stepper) and the background recorder against Network's own arithmetic."""

import numpy as np
import pytest

from netcore.network import Network, targets
from netcore.stepper import MinibatchStepper, TrainingInputs, TrainingLayout
from netcore.train import Recording, train

CASES = [(a, c) for a in ("sigmoid", "relu") for c in ("quadratic", "cross_entropy")]


def layout_for(net, data):
    inputs = TrainingInputs(data.x_train)
    return inputs, TrainingLayout(net, inputs)


@pytest.mark.parametrize("sizes", [(784, 16, 16, 10), (784, 10)])
@pytest.mark.parametrize("activation,cost", CASES)
def test_a_step_is_minus_eta_times_the_network_gradient(small_data, sizes, activation, cost):
    net = Network(sizes, activation, cost, seed=2, init="scaled")
    inputs, layout = layout_for(net, small_data)
    assert 0 < len(inputs.used) < 784  # real digits leave some border pixels dark in every image
    idx = np.arange(30, 60)
    expected_cost, grad = net.cost_and_gradient(small_data.x_train[idx], small_data.y_train[idx])
    stepper = MinibatchStepper(layout, layout.from_flat(net.params))
    cost, norm = stepper.step(inputs.batch(idx), targets(small_data.y_train[idx], sizes[-1]), 0.7)
    after = layout.to_flat(stepper.theta, net.params)
    assert cost == pytest.approx(expected_cost, rel=1e-13)
    assert norm == pytest.approx(np.linalg.norm(grad), rel=1e-13)
    np.testing.assert_allclose(after, net.params - 0.7 * grad, rtol=0, atol=1e-13)


@pytest.mark.parametrize("activation,cost", CASES)
def test_whole_set_pass_dense_and_sparse_equal_the_network(small_data, activation, cost):
    net = Network((784, 16, 16, 10), activation, cost, seed=5, init="scaled")
    inputs, layout = layout_for(net, small_data)
    y = targets(small_data.y_train, 10)
    expected_cost, expected_grad = net.cost_and_gradient(small_data.x_train, small_data.y_train)
    theta = layout.from_flat(net.params)
    for x in (inputs.batch(slice(None)), inputs.sparse):
        cost, grad, outputs = layout.full_pass(theta, x, y)
        assert cost == pytest.approx(expected_cost, rel=1e-13)
        np.testing.assert_allclose(layout.to_flat(grad, np.zeros(net.n_params)), expected_grad, rtol=0, atol=1e-14)
        np.testing.assert_allclose(outputs, net.feedforward(small_data.x_train), rtol=0, atol=1e-14)


def test_parameter_layout_round_trip_and_dark_pixels_stay_put(small_data):
    net = Network(seed=1)
    inputs, layout = layout_for(net, small_data)
    flat = net.params
    np.testing.assert_array_equal(layout.to_flat(layout.from_flat(flat), np.zeros_like(flat))[layout.flat_index],
                                  flat[layout.flat_index])
    assert len(np.unique(layout.flat_index)) == layout.n_params
    start = net.weights[0].copy()
    train(net, small_data, epochs=2, batch_size=20, eta=3.0, record=Recording(snapshots=[], per_epoch=False))
    dark = np.setdiff1d(np.arange(784), inputs.used)
    np.testing.assert_array_equal(net.weights[0][:, dark], start[:, dark])
    assert not np.array_equal(net.weights[0][:, inputs.used], start[:, inputs.used])


def test_recorded_snapshots_and_evaluations_match_the_network(small_data):
    """The background recorder's numbers are the network's own at the recorded parameters."""
    trace = train(Network(seed=3), small_data, epochs=3, batch_size=50, eta=2.0, record=Recording(snapshots=7))
    x, y, xt, yt = small_data.x_train, small_data.y_train, small_data.x_test, small_data.y_test
    for i in (0, 3, len(trace.snapshot_steps) - 1):
        net = trace.network(i)
        cost, grad = net.cost_and_gradient(x, y)
        assert trace.snapshot_cost[i] == pytest.approx(cost, rel=1e-13)
        np.testing.assert_allclose(trace.snapshot_grad[i], grad, rtol=0, atol=1e-14)
    final = trace.network(-1)
    assert trace.snapshot_steps[-1] == trace.epoch_steps[-1] == 60
    assert trace.epoch_train_cost[-1] == pytest.approx(final.cost(x, y), rel=1e-13)
    assert trace.epoch_train_accuracy[-1] == final.accuracy(x, y)
    assert trace.epoch_test_cost[-1] == pytest.approx(final.cost(xt, yt), rel=1e-13)
    assert trace.epoch_test_accuracy[-1] == final.accuracy(xt, yt)


def test_recording_does_not_change_the_training(small_data):
    quiet = train(Network(seed=4), small_data, epochs=2, batch_size=10, record=Recording(snapshots=[], per_epoch=False))
    full = train(Network(seed=4), small_data, epochs=2, batch_size=10, record=Recording(snapshots=1))
    assert len(full.snapshot_steps) == 201 and len(quiet.snapshot_steps) == 2
    np.testing.assert_array_equal(quiet.step_cost, full.step_cost)
    np.testing.assert_array_equal(quiet.snapshot_params[-1], full.snapshot_params[-1])
