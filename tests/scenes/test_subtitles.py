"""Every scene of every chapter has a title for the lecture's chapter list and a subtitle for each
beat (``scenes.kit.storyboard.beat``), and a render's subtitles follow its animations: in order, not
overlapping, inside the scene, covering most of it, short enough to read."""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap

import pytest

CHAPTERS = ("structure", "gradient", "backprop")


def lesson_scenes():
    out = []
    for name in CHAPTERS:
        try:
            module = importlib.import_module(f"scenes.{name}")
        except ModuleNotFoundError:
            continue
        out += list(module.SCENES)
    return out


SCENES = lesson_scenes()


def beats_of(cls) -> list[str]:
    """The methods ``construct()`` calls on ``self`` (its beats), in order."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls.construct)))
    calls = [n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and isinstance(n.func.value, ast.Name) and n.func.value.id == "self"]
    own = {name for klass in cls.__mro__ if klass.__module__.startswith("scenes.") for name in vars(klass)}
    return [c for c in calls if c in own and c != "construct"]


@pytest.mark.parametrize("cls", SCENES, ids=lambda c: c.__name__)
def test_every_beat_has_a_subtitle_and_the_scene_a_title(cls):
    assert isinstance(getattr(cls, "TITLE", None), str) and 3 <= len(cls.TITLE) <= 60, cls.__name__
    beats = beats_of(cls)
    assert beats, f"{cls.__name__}.construct calls no beats"
    missing = [b for b in beats if not hasattr(getattr(cls, b), "subcaption")]
    assert not missing, f"{cls.__name__}: beats without @beat: {missing}"


@pytest.mark.parametrize("cls", SCENES, ids=lambda c: c.__name__)
def test_subtitles_follow_the_render(rendered_scene, cls):
    scene = rendered_scene(cls)
    subs = scene.manager.file_writer.subcaptions
    assert subs, f"{cls.__name__} wrote no subtitles"
    length = scene.time
    spans = [(s.start.total_seconds(), s.end.total_seconds()) for s in subs]
    assert all(0 <= a < b <= length + 1e-6 for a, b in spans)
    assert all(b1 <= a2 + 1e-6 for (_, b1), (a2, _) in zip(spans, spans[1:]))  # in order, no overlap
    covered = sum(b - a for a, b in spans)
    assert covered >= 0.8 * length, f"subtitles cover {covered:.1f} of {length:.1f} s"
    for s in subs:
        assert 0 < len(s.content) <= 140 and "\n" not in s.content, s.content
