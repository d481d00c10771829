"""Render a chapter's scenes in parallel worker processes, each into its own folder.

Every scene is one ``manim`` process (``python -m manim``), so scenes use the machine's cores side by
side and a scene that crashes takes only itself down. A scene renders into its own work folder (which
keeps Manim's LaTeX and text caches for the next render, never shared between two processes);
when it succeeds, its video (and the subtitles Manim wrote from its subcaptions) are moved into the
lecture's scene folder (``os.replace``, atomic) together with the key they were rendered for; its
log stays in ``logs/<Scene>.log`` either way.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from scenes.kit.storyboard import REFUSED  # a scene's exit status when its data cannot be shown

from .chapters import ROOT, Chapter

__all__ = ["Layout", "SceneResult", "render_scenes", "QUALITY_FOLDERS"]

# Manim's quality flags and the folder names it gives their videos (height p frame rate)
QUALITY_FOLDERS = {"l": "480p15", "m": "720p30", "h": "1080p60", "p": "1440p60", "k": "2160p60"}


@dataclass(frozen=True)
class Layout:
    """Where a chapter's lecture files go, under ``renders/lectures/<quality folder>/``."""

    root: Path
    chapter: Chapter
    quality: str

    @property
    def folder(self) -> Path:
        return self.root / QUALITY_FOLDERS[self.quality]

    @property
    def scenes(self) -> Path:
        return self.folder / "scenes" / self.chapter.slug

    @property
    def logs(self) -> Path:
        return self.folder / "logs" / self.chapter.slug

    @property
    def work(self) -> Path:
        return self.folder / "work" / self.chapter.slug

    def video(self, scene: str) -> Path:
        return self.scenes / f"{scene}.mp4"

    def subtitles(self, scene: str) -> Path:
        return self.scenes / f"{scene}.srt"

    def key_file(self, scene: str) -> Path:
        return self.scenes / f"{scene}.key.json"

    def log(self, scene: str) -> Path:
        return self.logs / f"{scene}.log"

    def lecture(self, suffix: str) -> Path:
        return self.folder / f"{self.chapter.slug}{suffix}"

    def last_seconds(self, scene: str) -> float | None:
        """How long the scene's last successful render took (None: never rendered here)."""
        try:
            return float(json.loads(self.key_file(scene).read_text())["seconds"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def rendered_key(self, scene: str) -> str | None:
        """The key of the scene's rendered video (or of its refusal, see ``refusal``), or None (never
        rendered, or its files are gone)."""
        try:
            record = json.loads(self.key_file(scene).read_text())
            key = record["key"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return key if record.get("refused") or self.video(scene).is_file() else None

    def refusal(self, scene: str) -> str | None:
        """Why the scene's last render left it out of the lecture (its one line: the data it replays
        cannot be shown, e.g. an imported network has no training history), or None."""
        try:
            return json.loads(self.key_file(scene).read_text()).get("refused") or None
        except (OSError, ValueError, AttributeError):
            return None


@dataclass(frozen=True)
class SceneResult:
    """One scene's render: ``ok`` (a video), ``refused`` (the scene said in one line, exit status 2,
    that it cannot show the data: ``message`` is that line), else failed (``message`` says how)."""

    scene: str
    ok: bool
    seconds: float
    log: Path
    message: str = ""
    refused: bool = False


def write_key(layout: Layout, scene: str, record: dict) -> None:
    layout.scenes.mkdir(parents=True, exist_ok=True)
    tmp = layout.key_file(scene).with_suffix(".tmp")
    tmp.write_text(json.dumps(record))
    os.replace(tmp, layout.key_file(scene))


def last_line(log: Path) -> str:
    """The last non-empty line of a log (a refusing scene's one line)."""
    lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else "no reason given"


def render_one(layout: Layout, scene: str, key: str) -> SceneResult:
    """Render one scene in its own ``manim`` process; on success move its files into place."""
    work = layout.work / scene  # kept between renders: Manim's Tex and text caches live there
    shutil.rmtree(work / "videos", ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    layout.logs.mkdir(parents=True, exist_ok=True)
    log = layout.log(scene)
    cmd = [sys.executable, "-m", "manim", "render", f"-q{layout.quality}", "--disable_caching",
           "--progress_bar", "none", "--media_dir", str(work), str(layout.chapter.file), scene]
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        out.write("$ " + " ".join(cmd) + "\n")
        out.flush()
        done = subprocess.run(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    seconds = time.perf_counter() - start
    videos = sorted(work.rglob(f"{scene}.mp4"))
    reason = last_line(log)
    if done.returncode == REFUSED and not videos and reason.startswith(f"{scene}: "):
        write_key(layout, scene, {"key": key, "refused": reason, "seconds": round(seconds, 1)})
        for old in (layout.video(scene), layout.subtitles(scene)):  # rendered from other data
            old.unlink(missing_ok=True)
        return SceneResult(scene, False, seconds, log, reason, refused=True)
    if done.returncode != 0 or not videos:
        why = f"manim exited with {done.returncode}" if done.returncode else "no video was written"
        return SceneResult(scene, False, seconds, log, why)
    layout.scenes.mkdir(parents=True, exist_ok=True)
    srt = videos[0].with_suffix(".srt")
    if srt.is_file():
        os.replace(srt, layout.subtitles(scene))
    else:
        layout.subtitles(scene).unlink(missing_ok=True)
    os.replace(videos[0], layout.video(scene))
    write_key(layout, scene, {"key": key, "seconds": round(seconds, 1)})
    shutil.rmtree(work / "videos", ignore_errors=True)  # partial movie files; the caches stay
    return SceneResult(scene, True, seconds, log)


def render_scenes(layout: Layout, todo: dict[str, str], jobs: int, progress=None) -> list[SceneResult]:
    """Render the scenes ``todo`` (name -> key) with ``jobs`` worker processes at a time, in the given
    order (longest first is the caller's choice); ``progress(done, running)`` is told of each change."""
    results: list[SceneResult] = []
    pending = list(todo)
    running: dict[Future, str] = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        while pending or running:
            while pending and len(running) < jobs:
                scene = pending.pop(0)
                running[pool.submit(render_one, layout, scene, todo[scene])] = scene
                if progress:
                    progress(results, sorted(running.values()))
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for f in finished:
                scene = running.pop(f)
                try:
                    results.append(f.result())
                except Exception as e:  # noqa: BLE001 - the tool's own failure, reported per scene
                    results.append(SceneResult(scene, False, 0.0, layout.log(scene), f"{type(e).__name__}: {e}"))
                if progress:
                    progress(results, sorted(running.values()))
    return results
