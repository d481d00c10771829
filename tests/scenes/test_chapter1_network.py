"""Chapter 1, the network as a whole (``scenes/structure.py``, data from
``scenes/structure_data.py``): every scene renders, and every number it shows is netcore's,
checked against numpy / netcore computed here independently.

Fixtures from ``conftest.py``: ``scene_data`` (the kit on the first 1,000 training / 500 test images of
../shared/mnist, shorter runs, a private cache) and ``rendered_scene`` (each scene rendered once at
256x144, 5 frames per second, no video written).
"""

from __future__ import annotations

import os

import numpy as np
from manim import Dot
import pytest

from netcore import Network, Recording, train
from netcore.runs import train_spec
from scenes import structure as sn
from scenes import structure_data as snd
from scenes.kit import data as kd



def numpy_forward(net, x):
    """The forward pass written out here: sigmoid or ReLU hidden layers, sigmoid outputs."""
    a, acts = np.asarray(x, float), [np.asarray(x, float)]
    for k, (W, b) in enumerate(zip(net.weights, net.biases)):
        z = W @ a + b
        last = k == len(net.weights) - 1
        a = 1 / (1 + np.exp(-z)) if last or net.activation == "sigmoid" else np.maximum(z, 0)
        acts.append(a)
    return acts


# --- every scene renders ------------------------------------------------------------------------

# --- CountParameters ----------------------------------------------------------------------------

def test_count_parameters(net, rendered_scene):
    shown = snd.count_parameters()
    sizes = net.sizes
    assert shown.sizes == sizes == (784, 16, 16, 10)
    assert shown.weights == tuple(a * b for a, b in zip(sizes[:-1], sizes[1:])) == (784 * 16, 16 * 16, 16 * 10)
    assert shown.biases == tuple(sizes[1:]) == (16, 16, 10)
    assert shown.n_weights + shown.n_biases == shown.n_params == len(net.params) == 13002
    scene = rendered_scene(sn.CountParameters)
    assert [n.get_value() for n in scene.weight_numbers] == list(shown.weights)
    assert [n.get_value() for n in scene.bias_numbers] == list(shown.biases)
    assert scene.total_weights.get_value() == 12960 and scene.total_biases.get_value() == 42
    assert scene.total.get_value() == 13002


def test_count_parameters_of_another_shape(env):
    other = train(Network((784, 8, 8, 8, 10), "relu", seed=3, init="scaled"), env, epochs=0, record=Recording())
    shown = snd.count_parameters(other)
    assert shown.weights == (784 * 8, 64, 64, 80) and shown.biases == (8, 8, 8, 10)
    assert shown.n_params == len(other.network(-1).params) == 784 * 8 + 64 + 64 + 80 + 34


# --- MatrixNotation -----------------------------------------------------------------------------

def test_matrix_notation(env, net, rendered_scene):
    shown = snd.matrix_notation()
    x = env.x_test[shown.image_index]
    np.testing.assert_array_equal(shown.image, x)
    W, b = net.weights[0], net.biases[0]
    assert (x[shown.columns] > 0).all()  # the shown inputs carry ink
    a1 = numpy_forward(net, x)[1]
    r = int(np.argmax(a1))  # the layer's most active neuron is worked out, shown among the first and last rows
    assert shown.row == r and list(shown.rows) == sorted({0, 1, r, 15})
    np.testing.assert_array_equal(shown.weights, W[np.ix_(shown.rows, shown.columns)])
    np.testing.assert_array_equal(shown.inputs, x[shown.columns])
    np.testing.assert_array_equal(shown.biases, b[shown.rows])
    np.testing.assert_allclose(shown.activations, a1[shown.rows], rtol=1e-12, atol=1e-15)
    assert shown.row_dot == pytest.approx(float(np.sum(W[r] * x)), rel=1e-12)  # over all 784 inputs
    assert shown.row_shown_part == pytest.approx(float(np.sum(W[r, shown.columns] * x[shown.columns])), rel=1e-12)
    assert shown.row_sum == pytest.approx(shown.row_dot + shown.row_bias, rel=1e-12)
    assert shown.row_activation == pytest.approx(1 / (1 + np.exp(-shown.row_sum)), rel=1e-12)
    assert shown.row_activation == net.forward(x[None])[1][1][0, r]  # netcore's forward pass
    scene = rendered_scene(sn.MatrixNotation)
    for (i, j), value in np.ndenumerate(shown.weights):
        assert scene.W.entry(shown.rows[i], shown.columns[j]).get_value() == value
    assert [n.get_value() for n in scene.a0.entries] == list(shown.inputs)
    assert [n.get_value() for n in scene.b.entries] == list(shown.biases)
    assert [n.get_value() for n in scene.a1.entries] == list(shown.activations)
    assert all(n.get_fill_opacity() == 1 for n in scene.a1.entries)  # every shown entry revealed by the end
    assert scene.dot_num.get_value() == shown.row_dot and scene.bias_num.get_value() == abs(shown.row_bias)
    assert scene.bias_sign.text == ("+" if shown.row_bias >= 0 else "\u2212")
    assert scene.sum_num.get_value() == scene.sum_again.get_value() == shown.row_sum
    assert scene.act_num.get_value() == shown.row_activation
    assert scene.part_num.get_value() == shown.row_shown_part


# --- NetworkIsAFunction -------------------------------------------------------------------------

def test_network_is_a_function(env, net, rendered_scene):
    shown = snd.network_is_a_function(n_shown=4)
    x = env.x_test[0]
    acts = numpy_forward(net, x)
    np.testing.assert_allclose(shown.outputs, acts[-1], rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(shown.outputs, net.feedforward(x[None])[0])
    assert shown.neuron == int(np.argmax(acts[1]))  # the most active first-layer neuron
    assert shown.neuron_output == pytest.approx(acts[1][shown.neuron], rel=1e-12)
    assert shown.answer == int(np.argmax(acts[-1])) and shown.label == env.y_test[0]
    assert (x[shown.shown_inputs] > 0).all() and len(shown.shown_inputs) == 4
    assert shown.n_params == len(net.params) == 13002 and shown.n_inputs == 784
    scene = rendered_scene(sn.NetworkIsAFunction)
    assert [n.get_value() for n in scene.input_numbers] == list(x[shown.shown_inputs])
    assert scene.neuron_number.get_value() == shown.neuron_output
    assert [n.get_value() for n in scene.output_numbers] == list(shown.outputs)
    assert scene.param_count.get_value() == 13002


# --- SigmoidVsReLU ------------------------------------------------------------------------------

def test_sigmoid_vs_relu_runs(env):
    shown = snd.sigmoid_vs_relu()
    np.testing.assert_allclose(shown.sigmoid, 1 / (1 + np.exp(-shown.z)), rtol=1e-12)
    np.testing.assert_array_equal(shown.relu, np.maximum(shown.z, 0))
    specs = {act: [kd.spec(name) for name in kd.DEEP_RUNS[act]] for act in ("sigmoid", "relu")}
    base = specs["sigmoid"][0]
    assert len(base.sizes) >= 5  # a deeper network: at least three hidden layers
    for act, runs in specs.items():
        for spec, eta in zip(runs, kd.DEEP_ETAS):
            # the same network, data and budget; only the activation and the learning rate differ
            assert spec == base.with_(activation=act, eta=eta)
    starts = [kd.trace(name).snapshot_params[0] for names in kd.DEEP_RUNS.values() for name in names]
    for start in starts[1:]:
        np.testing.assert_array_equal(start, starts[0])  # the same initial weights
    for runs in shown.runs:
        traces = [kd.trace(name) for name in kd.DEEP_RUNS[runs.activation]]
        finals = [t.network(-1).cost(env.x_train, env.y_train) for t in traces]  # recomputed here
        np.testing.assert_allclose(runs.final_costs, finals, rtol=1e-9)
        assert runs.best == int(np.argmin(finals)) and runs.eta == kd.DEEP_ETAS[runs.best]
        # the best run, trained again here from its spec, gives the same curve and accuracy
        again = train_spec(specs[runs.activation][runs.best], env)
        np.testing.assert_allclose(runs.costs, np.concatenate([[again.snapshot_cost[0]], again.epoch_train_cost]),
                                   rtol=1e-9)
        assert runs.test_accuracy == again.network(-1).accuracy(env.x_test, env.y_test)
        # the gradient at the shared start, recomputed here: each weight layer's root mean square
        start = again.network(0)
        weights, _ = start.views(start.gradient(env.x_train, env.y_train))
        np.testing.assert_allclose(runs.start_gradient, [np.sqrt(np.mean(w ** 2)) for w in weights], rtol=1e-9)
        assert runs.gradient_shrink == pytest.approx(runs.start_gradient[-1] / runs.start_gradient[0])
    sig, relu = shown.of("sigmoid"), shown.of("relu")
    low, high = sorted([sig.final_cost, relu.final_cost])
    assert shown.cost_ratio == pytest.approx(high / low)
    if high / low < 1.05:
        assert shown.winner is None
    else:
        assert shown.winner == ("relu" if relu.final_cost < sig.final_cost else "sigmoid")
        winner = shown.of(shown.winner)
        assert shown.reach_epoch == int(np.flatnonzero(winner.costs <= high)[0])


def test_sigmoid_vs_relu_scene(rendered_scene):
    shown = snd.sigmoid_vs_relu()
    scene = rendered_scene(sn.SigmoidVsReLU)
    for runs in shown.runs:
        act = runs.activation
        assert scene.final_numbers[act].get_value() == runs.final_cost
        assert scene.accuracy_numbers[act].get_value() == pytest.approx(100 * runs.test_accuracy)
        shown_grid = [n.get_value() for n in scene.grid_numbers[act] if hasattr(n, "get_value")]
        assert shown_grid == [c for c in runs.final_costs if np.isfinite(c)]
        curve = np.asarray(scene.cost_curves[act].points)
        expected = scene.plot.to_scene(np.arange(len(runs.costs)), runs.costs)
        np.testing.assert_allclose(curve[[0, -1]], expected[[0, -1]], atol=1e-9)
        dots = [m.get_center() for m in scene.gradient_lines if isinstance(m, Dot)
                and m.get_color() == scene.COLORS[act]]
        assert len(dots) == len(runs.start_gradient)
    why = sn.SigmoidVsReLU.why(shown)
    sig, relu = shown.of("sigmoid"), shown.of("relu")
    assert f"{sig.gradient_shrink:,.0f} times smaller" in why and f"{relu.gradient_shrink:,.0f} times with ReLU" in why
    assert why.startswith("One reason") == (sig.gradient_shrink > 1.5 * relu.gradient_shrink)
    verdict = sn.SigmoidVsReLU.verdict(shown)
    if shown.winner is None:
        assert "about as low" in verdict
    else:
        word = {"relu": "ReLU", "sigmoid": "sigmoid"}[shown.winner]
        assert verdict.startswith(f"Here {word}'s training cost ended {shown.cost_ratio:.1f} times lower")


def test_deep_runs_keep_their_network_under_a_user_trace(env, tmp_path, monkeypatch):
    user = train(Network((784, 8, 10), "relu", "cross_entropy", seed=2, init="scaled"), env, epochs=0,
                 eta=0.5, record=Recording())
    path = tmp_path / "user.npz"
    user.save(path)
    monkeypatch.setenv("NETCORE_TRACE", str(path))
    try:
        kd.set_dataset(env)  # clears the memo
        name = kd.DEEP_RUNS["relu"][1]
        assert kd.spec(name) == kd.RUNS[name]  # its own network, activation and rate
        assert kd.spec("minimum-a").sizes == (784, 8, 10)  # the other runs take the user's network
    finally:
        monkeypatch.delenv("NETCORE_TRACE")
        kd.set_dataset(env)
    assert os.environ.get("NETCORE_TRACE") is None


# --- the kit's matrix slice ---------------------------------------------------------------------

def test_matrix_slice_layout():
    from scenes.kit.matrix import MatrixSlice

    W = MatrixSlice(np.arange(6.0).reshape(2, 3), rows=[0, 5], columns=[1, 2, 700], shape=(16, 784))
    assert W.entry(5, 700).get_value() == 5 and [n.get_value() for n in W.row_entries(0)] == [0, 1, 2]
    # gap rows after row 0 and after row 5 (one dot per shown column), gap columns before column 1,
    # between 2 and 700 and after 700 (one dot per shown row)
    assert len(W.dots) == 2 * 3 + 3 * 2
    assert W.row_y(0) > W.row_y(5) and W.column_x(1) < W.column_x(2) < W.column_x(700)
    b = MatrixSlice(np.zeros(2), rows=[0, 5], columns=[0], shape=(16, 1)).move_to([4, 0, 0])
    W.move_to([-2, 0, 0])
    assert b.row_y(5) == pytest.approx(W.row_y(5)) and b.row_y(0) == pytest.approx(W.row_y(0))  # rows line up
    assert W.entry(0, 2).get_center()[1] == pytest.approx(W.row_y(0))  # row_y follows the moved slice
    box = W.row_box(5)
    assert box.get_left()[0] >= W.brackets[0].get_left()[0] and box.get_right()[0] <= W.brackets[1].get_right()[0]
