"""The page that plays a lecture: the video, its chapter list (a click seeks there) and its subtitles.

The page is one static HTML file beside the video; it needs no server (open it from disk) and no
script from elsewhere. Browsers read subtitles for ``<track>`` as WebVTT, so the lecture's ``.srt``
is also written as ``.vtt``; the page carries that text inside the track's ``data:`` address, because
a browser refuses a track file from disk (a ``file://`` page has no origin to share it with).
``index_page`` links the chapters' pages.
"""

from __future__ import annotations

import base64
import html
import json
import os
from pathlib import Path

import srt

from .join import Mark

__all__ = ["srt_to_vtt", "lecture_page", "index_page", "write_atomic"]


def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _vtt_time(t) -> str:
    ms = round(t.total_seconds() * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def srt_to_vtt(text: str) -> str:
    """SRT subtitles as WebVTT (what ``<track>`` reads)."""
    cues = [f"{_vtt_time(s.start)} --> {_vtt_time(s.end)}\n{s.content}" for s in srt.parse(text)]
    return "WEBVTT\n\n" + "\n\n".join(cues) + ("\n" if cues else "")


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}"


STYLE = """
body { background: #0b0d12; color: #e8e8e8; font-family: "DejaVu Sans", sans-serif; margin: 0; }
main { display: flex; gap: 1.5rem; padding: 1.5rem; align-items: flex-start; flex-wrap: wrap; }
video { width: min(100%, 960px); background: black; }
h1 { font-size: 1.4rem; margin: 1.5rem 1.5rem 0; }
ol { list-style: none; padding: 0; margin: 0; min-width: 16rem; }
li button { width: 100%; text-align: left; background: none; color: inherit; border: 0; padding: .4rem .6rem;
            font: inherit; cursor: pointer; border-left: 3px solid transparent; }
li button:hover { background: #1b1f2a; }
li button.current { border-left-color: #58c4dd; background: #141821; }
.time { color: #8a8f9c; margin-right: .6rem; font-variant-numeric: tabular-nums; }
a { color: #58c4dd; }
"""

SCRIPT = """
const video = document.getElementById("lecture");
const buttons = [...document.querySelectorAll("#chapters button")];
buttons.forEach(b => b.addEventListener("click", () => {
  video.currentTime = parseFloat(b.dataset.start);
  video.play().catch(() => {});
}));
video.addEventListener("timeupdate", () => {
  buttons.forEach(b => b.classList.toggle("current",
    video.currentTime >= parseFloat(b.dataset.start) && video.currentTime < parseFloat(b.dataset.end)));
});
"""


def lecture_page(title: str, video: str, vtt: str, marks: list[Mark], back: str | None = None) -> str:
    """The HTML page of one lecture: ``video`` is its path relative to the page, ``vtt`` the subtitles'
    WebVTT text."""
    items = "\n".join(
        f'    <li><button data-start="{m.start:.3f}" data-end="{m.end:.3f}">'
        f'<span class="time">{_clock(m.start)}</span>{html.escape(m.title)}</button></li>' for m in marks)
    link = f'<p style="margin:0 1.5rem"><a href="{html.escape(back)}">All lectures</a></p>' if back else ""
    data = html.escape(json.dumps([{"title": m.title, "start": m.start, "end": m.end} for m in marks]))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
{link}
<main>
  <video id="lecture" controls preload="metadata" src="{html.escape(video)}" data-chapters="{data}">
    <track kind="subtitles" label="English" srclang="en" src="data:text/vtt;base64,{base64.b64encode(vtt.encode()).decode()}" default>
  </video>
  <ol id="chapters">
{items}
  </ol>
</main>
<script>{SCRIPT}</script>
</body>
</html>
"""


def index_page(entries: list[tuple[str, str, float]]) -> str:
    """A page linking each lecture: ``(title, page path relative to the index, seconds)``."""
    items = "\n".join(f'  <li><a href="{html.escape(href)}">{html.escape(title)}</a> '
                      f'<span class="time">({_clock(seconds)})</span></li>' for title, href, seconds in entries)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Lectures</title>
<style>{STYLE}</style>
</head>
<body>
<h1>Lectures</h1>
<ol style="margin:1.5rem">
{items}
</ol>
</body>
</html>
"""
