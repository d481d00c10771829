"""The line through two real minima: ridge, exact slope, balls settling in valleys, learning rates;
and the closed-form bowl with the same descent structure."""

import numpy as np
import pytest

from mnist_fakes import SHARED_MNIST

from netcore import closed_form, load_mnist
from netcore.errors import NetcoreError
from netcore.examples import subset
from netcore.descent import DescentPath
from netcore.runs import RunSpec
from netcore.slices import Slice, slice_between_runs, two_minima

needs_mnist = pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="needs ../shared/mnist")


@pytest.fixture(scope="module")
def data():
    return subset(load_mnist(SHARED_MNIST, quiet=True), 2000, 200)


@pytest.fixture(scope="module")
def runs(data, tmp_path_factory):
    return two_minima(data, RunSpec(epochs=3, snapshots=[]), seeds=(0, 1),
                      cache_dir=tmp_path_factory.mktemp("minima"))


@pytest.fixture(scope="module")
def line(runs, data):
    return slice_between_runs(*runs, data)


@needs_mnist
def test_ridge_between_two_minima(line, runs):
    a, b = runs
    assert line.t[0] < 0 and line.t[-1] > 1
    c0, c1 = line.meta["end_costs"]
    assert c0 == pytest.approx(a.snapshot_cost[-1], rel=1e-9) and c1 == pytest.approx(b.snapshot_cost[-1], rel=1e-9)
    assert 0 < line.ridge_t < 1 and line.ridge_cost > max(c0, c1) + 0.05
    assert line.ridge_cost >= line.cost[(line.t > 0) & (line.t < 1)].max() - 1e-12
    assert len(line.valley_t) >= 2 and np.all(line.valley_curvature > 0)


@needs_mnist
def test_slope_is_the_exact_directional_derivative(line, runs, data):
    a, b = runs
    direction = b.snapshot_params[-1] - a.snapshot_params[-1]
    for t in (-0.3, 0.4, 1.2):
        net = a.network(-1).copy(a.snapshot_params[-1] + t * direction)
        cost, grad = net.cost_and_gradient(data.x_train, data.y_train)
        c, s = line.value_and_slope(t)
        assert c == pytest.approx(cost, rel=1e-9)
        assert s[0] == pytest.approx(grad @ direction, rel=1e-8)


@needs_mnist
def test_balls_settle_in_different_valleys(line):
    starts = [-0.4, 0.2, 0.8, 1.4]
    balls = line.roll_balls(starts)
    for ball in balls:
        assert ball.status == "settled" and ball.valley >= 0
        assert np.all(np.diff(ball.costs) <= 1e-12)  # downhill all the way at a modest eta
        steps = np.abs(ball.steps[:, 0])
        assert steps[-1] < steps.max() / 10  # steps shrink as the slope flattens
    assert balls[0].valley == balls[1].valley != balls[2].valley == balls[3].valley
    for ball in balls:
        assert ball.final[0] == pytest.approx(line.valley_t[ball.valley], abs=1e-3)


@needs_mnist
def test_learning_rates(line):
    creep, good, over, diverge = line.learning_rates(max_steps=40)
    t_star = line.valley_t[line.meta["rate_valley"]]
    assert abs(t_star) < 0.1
    dist = lambda p: p.positions[:, 0] - t_star  # noqa: E731
    # small eta: creeps monotonically, still far after all its steps
    d = dist(creep)
    assert creep.status == "max_steps" and np.all(np.diff(np.abs(d)) < 0) and abs(d[-1]) > 0.3 * abs(d[0])
    # good eta: settles close to the minimum without crossing it
    d = dist(good)
    assert good.status == "settled" and np.all(np.sign(d[:-1]) == np.sign(d[0])) and abs(d[-1]) < 1e-3
    assert len(good.costs) < len(creep.costs)
    # large eta: overshoots, crossing the minimum back and forth, before converging slowly
    d = dist(over)
    assert np.all(np.sign(d[1:6]) == -np.sign(d[:5]))
    assert len(over.costs) > len(good.costs)
    # too large: the swings grow
    d = dist(diverge)
    assert np.sign(d[1]) == -np.sign(d[0])
    assert diverge.status == "escaped" or (np.abs(d[2:8]).max() > 2 * abs(d[0]) and diverge.valley == -1)
    assert len(line.meta["rate_labels"]) == 4


@needs_mnist
def test_slice_save_load(line, tmp_path):
    line.roll_balls([-0.2, 1.3])
    line.learning_rates(max_steps=10)
    path = line.save(tmp_path / "s.npz")
    back = Slice.load(path)
    np.testing.assert_array_equal(back.cost, line.cost)
    assert back.ridge_t == line.ridge_t and len(back.balls) == 2 and len(back.rates) == 4
    for p, q in zip(back.balls + back.rates, line.balls + line.rates):
        np.testing.assert_array_equal(p.positions, q.positions)
        assert (p.status, p.valley, p.eta) == (q.status, q.valley, q.eta)
    with np.load(path) as z:
        assert z["ball_positions"].shape[0] == 2
    with pytest.raises(NetcoreError, match="loaded from a file"):
        back.value_and_slope(0.5)


def test_closed_form_gradient():
    np.testing.assert_array_equal(closed_form.gradient(1, 1), [3.0, 1.0])
    assert closed_form.cost(1, 1) == 2.0
    xs, ys, c = closed_form.surface(2, 5)
    assert c[0, 0] == closed_form.cost(-2, -2) and c.shape == (5, 5)


def test_closed_form_descent_has_the_shared_structure():
    paths = closed_form.descents([(1.0, 1.0), (-1.5, 0.5)], eta=0.1)
    for p in paths:
        assert isinstance(p, DescentPath) and p.status == "settled" and p.valley == 0
        assert p.positions.shape[1] == 2 and len(p.costs) == len(p.positions)
        assert np.linalg.norm(p.final) < 1e-3 and np.all(np.diff(p.costs) < 0)
    first = paths[0].positions[1]
    np.testing.assert_allclose(first, [1 - 0.1 * 3, 1 - 0.1 * 1])
    # eta beyond 2/3 diverges along x (curvature 3)
    wild = closed_form.descent((1.0, 1.0), eta=0.7, max_steps=100, bounds=(np.full(2, -10.0), np.full(2, 10.0)))
    assert wild.status == "escaped" and wild.valley == -1


def test_a_descent_path_counts_its_crossings_of_a_floor():
    from netcore.descent import DescentPath

    careful = DescentPath(np.array([[-1.0], [-0.5], [-0.1], [0.0]]), np.zeros(4), 0.1, "settled")
    overshoot = DescentPath(np.array([[-1.0], [0.6], [-0.3], [0.1], [0.0]]), np.zeros(5), 0.9, "settled")
    assert careful.crossings(0.0) == 0
    assert overshoot.crossings(0.0) == 3
