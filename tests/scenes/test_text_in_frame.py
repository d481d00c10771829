"""Every scene of every chapter, replaying the lesson's trace (the ``scene_data`` setup), renders, keeps its
text inside the frame and passes the frame checks (``frame_checks.watch_frame``: nothing visible leaves
the frame, no two texts overlap or touch) after every ``play`` and ``wait``. The renders are the ones
the chapters' own tests inspect (``rendered_scene``: once per session). Traces of other shapes go
through the same checks in ``test_any_trace.py``."""

from __future__ import annotations

import importlib
import inspect

import pytest
from manim import Scene

from frame_checks import summarize

CHAPTERS = ("structure", "gradient", "backprop")


def chapter_modules():
    out = []
    for name in CHAPTERS:
        try:
            out.append(importlib.import_module(f"scenes.{name}"))
        except ModuleNotFoundError:
            pass
    return out


SCENES = [cls for module in chapter_modules() for cls in module.SCENES]


@pytest.mark.parametrize("module", chapter_modules(), ids=lambda m: m.__name__)
def test_every_scene_is_checked(module):
    """A chapter's SCENES lists every scene class of its lesson file, once."""
    listed = [c.__name__ for c in module.SCENES]
    defined = {name for name, obj in vars(module).items()
               if inspect.isclass(obj) and issubclass(obj, Scene) and obj.__module__ == module.__name__}
    assert len(listed) == len(set(listed)) and set(listed) == defined


@pytest.mark.parametrize("cls", SCENES, ids=lambda c: c.__name__)
def test_scene_renders_inside_the_frame(rendered_scene, cls):
    scene = rendered_scene(cls)
    assert scene.renderer.num_plays > 0 and scene.renderer.time > 5  # a scene, not a still
    frame = scene.renderer.get_frame()
    assert frame.shape[:2] == (144, 256) and frame[..., :3].max() > 100  # something bright was drawn
    assert scene.text_outside_frame == []
    problems = scene.frame_problems
    assert not problems, "\n".join([f"{cls.__name__}: {len(problems)} frame problems"] + summarize(problems))
