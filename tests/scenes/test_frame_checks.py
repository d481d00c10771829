"""The frame checks (``frame_checks.watch_frame``) find what they promise and nothing else, on tiny
scenes made for it: text too close to the edge, a shape beyond it, overlapping and touching texts,
an invisible mobject off screen (not counted), and in a 3-D scene a dot that the camera's zoom
projects out of the frame and a fixed-in-frame text at the edge."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DEGREES, RIGHT, Dot, Line, Scene, Text, ThreeDScene, tempconfig

from frame_checks import summarize, text_laid_out_at, watch_frame  # tests/scenes is on sys.path

SMALL = {"pixel_width": 256, "pixel_height": 144, "frame_rate": 2, "dry_run": True, "disable_caching": True,
         "verbosity": "ERROR", "progress_bar": "none"}


@pytest.fixture
def render(tmp_path):
    def run(cls):
        with tempconfig({**SMALL, "media_dir": str(tmp_path)}), text_laid_out_at():
            scene = watch_frame(cls())
            scene.render()
        return scene

    return run


class Flat(Scene):
    def construct(self):
        self.add(Text("fine", font_size=24).move_to([-3, 0, 0]))
        self.add(Text("near the edge", font_size=24).to_edge(RIGHT, buff=0.05))  # within the 0.15 margin
        self.add(Line([0, -2, 0], [8.0, -2, 0]))  # 0.9 beyond the right edge
        self.add(Line([0, -2.5, 0], [7.12, -2.5, 0]))  # 0.01 beyond: within the shapes' tolerance
        self.add(Dot([9, 3, 0]).set_opacity(0))  # off screen but invisible
        a = Text("overlapping", font_size=24).move_to([-3, 2, 0])
        self.add(a, Text("text", font_size=24).move_to(a.get_right() + [-0.1, 0, 0]))
        b = Text("touching", font_size=24).move_to([-3, -1, 0])
        self.add(b, Text("text", font_size=24).next_to(b, RIGHT, buff=0.01))
        c = Text("spaced", font_size=24).move_to([-3, 1, 0])
        self.add(c, Text("text", font_size=24).next_to(c, RIGHT, buff=0.2))
        self.wait(0.5)


class Deep(ThreeDScene):
    def construct(self):
        self.set_camera_orientation(phi=0, theta=-90 * DEGREES, zoom=2.0)
        self.add(Dot([5, 0, 0]))  # inside the frame in world units, projected to x = 10
        self.add(Dot([2, 1, 0]))  # projected to (4, 2): inside
        edge = Text("fixed at the edge", font_size=24).to_edge(RIGHT, buff=0.05)
        self.add_fixed_in_frame_mobjects(edge)
        self.wait(0.5)


def names(scene, kind):
    return {n for _, k, ns, _ in scene.frame_problems if k == kind for n in ns}


def test_flat_scene(render):
    scene = render(Flat)
    assert scene.frame_calls == 1
    assert names(scene, "outside") == {"'near the edge'", "Line #0"}
    pairs = {ns for _, k, ns, _ in scene.frame_problems if k == "overlap"}
    assert pairs == {("'overlapping'", "'text'"), ("'touching'", "'text'")}
    lines = summarize(scene.frame_problems)
    assert any(line.startswith("outside (right): Line, box") for line in lines)
    assert any(line.startswith("overlap: 'overlapping'") for line in lines)
    assert any(line.startswith("run into each other (0.01 apart): 'touching'") for line in lines), lines


def test_three_d_scene_is_checked_through_the_camera(render):
    scene = render(Deep)
    outside = [(ns[0], boxes[0]) for _, k, ns, boxes in scene.frame_problems if k == "outside"]
    assert {n for n, _ in outside} == {"Dot #0", "'fixed at the edge'"}
    dot_box = dict(outside)["Dot #0"]
    assert np.isclose((dot_box[0] + dot_box[1]) / 2, 10.0, atol=0.05)  # projected with the zoom
