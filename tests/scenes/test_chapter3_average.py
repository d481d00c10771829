"""Chapter 3 (``scenes/backprop.py``, data from
``scenes/backprop_data.py``): GradientSensitivity and AverageOverExamples render, and every
number they show equals netcore's, recomputed here independently.

Fixtures from ``conftest.py``: ``scene_data`` (the kit on the first 1,000 training / 500 test images
of ../shared/mnist, traces trained into a private cache) and ``rendered_scene`` (each scene rendered
once at 256x144, 5 frames per second, no video written).
"""

from __future__ import annotations

import numpy as np
import pytest

from scenes import backprop as ba
from scenes import backprop_data as bd


@pytest.fixture(scope="module")
def rendered(env, rendered_scene):
    return lambda name: rendered_scene(getattr(ba, name))


def test_scenes_in_lesson_order():
    """``backprop.SCENES`` follows the chapter-3 table of ../shared/lessons.md, row by row."""
    import re

    from mnist_fakes import SHARED_MNIST

    table = (SHARED_MNIST.parent / "lessons.md").read_text().split("## Chapter 3")[1].split("\n## ")[0]
    listed = re.findall(r"^\| (\w+) \|", table, flags=re.M)
    assert [s.__name__ for s in ba.SCENES] == [n for n in listed if n != "scene"]


def test_gradient_sensitivity(env, lesson, rendered):
    s = bd.gradient_sensitivity()
    net0 = lesson.network(0)
    grad = net0.gradient(env.x_train, env.y_train)  # the full training gradient, recomputed
    np.testing.assert_allclose(lesson.snapshot_grad[0], grad, rtol=1e-9, atol=1e-15)
    # the rule: the largest |dC/dw| of all weights, then the median |dC/dw| of that layer's nonzero ones
    is_weight = np.array([net0.locate(i).kind == "w" for i in range(net0.n_params)])
    first = int(np.flatnonzero(is_weight)[np.argmax(np.abs(grad[is_weight]))])
    layer = net0.locate(first).layer
    in_layer = np.array([i for i in range(net0.n_params) if is_weight[i] and net0.locate(i).layer == layer])
    sizes = np.sort(np.abs(grad[in_layer][grad[in_layer] != 0]))
    assert s.indices[0] == first and s.layer == layer and s.layer_size == len(in_layer)
    assert abs(grad[s.indices[1]]) == pytest.approx(sizes[(len(sizes) - 1) // 2], rel=1e-9)
    assert net0.locate(s.indices[1]).kind == "w" and net0.locate(s.indices[1]).layer == layer
    assert s.names == tuple(net0.param_name(i) for i in s.indices) and s.n_weights == is_weight.sum()
    np.testing.assert_allclose(s.gradient, grad[list(s.indices)], rtol=1e-9)
    np.testing.assert_array_equal(s.values, net0.params[list(s.indices)])
    assert s.ratio == pytest.approx(abs(grad[first]) / abs(grad[s.indices[1]]), rel=1e-9) and s.ratio > 1
    assert s.cost == pytest.approx(net0.cost(env.x_train, env.y_train), rel=1e-12)
    assert s.n_train == len(env.x_train) and s.step == 0
    # the nudge: each weight alone moved by the same amount, the true change of the full cost
    assert 0.01 <= abs(grad[first]) * s.nudge < 0.1 + 1e-12
    for i, change in zip(s.indices, s.changes):
        p = net0.params
        p[i] += s.nudge
        assert change == pytest.approx(net0.copy(p).cost(env.x_train, env.y_train) - s.cost, rel=1e-9, abs=1e-15)
    assert s.change_ratio == pytest.approx(abs(s.changes[0] / s.changes[1]))
    assert s.changes_match == (abs(s.change_ratio / s.ratio - 1) < 0.1)
    scene = rendered("GradientSensitivity")
    assert [g.get_value() for g in scene.grads] == pytest.approx(s.gradient.tolist())
    assert [v.get_value() for v in scene.values] == pytest.approx(s.values.tolist())  # put back after the nudge
    assert [c.get_value() for c in scene.changes] == pytest.approx(s.changes.tolist())
    assert scene.ratio.get_value() == pytest.approx(s.ratio)
    assert scene.change_ratio.get_value() == pytest.approx(s.change_ratio)
    assert scene.cost_num.get_value() == pytest.approx(s.cost)


def test_average_over_examples(env, lesson, rendered):
    t = bd.average_over_examples()
    net0 = lesson.network(0)
    n = len(t.labels)
    x, y = env.x_train[:n], env.y_train[:n]
    np.testing.assert_array_equal(t.images, x)
    np.testing.assert_array_equal(t.labels, y)
    full = net0.gradient(env.x_train, env.y_train)
    # the rows: each weight layer's largest |dC/dw| (the last four layers), then the largest output bias
    expected = []
    for layer in range(max(0, len(net0.shapes) - 4), len(net0.shapes)):
        rows, cols = net0.shapes[layer]
        best = max(((j, k) for j in range(rows) for k in range(cols)),
                   key=lambda jk: abs(full[net0.weight_index(layer, *jk)]))
        expected.append(net0.weight_index(layer, *best))
    out = len(net0.shapes) - 1
    expected.append(net0.bias_index(out, int(np.argmax(np.abs([full[net0.bias_index(out, j)]
                                                               for j in range(net0.sizes[-1])])))))
    assert list(t.indices) == sorted(expected)
    assert t.names == tuple(net0.param_name(int(i)) for i in t.indices)
    # each cell: minus that example's own gradient (one example at a time through Network.gradient)
    per = np.array([-net0.gradient(x[e:e + 1], y[e:e + 1])[t.indices] for e in range(n)])
    np.testing.assert_allclose(t.per_example, per, rtol=1e-9, atol=1e-15)
    # each row's average is minus the gradient over those examples
    minus = -net0.gradient(x, y)[t.indices]
    np.testing.assert_allclose(t.average, minus, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(t.minus_gradient, minus, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(t.average, per.mean(axis=0), rtol=1e-9, atol=1e-15)
    assert t.largest_gap < 1e-12
    np.testing.assert_allclose(t.minus_full, -full[t.indices], rtol=1e-9, atol=1e-15)
    assert t.n_train == len(env.x_train) and t.step == 0
    scene = rendered("AverageOverExamples")
    for e, column in enumerate(scene.cells):
        assert [c.get_value() for c in column] == pytest.approx(t.per_example[e].tolist())
    assert [c.get_value() for c in scene.averages] == pytest.approx(t.average.tolist())
    assert [c.get_value() for c in scene.minus_gradient] == pytest.approx(minus.tolist())
    assert [c.get_value() for c in scene.minus_full] == pytest.approx((-full[t.indices]).tolist())


def test_change_table_layout():
    from scenes.kit.change_table import ChangeTable

    table = ChangeTable(["w_1", "b_1"], n_columns=4, left=-6.0, right=6.0, name_width=1.5, first_row=1.0,
                        row_height=0.5, gaps_after={1: 0.4})
    assert table.column_x(0) == pytest.approx(-4.5) and table.column_x(3) == pytest.approx(6.0)
    assert table.column_x(2) - table.column_x(1) == pytest.approx(table.spacing + 0.4)
    assert table.row_y(1) == pytest.approx(0.5)
    cells = table.column([0.25, -0.5], 1)
    assert [c.get_value() for c in cells] == [0.25, -0.5]
