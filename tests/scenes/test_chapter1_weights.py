"""Chapter 1, one neuron up close (``scenes/structure.py``, data from
``scenes/structure_data.py``): every scene renders, and every number, weight picture and
activation it shows equals what numpy and netcore compute here, independently of the data module.

Fixtures from ``conftest.py``: ``scene_data`` (the kit on the first 1,000 training / 500 test images
of ../shared/mnist, a private cache) and ``rendered_scene`` (each scene rendered once at 256x144,
5 frames per second, no video written).
"""

from __future__ import annotations

import numpy as np
import pytest

from scenes import structure as sw
from scenes.kit import data as kd
from scenes.kit.activation_plot import ActivationPlot
from scenes.kit.images import grey_rgb, weight_rgb
from scenes.kit.neuron import NeuronCircle, WeightedSum, pixel_box, pixel_marker
from scenes.kit.pixels import pixel_digit, quantise



def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, float)))


@pytest.fixture(scope="module")
def rendered(env, rendered_scene):
    return lambda cls: rendered_scene(cls)


def smoothest_neuron(W, x_train):
    """Independently: the neuron whose weights agree most with their lit neighbours (np.corrcoef)."""
    lit = np.any(x_train != 0, axis=0).reshape(28, 28)
    across, down = lit[:, 1:] & lit[:, :-1], lit[1:, :] & lit[:-1, :]
    scores = []
    for w in W:
        g = w.reshape(28, 28)
        a = np.concatenate([g[:, 1:][across], g[1:, :][down]])
        b = np.concatenate([g[:, :-1][across], g[:-1, :][down]])
        scores.append(np.corrcoef(a, b)[0, 1])
    return int(np.argmax(scores)), float(np.max(scores))


def hand_detector():
    w = np.zeros((28, 28))
    w[5:10, 8:20] = -0.5  # the ring around the bar
    w[6:9, 9:19] = 1.0  # the bar: rows 6-8, columns 9-18
    return w.ravel()


# --- every scene renders ----------------------------------------------------------------------------

# --- WeightsAsPixels --------------------------------------------------------------------------------

def test_the_real_neuron_and_its_weighted_sum(env, net, rendered):
    W, b = net.weights[0], net.biases[0]
    j, score = smoothest_neuron(W, env.x_train)
    i = int(np.flatnonzero(env.y_train == 7)[0])
    x = env.x_train[i].astype(float)
    scene = rendered(sw.WeightsAsPixels)
    neuron = scene.shown.neuron
    assert (neuron.index, neuron.n_neurons, neuron.image_index) == (j, W.shape[0], i)
    assert neuron.smoothness == pytest.approx(score, rel=1e-9)
    np.testing.assert_array_equal(neuron.weights, W[j])
    assert neuron.bias == b[j]
    # the weight picture on screen is this neuron's 784 weights, green + / red -
    np.testing.assert_array_equal(scene.weights.rgb, quantise(weight_rgb(W[j])))
    np.testing.assert_array_equal(scene.image.rgb, quantise(grey_rgb(x)))
    # the total shown is numpy's W[j] @ x over all 784 terms
    assert scene.sum.total.get_value() == pytest.approx(W[j] @ x, rel=1e-12)
    assert scene.neuron_sum[1].get_value() == pytest.approx(W[j] @ x, rel=1e-12)
    # the terms shown are the three largest |w a|, with their real weights and pixel values
    top = np.sort(np.argsort(-np.abs(W[j] * x))[:3])
    np.testing.assert_array_equal(neuron.term_pixels, top)
    assert [n.get_value() for n in scene.sum.weight_numbers] == pytest.approx(W[j][top].tolist())
    assert [n.get_value() for n in scene.sum.activation_numbers] == pytest.approx(x[top].tolist())
    # its activation (BiasThreshold shows it) is netcore's forward pass: activation(w @ x + b)
    assert neuron.output == pytest.approx(net.forward(x[None])[1][1][0, j], rel=1e-12)


def test_the_edge_detector_on_real_sevens(env, rendered):
    w = hand_detector()
    sevens = np.flatnonzero(env.y_train == 7)
    sums = env.x_train[sevens].astype(float) @ w
    scene = rendered(sw.WeightsAsPixels)
    det = scene.shown.detector
    np.testing.assert_array_equal(det.weights, w)
    np.testing.assert_array_equal(scene.detector.rgb, quantise(weight_rgb(w)))
    assert det.n_searched == len(sevens)
    assert det.hit_index == sevens[np.argmax(sums)] and det.miss_index == sevens[np.argmin(sums)]
    assert [s.get_value() for s in scene.sums] == pytest.approx([sums.max(), sums.min()], rel=1e-12)
    assert sums.max() > 10 > 0 > sums.min()  # a stroke along the bar; none there


# --- SigmoidSquish ----------------------------------------------------------------------------------

def test_sigmoid_values(rendered):
    scene = rendered(sw.SigmoidSquish)
    shown = scene.shown
    assert [n.get_value() for n in scene.inputs] == pytest.approx(shown.inputs.tolist())
    assert [n.get_value() for n in scene.outputs] == pytest.approx(sigmoid(shown.inputs).tolist(), rel=1e-12)
    np.testing.assert_allclose(shown.curve_y, sigmoid(shown.curve_x), rtol=1e-12)
    assert shown.low_near_zero and shown.high_near_one and shown.at_zero == 0.5
    assert shown.replayed_activation == kd.trace("lesson").meta["network"]["activation"]


# --- BiasThreshold ----------------------------------------------------------------------------------

def test_bias_threshold_numbers(env, net, rendered):
    w = hand_detector()
    scene = rendered(sw.BiasThreshold)
    shown = scene.shown
    sevens = np.flatnonzero(env.y_train == 7)
    assert set(shown.indices.tolist()) <= set(sevens.tolist()) and len(set(shown.indices.tolist())) == len(shown.indices)
    sums = env.x_train[shown.indices].astype(float) @ w
    np.testing.assert_allclose(shown.sums, sums, rtol=1e-12)
    assert list(shown.sums) == sorted(shown.sums)
    all_sums = env.x_train[sevens].astype(float) @ w
    assert shown.sums[0] == all_sums.min() and shown.sums[-1] == all_sums.max()  # from the smallest to the largest
    np.testing.assert_allclose(shown.outputs, sigmoid(sums - 10), rtol=1e-12)
    assert shown.n_above == int(np.sum(sums > 10)) and 0 < shown.n_above < len(sums)  # the sum crosses 10
    np.testing.assert_allclose(shown.curve_y, sigmoid(shown.curve_x - 10), rtol=1e-12)
    # the detector's readouts ended on the last image's numbers
    assert scene.sum_readout.value.get_value() == pytest.approx(sums[-1])
    assert scene.out_readout.value.get_value() == pytest.approx(sigmoid(sums[-1] - 10))
    # the trained neuron: its real bias, weighted sum and activation (netcore's forward pass)
    j, _ = smoothest_neuron(net.weights[0], env.x_train)
    x = env.x_train[int(sevens[0])].astype(float)
    z = net.weights[0][j] @ x
    assert shown.neuron.bias == net.biases[0][j]
    assert scene.real_sum.value.get_value() == pytest.approx(z, rel=1e-12)
    assert scene.real_out.value.get_value() == pytest.approx(sigmoid(z + net.biases[0][j]), rel=1e-12)
    assert scene.neuron.value.get_value() == pytest.approx(net.forward(x[None])[1][1][0, j], rel=1e-12)
    np.testing.assert_allclose(shown.neuron_curve_y, sigmoid(shown.curve_x + net.biases[0][j]), rtol=1e-12)
    assert shown.neuron_on_plot == bool(shown.curve_x[0] <= z <= shown.curve_x[-1])


# --- the kit's new pieces -----------------------------------------------------------------------------

def test_weighted_sum_rows_line_up():
    row = WeightedSum([0, 405], [0.5, -1.25], [1.0, 0.25], total=0.1875)
    assert [n.get_value() for n in row.weight_numbers] == [0.5, -1.25]
    assert row.total.get_value() == 0.1875
    assert len(row.symbols) == 3 + 1 and len(row.numbers) == 3 + 3  # two terms, '+', then '+ ...', '=', total
    for sym, num in zip(row.symbols[::2], row.numbers[::2]):  # each term's symbols sit over its numbers
        assert sym.get_x() == pytest.approx(num.get_x(), abs=1e-6)


def test_pixel_box_and_marker_sit_on_their_pixels():
    picture = pixel_digit(np.zeros(784), side=2.8).shift([1.0, -0.5, 0])
    s = 2.8 / 28
    mark = pixel_marker(picture, 28 * 3 + 5)
    assert mark.get_center()[:2] == pytest.approx([1.0 - 1.4 + 5.5 * s, -0.5 + 1.4 - 3.5 * s])
    box = pixel_box(picture, (6, 9), (9, 19))
    assert (box.width, box.height) == pytest.approx((10 * s, 3 * s))


def test_activation_plot_and_neuron_circle():
    xs = np.linspace(-2, 2, 5)
    plot = ActivationPlot(xs, np.maximum(xs, 0), width=4, height=2)  # ReLU works as well
    assert plot.on_curve(2, 2)[:2] == pytest.approx(plot.axes.y_axis.get_end()[:2] + [4, 0])
    path = plot.path_between(-1.5, 0, 1.5, 1.5)
    assert path.get_start()[:2] == pytest.approx(plot.on_curve(-1.5, 0)[:2])
    assert path.get_end()[:2] == pytest.approx(plot.on_curve(1.5, 1.5)[:2])
    neuron = NeuronCircle(0.2).set_activation(0.75)
    assert neuron.value.get_value() == 0.75 and neuron.activation == 0.75
