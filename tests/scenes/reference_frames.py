"""One reference-frame test per scene of a lesson file: each scene's last frame (rendered as Manim's
frame tests do: 854x480, every animation skipped to its end, on the ``scene_data`` setup) against
``control_data/<lesson>/<scene>_last_frame.npz``. A chapter's test file calls ``add_frame_tests``."""

from __future__ import annotations

import re
import types

import pytest
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.kit import palette


def snake(name: str) -> str:
    """``SigmoidVsReLU`` -> ``sigmoid_vs_relu``, ``SGDvsFullBatch`` -> ``sgd_vs_full_batch``."""
    return "_".join(w.lower() for w in re.findall(r"SGD|ReLU|[A-Z][a-z]*|[a-z]+|\d+", name))


def frame_test(cls, namespace: dict):
    """A frames_comparison test of ``cls``'s last frame, named ``test_<scene>_last_frame``, living in
    ``namespace`` (frames_comparison reads ``__module_test__`` and ``__file__`` from the test's globals)."""

    from manim import ThreeDScene

    three_d = issubclass(cls, ThreeDScene)
    lend = adopt  # the test runs with its module's globals: reach this module's helper by closure

    def construct(scene):
        if three_d:  # manim gives a ThreeDCamera only to ThreeDScene itself: lend it the scene's methods
            lend(scene, cls)
        cls.construct(scene)

    name = f"test_{snake(cls.__name__)}_last_frame"
    test = types.FunctionType(construct.__code__, namespace, name, None, construct.__closure__)
    test.__qualname__ = name
    test.__doc__ = f"{cls.__name__}'s last frame matches its reference frame."
    base = ThreeDScene if three_d else cls
    checked = frames_comparison(base_scene=base, background_color=str(palette.BACKGROUND))(test)
    return pytest.mark.usefixtures("scene_data")(checked)


def adopt(scene, cls) -> None:
    """Give ``scene`` (a plain ThreeDScene) the methods and class constants of ``cls`` and of its bases
    below ThreeDScene (e.g. ``KitThreeDScene``), so ``cls.construct(scene)`` runs its own beats."""
    from manim import ThreeDScene

    for klass in reversed(cls.__mro__[:cls.__mro__.index(ThreeDScene)]):
        for name, value in vars(klass).items():
            if isinstance(value, types.FunctionType) and name not in ("get_moving_mobjects", "__init__"):
                setattr(scene, name, types.MethodType(value, scene))
            elif isinstance(value, staticmethod):
                setattr(scene, name, value.__func__)
            elif name.isupper():
                setattr(scene, name, value)


def add_frame_tests(scenes, namespace: dict) -> None:
    """Put one frame test per scene of ``scenes`` into ``namespace`` (a test module's globals)."""
    for cls in scenes:
        test = frame_test(cls, namespace)
        test.__module__ = namespace["__name__"]
        namespace[test.__name__] = test
