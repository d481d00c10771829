"""Render speed of the descent scenes: seconds of rendering per second of video (not a test).

For each scene and quality it runs ``manim -q<quality> --disable_caching`` on ``scenes/gradient.py``
from the repo root (a fresh process each time, into a temporary media folder, so nothing is reused
between runs), measures the wall time of the whole command (start-up, data loading from netcore's
cache, rendering, encoding) and the CPU time of the process, reads the video's duration, and prints
the median over ``--repeats`` runs. The netcore data the scenes need (traces, landscape, slice) is
computed once before timing, so training is not counted.

Targets: BallDownhill at -qh <= 3 s per video second, at -ql <= 1.

Run: .venv/bin/python benchmarks/render_speed.py [--scenes BallDownhill ManyValleys] [--qualities l h]
     [--repeats 3] [--file scenes/gradient.py] [--compare DIR]   (default: the four descent scenes)     (NETCORE_MNIST / NETCORE_CACHE / NETCORE_TRACE are honoured as by the scenes)
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DESCENT = ["BallDownhill", "ManyValleys", "LearningRate", "DownhillDirection"]  # the default


def chapter_scenes() -> list[str]:
    """Every chapter-2 scene, in the lesson's order (``scenes.gradient.SCENES``)."""
    from scenes.gradient import SCENES

    return [scene.__name__ for scene in SCENES]
TARGETS = {("BallDownhill", "h"): 3.0, ("BallDownhill", "l"): 1.0}


def video_seconds(path: Path) -> float:
    import av

    with av.open(str(path)) as c:
        s = c.streams.video[0]
        if s.duration is not None:
            return float(s.duration * s.time_base)
        return float(c.duration / 1e6)


def warm_up(scenes) -> None:
    """Compute (or load) the netcore results the scenes use, outside the timed runs."""
    from scenes.kit import data as kd

    kd.trace("descent")
    kd.landscape("descent")
    kd.slice_("minima")
    if any(s not in DESCENT for s in scenes):
        kd.trace("lesson")


def render_once(scene: str, quality: str, media: Path, file: str = "scenes/gradient.py",
                root: Path = ROOT) -> tuple[float, float, Path]:
    """Render ``scene`` of ``root``'s ``file`` (``root``: this checkout or another one, e.g. a git
    worktree of an older commit, whose lesson file then imports its own kit) with this checkout's
    manim; returns wall time, CPU time and the video."""
    cmd = [str(ROOT / ".venv" / "bin" / "manim"), f"-q{quality}", "--disable_caching", "--progress_bar", "none",
           "--media_dir", str(media), file, scene]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    videos = sorted(media.rglob(f"{scene}.mp4"), key=lambda p: p.stat().st_mtime)
    if not videos:
        raise SystemExit(f"no video for {scene} under {media}")
    return wall, cpu, videos[-1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scenes", nargs="+", default=DESCENT, choices=chapter_scenes())
    ap.add_argument("--file", default="scenes/gradient.py", help="scene file, relative to the repo root")
    ap.add_argument("--qualities", nargs="+", default=["l", "h"], choices=["l", "m", "h", "p", "k"])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--compare", metavar="DIR", help="another checkout (e.g. `git worktree add /tmp/before REV`): "
                    "its scenes are rendered in turn with this one's, side by side in every round")
    args = ap.parse_args(argv)

    roots = [("this", ROOT)] + ([("other", Path(args.compare).resolve())] if args.compare else [])
    warm_up(args.scenes)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start; median of {args.repeats}")
    print(f"{'scene':<18} {'q':<2} {'tree':<6} {'video s':>8} {'wall s':>8} {'cpu s':>8} {'wall/video':>11} {'cpu/video':>10}  target")
    rows = []
    for scene in args.scenes:
        for q in args.qualities:
            walls, cpus, length = {name: [] for name, _ in roots}, {name: [] for name, _ in roots}, {}
            for _ in range(args.repeats):
                for name, root in roots:  # interleaved: drift of the machine's speed hits both alike
                    with tempfile.TemporaryDirectory(prefix="render-speed-") as tmp:
                        wall, cpu, video = render_once(scene, q, Path(tmp), args.file, root)
                        length[name] = video_seconds(video)
                    walls[name].append(wall)
                    cpus[name].append(cpu)
            for name, _ in roots:
                wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
                target = TARGETS.get((scene, q)) if name == "this" else None
                ratio = wall / length[name]
                verdict = "" if target is None else (f"<= {target:g} {'ok' if ratio <= target else 'MISSED'}")
                if name == "this":
                    rows.append((scene, q, ratio, target))
                print(f"{scene:<18} {q:<2} {name:<6} {length[name]:8.1f} {wall:8.1f} {cpu:8.1f} {ratio:11.2f} "
                      f"{cpu / length[name]:10.2f}  {verdict}", flush=True)
    print(f"load average {os.getloadavg()[0]:.2f} at the end (other work on the machine slows wall times)")
    return 0 if all(t is None or r <= t for _, _, r, t in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
