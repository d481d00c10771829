"""The lecture tool on a tiny lesson file (``tiny_lesson.py``: three scenes of about a second each,
rendered at -ql by real ``manim`` processes): one video joined without re-encoding with one chapter
per scene, the subtitles shifted into place, the page; incremental renders; sharding; failures;
bad arguments."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import srt

from lecture import chapters, cli
from lecture.join import read_chapters, video_seconds

from tiny_chapter import SCENES, TITLES, lecture_files, scene_videos


def test_one_video_with_a_chapter_per_scene_and_subtitles(tiny, capsys):
    assert tiny("--jobs", "2") == 0
    files = lecture_files(tiny)
    assert all(f.is_file() for f in files.values())
    lengths = [video_seconds(v) for v in scene_videos(tiny).values()]
    marks = read_chapters(files[".mp4"])  # as a player reads them
    assert [m.title for m in marks] == TITLES
    starts = [0.0, lengths[0], lengths[0] + lengths[1]]
    assert [m.start for m in marks] == pytest.approx(starts, abs=0.002)
    assert [m.end for m in marks] == pytest.approx([s + n for s, n in zip(starts, lengths)], abs=0.002)
    assert video_seconds(files[".mp4"]) == pytest.approx(sum(lengths), abs=0.07)
    subs = list(srt.parse(files[".srt"].read_text()))
    assert [s.content for s in subs][:1] == ["A square is drawn."] and len(subs) == 4
    assert subs[2].content == "A circle is drawn."
    assert subs[2].start.total_seconds() == pytest.approx(lengths[0], abs=0.002)  # shifted by its scene's start
    assert subs[1].content.startswith("It fades after")
    assert files[".vtt"].read_text().startswith("WEBVTT")
    page = files[".html"].read_text()
    assert page.count("<button data-start") == 3 and 'src="chapter9-tiny.mp4"' in page and "data:text/vtt" in page
    assert json.loads(files[".chapters.json"].read_text())[1]["title"] == "A circle"
    assert "3 chapters, 4 subtitles" in capsys.readouterr().err


def test_the_join_copies_packets_without_re_encoding(tiny):
    import av

    assert tiny() == 0

    def packets(path):
        with av.open(str(path)) as c:
            return [bytes(p) for p in c.demux(c.streams.video[0]) if p.size]

    joined = packets(lecture_files(tiny)[".mp4"])
    parts = [p for v in scene_videos(tiny).values() for p in packets(v)]
    assert joined == parts  # the same compressed frames, byte for byte


def test_nothing_changed_renders_nothing_and_an_edit_renders_one_scene(tiny, capsys):
    assert tiny() == 0
    videos = scene_videos(tiny)
    before = {s: v.stat().st_mtime_ns for s, v in videos.items()}
    capsys.readouterr()
    assert tiny() == 0
    assert "0 to render, 3 up to date" in capsys.readouterr().err
    assert {s: v.stat().st_mtime_ns for s, v in videos.items()} == before
    lesson = tiny.folder / "tiny.py"
    lesson.write_text(lesson.read_text().replace("run_time=0.8)", "run_time=1.2)"))  # edit Middle only
    assert tiny() == 0
    assert "1 to render, 2 up to date" in capsys.readouterr().err
    after = {s: v.stat().st_mtime_ns for s, v in videos.items()}
    assert [s for s in SCENES if after[s] != before[s]] == ["Middle"]


def test_scenes_render_on_several_machines_and_join_on_one(tiny, capsys):
    assert tiny("--scenes", "Opening") == 0
    assert not lecture_files(tiny)[".mp4"].exists()  # rendering a shard does not join
    capsys.readouterr()
    assert tiny("--join-only") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["lecture: cannot join chapter 9: not rendered: Middle, Closing"]
    assert tiny("--scenes", "Middle", "Closing") == 0
    assert tiny("--join-only") == 0
    assert len(read_chapters(lecture_files(tiny)[".mp4"])) == 3


def test_a_failing_scene_stops_nothing_else_and_keeps_the_old_lecture(tiny, capsys, monkeypatch):
    assert tiny() == 0
    old = {k: f.read_bytes() for k, f in lecture_files(tiny).items()}
    lesson = tiny.folder / "tiny.py"
    monkeypatch.setenv("FAIL_SCENE", "Middle")
    lesson.write_text(lesson.read_text().replace("run_time=0.8)", "run_time=0.9)"))  # Middle must render again
    capsys.readouterr()
    assert tiny() == 1
    err = capsys.readouterr().err
    failed = [line for line in err.splitlines() if "failed" in line]
    assert len(failed) == 1 and "Middle failed" in failed[0] and failed[0].endswith("Middle.log")
    log = Path(failed[0].rsplit("log: ", 1)[1])
    assert "this scene fails on purpose" in log.read_text()
    assert {k: f.read_bytes() for k, f in lecture_files(tiny).items()} == old  # the previous lecture is intact
    rendered = json.loads((tiny.out / "scenes" / "chapter9-tiny" / "Closing.key.json").read_text())
    assert rendered["key"] == chapters.scene_key(chapters.CHAPTERS[9], "Closing", "l", chapters.data_identity())


def test_a_scene_that_cannot_show_the_data_is_left_out_with_its_reason(tiny, capsys, monkeypatch):
    """A scene that ends with one line and status 2 (its data cannot be shown: an imported network
    has no training to replay) is left out of the lecture, which joins the others; a second run keeps
    it out without rendering it again, until its key changes."""
    monkeypatch.setenv("REFUSE_SCENE", "Middle")
    assert tiny() == 0
    err = capsys.readouterr().err
    assert "lecture: left out Middle: mine.npz: this scene replays training, which this trace lacks" in err
    assert "failed" not in err
    video = tiny.out / "chapter9-tiny.mp4"
    assert [m.title for m in read_chapters(video)] == [TITLES[0], TITLES[2]]
    assert not (tiny.out / "scenes" / "chapter9-tiny" / "Middle.mp4").exists()
    assert tiny() == 0
    err = capsys.readouterr().err
    assert "0 to render, 3 up to date" in err and "left out Middle" in err
    monkeypatch.delenv("REFUSE_SCENE")
    assert tiny("--force") == 0
    assert [m.title for m in read_chapters(video)] == TITLES


@pytest.mark.parametrize("args, message", [
    (["99"], "no chapter '99'"),
    (["9", "--scenes", "Nope"], "has no scene Nope"),
    (["9", "--jobs", "0"], "--jobs must be at least 1"),
    (["9", "-qx"], "invalid choice"),
])
def test_bad_arguments_get_one_line_and_exit_2(tiny, capsys, args, message):
    assert cli.main(args + ["--out", str(tiny.out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("lecture: ") and message in err[0]


def test_all_joins_every_chapter_and_links_them_on_an_index(tiny, monkeypatch, capsys):
    only_tiny = {9: chapters.CHAPTERS[9]}
    monkeypatch.setattr(chapters, "CHAPTERS", only_tiny)
    assert cli.main(["all", "-ql", "--out", str(tiny.out.parent)]) == 0
    index = (tiny.out / "index.html").read_text()
    assert 'href="chapter9-tiny.html"' in index and "Chapter 9: A tiny lecture" in index
