"""No text or number of any chapter-2 scene reaches outside the frame, at the end of any animation
(``conftest.watch_text_in_frame`` looks after every ``play`` and ``wait``)."""

from __future__ import annotations

import inspect

import pytest
from manim import Scene

from scenes import gradient as G

SCENES = [scene.__name__ for scene in G.SCENES]


def test_every_scene_is_checked():
    """SCENES lists every scene of the lesson file, once."""
    defined = {name for name, obj in vars(G).items()
               if inspect.isclass(obj) and issubclass(obj, Scene) and obj.__module__ == G.__name__}
    assert len(SCENES) == len(set(SCENES)) == 13 and set(SCENES) == defined


@pytest.mark.parametrize("name", SCENES)
def test_text_stays_inside_the_frame(rendered_scene, name):
    scene = rendered_scene(getattr(G, name))
    assert scene.text_outside_frame == []
