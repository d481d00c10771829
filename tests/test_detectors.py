"""netcore.detectors: the hand-set bar detector, weighted sums, the smoothness of a weight image and
the spread of picked values, each checked against a direct computation."""

import numpy as np
import pytest

from netcore.detectors import bar_detector, bar_mask, spread_picks, weight_smoothness, weighted_sums
from netcore.errors import NetcoreError


def test_bar_detector_is_a_bar_in_a_ring_and_zero_elsewhere():
    w = bar_detector((6, 9), (9, 19), bar=1.0, surround=-0.5).reshape(28, 28)
    assert (w[6:9, 9:19] == 1.0).all()
    ring = np.zeros((28, 28), bool)
    ring[5:10, 8:20] = True
    ring[6:9, 9:19] = False
    assert (w[ring] == -0.5).all() and ring.sum() == 5 * 12 - 3 * 10
    outside = np.ones((28, 28), bool)
    outside[5:10, 8:20] = False
    assert (w[outside] == 0).all()


def test_bar_at_the_edge_clips_its_ring_and_bad_bars_fail():
    w = bar_detector((0, 2), (0, 3)).reshape(28, 28)
    assert (w[:2, :3] == 1).all() and (w[2, :4] == -0.5).all() and (w[:2, 3] == -0.5).all()
    assert bar_mask((0, 2), (0, 3)).sum() == 6
    with pytest.raises(NetcoreError):
        bar_mask((27, 29), (0, 3))


def test_weighted_sums_are_dot_products():
    rng = np.random.default_rng(0)
    w, x = rng.standard_normal(784), rng.random((5, 784))
    np.testing.assert_allclose(weighted_sums(w, x), [sum(wi * xi for wi, xi in zip(w, row)) for row in x], rtol=1e-12)
    assert weighted_sums(w, x[0]).shape == ()


def test_smoothness_tells_a_smooth_picture_from_noise():
    rng = np.random.default_rng(1)
    rows, cols = np.mgrid[0:28, 0:28]
    smooth = np.sin(rows / 5.0) + np.cos(cols / 7.0)
    noise = rng.standard_normal((28, 28))
    s = weight_smoothness(np.stack([smooth.ravel(), noise.ravel()]))
    assert s[0] > 0.9 and abs(s[1]) < 0.15
    assert weight_smoothness(smooth.ravel()) == pytest.approx(s[0])
    # by hand: the correlation of horizontal and vertical neighbour pairs
    a = np.concatenate([noise[:, 1:].ravel(), noise[1:, :].ravel()])
    b = np.concatenate([noise[:, :-1].ravel(), noise[:-1, :].ravel()])
    assert s[1] == pytest.approx(np.corrcoef(a, b)[0, 1])
    # only pairs of kept pixels count: a picture smooth on the kept half, noise elsewhere
    mixed = np.where(cols < 14, smooth, noise).ravel()
    kept = np.flatnonzero(cols.ravel() < 14)
    assert weight_smoothness(mixed, kept) > 0.9 > weight_smoothness(mixed)


def test_spread_picks_span_the_values_without_repeats():
    values = np.array([5.0, -3.0, 0.1, 9.0, 4.9, 2.0, 2.1, 8.0])
    picks = spread_picks(values, 4)
    assert len(set(picks.tolist())) == 4
    assert values[picks[0]] == values.min() and values[picks[-1]] == values.max()
    assert list(values[picks]) == sorted(values[picks])
    np.testing.assert_array_equal(spread_picks(values[:3], 5), np.argsort(values[:3]))
