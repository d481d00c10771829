"""Chapter 3 (``scenes/backprop.py``, data from ``scenes/backprop_data.py``):
MiniBatches and SGDvsFullBatch render, and what they show is netcore's, recomputed here independently
(mini-batches from the seeded shuffle, costs from the networks at the snapshots, the plane's share,
example-gradient counts, uphill steps).

Fixtures from ``conftest.py``: ``scene_data`` (1,000 small real training images, shorter runs) and
``rendered_scene`` (256x144, 5 fps, no video).
"""

from __future__ import annotations

import numpy as np
import pytest

from netcore.network import Network
from netcore.runs import training_set
from scenes import backprop as bs
from scenes import backprop_data as bd
from scenes.kit import data as kd


@pytest.fixture(scope="module")
def rendered(env, rendered_scene):
    return lambda name: rendered_scene(getattr(bs, name))


# --- MiniBatches ------------------------------------------------------------------------------------
def test_mini_batches_are_the_runs_own(env, rendered):
    shown = bd.mini_batches()
    lesson = kd.trace("lesson")
    assert shown.run == "lesson" and shown.replayed_method == "sgd"
    b = lesson.meta["hyperparameters"]["batch_size"]
    assert shown.batch_size == b and shown.n_train == len(env.x_train)
    # the shuffle, recomputed: epoch 0 of a generator seeded with the run's shuffle seed
    perm = np.random.default_rng(lesson.meta["hyperparameters"]["shuffle_seed"]).permutation(len(env.x_train))
    k = len(shown.batches)
    np.testing.assert_array_equal(shown.batches, perm[:k * b].reshape(k, b))
    assert shown.n_batches == -(-len(env.x_train) // b)
    np.testing.assert_array_equal(shown.images, env.x_train[shown.batches])
    np.testing.assert_array_equal(shown.labels, env.y_train[shown.batches])
    # each step's cost is its mini-batch's cost at the weights before the step (first snapshots are 0, 1, 2...)
    for step in range(3):
        net = lesson.network_at_step(step)
        idx = perm[step * b:(step + 1) * b]
        assert shown.step_costs[step] == pytest.approx(net.cost(env.x_train[idx], env.y_train[idx]), rel=1e-9)
    x, y = training_set([lesson], env)
    for i in (0, len(shown.snapshot_steps) - 1):
        net = lesson.network_at_step(int(shown.snapshot_steps[i]))
        assert shown.snapshot_costs[i] == pytest.approx(net.cost(x, y), rel=1e-9)
    scene = rendered("MiniBatches")
    assert scene.shown_steps[-1] == len(shown.step_costs)
    assert scene.readouts["step"].get_value() == len(shown.step_costs)
    assert scene.readouts["cost"].get_value() == pytest.approx(shown.step_costs[-1])


# --- SGDvsFullBatch ---------------------------------------------------------------------------------
def test_walkers_share_a_start_and_the_compute(env):
    shown = bd.sgd_vs_full_batch()
    full, sgd = kd.trace("full-walk"), kd.trace("sgd-walk")
    lesson = kd.trace("lesson")
    assert shown.same_start
    np.testing.assert_array_equal(full.snapshot_params[0], lesson.snapshot_params[0])
    # the SGD walker is the lesson's run recorded densely: the same weights at their common snapshots
    common = np.intersect1d(lesson.snapshot_steps, sgd.snapshot_steps)
    assert len(common) > 5
    for s in common:
        np.testing.assert_array_equal(sgd.snapshot_params[sgd.index_of_step(s)], lesson.snapshot_params[lesson.index_of_step(s)])
    n = len(env.x_train)
    assert full.meta["method"] == "full_batch" and sgd.meta["method"] == "sgd"
    assert full.meta["hyperparameters"]["epochs"] == sgd.meta["hyperparameters"]["epochs"] == shown.passes
    assert shown.budget == shown.passes * n
    assert shown.full.examples[-1] == shown.sgd.examples[-1] == shown.budget
    assert shown.full.steps[-1] == shown.passes and shown.sgd.steps[-1] == shown.passes * -(-n // 10)
    np.testing.assert_array_equal(shown.sgd.examples[:20], 10 * np.arange(20))
    # dense: every step up to dense_steps
    np.testing.assert_array_equal(shown.sgd.steps[:shown.dense_steps + 1], np.arange(shown.dense_steps + 1))


def test_surface_costs_and_plane_share(env):
    shown = bd.sgd_vs_full_batch()
    land = shown.landscape
    x, y = training_set([kd.trace("lesson")], env)
    u, v = land.directions
    assert abs(u @ v) < 1e-9 and u @ u == pytest.approx(1) and v @ v == pytest.approx(1)
    for walker, name in ((shown.full, "full-walk"), (shown.sgd, "sgd-walk")):
        trace = kd.trace(name)
        params = trace.snapshot_params
        # the plane holds the start and the end exactly (three-point plane)
        for i in (0, -1):
            rel = params[i] - land.origin
            assert np.linalg.norm(rel - (rel @ land.directions.T) @ land.directions) < 1e-8 * max(1, np.linalg.norm(rel))
        # share of the path's movement: recomputed from the centred snapshots
        c = params - params.mean(axis=0)
        assert walker.held == pytest.approx(np.sum((c @ land.directions.T) ** 2) / np.sum(c ** 2), rel=1e-9)
        for i in (0, len(walker.steps) // 2, len(walker.steps) - 1):
            net = trace.network_at_step(int(walker.steps[i]))
            assert walker.costs[i] == pytest.approx(net.cost(x, y), rel=1e-9)
            coords = (params[trace.index_of_step(int(walker.steps[i]))] - land.origin) @ land.directions.T
            np.testing.assert_allclose(walker.coords[i], coords, atol=1e-9)
            m = trace.meta["network"]
            on_plane = Network(m["sizes"], m["activation"], m["cost"], params=land.origin + coords @ land.directions)
            assert walker.heights[i] == pytest.approx(on_plane.cost(x, y), rel=1e-9)
        assert walker.test_accuracy == pytest.approx(
            float(np.mean(np.argmax(trace.network(-1).feedforward(env.x_test), axis=1) == env.y_test)))
    # uphill: recomputed from the dense snapshots' true costs
    ups = [int(s) for s, a, b in zip(shown.sgd.steps[1:shown.dense_steps + 1], shown.sgd.costs[:shown.dense_steps],
                                     shown.sgd.costs[1:shown.dense_steps + 1]) if b > a]
    assert list(shown.uphill) == ups


def test_sgd_vs_full_batch_readouts(rendered):
    scene = rendered("SGDvsFullBatch")
    shown = scene.shown
    nums = scene.numbers
    assert nums["examples"].get_value() == shown.budget
    for who, w in (("full", shown.full), ("sgd", shown.sgd)):
        assert nums[f"{who}-steps"].get_value() == w.steps[-1]
        assert nums[f"{who}-cost"].get_value() == pytest.approx(w.costs[-1])
        assert nums[f"{who}-height"].get_value() == pytest.approx(w.heights[-1])
    assert nums["uphill"].get_value() == len(shown.uphill)
    assert scene.sgd.history[-1] == len(shown.sgd.steps) - 1 and scene.full.history[-1] == len(shown.full.steps) - 1
    assert len(scene.uphill_marks) == len(shown.uphill)
    assert all(m.get_fill_opacity() == 1.0 for m in scene.uphill_marks)


def test_sgd_first_steps_inset_is_netcores(env, rendered):
    """The zoomed inset: SGD's true training cost after each of its first steps against example-gradients,
    the uphill ones marked; recomputed from the recorded networks."""
    scene = rendered("SGDvsFullBatch")
    shown = scene.shown
    inset = scene.inset
    n = shown.dense_steps
    trace = kd.trace("sgd-walk")
    x, y = training_set([kd.trace("lesson")], env)
    b = trace.meta["hyperparameters"]["batch_size"]
    np.testing.assert_array_equal(inset.examples, b * np.arange(n + 1))
    assert len(inset.costs) == n + 1
    for step in (0, 1, n // 2, n, *shown.uphill[:2]):
        assert inset.costs[step] == pytest.approx(trace.network_at_step(step).cost(x, y), rel=1e-9)
    # marks: exactly the steps after which the true cost rose (those inside the zoomed box)
    lo, hi = inset.axes.y_range
    ups = [s for s in range(1, n + 1) if inset.costs[s] > inset.costs[s - 1]]
    assert list(inset.marked) == [s for s in ups if lo <= inset.costs[s] <= hi]
    assert set(inset.marked) <= set(shown.uphill) and len(inset.marked) >= len(shown.uphill) - 5
    assert inset.shown_until == n and all(m.get_fill_opacity() == 1.0 for m in inset.marks)
    # the line: the recorded points inside the box, drawn through the box's scale
    inside = inset.costs <= hi
    assert lo <= inset.costs.min() and inside.sum() >= n - 10
    pts = inset.line.get_anchors()
    for s in np.flatnonzero(inside)[::7]:
        p = inset.axes.to_scene(inset.examples[s], inset.costs[s])
        assert np.min(np.linalg.norm(pts - p, axis=1)) < 1e-6
    # the end pins: full-batch's sits above-right of its end (its trail comes down from above)
    assert len(scene.pins) == 2


def test_clipped_from_top():
    from scenes.kit.walkers import clipped_from_top
    x, y = clipped_from_top([0, 1, 2, 3], [4.0, 1.0, 0.5, 0.8], 2.0)
    np.testing.assert_allclose(x, [1 / 1.5, 1, 2, 3])
    np.testing.assert_allclose(y, [2.0, 1.0, 0.5, 0.8])
    x, y = clipped_from_top([0, 1], [0.5, 0.4], 2.0)
    np.testing.assert_allclose(y, [0.5, 0.4])
