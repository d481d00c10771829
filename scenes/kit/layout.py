"""Small layout helpers: digit thumbnails, grids of positions, titles, captions, shared baselines."""

from __future__ import annotations

import numpy as np
from manim import DOWN, ORIGIN, UL, UP, VGroup, config

from scenes.kit import palette as P
from scenes.kit.pixels import pixel_digit
from scenes.kit.text import label


def thumbnail(pixels, side: float = 0.8, frame_color=P.FAINT, frame_width: float = 1.5):
    """A digit as a small pixel picture with a thin frame (``thumb.frame``)."""
    thumb = pixel_digit(pixels, side=side)
    thumb.frame.set_stroke(frame_color, width=frame_width)
    return thumb


def labelled_thumbnail(pixels, digit: int, side: float = 0.8) -> VGroup:
    thumb = thumbnail(pixels, side)
    text = label(str(digit), size=P.SMALL_SIZE, color=P.DIM_TEXT).next_to(thumb, DOWN, buff=0.08)
    group = VGroup(thumb, text)
    group.thumb = thumb
    return group


def grid_positions(n: int, cols: int, dx: float, dy: float, center=ORIGIN) -> np.ndarray:
    rows = int(np.ceil(n / cols))
    out = []
    for i in range(n):
        r, c = divmod(i, cols)
        out.append([(c - (cols - 1) / 2) * dx, ((rows - 1) / 2 - r) * dy, 0.0])
    return np.array(out) + np.asarray(center, float)


def on_baseline(reference, *texts):
    """Shift ``texts`` vertically so their letters sit on the same baseline as ``reference`` (text
    centred at one height would not: descenders and ascenders move the centre)."""
    def baseline(t):
        flat = [c for c in t.family_members_with_points()]
        chars = getattr(t, "text", "").replace(" ", "").replace("\n", "")
        for ch, glyph in zip(chars, flat):
            if ch in "acemnorsuvwxz0123456789":
                return glyph.get_bottom()[1]
        return t.get_bottom()[1]

    y = baseline(reference)
    for t in texts:
        t.shift((y - baseline(t)) * UP)


def title(text: str) -> VGroup:
    return label(text, size=P.TITLE_SIZE * 0.9).to_corner(UL, buff=0.35)


def caption(text: str, size=P.SMALL_SIZE, color=P.DIM_TEXT, align=None):
    """Dim text; several lines (``\\n``) are centred on each other unless ``align`` is LEFT or RIGHT."""
    lines = text.split("\n")
    if len(lines) == 1:
        return label(text, size=size, color=color)
    group = VGroup(*[label(line, size=size, color=color) for line in lines]).arrange(DOWN, buff=0.1)
    if align is not None:
        for line in group:
            line.align_to(group, align)
    return group


def inside_frame(mob, margin: float = 0.25):
    """Shift ``mob`` (in frame coordinates) the least needed to keep it ``margin`` inside the frame."""
    half_w, half_h = config.frame_width / 2 - margin, config.frame_height / 2 - margin
    dx = max(0.0, -half_w - mob.get_left()[0]) - max(0.0, mob.get_right()[0] - half_w)
    dy = max(0.0, -half_h - mob.get_bottom()[1]) - max(0.0, mob.get_top()[1] - half_h)
    return mob.shift([dx, dy, 0.0])

