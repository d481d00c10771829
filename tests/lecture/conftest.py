"""The ``tiny`` fixture: the lecture tool pointed at a tiny lesson file (``tiny_lesson.py``)."""

from __future__ import annotations

import shutil

import pytest

from lecture import chapters, cli
from lecture.chapters import Chapter

from tiny_chapter import HERE


@pytest.fixture()
def tiny(tmp_path, monkeypatch):
    """Chapter 9 = a copy of tiny_lesson.py in a temp folder; lectures go to ``tmp_path/out``."""
    folder = tmp_path / "lesson"
    folder.mkdir()
    shutil.copy(HERE / "tiny_lesson.py", folder / "tiny.py")
    monkeypatch.setitem(chapters.CHAPTERS, 9, Chapter(9, "tiny", "A tiny lecture", folder))
    monkeypatch.delenv("FAIL_SCENE", raising=False)
    monkeypatch.delenv("REFUSE_SCENE", raising=False)
    out = tmp_path / "out"

    def run(*args):
        return cli.main(["9", "-ql", "--out", str(out), *args])

    run.out = out / "480p15"
    run.folder = folder
    return run
