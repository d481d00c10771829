"""The scene kit's mobjects draw what netcore computed: edge colours follow the weights' signs, at most
16 neurons per layer, numbers as given, balls where they were put, one animation per replay."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.kit import palette as P
from scenes.kit.network import NetworkMobject, shown_indices


@pytest.fixture(scope="module")
def net():
    from netcore.network import Network

    return Network((784, 16, 16, 10), seed=3)


@pytest.fixture(scope="module")
def image():
    return np.random.default_rng(0).random(784)


def edge_signs_match(mob, network):
    for l, edges in enumerate(mob.edges):
        W = network.weights[l]
        wmax = np.max(np.abs(W))
        seen = 0
        for b in edges.bins:
            assert b.get_stroke_color() == (P.POSITIVE if b.sign > 0 else P.NEGATIVE)
            j, k = edges.pairs[b.edge_ids].T
            w = W[j, k]
            assert np.all((w >= 0) == (b.sign > 0)), f"layer {l}: an edge in a {b.sign:+d} bin has the other sign"
            levels = np.minimum((np.abs(w) / wmax * edges.n_bins).astype(int), edges.n_bins - 1)
            assert np.all(levels == b.level)
            assert len(b.points) == 4 * len(b.edge_ids)
            seen += len(b.edge_ids)
        assert seen == len(edges.pairs)  # every drawn edge is in exactly one bin
    return True


def test_network_draws_at_most_16_neurons_per_layer(net, image):
    mob = NetworkMobject(net, image)
    assert mob.drawn_counts() == [16, 16, 16, 10]
    assert all(n <= 16 for n in mob.drawn_counts())
    assert list(mob.shown[0]) == list(range(8)) + list(range(776, 784))
    assert len(mob.ellipses) == 1 and len(mob.braces) == 1
    assert mob.braces[0][1].text == "784"
    assert [t.text for t in mob.output_labels] == [str(i) for i in range(10)]
    # first-layer edges only for the shown inputs
    assert set(mob.edges[0].pairs[:, 1]) == set(mob.shown[0])
    assert len(mob.edges[0].pairs) == 16 * 16


def test_network_draws_the_input_neurons_it_is_given(net, image):
    chosen = [400, 10, 300, 350, 351, 352, 353, 354, 355, 356, 357, 358, 359, 360, 361, 600]
    mob = NetworkMobject(net, image, shown_inputs=chosen)
    assert list(mob.shown[0]) == sorted(chosen)  # top to bottom in image order
    assert set(mob.edges[0].pairs[:, 1]) == set(chosen)
    drawn = [c.get_fill_color().to_hex().lower() for c in mob.neurons[0]]
    expected = [P.activation_color(image[i]).to_hex().lower() for i in sorted(chosen)]
    assert drawn == expected  # each drawn input neuron holds its own pixel's value
    with pytest.raises(ValueError):
        NetworkMobject(net, image, shown_inputs=chosen[:5])


def test_network_edges_follow_weight_signs_and_sizes(net, image):
    from netcore.network import Network

    mob = NetworkMobject(net, image)
    assert edge_signs_match(mob, net)
    other = Network((784, 16, 16, 10), seed=4)
    mob.set_weights(other)
    assert edge_signs_match(mob, other)
    # widths grow with the bin level within a sign
    for edges in mob.edges:
        pos = [b for b in edges.bins if b.sign > 0]
        assert all(a.get_stroke_width() < b.get_stroke_width() for a, b in zip(pos, pos[1:]))


def test_network_activations_are_netcores(net, image):
    mob = NetworkMobject(net, image)
    acts = net.forward(image[None])[1]
    for layer, idx, a in zip(mob.neurons, mob.shown, acts):
        for circle, i in zip(layer, idx):
            assert circle.get_fill_color() == P.activation_color(a[0, i])
    assert mob.answer() == int(np.argmax(acts[-1][0]))
    box = mob.answer_box()
    assert box.get_color() == P.ANSWER


def test_network_morph_and_moves_keep_edges_on_the_neurons(net, image):
    from netcore.network import Network

    mob = NetworkMobject(net, image)
    mob.shift([1.5, -0.5, 0]).scale(0.6)
    other = Network((784, 16, 16, 10), seed=5)
    anim = mob.morph_to(other, image)
    anim.begin()
    anim.interpolate(0.5)
    anim.interpolate(1.0)
    assert mob.net is other
    assert edge_signs_match(mob, other)
    r = mob.neurons[1][0].width / 2
    e = mob.edges[1]
    j, k = e.local
    assert np.allclose(np.linalg.norm(e.starts - mob.positions[1][k], axis=1), r)
    assert np.allclose(np.linalg.norm(e.ends - mob.positions[2][j], axis=1), r)


def test_small_layers_are_drawn_whole():
    from netcore.network import Network

    small = Network((5, 3, 2), seed=0)
    mob = NetworkMobject(small, np.linspace(0, 1, 5))
    assert mob.drawn_counts() == [5, 3, 2]
    assert len(mob.ellipses) == 0
    assert list(shown_indices(40)) == list(range(8)) + list(range(32, 40))


def test_feed_forward_is_one_animation(net, image):
    from manim import Succession

    mob = NetworkMobject(net)
    anim = mob.feed_forward(image)
    assert isinstance(anim, Succession)
    assert mob.answer() == int(np.argmax(net.feedforward(image[None])[0]))


def test_fast_number_shows_the_value_and_stays_put():
    from scenes.kit.text import FastNumber

    n = FastNumber(4.9, places=3)
    n.move_to([2.0, 1.0, 0]).scale(1.5)
    left = n.points[0].copy()
    for v in (0.6754, 12.5, 0.0):
        n.set_value(v)
        assert n.get_value() == v
        assert np.allclose(n.points[0], left)
    assert n.text(0.6754) == "0.675"
    assert FastNumber(3, places=0).text(100) == "100"
    assert FastNumber(3, places=0).text(12000) == "12,000" and n.text(-1234.5) == "-1,234.500"


def test_fast_number_reserves_the_width_of_its_widest_value():
    from scenes.kit.text import FastNumber

    wide = FastNumber(100, places=0).width
    n = FastNumber(0, places=0, widest=100)
    assert n.width >= wide - 1e-9
    n.to_edge([1, 0, 0], buff=0.4)
    right = n.get_right()[0]
    n.set_value(100)  # the longest value ends where the reserved width did
    assert abs(n.get_right()[0] - right) < 0.05
    assert n.get_value() == 100


def test_right_aligned_fast_number_grows_to_the_left():
    from scenes.kit.text import FastNumber

    n = FastNumber(0, places=0, widest=1000, align_right=True).move_to([3.0, 1.0, 0])
    box_right = n.get_right()[0]
    ends = []
    for v in (7, 51, 885, 1000):
        n.set_value(v)
        digits = n.points[12:]  # past the three invisible anchors (4 points each)
        ends.append(digits[:, 0].max())
    assert np.allclose(ends, ends[0], atol=0.06)  # the last digit stays where it was
    assert abs(n.get_right()[0] - box_right) < 1e-9  # and the reserved box does not move
    assert n.get_value() == 1000


def test_change_values_moves_fast_numbers_together_and_ends_exactly():
    from scenes.kit.animations import change_values
    from scenes.kit.text import FastNumber

    nums = [FastNumber(0.5, places=3), FastNumber(4.9, places=3)]
    anim = change_values(nums, [0.1, 0.067], run_time=1.0)
    anim.begin()
    anim.interpolate(0.5)
    assert 0.1 < nums[0].get_value() < 0.5 and 0.067 < nums[1].get_value() < 4.9
    anim.interpolate(1.0)
    assert [n.get_value() for n in nums] == [0.1, 0.067]


def test_number_column_shows_head_ellipsis_tail():
    from scenes.kit.numbers import NumberColumn

    values = np.arange(13002) * 0.001 - 5
    col = NumberColumn(values, head=4, tail=2, places=3)
    assert list(col.indices) == [0, 1, 2, 3, 13000, 13001]
    assert [e.get_value() for e in col.entries] == pytest.approx(values[col.indices])


def test_replay_is_one_animation_through_all_states():
    from manim import VGroup

    from scenes.kit.animations import Replay

    seen = []
    anim = Replay(VGroup(), 5, seen.append, durations=[1, 1, 2, 4], run_time=4)
    anim.begin()
    for a in np.linspace(0, 1, 9):
        anim.interpolate(a)
    anim.finish()
    assert seen[0] == 0.0 and seen[-1] == 4.0
    assert seen == sorted(seen)
    assert anim.state_at(0.25) == pytest.approx(2.0)  # two unit transitions out of eight time units


def test_surface_vertices_are_grid_values():
    from scenes.kit.geometry import SceneMap
    from scenes.kit.surface import CostSurface

    a = np.linspace(-1, 1, 61)
    b = np.linspace(-2, 2, 41)
    cost = 1 + a[:, None] ** 2 + 0.5 * b[None, :] ** 2
    smap = SceneMap((a[0], a[-1]), (b[0], b[-1]), (0, cost.max()))
    surf = CostSurface(a, b, cost, smap, max_faces=20)
    ia, ib = surf.grid_indices
    assert ia[0] == 0 and ia[-1] == 60 and ib[-1] == 40 and len(ia) <= 21
    assert np.array_equal(surf.cost, cost[np.ix_(ia, ib)])
    zs = np.concatenate([p.points[0::4, 2] for p in surf.pieces])  # the anchors (corners), not handles
    heights = smap.inverse(np.stack([np.zeros_like(zs), np.zeros_like(zs), zs], 1))[:, 2]
    assert np.all(np.isin(np.round(heights, 9), np.round(surf.cost.ravel(), 9)))
    assert sum(len(p.face_ids) for p in surf.pieces) == (len(ia) - 1) * (len(ib) - 1)


def test_user_trace_replaces_the_default_runs(scene_data, tmp_path, monkeypatch):
    import shutil

    kd = scene_data
    original = kd.trace("descent")
    copy = tmp_path / "mine.npz"
    shutil.copy(original.path, copy)
    monkeypatch.setenv("NETCORE_TRACE", str(copy))
    kd._memo.clear()
    try:
        mine = kd.trace("descent")
        assert mine.path == copy
        assert kd.trace("lesson").path == copy
        assert kd.trace_key("descent").startswith("user-")
        # other runs take the user's network, with their own seeds
        assert kd.spec("minimum-b").seed == original.meta["network"]["seed"] + 1
    finally:
        monkeypatch.delenv("NETCORE_TRACE")
        kd._memo.clear()


# --- the kit's layout and geometry helpers ----------------------------------------------------------
def test_nice_ticks_follow_the_range():
    from scenes.kit.geometry import nice_ticks

    assert nice_ticks(0, 1.13).tolist() == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(0, 205000, most=4).tolist() == [0.0, 100000.0, 200000.0]  # not a million ticks
    for lo, hi in ((0.12, 0.19), (-0.5, 1.5), (3.3, 2129.0), (0, 1e-4)):
        ticks = nice_ticks(lo, hi)
        assert 1 <= len(ticks) <= 6 and ticks.min() >= lo - 1e-12 and ticks.max() <= hi + 1e-12


def test_tick_text_uses_the_minus_sign_and_the_steps_decimals():
    from scenes.kit.plot import tick_text

    assert [tick_text(v, 0.5) for v in (-0.5, 0.0, -1e-17, 1.5)] == ["\u22120.5", "0.0", "0.0", "1.5"]
    assert tick_text(100000, 100000) == "100,000"


@pytest.mark.parametrize("n", [1, 8, 10, 16, 32, 64])
def test_tile_grid_fits_any_neuron_count_in_its_box(n):
    from scenes.kit.layout import tile_grid

    grid = tile_grid(n, 7.0, 6.2, center=(2.6, -0.35, 0), gap=0.17)
    assert len(grid.centers) == n
    half = grid.side / 2
    assert grid.centers[:, 0].min() - half >= 2.6 - 3.5 - 1e-9 and grid.centers[:, 0].max() + half <= 2.6 + 3.5 + 1e-9
    assert grid.centers[:, 1].min() - half >= -0.35 - 3.1 - 1e-9 and grid.centers[:, 1].max() + half <= -0.35 + 3.1 + 1e-9


def test_entry_rows_put_a_gap_wherever_entries_are_skipped():
    from scenes.kit.numbers import EntryRows

    rows = EntryRows.of([0, 1, 700, 13001], n=13002, top=2.0)
    assert rows.indices == (0, 1, None, 700, None, 13001)
    assert [i for i, _ in rows.entries()] == [0, 1, 700, 13001] and len(rows.gaps()) == 2
    assert rows.ys.tolist() == sorted(rows.ys.tolist(), reverse=True) and rows.bottom < rows.ys.min()


def test_readout_puts_the_digits_on_the_names_baseline():
    from scenes.kit.layout import readout, text_baseline
    from scenes.kit.text import FastNumber

    for name in ("step", "cost", "network says"):  # with and without descenders
        row = readout(name, FastNumber(52, places=0))
        assert text_baseline(row.value) == pytest.approx(text_baseline(row[0]), abs=1e-9)


def test_fast_number_signs():
    from scenes.kit.text import FastNumber

    n = FastNumber(0.25, places=2, include_sign=True)
    assert n.text(0.25) == "+0.25" and n.text(-0.25) == "-0.25" and n.text(-0.0001) == "+0.00"
