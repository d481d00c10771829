"""Chapter-1 scenes FeedForward and LayeredHope (``scenes/structure.py``, data from
``scenes/structure_data.py``): both render, and what they show is netcore's, recomputed here
from the network and the data (fixtures from ``conftest.py``: the kit on the first 1,000 training /
500 test images of ../shared/mnist, scenes rendered at 256x144, 5 frames per second, no video)."""

from __future__ import annotations

import numpy as np
import pytest

from netcore.strokes import stroke_parts
from scenes import structure as sf
from scenes import structure_data as sfd
from scenes.kit import palette



def test_feed_forward_data(env, lesson):
    f = sfd.feed_forward()
    net = lesson.network(-1)
    guesses = np.argmax(net.forward(env.x_test)[1][-1], axis=1)
    first_wrong = int(np.flatnonzero(guesses != env.y_test)[0])
    assert f.first_wrong == first_wrong
    expected = [0, 1, 2] + ([first_wrong] if first_wrong > 2 else [])
    assert f.indices.tolist() == expected
    np.testing.assert_array_equal(f.images, env.x_test[expected])
    np.testing.assert_array_equal(f.guesses, guesses[expected])
    np.testing.assert_array_equal(f.labels, env.y_test[expected])
    assert not f.correct[f.indices.tolist().index(first_wrong)]
    # the accuracy: netcore's on the whole test set, the same as the trace recorded
    assert f.accuracy == pytest.approx(np.mean(guesses == env.y_test), abs=0)
    assert f.accuracy == pytest.approx(lesson.final_test_accuracy, abs=1e-12)
    assert f.n_test == len(env.x_test) == 500
    # the drawn inputs: the 16 pixels of largest variance over the training images
    variance = env.x_train.astype(float).var(axis=0)
    top = np.sort(np.argsort(-variance, kind="stable")[:16])
    np.testing.assert_array_equal(f.shown_inputs, top)
    assert variance[f.shown_inputs].min() > 0.1  # pixels that do light up
    assert f.layer_scales.tolist() == [1.0] * len(net.sizes)  # sigmoid: shown as they are


def test_feed_forward_scene(env, lesson, rendered_scene):
    scene = rendered_scene(sf.FeedForward)
    f, net = scene.shown, lesson.network(-1)
    np.testing.assert_array_equal(scene.netmob.shown[0], f.shown_inputs)
    assert len(scene.fed) == len(f.indices)
    for (index, answer, truth, fills), image in zip(scene.fed, f.images):
        x = env.x_test[index]
        np.testing.assert_array_equal(image, x)
        assert answer == int(np.argmax(net.feedforward(x[None])[0])) and truth == env.y_test[index]
        # the input neurons carry the image's real values at the shown pixels
        assert [c.to_hex() for c in fills] == [palette.activation_color(v).to_hex() for v in x[f.shown_inputs]]
    last = env.x_test[f.indices[-1]]
    acts = net.forward(last[None])[1]
    for layer, idx, a in zip(scene.netmob.neurons, scene.netmob.shown, acts):
        assert [c.get_fill_color().to_hex() for c in layer] == [palette.activation_color(v).to_hex() for v in a[0][idx]]
    right = int(np.sum(net.predict(env.x_test) == env.y_test))
    assert scene.accuracy_words == f"{right:,} right, {right / len(env.x_test):.1%}"
    assert scene.guess.get_value() == f.guesses[-1] and scene.truth.get_value() == f.labels[-1]


def test_layered_hope_strokes(env):
    h = sfd.layered_hope()
    assert [s.digit for s in h.strokes] == [9, 8, 4]
    for s in h.strokes:
        np.testing.assert_array_equal(s.image, env.x_train[s.index])
        assert env.y_train[s.index] == s.digit
        parts = stroke_parts(env.x_train[s.index])
        assert parts.counts == s.parts.counts
        if s.matches:
            assert s.parts.counts == s.wanted
            # the first image of the digit that splits this way
            earlier = np.flatnonzero(env.y_train[:s.index] == s.digit)
            assert not any(sfd._matches(stroke_parts(env.x_train[i]), s.wanted) for i in earlier)
        masks = list(s.parts.loops) + list(s.parts.lines)
        for m in masks:
            assert (m & ~(env.x_train[s.index].reshape(28, 28) >= 0.3)).sum() == 0  # ink only
        if len(masks) > 1:
            assert np.sum(masks, axis=0).max() == 1  # no pixel in two parts
    nine = h.strokes[0].parts
    assert h.n_arcs >= 6 and len(h.little_edges) > h.n_arcs
    np.testing.assert_array_equal(np.any(h.little_edges[:h.n_arcs], axis=0), nine.loops[0])  # arcs make the loop


def test_layered_hope_measure(env, lesson, rendered_scene):
    h = sfd.layered_hope()
    net = lesson.network(-1)
    assert h.layer == len(net.sizes) - 2 and h.layer_size == net.sizes[-2]
    rows = np.concatenate([np.flatnonzero(env.y_test == d)[:4] for d in (9, 8, 4)])
    np.testing.assert_array_equal(h.row_indices, rows)
    hidden = net.forward(env.x_test[rows])[1][-2]
    np.testing.assert_allclose(h.row_activations, hidden, rtol=0, atol=0)
    assert not h.scaled  # sigmoid: the cells show the activations themselves
    # the measure, recomputed by hand over all test 9s, 8s and 4s
    acts = {d: net.forward(env.x_test[env.y_test == d])[1][-2] for d in (9, 8, 4)}
    means = {d: a.mean(axis=0) for d, a in acts.items()}
    contrast = np.minimum(means[9], means[8]) - means[4]
    np.testing.assert_allclose(h.measure.contrast, contrast, atol=1e-12)
    best = int(np.argmax(contrast))
    assert h.measure.best == best
    loop, four = np.concatenate([acts[9], acts[8]])[:, best], acts[4][:, best]
    pairs = (loop[:, None] > four[None, :]).mean() + 0.5 * (loop[:, None] == four[None, :]).mean()
    assert h.measure.separation[best] == pytest.approx(pairs)
    scene = rendered_scene(sf.LayeredHope)
    shown_rows = np.concatenate([g.values for g in scene.groups])
    np.testing.assert_allclose(shown_rows, np.clip(hidden, 0, 1))
    c = contrast[best]
    assert f"{c:.2f}" in scene.verdict_line and f"neuron {best}" in scene.verdict_line
    if c < sf.LayeredHope.SOME_CONTRAST:
        assert scene.verdict_line.startswith("no neuron")
