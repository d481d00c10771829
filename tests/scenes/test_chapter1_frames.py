"""One reference frame per chapter-1 scene: each scene's last frame (rendered as Manim's frame tests do:
854x480, every animation skipped to its end) against ``control_data/structure/<scene>_last_frame.npz``.

The scenes run on the ``scene_data`` setup (the first 1,000 / 500 images of ../shared/mnist, short
seeded runs), so the frames are deterministic. Regenerate after an intended visual change, then LOOK
at the new frames before committing them:
``.venv/bin/pytest tests/scenes/test_chapter1_frames.py --set_test``.
"""

from __future__ import annotations

import re

import pytest
from manim.utils.testing.frames_comparison import frames_comparison

from scenes import structure
from scenes.kit import palette

__module_test__ = "structure"  # reference frames live in control_data/structure/


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower().replace("re_l_u", "relu").replace("s_g_d", "sgd")


def frame_test(cls):
    """A frames_comparison test of ``cls``'s last frame, named ``test_<scene>_last_frame``."""

    def test(scene):
        cls.construct(scene)

    test.__name__ = f"test_{snake(cls.__name__)}_last_frame"
    test.__qualname__ = test.__name__
    test.__doc__ = f"{cls.__name__}'s last frame matches its reference frame."
    checked = frames_comparison(base_scene=cls, background_color=str(palette.BACKGROUND))(test)
    return pytest.mark.usefixtures("scene_data")(checked)


for _cls in structure.SCENES:
    _test = frame_test(_cls)
    globals()[_test.__name__] = _test
