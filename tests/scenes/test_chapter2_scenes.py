"""Chapter 2 scenes beyond the descent (``scenes/gradient.py``, data from ``scenes/gradient_data.py``): every scene renders, the numbers
they show are netcore's, and one frame matches its reference frame.

Fixtures from ``conftest.py``: ``scene_data`` (the kit on the first 1,000 training / 500 test images
of ../shared/mnist, traces trained into a private cache) and ``rendered_scene`` (each scene rendered
once at 256x144, 5 frames per second, no video written). Reference frame:
``control_data/gradient/``; regenerate with ``.venv/bin/pytest tests/scenes/test_chapter2_scenes.py
-k frame --set_test`` and look at it before committing.
"""

from __future__ import annotations

import numpy as np
import pytest
from manim.utils.testing.frames_comparison import frames_comparison

from netcore.network import Network
from netcore.runs import RunSpec
from scenes import gradient as g
from scenes import gradient_data as gd
from scenes.kit import data as kd
from scenes.kit import palette
from scenes.kit.images import grey_rgb, weight_rgb
from scenes.kit.pixels import PixelImage, pixel_digit, quantise

__module_test__ = "gradient"  # reference frames live in control_data/gradient/


@pytest.fixture(scope="module")
def rendered(env, rendered_scene):
    return lambda name: rendered_scene(getattr(g, name))


# --- every scene renders ------------------------------------------------------------------------

SCENES = [scene.__name__ for scene in g.SCENES]


# --- the numbers on screen are netcore's --------------------------------------------------------------

def test_cost_of_one_example(env, lesson, rendered):
    shown = gd.cost_of_one_example()
    start, end = shown.start, shown.end
    x, y = env.x_train[start.index:start.index + 1], env.y_train[start.index:start.index + 1]
    assert start.label == 3 and y[0] == 3 and start.index == int(np.flatnonzero(env.y_train == 3)[0])
    net0 = lesson.network(0)
    np.testing.assert_array_equal(net0.params, Network(seed=lesson.meta["network"]["seed"]).params)  # random init
    np.testing.assert_allclose(start.outputs, net0.feedforward(x)[0], rtol=0, atol=0)
    assert start.desired.tolist() == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    # the ten squared differences add up to netcore's cost of this example
    assert start.squares.sum() == pytest.approx(net0.cost(x, y), rel=1e-12)
    assert end.squares.sum() == pytest.approx(lesson.network(-1).cost(x, y), rel=1e-12)
    assert end.cost < 0.1 * start.cost
    scene = rendered("CostOfOneExample")  # the scene ends on the trained network's numbers
    assert scene.total.get_value() == pytest.approx(end.cost)
    assert [n.get_value() for n in scene.squares] == pytest.approx(end.squares.tolist())
    assert [n.get_value() for n in scene.outs] == pytest.approx(end.outputs.tolist())


def test_average_cost(env, lesson, rendered):
    a = gd.average_cost()
    net0 = lesson.network(0)
    assert a.n_params == net0.n_params == 784 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10 == 13002
    assert a.n_train == len(env.x_train)
    assert a.average_start == pytest.approx(net0.cost(env.x_train, env.y_train), rel=1e-12)
    assert a.average_end == pytest.approx(lesson.network(-1).cost(env.x_train, env.y_train), rel=1e-12)
    np.testing.assert_allclose(a.costs, net0.example_costs(env.x_train[:5], env.y_train[:5]))
    assert rendered("AverageCost").out_num.get_value() == pytest.approx(a.average_end)


def test_gradient_vector(env, lesson, rendered):
    d = gd.gradient_vector()
    net0 = lesson.network(0)
    neg = -net0.gradient(env.x_train, env.y_train)
    np.testing.assert_allclose(d.neg_grad, neg, rtol=1e-9, atol=1e-15)
    np.testing.assert_array_equal(d.params, net0.params)
    assert d.n_params == 13002 and list(d.indices) == sorted(d.indices)
    assert d.largest == pytest.approx(np.abs(neg).max())
    for i, word, name in zip(d.indices, d.words, d.names):
        rel = abs(d.neg_grad[i]) / d.largest
        assert word == ("a lot" if rel >= 0.3 else "somewhat" if rel >= 0.03 else "a little")
        if name.startswith("w"):  # w^{(l)}_{j,k} names the flat entry netcore puts there
            l = int(name[4]) - 1
            j, k = (int(v) for v in name.split("_{")[1].rstrip("}").split(","))
            assert net0.weight_index(l, j, k) == i
        else:
            l, j = int(name[4]) - 1, int(name.split("_{")[1].rstrip("}"))
            assert net0.bias_index(l, j) == i
    assert {"a lot", "somewhat", "a little"} <= set(d.words)  # the scene shows every size class
    scene = rendered("GradientVector")
    assert [v.get_value() for v in scene.gvals] == pytest.approx(d.neg_grad[d.indices].tolist())
    assert [v.get_value() for v in scene.pvals] == pytest.approx(d.params[d.indices].tolist())


def test_gradient_nudging_ends_on_the_trained_network(lesson, rendered):
    scene = rendered("GradientNudging")
    np.testing.assert_array_equal(scene.netmob.net.params, lesson.snapshot_params[-1])
    assert scene.step_num.get_value() == lesson.snapshot_steps[-1]
    assert scene.cost_num.get_value() == pytest.approx(lesson.snapshot_cost[-1])


def test_test_accuracy(env, lesson, rendered):
    t = gd.test_set_answers(n_shown=g.TestAccuracy.N_SHOWN)
    net = lesson.network(-1)
    n = t.n_shown
    assert t.running[-1] == round(net.accuracy(env.x_test[:n], env.y_test[:n]) * n)
    np.testing.assert_array_equal(t.guesses, net.predict(env.x_test[:n]))
    assert t.full_accuracy == net.accuracy(env.x_test, env.y_test) == lesson.final_test_accuracy
    assert (~t.correct).sum() >= 1  # there are mistakes to pause on
    np.testing.assert_array_equal(t.running_all[:n], t.running)
    assert t.running_all[-1] == round(t.full_accuracy * t.n_test)
    scene = rendered("TestAccuracy")  # the counter ends on the whole test set: the run's test accuracy
    assert scene.correct_num.get_value() == t.running_all[-1]
    assert scene.total_num.get_value() == t.n_test == len(env.x_test)


def test_hidden_weights(lesson, rendered):
    W = gd.hidden_weights().weights
    np.testing.assert_array_equal(W, lesson.network(-1).weights[0])
    np.testing.assert_array_equal(W, lesson.snapshot_params[-1][:784 * 16].reshape(16, 784))  # rows of W1
    scene = rendered("HiddenWeights")
    assert len(scene.tiles) == 16
    for tile, w in zip(scene.tiles, W):  # each tile draws its neuron's weights, green + / red -
        np.testing.assert_array_equal(tile.rgb, quantise(weight_rgb(w)))


def test_random_noise_input(env, lesson, rendered):
    r = gd.random_noise_input(seed=0)
    net = lesson.network(-1)
    np.testing.assert_array_equal(r.noise, np.random.default_rng(0).random(784))
    np.testing.assert_allclose(r.noise_outputs, net.feedforward(r.noise[None])[0], rtol=0, atol=0)
    assert r.answer == int(np.argmax(r.noise_outputs))
    assert env.y_test[r.real_index] == r.answer == net.predict(env.x_test[r.real_index][None])[0]
    scene = rendered("RandomNoiseInput")  # ends on the real image's outputs
    assert [o.get_value() for o in scene.outs] == pytest.approx(r.real_outputs.tolist())


def test_memorization(env, lesson):
    from netcore.memorize import curves

    m = gd.memorization_curves()
    spec = RunSpec.from_trace(lesson)
    assert spec.key(env) == kd.spec("lesson").key(env)  # the lesson's run, recovered from its trace
    true = curves(lesson, spec, env)
    np.testing.assert_array_equal(m.true_cost, true["cost"])
    assert m.true_cost[0] == lesson.snapshot_cost[0]
    assert len(m.epochs) == lesson.meta["hyperparameters"]["epochs"] + 1
    assert m.true_cost[-1] < 0.5 * m.shuffled_cost[-1]
    assert m.shuffled_accuracy[-1] < m.true_accuracy[-1]


def test_shuffled_run_shares_the_initial_weights(env, lesson):
    from netcore.runs import cached_run

    spec = RunSpec.from_trace(lesson, labels="shuffled", snapshots=[])
    shuffled = cached_run(spec, env, name="lesson-shuffled", cache_dir=kd.cache_dir(), progress=False)
    assert shuffled.meta["data"]["labels"] == "shuffled"
    np.testing.assert_array_equal(shuffled.snapshot_params[0], lesson.snapshot_params[0])


# --- the kit's vector pixel pictures -------------------------------------------------------------------

def test_pixel_image_covers_every_pixel_once(env):
    x = env.x_train[0]
    img = pixel_digit(x, side=2.8)
    q = quantise(grey_rgb(x))
    black = int((~q.reshape(-1, 3).any(axis=1)).sum())
    assert black + sum(m.pixel_count for m in img.layers) == 784
    for m in img.layers:  # each layer is one colour, holding exactly the pixels of that colour
        assert m.pixel_count == int((q.reshape(-1, 3) == m.color_key).all(axis=1).sum())
        assert len(m.points) == 16 * m.pixel_count  # 4 straight edges of 4 control points per square
    assert img.width == pytest.approx(2.8)
    assert len(img.layers) <= 32
    small = PixelImage(np.full((2, 3, 3), 200, np.uint8), side=3.0, outline=False)
    assert small.height == pytest.approx(2.0) and small.layers[0].pixel_count == 6


# --- one frame against its reference frame ----------------------------------------------------------------

@frames_comparison(base_scene=g.TrainingAndTestData, background_color=str(palette.BACKGROUND))
@pytest.mark.usefixtures("scene_data")
def test_training_and_test_data_frame(scene):
    """The last frame: real labelled images sorted into training and test data (data only, no run)."""
    g.TrainingAndTestData.construct(scene)
