"""Join scene videos into one lecture video with chapter marks, and their subtitles into one file.

The videos are joined without re-encoding: their packets are copied into one container in order
(FFmpeg's ``concat`` demuxer, driven through PyAV as Manim joins its partial movie files), which works
because every scene of a lecture is encoded with the same settings. Each scene becomes one chapter
(start, end, title) in the MP4; players list them. Subtitles (``.srt``) are the scenes' own, each
shifted by its scene's start in the lecture. Everything is written under a temporary name and
renamed at the end, so a failed join leaves the previous lecture intact.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction
from io import BytesIO
from pathlib import Path

import av
import srt

__all__ = ["Mark", "video_seconds", "join_videos", "join_subtitles", "read_chapters", "write_chapter_file"]

MS = Fraction(1, 1000)


@dataclass(frozen=True)
class Mark:
    """One chapter of the lecture: a scene's title, its start and end in seconds."""

    title: str
    start: float
    end: float


def video_seconds(path: Path) -> float:
    """The duration of a video file in seconds."""
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        if s.duration is not None:
            return float(s.duration * s.time_base)
        return float(c.duration / 1e6)


def _manifest(paths) -> bytes:
    lines = ["ffconcat version 1.0"]
    for p in paths:
        quoted = str(Path(p).resolve()).replace("'", "'\\''")
        lines.append(f"file '{quoted}'")
    return ("\n".join(lines) + "\n").encode()


def join_videos(videos: list[Path], titles: list[str], out: Path) -> list[Mark]:
    """Copy ``videos`` one after the other into ``out`` (atomically), one chapter per video titled by
    ``titles``; returns the chapters. The chapter boundaries are the videos' own durations."""
    marks, t = [], 0.0
    for title, v in zip(titles, videos, strict=True):
        length = video_seconds(v)
        marks.append(Mark(title, t, t + length))
        t += length
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.stem + ".part" + out.suffix)
    with av.open(BytesIO(_manifest(videos)), format="concat", options={"safe": "0"}) as source, \
            av.open(str(tmp), mode="w", format="mp4") as target:
        stream_in = source.streams.video[0]
        stream_out = target.add_stream_from_template(template=stream_in)
        target.metadata["title"] = titles[0] if len(titles) == 1 else ""
        target.set_chapters([{"id": i + 1, "start": round(m.start * 1000), "end": round(m.end * 1000),
                              "time_base": MS, "metadata": {"title": m.title}} for i, m in enumerate(marks)])
        for packet in source.demux(stream_in):
            if packet.dts is None:  # the demuxer's flushing packets
                continue
            packet.dts = None  # consecutive files restart their dts; let the muxer compute it
            packet.stream = stream_out
            target.mux(packet)
    os.replace(tmp, out)
    return marks


def read_chapters(path: Path) -> list[Mark]:
    """The chapters a video file holds (as players read them)."""
    with av.open(str(path)) as c:
        return [Mark(ch["metadata"].get("title", ""), float(ch["start"] * ch["time_base"]),
                     float(ch["end"] * ch["time_base"])) for ch in c.chapters()]


def write_chapter_file(marks: list[Mark], out: Path) -> None:
    """The chapters as JSON beside the video (the page reads them; also a fallback for players)."""
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(json.dumps([{"title": m.title, "start": round(m.start, 3), "end": round(m.end, 3)}
                               for m in marks], indent=1), encoding="utf-8")
    os.replace(tmp, out)


def join_subtitles(files: list[Path | None], marks: list[Mark], out: Path) -> int:
    """Every scene's subtitles (``None`` or a missing file: the scene has none), shifted by its
    start, as one ``.srt`` (atomically); returns the number of subtitles."""
    joined = []
    for f, m in zip(files, marks, strict=True):
        if f is None or not Path(f).is_file():
            continue
        shift = timedelta(seconds=m.start)
        end_of_scene = timedelta(seconds=m.end)
        for sub in srt.parse(Path(f).read_text(encoding="utf-8")):
            start, end = sub.start + shift, min(sub.end + shift, end_of_scene)
            if end > start:
                joined.append(srt.Subtitle(index=len(joined) + 1, start=start, end=end, content=sub.content))
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(srt.compose(joined, reindex=False), encoding="utf-8")
    os.replace(tmp, out)
    return len(joined)
