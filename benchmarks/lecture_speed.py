"""Lecture speed: wall time per second of lecture video, ``lecture N`` against ``manim -a`` (not a test).

In one run, for the chapter given (default 2) at the quality given (default -qh), it times
1. ``manim -q<q> -a scenes/<chapter>.py`` as a user would type it (one process, scenes one after
   another; fresh media folder),
2. ``lecture N -q<q> --force`` (every scene rendered, ``--jobs`` processes at a time, then joined),
3. ``lecture N -q<q>`` again with nothing changed (the incremental case),
each into its own temporary folder, ``--repeats`` times in turn (median). The netcore data is computed
before timing (the lecture's own preparation step then only loads it). It also prints each scene's
render time from the lecture's key files (the slowest scenes are where speed work pays).

Run: .venv/bin/python benchmarks/lecture_speed.py [--chapter 2] [-q h] [--jobs 2] [--repeats 1]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def timed(cmd) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chapter", default="2")
    ap.add_argument("-q", "--quality", default="h", choices=list("lmhpk"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeats", type=int, default=1)
    args = ap.parse_args(argv)

    from lecture.chapters import chapter
    from lecture.cli import prepare
    from lecture.join import video_seconds
    from lecture.render import QUALITY_FOLDERS

    ch = chapter(args.chapter)
    prepare(ch)
    times = {"manim -a": [], f"lecture --force (jobs {args.jobs})": [], "lecture, nothing changed": []}
    seconds, per_scene = None, {}
    for _ in range(args.repeats):
        with tempfile.TemporaryDirectory(prefix="lecture-speed-") as tmp:
            tmp = Path(tmp)
            times["manim -a"].append(timed([BIN / "manim", f"-q{args.quality}", "-a", "--progress_bar", "none",
                                             "--media_dir", tmp / "manim", ch.file]))
            lecture = [BIN / "lecture", args.chapter, f"-q{args.quality}", "--jobs", str(args.jobs), "--out", tmp / "lec"]
            times[f"lecture --force (jobs {args.jobs})"].append(timed(lecture + ["--force"]))
            times["lecture, nothing changed"].append(timed(lecture))
            folder = tmp / "lec" / QUALITY_FOLDERS[args.quality]
            seconds = video_seconds(folder / f"{ch.slug}.mp4")
            for key in (folder / "scenes" / ch.slug).glob("*.key.json"):
                per_scene.setdefault(key.name.split(".")[0], []).append(json.loads(key.read_text())["seconds"])
    print(f"chapter {ch.number} at -q{args.quality}: {seconds:.1f} s of lecture video; {os.cpu_count()} CPUs; "
          f"median of {args.repeats}")
    for name, values in times.items():
        wall = statistics.median(values)
        print(f"  {name:<28} {wall:8.1f} s wall  {wall / seconds:6.2f} s per video second")
    print("  scene render times in the lecture (parallel, so each is slowed by its neighbours):")
    for scene, values in sorted(per_scene.items(), key=lambda kv: -statistics.median(kv[1])):
        print(f"    {scene:<22} {statistics.median(values):7.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
