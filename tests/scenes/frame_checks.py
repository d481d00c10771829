"""Frame checks for rendered scenes: nothing visible leaves the frame, no two texts overlap.

``watch_frame(scene)`` wraps the scene's ``play`` and ``wait`` (as ``conftest.watch_text_in_frame``
does) and after every call looks at what is on screen:

- **outside**: a visible mobject that leaves the frame. Texts (``Text``, ``MathTex``,
  ``SingleStringMathTex``, ``DecimalNumber``/``Integer``, the kit's ``FastNumber``) must keep
  ``margin`` clear of the edge (the rule of ``watch_text_in_frame``); pixel pictures (the kit's
  ``PixelImage``/``PixelGrid``/``PixelNeurons``) and every other shape with points (lines, dots, arrows, curves,
  rectangles, surface faces, the ball) may reach at most ``tolerance`` beyond the edge.
- **overlap**: two visible texts whose bounding boxes overlap by more than ``overlap`` (in x and in y),
  or that run into each other: side by side on one line (or one above the other) with less than
  ``clearance`` between them (a counter that touches the title reads as one line of text); likewise a
  text and a pixel picture (a weight image drawn over a title).

A text, a number or a pixel picture counts as ONE unit (its glyphs or colour layers are not looked at
one by one). Visible means an opacity (fill, or stroke of non-zero width) above ``min_opacity``:
something faded out on purpose does not count, and an invisible member (e.g. a ball faded to 0) does
not widen its group's box.

3-D scenes: every mobject's points are taken through the camera's own
``transform_points_pre_display`` (what the cairo camera draws): fixed-in-frame mobjects as they are,
fixed-orientation ones (the ball) shifted to their projected centre, all others (surface, arrows,
trail, contours) projected with ``project_points`` at the camera's current orientation and zoom. The
result is relative to the frame centre; the cairo camera draws it relative to the frame centre of the
FIRST frame (see ``scenes/kit/scene3d.py``), taken here as the frame centre at the first check (the
kit starts every 3-D scene with x = y = 0, so both are the same).

``scene.frame_problems`` lists ``(call, kind, names, boxes)``: the number of the ``play``/``wait`` call
after which it was seen (1-based), ``"outside"`` or ``"overlap"``, the names of the one or two units
(text: its string; number: its value; other: ``Type in TopLevelType``) and their boxes
``(left, right, bottom, top)`` in frame units. ``summarize(problems)`` turns the list into readable
lines, one per distinct problem.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from contextlib import contextmanager

import numpy as np

TEXT_MARGIN = 0.15  # texts keep this much clear of the frame's edge
SHAPE_TOLERANCE = 0.02  # other mobjects may reach this far beyond the edge
OVERLAP_TOLERANCE = 0.03  # boxes may overlap this much (in x or in y) without counting
CLEARANCE = 0.05  # side by side (or stacked), texts keep at least this much apart (word spaces: ~0.1)
MIN_OPACITY = 0.05  # below this a mobject is not visible


def _kinds():
    """The classes counted as one text unit and as one picture unit."""
    from manim import DecimalNumber, MarkupText, MathTex, SingleStringMathTex, Text

    from scenes.kit.images import PixelGrid
    from scenes.kit.pixel_neurons import PixelNeurons
    from scenes.kit.pixels import PixelImage
    from scenes.kit.text import FastNumber

    return (Text, MarkupText, MathTex, SingleStringMathTex, DecimalNumber, FastNumber), (PixelImage, PixelGrid, PixelNeurons)


def _visible(leaf, min_opacity: float) -> bool:
    """A leaf with points is drawn: its fill, or its stroke of non-zero width, is opaque enough."""
    from manim import VMobject

    if not isinstance(leaf, VMobject):  # value trackers (points hold a number), images: not looked at
        return False
    fill = leaf.fill_rgbas[:, 3]
    if len(fill) and float(np.max(fill)) > min_opacity:
        return True
    stroke = leaf.stroke_rgbas[:, 3]
    return bool(leaf.stroke_width > 0 and len(stroke) and float(np.max(stroke)) > min_opacity)


def unit_name(mob, top=None, index=None) -> str:
    """A readable name: a text's string, a number's value, else ``Type #index in TopLevelType`` (the
    index counts the units of that type on screen, in drawing order)."""
    from manim import DecimalNumber

    from scenes.kit.text import FastNumber

    if isinstance(mob, FastNumber):
        name = f"number {mob.text(mob.get_value())}"
    elif isinstance(mob, DecimalNumber):
        name = f"number {mob.get_value():.{getattr(mob, 'num_decimal_places', 3)}f}"
    else:
        name = getattr(mob, "text", None) or getattr(mob, "tex_string", None)
        if name:
            name = getattr(mob, "original_text", None) or name  # Text.text has its spaces removed
            name = repr(" ".join(str(name).split()))
        else:
            name = type(mob).__name__ + ("" if index is None else f" #{index}")
            if top is not None and top is not mob:
                name += f" in {type(top).__name__}"
    return name if len(name) <= 60 else name[:57] + "...'"


def screen_units(scene, min_opacity: float = MIN_OPACITY, origin=(0.0, 0.0)):
    """Every visible unit on screen as ``(kind, mobject, name, box)``: kind ``"text"``, ``"image"`` or
    ``"shape"``; box ``(left, right, bottom, top)`` of its visible points as drawn (3-D scenes: through
    the camera's projection, minus ``origin``, the first frame's centre)."""
    texts, images = _kinds()
    camera = scene.renderer.camera
    seen, out, counts = set(), [], {}

    def name_of(mob, top):
        key = type(mob).__name__
        counts[key] = counts.get(key, -1) + 1
        return unit_name(mob, top, counts[key])

    def box_of(leaves):
        pts = [camera.transform_points_pre_display(m, m.points)[:, :2] for m in leaves]
        pts = np.concatenate(pts) - np.asarray(origin, float)[:2]
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        return (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))

    def visit(mob, top):
        if id(mob) in seen:
            return
        seen.add(id(mob))
        if isinstance(mob, texts + images):
            leaves = [m for m in mob.get_family() if len(m.points) and _visible(m, min_opacity)]
            for m in mob.get_family():
                seen.add(id(m))
            if leaves:
                kind = "text" if isinstance(mob, texts) else "image"
                out.append((kind, mob, name_of(mob, top), box_of(leaves)))
            return
        if len(mob.points) and _visible(mob, min_opacity):
            out.append(("shape", mob, name_of(mob, top), box_of([mob])))
        for sub in mob.submobjects:
            visit(sub, top)

    for top in scene.mobjects:
        visit(top, top)
    return out


@contextmanager
def text_laid_out_at(width: int = 1920, height: int = 1080):
    """Lay out ``Text`` as a render of ``width`` x ``height`` pixels would, whatever the render's size.

    Manim's ``Text`` asks Pango for a layout as wide as ``config.pixel_width`` and Pango WRAPS a line
    that does not fit: at 256x144 a caption of about 80 characters (18 pt) becomes two lines, narrower
    and twice as tall as in the real video (at 854 pixels and more it stays one line). Small test
    renders would then check text the video never shows. Inside this context the layout is made at
    ``width`` x ``height`` (the default: ``-qh``, the lessons' quality); the SVGs are cached in the
    media folder under a hash that ignores the size, so give these renders a ``media_dir`` of their own."""
    import manimpango

    original = manimpango.text2svg

    def text2svg(settings, size, line_spacing, disable_liga, file_name, start_x, start_y, w, h, *rest, **kw):
        return original(settings, size, line_spacing, disable_liga, file_name, start_x, start_y,
                        max(int(w), width), max(int(h), height), *rest, **kw)

    manimpango.text2svg = text2svg
    try:
        yield
    finally:
        manimpango.text2svg = original


def _rounded(box):
    return tuple(round(v, 2) for v in box)


def frame_problems_now(scene, margin: float = TEXT_MARGIN, tolerance: float = SHAPE_TOLERANCE,
                       overlap: float = OVERLAP_TOLERANCE, min_opacity: float = MIN_OPACITY, origin=(0.0, 0.0),
                       clearance: float = CLEARANCE):
    """The problems on screen now, as ``(kind, names, boxes)``: units outside the frame (texts within
    ``margin`` of the edge, others more than ``tolerance`` beyond it), and pairs of texts, or of a text
    and a picture, whose boxes overlap by more than ``overlap`` in one direction and overlap, or are
    less than ``clearance`` apart, in the other."""
    from manim import config

    w, h = config.frame_width / 2, config.frame_height / 2
    units = screen_units(scene, min_opacity, origin)
    problems = []
    for kind, _, name, (l, r, b, t) in units:
        lim_w, lim_h = (w - margin, h - margin) if kind == "text" else (w + tolerance, h + tolerance)
        if l < -lim_w or r > lim_w or b < -lim_h or t > lim_h:
            problems.append(("outside", (name,), (_rounded((l, r, b, t)),)))
    boxed = [(k, n, bx) for k, _, n, bx in units if k in ("text", "image")]
    if len(boxed) > 1:
        arr = np.array([bx for _, _, bx in boxed])
        ox = np.minimum(arr[:, None, 1], arr[None, :, 1]) - np.maximum(arr[:, None, 0], arr[None, :, 0])
        oy = np.minimum(arr[:, None, 3], arr[None, :, 3]) - np.maximum(arr[:, None, 2], arr[None, :, 2])
        is_text = np.array([k == "text" for k, _, _ in boxed])
        hit = (((ox > overlap) & (oy > -clearance)) | ((oy > overlap) & (ox > -clearance))) \
            & (is_text[:, None] | is_text[None, :])
        for i, j in zip(*np.nonzero(np.triu(hit, 1))):
            problems.append(("overlap", (boxed[i][1], boxed[j][1]), (_rounded(boxed[i][2]), _rounded(boxed[j][2]))))
    return problems


class FrameCheckError(RuntimeError):
    """The frame checks themselves failed (not the scene)."""


def watch_frame(scene, margin: float = TEXT_MARGIN, tolerance: float = SHAPE_TOLERANCE,
                overlap: float = OVERLAP_TOLERANCE, min_opacity: float = MIN_OPACITY, clearance: float = CLEARANCE):
    """Check ``scene`` after every ``play`` and ``wait`` (``frame_problems_now``); ``scene.frame_problems``
    collects ``(call, kind, names, boxes)`` and ``scene.frame_calls`` counts the calls (a call made
    inside another, as manim's ``wait`` and ``move_camera`` call ``play``, is not counted again). Call
    before ``scene.render()``; returns the scene. An error of the checks themselves is raised as
    ``FrameCheckError`` (not to be taken for the scene's)."""
    from manim import ThreeDScene

    scene.frame_problems, scene.frame_calls = [], 0
    origin = []  # the frame centre at the first check (3-D scenes)

    def check():
        scene.frame_calls += 1
        try:
            look()
        except Exception as e:  # a bug of the checks, not of the scene: say so
            raise FrameCheckError(f"frame check after call {scene.frame_calls} failed: {type(e).__name__}: {e}") from e

    def look():
        if not origin:
            fc = scene.renderer.camera.frame_center if isinstance(scene, ThreeDScene) else np.zeros(3)
            origin.append(np.asarray(fc, float)[:2].copy())
        for kind, names, boxes in frame_problems_now(scene, margin, tolerance, overlap, min_opacity, origin[0],
                                                       clearance):
            scene.frame_problems.append((scene.frame_calls, kind, names, boxes))

    depth = [0]  # manim's wait calls play: check once, after the outermost call

    for method in ("play", "wait"):
        original = getattr(scene, method)

        def checked(*args, _original=original, **kwargs):
            depth[0] += 1
            try:
                result = _original(*args, **kwargs)
            finally:
                depth[0] -= 1
            if depth[0] == 0:
                check()
            return result

        setattr(scene, method, checked)
    return scene


def _edges(box, margin, tolerance, is_text):
    from manim import config

    w, h = config.frame_width / 2, config.frame_height / 2
    lim_w, lim_h = (w - margin, h - margin) if is_text else (w + tolerance, h + tolerance)
    l, r, b, t = box
    return [e for e, out in (("left", l < -lim_w), ("right", r > lim_w), ("bottom", b < -lim_h), ("top", t > lim_h)) if out]


def _is_text(name: str) -> bool:
    return name.startswith(("'", '"', "number "))


def summarize(problems, margin: float = TEXT_MARGIN, tolerance: float = SHAPE_TOLERANCE) -> list[str]:
    """Readable lines, one per distinct problem: what is outside (which edges) or what overlaps what,
    with the box(es) at its first sighting and after which calls it was seen (first..last, how many).
    Problems that differ only in the ``#index`` of same-type units (e.g. 12 weight images) share a line
    that says how many units."""
    groups: OrderedDict = OrderedDict()
    for call, kind, names, boxes in problems:
        edges = ",".join(_edges(boxes[0], margin, tolerance, _is_text(names[0]))) if kind == "outside" else ""
        key = (kind, tuple(re.sub(r" #\d+", "", n) for n in names), edges)
        group = groups.setdefault(key, {"units": OrderedDict(), "calls": set()})
        group["units"].setdefault(names, boxes)
        group["calls"].add(call)
    lines = []
    for (kind, names, edges), group in groups.items():
        calls = sorted(group["calls"])
        when = f"call {calls[0]}" if len(calls) == 1 else f"calls {calls[0]}..{calls[-1]} ({len(calls)} calls)"
        n = len(group["units"])
        first_names, boxes = next(iter(group["units"].items()))
        if kind == "outside":
            what = names[0] if n == 1 else f"{n} x {names[0]}"
            lines.append(f"outside ({edges or 'edge'}): {what}, box {boxes[0]}{' (first)' if n > 1 else ''} [{when}]")
        else:
            (l1, r1, b1, t1), (l2, r2, b2, t2) = boxes
            ox, oy = min(r1, r2) - max(l1, l2), min(t1, t2) - max(b1, b2)
            how = "overlap" if min(ox, oy) > 0 else f"run into each other ({-min(ox, oy):.2f} apart)"
            pair = f"{first_names[0]} {boxes[0]} x {first_names[1]} {boxes[1]}"
            more = f" and {n - 1} more pairs like it ({names[0]} x {names[1]})" if n > 1 else ""
            lines.append(f"{how}: {pair}{more} [{when}]")
    return lines
