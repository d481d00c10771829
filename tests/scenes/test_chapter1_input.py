"""Chapter 1, first part (``scenes/structure.py``, data from ``scenes/structure_data.py``):
every scene renders, and every image, count, pixel value and layer size it shows is the data's and
netcore's, recomputed here independently.

Fixtures from ``conftest.py``: ``scene_data`` (the kit on the first 1,000 training / 500 test images
of ../shared/mnist, traces trained into a private cache) and ``rendered_scene`` (each scene rendered
once at 256x144, 5 frames per second, no video written).
"""

from __future__ import annotations

import numpy as np
import pytest

from scenes import structure as si
from scenes import structure_data as sd
from scenes.kit import palette
from scenes.kit.images import grey_rgb
from scenes.kit.pixel_neurons import PixelNeurons, ValueNeuron, ring_marks, unit_circle, unit_square
from scenes.kit.pixels import quantise



@pytest.fixture(scope="module")
def rendered(env, rendered_scene):
    return lambda name: rendered_scene(getattr(si, name))


def most_varying(x, n=16):
    """The n pixels of largest variance over the images, ties to the lower index, in image order."""
    var = np.asarray(x, float).var(axis=0)
    order = sorted(range(x.shape[1]), key=lambda i: (-var[i], i))
    return np.array(sorted(order[:n]))


def shown_pixels(thumb) -> np.ndarray:
    return thumb.rgb


def fill_hex(mob) -> str:
    return mob.get_fill_color().to_hex().lower()


# --- every scene renders ------------------------------------------------------------------------

def test_scenes_in_lesson_order():
    """``structure.SCENES`` follows the chapter-1 table of ../shared/lessons.md, row by row."""
    import re

    from mnist_fakes import SHARED_MNIST

    table = (SHARED_MNIST.parent / "lessons.md").read_text().split("## Chapter 1")[1].split("## Chapter 2")[0]
    listed = re.findall(r"^\| (\w+) \|", table, flags=re.M)
    assert [s.__name__ for s in si.SCENES] == [n for n in listed if n != "scene"]


# --- SloppyThree ----------------------------------------------------------------------------------

def test_sloppy_three_picks_threes_far_apart(env):
    s = sd.sloppy_three()
    x, y = env.x_train.astype(float), env.y_train
    threes = np.flatnonzero(y == 3)
    assert s.first_index == threes[0] == s.three_indices[0] and s.n_threes == len(threes)
    # the pool: the half of the 3s nearest the average 3
    dist = np.sqrt(((x[threes] - x[threes].mean(0)) ** 2).sum(1))
    pool = [int(i) for i in threes[dist <= np.median(dist)] if i != threes[0]]
    assert s.pool_size == int((dist <= np.median(dist)).sum())
    # greedy farthest-point selection, by a full distance table
    chosen = [int(threes[0])]
    for _ in range(len(s.three_indices) - 1):
        best = max(pool, key=lambda i: (min(np.linalg.norm(x[i] - x[c]) for c in chosen), -i))
        chosen.append(best)
    assert s.three_indices.tolist() == chosen
    assert all(y[i] == 3 for i in chosen) and len(set(chosen)) == len(chosen)
    np.testing.assert_array_equal(s.threes, x[chosen])
    ink = x[chosen] > 0.5
    assert s.ink_counts.tolist() == ink.sum(1).tolist()
    assert s.ink_in_all == int(np.logical_and.reduce(ink).sum()) < s.ink_counts.min()
    labels = [v for v in range(10) if v != 3 and (y == v).any()]
    assert s.other_labels.tolist() == labels
    assert s.other_indices.tolist() == [int(np.flatnonzero(y == v)[0]) for v in labels]
    assert s.other_counts.tolist() == [int((y == v).sum()) for v in labels]


def test_sloppy_three_scene_shows_them(rendered):
    s = sd.sloppy_three()
    scene = rendered("SloppyThree")
    for thumb, image in zip(scene.threes, s.threes):
        np.testing.assert_array_equal(shown_pixels(thumb.thumb), quantise(grey_rgb(image)))
        assert thumb[1].text == "3"
    for thumb, image, digit in zip(scene.others, s.others, s.other_labels):
        np.testing.assert_array_equal(shown_pixels(thumb.thumb), quantise(grey_rgb(image)))
        assert thumb[1].text == str(digit)
    assert [c.get_value() for c in scene.counts] == s.other_counts.tolist()


# --- NeuronHoldsNumber ----------------------------------------------------------------------------

def test_neuron_holds_pixel_values(env, rendered):
    n = sd.neuron_holds_number()
    image = env.x_train[int(np.flatnonzero(env.y_train == 3)[0])].astype(float)
    np.testing.assert_array_equal(n.image, image)
    grid = image.reshape(28, 28)
    assert n.walk_row == int(np.argmax((grid > 0.5).sum(1)))
    np.testing.assert_array_equal(n.walk_values, image[n.walk_pixels])
    assert all(p // 28 == n.walk_row for p in n.walk_pixels)
    assert n.walk_values[0] == 0 and n.walk_values.max() > 0.9  # from the background across the ink
    background, mid, bright = n.stops
    assert image[background] == 0 and image[bright] == image.max()
    assert abs(image[mid] - 0.5) == np.abs(image - 0.5).min()
    scene = rendered("NeuronHoldsNumber")
    assert [(r * 28 + c) for r, c, _ in scene.stops] == n.stops.tolist()
    assert [v for _, _, v in scene.stops] == image[n.stops].tolist()
    # the neuron ends on the brightest pixel, as bright as its number
    assert scene.neuron.value == image.max()
    assert fill_hex(scene.neuron.circle) == palette.activation_color(image.max()).to_hex().lower()


# --- PixelsToInputLayer ---------------------------------------------------------------------------

def test_pixels_fly_into_the_informative_inputs(env, lesson, rendered):
    p = sd.pixels_to_input_layer()
    image = env.x_train[int(np.flatnonzero(env.y_train == 3)[0])].astype(float)
    informative = most_varying(env.x_train)
    assert p.shown_inputs.tolist() == informative.tolist()
    assert set(p.shown_inputs.tolist()).isdisjoint({0, 1, 2, 3, 780, 781, 782, 783})  # not the corners
    assert (p.side, p.n_inputs) == (28, lesson.network().sizes[0]) == (28, 784)
    np.testing.assert_array_equal(p.shown_values, image[informative])
    assert p.shown_values.max() > 0.5  # the drawn inputs carry ink of this 3
    scene = rendered("PixelsToInputLayer")
    assert [m.get_value() for m in scene.side_numbers] == [28, 28]
    assert [m.get_value() for m in scene.equation.numbers] == [28, 28, 784]
    assert [m.get_value() for m in scene.callout_numbers] == image[p.callouts].tolist()
    net = scene.network
    assert net.shown[0].tolist() == informative.tolist()
    # the drawn input neurons hold their pixels' values: numbers and fills
    assert [v.get_value() for v in scene.values] == pytest.approx(image[informative].tolist(), abs=1e-6)
    assert [fill_hex(c) for c in net.neurons[0]] == [palette.activation_color(v).to_hex().lower()
                                                     for v in image[informative]]
    # the flying pixels landed on those neurons, at their size; the others in the ellipsis, shrunk to nothing
    pixels = scene.pixels
    np.testing.assert_allclose(pixels.centers[informative], net.positions[0], atol=1e-9)
    np.testing.assert_allclose(pixels.sizes[informative], 2 * net.neuron_radius)
    rest = np.setdiff1d(np.arange(784), informative)
    assert np.all(pixels.sizes[rest] == 0)
    assert np.allclose(pixels.centers[rest, 0], net.ellipses[0].get_center()[0])


# --- NetworkLayers --------------------------------------------------------------------------------

def test_network_layers_read_the_network(env, lesson, rendered):
    layers = sd.network_layers()
    net = lesson.network()
    assert layers.sizes == tuple(net.sizes) == (784, 16, 16, 10)
    np.testing.assert_array_equal(layers.network.params, net.params)
    scene = rendered("NetworkLayers")
    assert [c[0].get_value() for c in scene.sizes] == list(net.sizes)
    assert scene.network.shown[0].tolist() == most_varying(env.x_train).tolist()
    assert [len(q) for q in scene.questions] == [min(n, 16) for n in net.sizes[1:-1]]
    assert [m.text for m in scene.network.output_labels] == [str(d) for d in range(net.sizes[-1])]
    assert [n.text for n in scene.names] == ["inputlayer", "hiddenlayer1", "hiddenlayer2", "outputlayer"]


# --- the kit module -------------------------------------------------------------------------------

def test_pixel_neurons_morph_and_move():
    values = np.zeros(784)
    values[[5, 400, 401]] = [0.25, 1.0, 1.0]
    pix = PixelNeurons(values, side=2.8)
    assert pix.cell == pytest.approx(0.1)
    assert sorted(m.value for m in pix.layers) == [0.0, 0.25, 1.0]  # one VMobject per grey value
    white = next(m for m in pix.layers if m.value == 1.0)
    assert white.pixel_ids.tolist() == [400, 401] and len(white.points) == 2 * 16
    np.testing.assert_allclose(white.points[:16], unit_square() * 0.1 + pix.home[400], atol=1e-12)
    pix.shift([1.0, 0, 0])
    assert pix.home[0][0] == pytest.approx(-1.35 + 1.0)
    pix.set_state(pix.home, 0.08, roundness=1.0)
    np.testing.assert_allclose(white.points[:16], unit_circle() * 0.08 + pix.home[400], atol=1e-12)
    assert np.allclose(np.linalg.norm(unit_circle()[::4][:, :2], axis=1), 0.5)  # arc ends on the circle
    targets = np.zeros((784, 3))
    anim = pix.animate_to(centers=targets, sizes=0.0, lag=0.5)
    anim.update_function(pix, 1.0)
    assert np.allclose(pix.centers, 0) and np.all(pix.sizes == 0)
    assert len(ring_marks(np.zeros((3, 3)), 0.1).points) == 3 * 16


def test_value_neuron_fill_follows_number():
    neuron = ValueNeuron(0.0)
    for v in (0.0, 0.37, 1.0):
        neuron.set_value(v)
        assert neuron.number.get_value() == v
        assert fill_hex(neuron.circle) == palette.activation_color(v).to_hex().lower()
    neuron.change_to(0.5).update_function(neuron, 1.0)
    assert neuron.value == 0.5
