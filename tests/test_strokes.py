"""netcore.strokes: loops, lines and little edges cut out of an image, and the part-contrast measure."""

from __future__ import annotations

import numpy as np
import pytest

from netcore.strokes import holes, line_pieces, loop_arcs, pair_separation, part_contrast, stroke_parts


def ring(centre=(8, 14), radius=4.0, width=0.8) -> np.ndarray:
    rows, cols = np.indices((28, 28))
    d = np.hypot(rows - centre[0], cols - centre[1])
    return (np.abs(d - radius) <= width).astype(float)


def test_a_ring_is_one_loop():
    img = ring()
    parts = stroke_parts(img)
    assert parts.counts == (1, 0) and len(holes(img)) == 1
    np.testing.assert_array_equal(parts.loops[0], img >= 0.3)


def test_a_ring_with_a_tail_is_a_loop_above_a_line():
    img = ring()
    img[14:26, 17:19] = 1.0  # a tail down the right side
    parts = stroke_parts(img)
    assert parts.counts == (1, 1)
    loop_row = np.argwhere(parts.loops[0])[:, 0].mean()
    line_row = np.argwhere(parts.lines[0])[:, 0].mean()
    assert loop_row < line_row
    assert not (parts.loops[0] & parts.lines[0]).any()


def test_two_rings_are_two_loops_and_separate_bars_are_lines():
    img = np.maximum(ring((8, 14), 4), ring((19, 14), 4))
    assert stroke_parts(img).counts == (2, 0)
    bars = np.zeros((28, 28))
    bars[4:20, 6:8] = 1  # vertical
    bars[14:16, 10:22] = 1  # horizontal, not touching
    bars[4:26, 24:26] = 1  # another vertical
    parts = stroke_parts(bars)
    assert parts.counts == (0, 3)


def test_arcs_cover_the_loop_and_pieces_cover_the_line():
    img = ring()
    loop, hole = stroke_parts(img).loops[0], holes(img)[0]
    arcs = loop_arcs(loop, hole, 8)
    assert len(arcs) == 8
    np.testing.assert_array_equal(np.sum(arcs, axis=0), loop.astype(int))  # each pixel in exactly one arc
    line = np.zeros((28, 28), bool)
    line[3:24, 10:12] = True
    pieces = line_pieces(line, 3)
    assert len(pieces) == 3
    np.testing.assert_array_equal(np.sum(pieces, axis=0), line.astype(int))
    rows = [np.argwhere(p)[:, 0].mean() for p in pieces]
    assert rows in (sorted(rows), sorted(rows, reverse=True))  # end to end along the line


def test_pair_separation_counts_ordered_pairs():
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 4, (7, 3)).astype(float), rng.integers(0, 4, (5, 3)).astype(float)
    got = pair_separation(a, b)
    for j in range(3):
        want = (a[:, j, None] > b[None, :, j]).mean() + 0.5 * (a[:, j, None] == b[None, :, j]).mean()
        assert got[j] == pytest.approx(want)


def test_part_contrast_finds_the_detector():
    labels = np.array([9, 9, 8, 8, 4, 4])
    acts = np.array([[0.9, 0.5], [0.8, 0.5], [0.7, 0.9], [0.9, 0.1], [0.1, 0.5], [0.2, 0.6]])
    m = part_contrast(acts, labels, (9, 8), (4,))
    assert m.best == 0
    assert m.contrast[0] == pytest.approx(0.8 - 0.15)
    assert m.separation[0] == 1.0
    assert m.counts == {9: 2, 8: 2, 4: 2}
