"""One reference frame per chapter-1 scene: its last frame against ``control_data/structure/`` (see
``reference_frames.py``). The scenes run on the ``scene_data`` setup (the first 1,000 / 500 images of
../shared/mnist, short seeded runs), so the frames are deterministic. Regenerate after an intended
visual change, then LOOK at the new frames before committing them:
``.venv/bin/pytest tests/scenes/test_chapter1_frames.py --set_test``.
"""

from __future__ import annotations

from reference_frames import add_frame_tests

from scenes import structure

__module_test__ = "structure"  # reference frames live in control_data/structure/

add_frame_tests(structure.SCENES, globals())
