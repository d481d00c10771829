"""Chapter 3 (``scenes/backprop.py``, data from
``scenes/backprop_data.py``): every scene renders, and every number it shows equals what numpy
computes by hand from the network's weights and the image (the forward pass, the nudges of the
quadratic or cross-entropy cost, bias x activation, bias x weight, the top increases).

Fixtures from ``conftest.py``: ``scene_data`` (the kit on the first 1,000 training / 500 test images of
../shared/mnist, a private cache, shorter runs) and ``rendered_scene`` (256x144, 5 fps, no video).
"""

from __future__ import annotations

import numpy as np
import pytest

from by_hand import output_wants
from scenes import backprop as bx
from scenes import backprop_data as bd
from scenes.kit.avenues import places_for, value_band


@pytest.fixture(scope="module")
def rendered(env, rendered_scene):
    return lambda name: rendered_scene(getattr(bx, name))


def by_hand(trace, data, digit=2):
    """The first training ``digit`` through the first snapshot, and every nudge, in plain numpy."""
    i = int(np.flatnonzero(np.asarray(data.y_train) == digit)[0])
    net = trace.network(0)
    a = np.asarray(data.x_train[i], float)
    acts = [a]
    for l, (W, b) in enumerate(zip(net.weights, net.biases)):
        z = W @ a + b
        last = l == len(net.weights) - 1
        a = 1 / (1 + np.exp(-z)) if (last or net.activation == "sigmoid") else np.maximum(z, 0)
        acts.append(a)
    out, y = acts[-1], np.eye(len(acts[-1]))[digit]
    wanted, dz = output_wants(out, y, net.cost_name)
    prev, W = acts[-2], net.weights[-1]
    return dict(index=i, net=net, acts=acts, out=out, y=y, wanted=wanted, dz=dz, prev=prev, W=W,
                changes=np.outer(dz, prev), wishes=dz[:, None] * W)




def test_one_example_nudges(env, lesson, rendered):
    h = by_hand(lesson, env)
    shown = bd.one_example_nudges()
    assert shown.example.index == h["index"] and env.y_train[h["index"]] == 2 and shown.example.step == lesson.snapshot_steps[0] == 0
    np.testing.assert_allclose(shown.outputs, h["out"], rtol=1e-10)
    np.testing.assert_array_equal(shown.desired, h["y"])
    np.testing.assert_allclose(shown.nudges, h["wanted"], rtol=1e-9)
    assert shown.proportional == (lesson.meta["network"]["cost"] == "quadratic")
    assert shown.biggest == int(np.argmax(np.abs(h["wanted"])))
    scene = rendered("OneExampleNudges")
    assert [n.get_value() for n in scene.outs] == pytest.approx(h["out"].tolist(), rel=1e-9)
    assert [n.get_value() for n in scene.wants] == h["y"].tolist()
    assert [n.get_value() for n in scene.nudge_values] == pytest.approx(h["wanted"].tolist(), rel=1e-9)
    # each arrow is as long as its nudge (one scale for all), up for the 2, down for the others
    lengths = (scene.arrows.tips() - scene.arrows.anchors)[:, 1]
    np.testing.assert_allclose(lengths / lengths[shown.biggest], h["wanted"] / h["wanted"][shown.biggest], rtol=1e-9)
    assert lengths[2] > 0 and np.all(np.delete(lengths, 2) < 0)


def test_three_avenues(env, lesson, rendered):
    h = by_hand(lesson, env)
    shown = bd.three_avenues()
    j = 2
    assert shown.neuron == j and shown.output == pytest.approx(h["out"][j], rel=1e-10)
    assert shown.bias_nudge == pytest.approx(h["dz"][j], rel=1e-9)
    assert shown.nudge * shown.slope == pytest.approx(h["dz"][j], rel=1e-9)
    np.testing.assert_allclose(shown.previous, h["prev"], rtol=1e-10)
    np.testing.assert_allclose(shown.weight_nudges, h["dz"][j] * h["prev"], rtol=1e-9)
    np.testing.assert_allclose(shown.wishes, h["dz"][j] * h["W"][j], rtol=1e-9)
    assert shown.n_raised == int(np.sum(h["W"][j] > 0)) and shown.brightest == int(np.argmax(h["prev"]))
    scene = rendered("ThreeAvenues")
    k = shown.shown
    assert [n.get_value() for n in scene.acts] == pytest.approx(h["prev"][k].tolist(), rel=1e-9)
    assert [n.get_value() for n in scene.weights] == pytest.approx(h["W"][j][k].tolist(), rel=1e-12)
    assert [n.get_value() for n in scene.weight_changes] == pytest.approx((h["dz"][j] * h["prev"][k]).tolist(), rel=1e-9)
    assert [n.get_value() for n in scene.wish_values] == pytest.approx((h["dz"][j] * h["W"][j][k]).tolist(), rel=1e-9)
    assert scene.bias_numbers[-1].get_value() == pytest.approx(h["dz"][j], rel=1e-9)
    np.testing.assert_allclose(scene.wish_arrows.values, h["dz"][j] * h["W"][j][k], rtol=1e-9)
    # the edges show the weight changes of the drawn neurons
    np.testing.assert_allclose(scene.pair.edges.values, h["dz"][j] * h["prev"][scene.pair.edges.pairs[:, 1]], rtol=1e-9)


def test_fire_together_wire_together(env, lesson, rendered):
    h = by_hand(lesson, env)
    shown = bd.fire_together_wire_together()
    np.testing.assert_allclose(shown.changes, h["changes"], rtol=1e-9, atol=1e-15)
    order = np.argsort(-h["changes"], axis=None)[:shown.top]
    expected = np.stack(np.unravel_index(order, h["changes"].shape), axis=1)
    assert {tuple(p) for p in shown.top_pairs.tolist()} == {tuple(p) for p in expected.tolist()}
    bright = set(np.argsort(-h["prev"])[:shown.top].tolist())
    assert shown.overlap == sum(int(k) in bright for k in shown.top_pairs[:, 1])
    assert shown.to_raised == int(np.sum(h["wanted"][shown.top_pairs[:, 0]] > 0))
    scene = rendered("FireTogetherWireTogether")
    assert [n.get_value() for n in scene.acts] == pytest.approx(h["prev"][shown.shown].tolist(), rel=1e-9)
    assert [n.get_value() for n in scene.nudge_values] == pytest.approx(h["wanted"].tolist(), rel=1e-9)
    ranked = [row[1].get_value() for row in scene.ranking[1]]
    assert ranked == pytest.approx(h["changes"][shown.top_pairs[:, 0], shown.top_pairs[:, 1]].tolist(), rel=1e-9)
    assert np.all(scene.pair.edges.values >= 0)  # the scene ends on the increases only


def test_kit_helpers():
    assert places_for([0.007, -0.0012]) == 4 and places_for([0.18]) == 2 and places_for([3.1]) == 2
    zero, unit = value_band([0.5, -1.5], top=1.0, bottom=-1.0)
    assert unit == pytest.approx(1.0) and zero == pytest.approx(0.5)
