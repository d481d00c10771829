"""Render speed of the lesson scenes: seconds of rendering per second of video (not a test).

For each scene and quality it runs ``manim -q<quality> --disable_caching`` on a lesson file
(``--file``, default ``scenes/gradient.py``)
from the repo root (a fresh process each time, into a temporary media folder, so nothing is reused
between runs), measures the wall time of the whole command (start-up, data loading from netcore's
cache, rendering, encoding) and the CPU time of the process, reads the video's duration, and prints
the median over ``--repeats`` runs. The netcore data the scenes need is computed once before timing
(every data function of the chapter's data module is called), so training is not counted.

Targets: every scene at -qh <= 3 s of rendering per video second; BallDownhill at -ql <= 1.

Run: .venv/bin/python benchmarks/render_speed.py [--file scenes/structure.py] [--scenes A B | --all]
     [--qualities l h] [--repeats 3] [--compare DIR]
     (default: scenes/gradient.py's four descent scenes; another file: all its scenes;
      NETCORE_MNIST / NETCORE_CACHE / NETCORE_TRACE are honoured as by the scenes)
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

from lecture.join import video_seconds

ROOT = Path(__file__).resolve().parents[1]
DESCENT = ["BallDownhill", "ManyValleys", "LearningRate", "DownhillDirection"]  # the default


def lesson_module(file: str):
    """The lesson module of ``file`` (``scenes/structure.py`` -> ``scenes.structure``)."""
    import importlib

    return importlib.import_module("scenes." + Path(file).stem)


def chapter_scenes(file: str = "scenes/gradient.py") -> list[str]:
    """Every scene of the lesson file, in the lesson's order (its ``SCENES``)."""
    return [scene.__name__ for scene in lesson_module(file).SCENES]


TARGET_H = 3.0  # every scene at -qh: at most 3 s of rendering per second of video
TARGETS = {("BallDownhill", "l"): 1.0}


def target(scene: str, quality: str) -> float | None:
    return TARGETS.get((scene, quality), TARGET_H if quality == "h" else None)


def warm_up(file: str) -> None:
    """Compute (or load) the netcore results the scenes use, outside the timed runs (as the lecture
    tool does before its workers start)."""
    from lecture.chapters import chapter
    from lecture.cli import prepare

    prepare(chapter(Path(file).stem))


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
    ap.add_argument("--file", default="scenes/gradient.py", help="lesson file, relative to the repo root")
    ap.add_argument("--scenes", nargs="+", help="default: the descent scenes of scenes/gradient.py, every scene of "
                    "another file")
    ap.add_argument("--all", action="store_true", help="every scene of the file")
    ap.add_argument("--qualities", nargs="+", default=["l", "h"], choices=["l", "m", "h", "p", "k"])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--compare", metavar="DIR", help="another checkout (e.g. `git worktree add /tmp/before REV`): "
                    "its scenes are rendered in turn with this one's, side by side in every round")
    args = ap.parse_args(argv)
    known = chapter_scenes(args.file)
    if args.all or not args.scenes:
        args.scenes = DESCENT if (not args.all and Path(args.file).stem == "gradient") else known
    unknown = [s for s in args.scenes if s not in known]
    if unknown:
        ap.error(f"{args.file} has no scene {', '.join(unknown)} (it has: {', '.join(known)})")

    roots = [("this", ROOT)] + ([("other", Path(args.compare).resolve())] if args.compare else [])
    warm_up(args.file)
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
                goal = target(scene, q) if name == "this" else None
                ratio = wall / length[name]
                verdict = "" if goal is None else (f"<= {goal:g} {'ok' if ratio <= goal else 'MISSED'}")
                if name == "this":
                    rows.append((scene, q, ratio, goal))
                print(f"{scene:<18} {q:<2} {name:<6} {length[name]:8.1f} {wall:8.1f} {cpu:8.1f} {ratio:11.2f} "
                      f"{cpu / length[name]:10.2f}  {verdict}", flush=True)
    print(f"load average {os.getloadavg()[0]:.2f} at the end (other work on the machine slows wall times)")
    return 0 if all(t is None or r <= t for _, _, r, t in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
