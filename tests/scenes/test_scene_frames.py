"""Key frames compared with committed reference frames (Manim's ``frames_comparison``).

Regenerate after an intended visual change: ``.venv/bin/pytest tests/scenes/test_scene_frames.py --set_test``
(then look at the new frames before committing them). The frames use only deterministic inputs:
seeded netcore networks, netcore's closed form, and fixed synthetic curves, so they do not depend on
a training run. See conftest.py for why a cairo-version skip fails here instead of skipping.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, UP, ThreeDScene
from manim.utils.testing.frames_comparison import frames_comparison

from scenes import gradient as G
from scenes.kit import palette as P
from scenes.kit.curve import CurveView, Hopper
from scenes.kit.landscape_view import LandscapeView
from scenes.kit.network import NetworkMobject
from scenes.kit.text import FastNumber, label

__module_test__ = "scenes"


@frames_comparison
def test_network_with_answer(scene):
    from netcore.network import Network

    net = Network((784, 16, 16, 10), seed=3)
    x = (np.sin(np.arange(784) / 17.0) + 1) / 2
    mob = NetworkMobject(net, x, width=9, height=6.4)
    scene.add(mob, mob.answer_box())


@frames_comparison(base_scene=ThreeDScene)  # manim gives a ThreeDCamera only to ThreeDScene itself
def test_downhill_direction_last_frame(scene):
    from types import FunctionType, MethodType

    from scenes.kit.scene3d import KitThreeDScene

    for cls in (KitThreeDScene, G.DownhillDirection):  # its beats and constants, on manim's ThreeDScene
        for name, value in vars(cls).items():
            if isinstance(value, FunctionType) and name != "get_moving_mobjects":
                setattr(scene, name, MethodType(value, scene))
            elif name.isupper():
                setattr(scene, name, value)
    G.DownhillDirection.construct(scene)


class _Bumps:
    """A fixed synthetic landscape (two basins) with the interface LandscapeView draws from."""

    def __init__(self):
        self.alphas = np.linspace(-3, 3, 61)
        self.betas = np.linspace(-2, 2, 41)
        A, B = np.meshgrid(self.alphas, self.betas, indexing="ij")
        self.cost = self.height(A, B)

    def height(self, a, b):
        return 0.6 + 0.25 * (a - 1) ** 2 * (a + 1.5) ** 2 / 4 + 0.4 * b ** 2 + 0.1 * a

    def gradient(self, a, b):
        h = 1e-6
        return np.stack([(self.height(a + h, b) - self.height(a - h, b)) / (2 * h),
                         (self.height(a, b + h) - self.height(a, b - h)) / (2 * h)], axis=-1)


@frames_comparison(base_scene=ThreeDScene)
def test_surface_ball_and_arrow(scene):
    land = _Bumps()
    view = LandscapeView(land, width=7, z_size=2.5)
    scene.set_camera_orientation(phi=60 * np.pi / 180, theta=100 * np.pi / 180,
                                 frame_center=view.smap(0, 0, 1.0))
    t = np.linspace(0, 1, 12)[:, None]
    coords = np.array([-2.6, 1.6]) + t * np.array([2.2, -1.5])
    rolling = view.rolling(coords, land.gradient(coords[:, 0], coords[:, 1]))
    rolling.set_state(6.5)
    scene.add(view.surface)
    scene.add(rolling.group)
    scene.add_fixed_orientation_mobjects(rolling.ball)


@frames_comparison
def test_curve_with_hopping_balls(scene):
    t = np.linspace(-0.5, 1.5, 81)
    cost = 0.2 + 0.5 * np.exp(-((t - 0.5) / 0.18) ** 2) + 0.3 * (t - 0.5) ** 2
    slope = np.gradient(cost, t)

    class Path:
        def __init__(self, ts):
            self.positions = np.array(ts)[:, None]
            self.costs = np.interp(ts, t, cost)

    view = CurveView(t, cost, slope, (-0.5, 1.5, 0.5), (0, 0.8, 0.2), width=10, height=4.5)
    hop = Hopper(view, [Path([-0.4, -0.2, -0.05, 0.02]), Path([1.3, 1.1, 1.0])], [P.SERIES[0], P.SERIES[1]],
                 trails=True)
    hop.set_state(1.5)
    num = FastNumber(0.6754, places=3).next_to(view, UP)
    scene.add(view, hop.group, num, label("cost", size=P.SMALL_SIZE).next_to(num, DOWN))


def test_frame_comparisons_run_on_this_cairo():
    """Manim would skip every comparison above on cairo < 1.18; conftest lowers its minimum."""
    import cairo
    from manim.utils.testing import frames_comparison as fc

    assert cairo.cairo_version() >= fc.MIN_CAIRO_VERSION
