"""Chapter 3 (``scenes/backprop.py``, data from
``scenes/backprop_data.py``): PropagateBackward renders and every nudge it draws is netcore's,
recomputed here by hand from ``Network.forward`` and the weights (backpropagation written out).

Fixtures from ``conftest.py``: ``scene_data`` (the kit on 1,000 / 500 small real images, a private
cache) and ``rendered_scene`` (256x144, 5 fps, no video).
"""

from __future__ import annotations

import numpy as np
import pytest

from by_hand import output_wants
from netcore.network import Network
from scenes import backprop as bb
from scenes import backprop_data as bd
from scenes.kit.nudges import NudgeArrows, WishStacks, nudge_numbers, nudge_unit, row_pitch, wish_edges


@pytest.fixture(scope="module")
def scene(env, rendered_scene):
    return rendered_scene(bb.PropagateBackward)


def by_hand(net: Network, x, label: int):
    """-dC/da of every layer (input first; None for the input) and the wishes, written out."""
    zs, acts = net.forward(np.asarray(x, float).reshape(1, -1))
    a = [v[0] for v in acts]
    z = [None] + [v[0] for v in zs]
    L = len(a) - 1
    y = np.zeros(net.sizes[-1])
    y[label] = 1.0
    out = a[L]
    desired_out, minus_dz = output_wants(out, y, net.cost_name)
    desired, wishes = [None] * (L + 1), [None] * (L + 1)
    desired[L] = desired_out
    for l in range(L, 0, -1):
        W = net.weights[l - 1]  # (n_l, n_{l-1})
        wishes[l] = minus_dz[:, None] * W
        if l > 1:
            desired[l - 1] = W.T @ minus_dz  # previous_desired = W^T (nudge * slope)
            slope = a[l - 1] * (1 - a[l - 1]) if net.activation == "sigmoid" else (z[l - 1] > 0).astype(float)
            minus_dz = desired[l - 1] * slope
    return a, desired, wishes


def test_data_is_netcore(env, lesson):
    shown = bd.propagate_backward()
    index = int(np.flatnonzero(env.y_train == 2)[0])
    assert shown.label == 2 and shown.index == index and shown.step == 0  # the first 2, the untrained network
    np.testing.assert_array_equal(shown.image, env.x_train[index])
    np.testing.assert_array_equal(shown.network.params, lesson.network(0).params)
    a, desired, wishes = by_hand(lesson.network(0), env.x_train[index], 2)
    L = len(a) - 1
    for l in range(1, L + 1):
        np.testing.assert_allclose(shown.activations[l], a[l], rtol=1e-12)
        np.testing.assert_allclose(shown.desired[l], desired[l], rtol=1e-9, atol=1e-15)
        np.testing.assert_allclose(shown.wishes[l], wishes[l], rtol=1e-9, atol=1e-15)
    for l in range(2, L + 1):  # the summed wishes are the previous layer's desired changes
        np.testing.assert_allclose(shown.wishes[l].sum(axis=0), shown.desired[l - 1], rtol=1e-9, atol=1e-15)
    assert shown.proportional == (lesson.network(0).cost_name == "quadratic")
    assert shown.signs_right == bool(desired[L][2] > 0 and np.all(np.delete(desired[L], 2) < 0))
    top = np.abs(wishes[L]).max() / np.abs(wishes[L][2]).max()
    assert shown.label_magnified == pytest.approx(top)


def test_scene_shows_netcore_numbers(env, lesson, scene):
    shown = scene.shown
    net = lesson.network(0)
    a, desired, wishes = by_hand(net, shown.image, shown.label)
    L = len(a) - 1
    drawn = scene.net
    assert scene.renderer.num_plays > 10 and scene.renderer.time > 20
    # the outputs and their nudges: numbers and arrows
    assert [n.get_value() for n in scene.output_values] == pytest.approx(a[L][drawn.shown[L]].tolist(), rel=1e-12)
    assert [n.get_value() for n in scene.output_nudges] == pytest.approx(desired[L][drawn.shown[L]].tolist(), rel=1e-9)
    np.testing.assert_allclose(scene.output_arrows.values, desired[L][drawn.shown[L]], rtol=1e-9)
    # arrow lengths are the values times one scale, centred on their row; the largest fills ARROW_FILL of a row
    assert scene.output_arrows.centred
    tips = scene.output_arrows.tips() - scene.output_arrows.anchors
    np.testing.assert_allclose(2 * tips[:, 1] / scene.output_arrows.unit, desired[L][drawn.shown[L]], rtol=1e-9)
    pitch = row_pitch(drawn.positions[L])
    assert 2 * np.abs(tips[:, 1]).max() == pytest.approx(bb.PropagateBackward.ARROW_FILL * pitch)
    for l, arrows in scene.layer_arrows.items():  # no arrow reaches into a neighbouring row
        assert arrows.centred
        assert np.abs(arrows.values).max() * arrows.unit <= row_pitch(drawn.positions[l]) * 1.0001
    # the summed wishes for the last hidden layer = previous_desired = W^T (nudge * slope)
    k = drawn.shown[L - 1]
    assert [n.get_value() for n in scene.sum_numbers] == pytest.approx(desired[L - 1][k].tolist(), rel=1e-9)
    np.testing.assert_allclose(scene.layer_arrows[L - 1].values, desired[L - 1][k], rtol=1e-9)
    # layer by layer back to the first hidden layer
    assert sorted(scene.layer_arrows) == list(range(1, L))
    for l in range(1, L):
        np.testing.assert_allclose(scene.layer_arrows[l].values, desired[l][drawn.shown[l]], rtol=1e-9, atol=1e-15)
    # the wishes drawn on the edges
    for l, edges in scene.wishes_drawn.items():
        np.testing.assert_allclose(edges.values, wishes[l][edges.pairs[:, 0], edges.pairs[:, 1]], rtol=1e-9)
    assert not scene.text_outside_frame


def test_kit_nudges():
    arrows = NudgeArrows([[0, 0, 0], [1, 0, 0], [2, 0, 0]], [0.5, -1.0, 0.0], unit=nudge_unit([0.5, -1.0], 0.6))
    assert arrows.unit == pytest.approx(0.6)
    np.testing.assert_allclose(arrows.tips()[:, 1], [0.3, -0.6, 0.0])
    assert arrows.up.get_top()[1] == pytest.approx(0.3) and arrows.down.get_bottom()[1] == pytest.approx(-0.6)
    centred = NudgeArrows([[0, 0, 0], [1, 0, 0]], [0.5, -1.0], unit=0.6, centred=True)
    assert centred.up.get_top()[1] == pytest.approx(0.15) and centred.up.get_bottom()[1] == pytest.approx(-0.15)
    assert centred.down.get_bottom()[1] == pytest.approx(-0.3) and centred.down.get_top()[1] == pytest.approx(0.3)
    assert row_pitch([[0, 1, 0], [0, 0.6, 0], [0, -0.2, 0], [0, 0.2, 0]]) == pytest.approx(0.4)
    wishes = np.array([[0.2, -0.1], [-0.3, 0.4], [0.05, 0.05]])
    stacks = WishStacks([[0, 0, 0], [1, 0, 0]], wishes, unit=2.0)
    np.testing.assert_allclose(stacks.sums, wishes.sum(axis=0))
    stacks.set_alpha(1.0)
    # stacked: the column of negative wishes ends at the sum
    np.testing.assert_allclose(stacks.ends()[:, 1], 2.0 * wishes.sum(axis=0))
    assert stacks.falling.get_bottom()[1] == pytest.approx(2.0 * -0.05)  # 0.2 + 0.05 up, then 0.3 down
    column = nudge_numbers([[0, 0, 0], [0, -1, 0]], [0.25, -0.5])
    assert [n.get_value() for n in column] == [0.25, -0.5]


def test_wish_edges_run_backward(env, lesson):
    from scenes.kit.network import NetworkMobject

    net = lesson.network(0)
    drawn = NetworkMobject(net)
    w = np.arange(np.prod(net.weights[-1].shape), dtype=float).reshape(net.weights[-1].shape) - 30
    edges = wish_edges(drawn, len(drawn.edges) - 1, w, j=2)
    assert np.all(edges.pairs[:, 0] == 2) and len(edges.pairs) == len(drawn.shown[-2])
    assert np.all(edges.starts[:, 0] > edges.ends[:, 0])  # from the output back to the hidden layer
    np.testing.assert_array_equal(edges.values, w[2, edges.pairs[:, 1]])
