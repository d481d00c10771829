"""Scene tests: small, quick netcore data for the kit, Manim at a small size and frame rate, and
Manim's frame-comparison tooling made strict.

- ``scene_data`` (session): ``scenes.kit.data`` reads the first 1,000 training images of
  ``../shared/mnist`` (the root conftest's ``small_data``) and caches into a session temp folder,
  with shorter runs and coarser grids than the lessons use, so every scene renders in seconds.
- ``rendered_scene(cls)``: renders a scene class (once per session) at 256x144, 5 frames per second,
  without writing a video (``dry_run``), and returns the scene object for inspection; after every
  ``play`` and ``wait`` it notes text near the frame's edge (``scene.text_outside_frame``) and
  everything ``frame_checks.watch_frame`` finds (``scene.frame_problems``).
- Frame comparison: ``--set_test`` writes the reference frames (``control_data/``), ``--show_diff``
  shows mismatches (as in Manim's own test suite; both registered in the root conftest). Manim skips these tests silently when cairo is
  older than 1.18; this machine and CI (Debian 12) have cairo 1.16 and the reference frames were
  made with it, so the minimum is set to the installed version, and (root conftest) any skip that
  mentions cairo is turned into a failure: CI must never pass by skipping the frame tests.
"""

from __future__ import annotations

import cairo
import pytest

import manim.utils.testing.frames_comparison as _frames

_frames.MIN_CAIRO_VERSION = min(_frames.MIN_CAIRO_VERSION, cairo.cairo_version())


# --- data ---------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def scene_data(small_data, tmp_path_factory):
    """Point the kit at small real data and a private cache; shorter runs, coarser grids."""
    import os

    from netcore.runs import RunSpec
    from scenes.kit import data as kd

    cache = tmp_path_factory.mktemp("scene-cache")
    saved = {k: os.environ.get(k) for k in ("NETCORE_CACHE", "NETCORE_TRACE")}
    os.environ["NETCORE_CACHE"] = str(cache)
    os.environ.pop("NETCORE_TRACE", None)
    runs, lands, slices = dict(kd.RUNS), {k: dict(v) for k, v in kd.LANDSCAPES.items()}, {k: dict(v) for k, v in kd.SLICES.items()}
    kd.RUNS.update({"descent": RunSpec(method="full_batch", epochs=30, eta=3.0, snapshots=1),
                    "minimum-a": RunSpec(epochs=2, seed=0), "minimum-b": RunSpec(epochs=2, seed=1)})
    # SigmoidVsReLU's deep runs: 4 epochs instead of 20 (12 runs of 400 steps on 1,000 images)
    kd.RUNS.update({name: kd.RUNS[name].with_(epochs=4) for names in kd.DEEP_RUNS.values() for name in names})
    kd.LANDSCAPES["descent"]["resolution"] = 31
    # SGDvsFullBatch's walkers: 2 passes instead of 3, a coarser grid
    kd.RUNS.update({"sgd-walk": kd.RUNS["sgd-walk"].with_(epochs=2), "full-walk": kd.RUNS["full-walk"].with_(epochs=2)})
    kd.LANDSCAPES["walkers"]["resolution"] = 31
    kd.SLICES["minima"]["n"] = 81
    kd.set_dataset(small_data)
    yield kd
    kd.set_dataset(None)
    kd.RUNS.clear(), kd.RUNS.update(runs)
    kd.LANDSCAPES.clear(), kd.LANDSCAPES.update(lands)
    kd.SLICES.clear(), kd.SLICES.update(slices)
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def env(scene_data):
    """The small real dataset the scene tests replay (``scene_data``'s)."""
    return scene_data.dataset()


@pytest.fixture(scope="session")
def lesson(env):
    """The lesson's trace on that data (trained once per session into the private cache)."""
    from scenes.kit import data as kd

    return kd.trace("lesson")


@pytest.fixture(scope="session")
def net(lesson):
    """The lesson's trained network (its last snapshot)."""
    return lesson.network(-1)


SMALL = {"pixel_width": 256, "pixel_height": 144, "frame_rate": 5, "dry_run": True, "disable_caching": True,
         "verbosity": "WARNING", "progress_bar": "none"}


@pytest.fixture(scope="session")
def rendered_scene(scene_data, tmp_path_factory):
    """``rendered_scene(SceneClass)``: the scene rendered once per session at 256x144 and 5 frames per
    second, every animation played but no video written (``dry_run``); returns the scene object."""
    from manim import tempconfig

    from frame_checks import text_laid_out_at, watch_frame

    done = {}

    def render(cls):
        if cls not in done:
            # text laid out as in a -qh video (at 256 pixels wide Pango would wrap long captions)
            with tempconfig({**SMALL, "media_dir": str(tmp_path_factory.mktemp("media"))}), text_laid_out_at():
                scene = cls()
                watch_text_in_frame(scene)
                watch_frame(scene)  # the full frame checks too (test_text_in_frame reads them)
                scene.render()
            done[cls] = scene
        return done[cls]

    return render


def watch_text_in_frame(scene, margin: float = 0.15):
    """After every ``play`` and ``wait`` of ``scene``, note each visible text or number on screen that
    comes closer than ``margin`` to the frame's edge (or crosses it): ``scene.text_outside_frame`` lists
    ``(call number, text, edges)``.
    In a 3D scene only text fixed in the frame is checked (the rest lives in 3D space)."""
    from manim import MathTex, SingleStringMathTex, Text, ThreeDScene, config

    from scenes.kit.text import FastNumber

    kinds = (Text, MathTex, SingleStringMathTex, FastNumber)
    half_w, half_h = config.frame_width / 2 - margin, config.frame_height / 2 - margin
    scene.text_outside_frame, calls = [], [0]

    def check():
        calls[0] += 1
        fixed = scene.renderer.camera.fixed_in_frame_mobjects if isinstance(scene, ThreeDScene) else None
        for top in scene.mobjects:
            for mob in top.get_family():
                if not isinstance(mob, kinds) or (fixed is not None and mob not in fixed):
                    continue
                if not len(mob.get_all_points()) or max(mob.get_fill_opacity(), mob.get_stroke_opacity()) < 0.05:
                    continue
                left, right = mob.get_left()[0], mob.get_right()[0]
                bottom, top_y = mob.get_bottom()[1], mob.get_top()[1]
                if left < -half_w or right > half_w or bottom < -half_h or top_y > half_h:
                    name = getattr(mob, "text", None) or getattr(mob, "tex_string", None) or type(mob).__name__
                    scene.text_outside_frame.append((calls[0], name, tuple(round(v, 2) for v in (left, right, bottom, top_y))))

    for method in ("play", "wait"):
        original = getattr(scene, method)

        def checked(*args, _original=original, **kwargs):
            result = _original(*args, **kwargs)
            check()
            return result

        setattr(scene, method, checked)

