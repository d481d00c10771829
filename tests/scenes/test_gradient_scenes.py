"""The four descent scenes render (small, 5 fps) and show netcore's numbers and positions."""

from __future__ import annotations

import numpy as np
import pytest

from scenes import gradient as G


@pytest.fixture
def rendered(rendered_scene):
    return rendered_scene


# --- BallDownhill ---------------------------------------------------------------------------------
def test_ball_downhill_renders_and_replays_every_snapshot(rendered, scene_data):
    scene = rendered(G.BallDownhill)
    land = scene_data.landscape("descent")
    path = land.trace_path(0)
    rolling = scene.rolling
    # the replay passed through every snapshot, in order, in ONE animation
    assert rolling.history[: len(path["step"])] == list(range(len(path["step"])))
    assert np.array_equal(rolling.coords, path["coords"])
    # the readouts end on the last snapshot's step and true cost (netcore's numbers)
    assert scene.readouts["step"].get_value() == int(path["step"][-1])
    assert scene.readouts["cost"].get_value() == pytest.approx(float(path["cost"][-1]))
    trace = scene_data.trace("descent")
    assert path["cost"][-1] == pytest.approx(float(trace.snapshot_cost[-1]))


def test_ball_sits_on_the_surface_at_each_projected_snapshot(rendered, scene_data):
    scene = rendered(G.BallDownhill)
    land, view, rolling = scene.land, scene.view, scene.rolling
    trace = scene_data.trace("descent")
    coords, _ = land.plane.project(trace.snapshot_params)  # netcore's projection of every snapshot
    for i in range(len(coords)):
        rolling.set_state(float(i))
        ball = rolling.ball
        assert np.allclose(ball.coords, coords[i])
        assert ball.surface_height == pytest.approx(float(land.height(*coords[i])))
        # the contact point is the scene point of (a, b, height) and the ball rests on it
        assert np.allclose(ball.contact, view.smap(coords[i][0], coords[i][1], ball.surface_height))
        assert np.allclose(view.smap.inverse(ball.contact), [*coords[i], ball.surface_height])
        assert np.linalg.norm(ball.get_center() - ball.contact) == pytest.approx(ball.radius, rel=1e-6)
    # the downhill arrow points along minus the projected true gradient
    rolling.set_state(0.0)
    g = land.trace_path(0)["gradient"][0]
    v = rolling.arrow.vector
    plane_dir = v[:2] / view.smap.scale[:2]
    cos = plane_dir @ (-g) / (np.linalg.norm(plane_dir) * np.linalg.norm(g))
    assert cos == pytest.approx(1.0, abs=1e-9)


# --- ManyValleys ----------------------------------------------------------------------------------
def test_many_valleys_balls_follow_netcore_descents(rendered, scene_data):
    scene = rendered(G.ManyValleys)
    sl = scene_data.slice_("minima")
    assert len(sl.valley_t) >= 2
    paths = sl.balls
    solo, crowd = scene.hoppers
    hopped = solo.paths + crowd.paths
    assert sorted(float(p.positions[0, 0]) for p in hopped) == sorted(float(p.positions[0, 0]) for p in paths)
    # balls settle where netcore's descents ended, resting on the drawn curve
    for hop in (solo, crowd):
        hop.set_state(float(hop.n_states - 1))
        for ball, path in zip(hop.balls, hop.paths):
            t = float(path.positions[-1, 0])
            assert ball.coords[0] == pytest.approx(t)
            assert ball.surface_height == pytest.approx(float(path.costs[-1]))
            assert np.allclose(ball.contact, scene.view.point(t))
    # the drawn curve passes through netcore's samples
    assert np.allclose(scene.view.cost_at(sl.t), sl.cost)
    # readouts: the featured ball's last step and its (zero-length) last step size
    first = solo.paths[0]
    assert scene.readouts["step"].get_value() == len(first.costs) - 1
    # labels show netcore's valley and ridge costs
    texts = [m.text for m in scene.labels["valleys"]]
    for vc in sl.valley_cost:
        assert any(f"{vc:.4f}," in t for t in texts)
    assert f"{sl.meta['ridge_cost']:.3f}" in scene.labels["ridge"].text


# --- LearningRate ---------------------------------------------------------------------------------
def test_learning_rate_panels_show_netcore_paths(rendered, scene_data):
    scene = rendered(G.LearningRate)
    sl = scene_data.slice_("minima")
    assert len(scene.hoppers) == len(sl.rates) >= 3
    for hop, num, path in zip(scene.hoppers, scene.readouts["costs"], sl.rates):
        assert hop.paths[0] is not None and np.array_equal(hop.positions[0], path.positions[:, 0])
        finite = path.costs[np.isfinite(path.costs)]
        assert num.get_value() == pytest.approx(float(finite[-1]))
    etas = [p.eta for p in sl.rates]
    assert etas == sorted(etas)  # small, good, too large


# --- DownhillDirection ----------------------------------------------------------------------------
def test_downhill_direction_uses_netcore_closed_form(rendered):
    from netcore import closed_form

    scene = rendered(G.DownhillDirection)
    assert np.allclose(scene.gradient_shown, closed_form.gradient(1, 1))
    assert np.allclose(scene.gradient_shown, [3.0, 1.0])
    path = scene.path
    assert np.allclose(path.positions[0], [1, 1])
    rolling = scene.rolling
    rolling.set_state(float(len(path.positions) - 1))
    end = path.positions[-1]
    assert np.allclose(rolling.ball.coords, end)
    assert rolling.ball.surface_height == pytest.approx(float(closed_form.cost(*end)))
