"""``lecture``: render a chapter's scenes (in parallel, only those that changed) and join them into one
video with chapter marks, subtitles and a page to watch it.

    lecture 2                      # chapter 2 at -qh -> renders/lectures/1080p60/chapter2-gradient.{mp4,srt,vtt,html}
    lecture all -ql                # every chapter that exists, and an index page
    lecture 2 --scenes A B         # render only these scenes (no join): for sharding over machines
    lecture 2 --join-only          # join the rendered scenes; fails naming any that are missing

Exit status: 0 done; 1 a scene failed or is missing (one line each, naming its log); 2 bad arguments.
A scene that cannot show the data (e.g. a training history an imported network's trace lacks) is left
out of the lecture, with its one line saying why.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
import time
from pathlib import Path

from .chapters import ROOT, Chapter, available, chapter, data_identity, scene_key, shown_path, title_of
from netcore.errors import NetcoreError

from .render import QUALITY_FOLDERS, Layout, render_scenes

__all__ = ["main"]


class ArgumentError(Exception):
    """Bad arguments: one line, exit status 2."""


def parse(argv) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="lecture", description=__doc__.split("\n\n")[0].strip(),
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n\n".join(__doc__.split("\n\n")[1:]))
    ap.add_argument("chapter", help="chapter number (1, 2, 3) or name (structure, gradient, backprop), or all")
    ap.add_argument("-q", "--quality", choices=list(QUALITY_FOLDERS), default="h",
                    help="Manim's quality flag: -ql 480p15, -qm 720p30, -qh 1080p60 (default), -qp, -qk")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                    help="scenes rendered at once, each in its own process (default: the machine's cores)")
    ap.add_argument("--scenes", nargs="+", metavar="SCENE", help="render only these scenes, do not join")
    ap.add_argument("--join-only", action="store_true", help="render nothing; join the scenes already rendered")
    ap.add_argument("--force", action="store_true", help="render every scene again, even when up to date")
    ap.add_argument("--out", type=Path, default=ROOT / "renders" / "lectures",
                    help="the lectures folder (default renders/lectures)")

    def error(message):
        raise ArgumentError(message)

    ap.error = error
    args = ap.parse_args(argv)
    if args.jobs < 1:
        raise ArgumentError(f"--jobs must be at least 1, not {args.jobs}")
    if args.scenes and args.join_only:
        raise ArgumentError("--scenes renders without joining and --join-only joins without rendering: pick one")
    if args.scenes and args.chapter == "all":
        raise ArgumentError("--scenes needs one chapter, not all")
    return args


def prepare(ch: Chapter) -> None:
    """Compute (or load) what the chapter's scenes replay, once, before the workers start: every public
    function of its data module with its defaults (netcore caches the results; its lock keeps two
    processes from training one run twice)."""
    data = ch.module("_data")
    if data is None:
        return
    from scenes.kit.data import NeedsHistory

    for name in getattr(data, "__all__", []):
        fn = getattr(data, name)
        if inspect.isfunction(fn) and all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                                          for p in inspect.signature(fn).parameters.values()):
            try:
                fn()
            except NeedsHistory:  # the scene that shows it says so itself, and is left out
                pass


class Progress:
    """A one-line progress bar: scenes done of the total, and which are rendering now."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.stream, self.start = total, stream, time.perf_counter()
        self.tty = stream.isatty()

    def __call__(self, results, running) -> None:
        done = len(results)
        width = 24
        bar = "#" * round(width * done / max(self.total, 1))
        failed = sum(not r.ok and not r.refused for r in results)
        left_out = sum(r.refused for r in results)
        line = (f"[{bar:<{width}}] {done}/{self.total} scenes" + (f", {failed} failed" if failed else "")
                + (f", {left_out} left out" if left_out else "")
                + f", {time.perf_counter() - self.start:.0f} s" + (f"; rendering {', '.join(running)}" if running else ""))
        if self.tty:
            self.stream.write("\r\x1b[2K" + line[:160])
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self):
        if self.tty:
            self.stream.write("\n")


def run_chapter(ch: Chapter, args) -> tuple[int, tuple[str, str, float] | None]:
    """Render and join one chapter; returns (exit status, (title, page, seconds) when joined)."""
    from .join import join_subtitles, join_videos, write_chapter_file
    from .page import lecture_page, srt_to_vtt, write_atomic

    layout = Layout(args.out, ch, args.quality)
    module = ch.module()
    scenes = ch.scenes()
    if args.scenes:
        unknown = [s for s in args.scenes if s not in scenes]
        if unknown:
            raise ArgumentError(f"{shown_path(ch.file)} has no scene {', '.join(unknown)} "
                                f"(its scenes: {', '.join(scenes)})")
    wanted = args.scenes or scenes
    status = 0
    if not args.join_only:
        data = data_identity()
        keys = {s: scene_key(ch, s, args.quality, data) for s in wanted}
        todo = {s: k for s, k in keys.items() if args.force or layout.rendered_key(s) != k}
        # longest first (by the last render's time; never rendered: first), so no long scene starts last
        todo = dict(sorted(todo.items(), key=lambda kv: -(layout.last_seconds(kv[0]) or float("inf"))))
        up_to_date = len(wanted) - len(todo)
        print(f"lecture: chapter {ch.number} ({ch.name}), {len(wanted)} scenes at -q{args.quality}: "
              f"{len(todo)} to render, {up_to_date} up to date", file=sys.stderr)
        if todo:
            prepare(ch)
            bar = Progress(len(todo))
            results = render_scenes(layout, todo, min(args.jobs, len(todo)), bar)
            bar.close()
            for r in results:
                if not r.ok and not r.refused:
                    print(f"lecture: {r.scene} failed ({r.message}); log: {r.log}", file=sys.stderr)
                    status = 1
    refused = {s: layout.refusal(s) for s in scenes if layout.refusal(s) and not layout.video(s).is_file()}
    for s, why in refused.items():
        if s in wanted:
            print(f"lecture: left out {why}", file=sys.stderr)
    if args.scenes:
        return status, None
    scenes = [s for s in scenes if s not in refused]
    if not scenes:
        print(f"lecture: chapter {ch.number} not joined: every scene was left out", file=sys.stderr)
        return 1, None
    missing = [s for s in scenes if not layout.video(s).is_file()]
    if missing:
        if args.join_only:
            print(f"lecture: cannot join chapter {ch.number}: not rendered: {', '.join(missing)}", file=sys.stderr)
        else:
            print(f"lecture: chapter {ch.number} not joined; the previous lecture files are unchanged", file=sys.stderr)
        return 1, None
    if status:
        print(f"lecture: chapter {ch.number} not joined; the previous lecture files are unchanged", file=sys.stderr)
        return status, None
    titles = [title_of(getattr(module, s)) for s in scenes]
    video = layout.lecture(".mp4")
    marks = join_videos([layout.video(s) for s in scenes], titles, video)
    write_chapter_file(marks, layout.lecture(".chapters.json"))
    srt_file = layout.lecture(".srt")
    n_subs = join_subtitles([layout.subtitles(s) for s in scenes], marks, srt_file)
    vtt = srt_to_vtt(srt_file.read_text(encoding="utf-8"))
    write_atomic(layout.lecture(".vtt"), vtt)
    page = layout.lecture(".html")
    write_atomic(page, lecture_page(f"Chapter {ch.number}: {ch.title}", video.name, vtt, marks, back="index.html"))
    print(f"lecture: {video} ({marks[-1].end:.1f} s, {len(marks)} chapters, {n_subs} subtitles); page: {page}",
          file=sys.stderr)
    return 0, (f"Chapter {ch.number}: {ch.title}", page.name, marks[-1].end)


def main(argv=None) -> int:
    try:
        args = parse(argv)
        chapters = available() if args.chapter == "all" else [chapter(args.chapter)]
        if not chapters:
            raise ArgumentError("no chapter exists yet")
        status, entries = 0, []
        for ch in chapters:
            s, entry = run_chapter(ch, args)
            status = max(status, s)
            if entry:
                entries.append(entry)
        if args.chapter == "all" and entries and not args.scenes:
            from .page import index_page, write_atomic

            index = args.out / QUALITY_FOLDERS[args.quality] / "index.html"
            write_atomic(index, index_page(entries))
            print(f"lecture: index {index}", file=sys.stderr)
        return status
    except (ArgumentError, ValueError, NetcoreError) as e:
        print(f"lecture: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("lecture: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
