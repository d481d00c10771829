"""Render speed of the descent scenes: seconds of rendering per second of video (not a test).

For each scene and quality it runs ``manim -q<quality> --disable_caching`` on ``scenes/gradient.py``
from the repo root (a fresh process each time, into a temporary media folder, so nothing is reused
between runs), measures the wall time of the whole command (start-up, data loading from netcore's
cache, rendering, encoding) and the CPU time of the process, reads the video's duration, and prints
the median over ``--repeats`` runs. The netcore data the scenes need (traces, landscape, slice) is
computed once before timing, so training is not counted.

Targets: BallDownhill at -qh <= 3 s per video second, at -ql <= 1.

Run: .venv/bin/python benchmarks/render_speed.py [--scenes BallDownhill ManyValleys] [--qualities l h]
     [--repeats 3] [--file scenes/gradient.py]   (default: the four descent scenes)     (NETCORE_MNIST / NETCORE_CACHE / NETCORE_TRACE are honoured as by the scenes)
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DESCENT = ["BallDownhill", "ManyValleys", "LearningRate", "DownhillDirection"]  # the default
SCENES = DESCENT + ["TrainingAndTestData", "CostOfOneExample", "AverageCost", "GradientVector", "GradientNudging",
           "TestAccuracy", "HiddenWeights", "RandomNoiseInput", "MemorizationCurves"]  # the rest of chapter 2
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


def render_once(scene: str, quality: str, media: Path, file: str = "scenes/gradient.py") -> tuple[float, float, Path]:
    cmd = [str(ROOT / ".venv" / "bin" / "manim"), f"-q{quality}", "--disable_caching", "--progress_bar", "none",
           "--media_dir", str(media), file, scene]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
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
    ap.add_argument("--scenes", nargs="+", default=DESCENT, choices=SCENES)
    ap.add_argument("--file", default="scenes/gradient.py", help="scene file, relative to the repo root")
    ap.add_argument("--qualities", nargs="+", default=["l", "h"], choices=["l", "m", "h", "p", "k"])
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)

    warm_up(args.scenes)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start; median of {args.repeats}")
    print(f"{'scene':<18} {'q':<2} {'video s':>8} {'wall s':>8} {'cpu s':>8} {'wall/video':>11} {'cpu/video':>10}  target")
    rows = []
    for scene in args.scenes:
        for q in args.qualities:
            walls, cpus, length = [], [], None
            for _ in range(args.repeats):
                with tempfile.TemporaryDirectory(prefix="render-speed-") as tmp:
                    wall, cpu, video = render_once(scene, q, Path(tmp), args.file)
                    length = video_seconds(video)
                walls.append(wall)
                cpus.append(cpu)
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            target = TARGETS.get((scene, q))
            ratio = wall / length
            verdict = "" if target is None else (f"<= {target:g} {'ok' if ratio <= target else 'MISSED'}")
            rows.append((scene, q, ratio, target))
            print(f"{scene:<18} {q:<2} {length:8.1f} {wall:8.1f} {cpu:8.1f} {ratio:11.2f} {cpu / length:10.2f}  {verdict}",
                  flush=True)
    print(f"load average {os.getloadavg()[0]:.2f} at the end (other work on the machine slows wall times)")
    return 0 if all(t is None or r <= t for _, _, r, t in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
