"""One reference frame per chapter-3 scene: its last frame against ``control_data/backprop/`` (see
``reference_frames.py``). The scenes run on the ``scene_data`` setup (the first 1,000 / 500 images of
../shared/mnist, short seeded runs), so the frames are deterministic. Regenerate after an intended
visual change, then LOOK at the new frames before committing them:
``.venv/bin/pytest tests/scenes/test_chapter3_frames.py --set_test``.
"""

from __future__ import annotations

from reference_frames import add_frame_tests

from scenes import backprop

__module_test__ = "backprop"  # reference frames live in control_data/backprop/

add_frame_tests(backprop.SCENES, globals())
