"""What the lecture tests know about the tiny chapter (``tiny_lesson.py`` as chapter 9)."""

from pathlib import Path

HERE = Path(__file__).parent
SCENES = ["Opening", "Middle", "Closing"]
TITLES = ["A square", "A circle", "Closing"]  # Closing has no TITLE: its class name in words


def lecture_files(run):
    """The lecture's files under the ``tiny`` fixture's output folder, by suffix."""
    return {suffix: run.out / f"chapter9-tiny{suffix}" for suffix in (".mp4", ".srt", ".vtt", ".html", ".chapters.json")}


def scene_videos(run):
    return {s: run.out / "scenes" / "chapter9-tiny" / f"{s}.mp4" for s in SCENES}
