"""Layout: titles, captions, readouts, notes on a dark box, digit thumbnails, tables and grids that
fit whatever the data holds, and keeping things inside the frame.

Every function returns a mobject placed or ready to be placed; none of them plays anything.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import DOWN, LEFT, RIGHT, UL, UP, BackgroundRectangle, Rectangle, VGroup, config

from . import palette as P
from .geometry import grid_positions
from .pixels import pixel_digit
from .text import label

__all__ = ["title", "caption", "caption_within", "text_baseline", "readout", "boxed", "inside_frame", "on_baseline", "thumbnail",
           "labelled_thumbnail", "legend", "Table", "TileGrid", "tile_grid", "text_row", "place_in_row", "times_equation",
           "value_bar"]


def title(text: str) -> VGroup:
    """The scene's title, in the top left corner."""
    return label(text, size=P.TITLE_SIZE * 0.9).to_corner(UL, buff=0.35)


def text_baseline(text) -> float:
    """The y of the line the letters of ``text`` (a ``Text``, a ``FastNumber``, or a multi-line
    ``caption``: its first line) sit on: the bottom of its first letter without a descender (a text's
    bottom would move with "g", "p", "y")."""
    if hasattr(text, "glyphs") and hasattr(text, "get_value"):  # a FastNumber: its origin anchor
        return float(text.points[0][1])
    if not hasattr(text, "text") and len(text.submobjects) and hasattr(text[0], "text"):  # caption lines
        return text_baseline(text[0])
    glyphs = text.family_members_with_points()
    chars = getattr(text, "text", "").replace(" ", "").replace("\n", "")
    for char, glyph in zip(chars, glyphs):
        if char in "acemnorsuvwxz0123456789":
            return float(glyph.get_bottom()[1])
    return float(text.get_bottom()[1])


def caption(text: str, size=P.SMALL_SIZE, color=P.DIM_TEXT, align=None):
    """Dim text; several lines (``\\n``) are centred on each other unless ``align`` is LEFT or RIGHT,
    their baselines evenly spaced (descenders do not push a line down).

    Examples
    --------
    >>> note = caption("real handwritten digits,\\neach with its label").to_edge(DOWN)
    """
    lines = text.split("\n")
    if len(lines) == 1:
        return label(text, size=size, color=color)
    group = VGroup(*[label(line, size=size, color=color) for line in lines]).arrange(DOWN, buff=0.1)
    step = label("Ag", size=size).height + 0.1
    first = text_baseline(group[0])
    for k, line in enumerate(group):
        line.shift((first - k * step - text_baseline(line)) * UP)
    if align is not None:
        for line in group:
            line.align_to(group, align)
    return group


def caption_within(text: str, width: float, size=P.SMALL_SIZE, color=P.DIM_TEXT, align=LEFT):
    """``caption(text)`` on one line if it is at most ``width`` wide, else broken after each "; "
    (lines aligned by ``align``), and if still too wide, scaled down to ``width``. For captions whose
    words follow the data (a layer's size, which network is shown).

    Examples
    --------
    >>> state = caption_within(f"the training 2 {where}; the last hidden layer: 16 neurons", width=12.0)
    """
    one = caption(text, size=size, color=color)
    if one.width <= width or "; " not in text:
        return one if one.width <= width else one.scale_to_fit_width(width)
    broken = caption(text.replace("; ", ";\n"), size=size, color=color, align=align)
    return broken if broken.width <= width else broken.scale_to_fit_width(width)


def readout(name: str, value, size: float = P.LABEL_SIZE, color=P.TEXT) -> VGroup:
    """``name`` (dim) then a live number (a ``FastNumber``) on one baseline, in one font.

    Returns the group; ``group.value`` is the number.

    Examples
    --------
    >>> step = readout("step", FastNumber(0, places=0, widest=100))
    >>> step.value.set_value(52)
    """
    text = label(name, size=size, color=P.DIM_TEXT)
    value.set_color(color)
    group = VGroup(text, value).arrange(RIGHT, buff=0.18)
    value.shift((text_baseline(text) - text_baseline(value)) * UP)  # one baseline for the name and the digits
    group.value = value
    return group


def boxed(mob, opacity: float = 0.7) -> VGroup:
    """``mob`` on a dark, translucent box, legible over a coloured surface or a curve."""
    return VGroup(BackgroundRectangle(mob, color=P.BACKGROUND, fill_opacity=opacity, buff=0.08), mob)


def inside_frame(mob, margin: float = 0.25):
    """Shift ``mob`` (in frame coordinates) the least needed to keep it ``margin`` inside the frame."""
    half_w, half_h = config.frame_width / 2 - margin, config.frame_height / 2 - margin
    dx = max(0.0, -half_w - mob.get_left()[0]) - max(0.0, mob.get_right()[0] - half_w)
    dy = max(0.0, -half_h - mob.get_bottom()[1]) - max(0.0, mob.get_top()[1] - half_h)
    return mob.shift([dx, dy, 0.0])


def on_baseline(reference, *texts):
    """Shift ``texts`` vertically so their letters sit on the same baseline as ``reference`` (text
    centred at one height would not: descenders and ascenders move the centre)."""
    y = text_baseline(reference)
    for text in texts:
        text.shift((y - text_baseline(text)) * UP)


def thumbnail(pixels, side: float = 0.8, frame_color=P.FAINT, frame_width: float = 1.5):
    """A digit as a small pixel picture with a thin frame (``thumb.frame``)."""
    thumb = pixel_digit(pixels, side=side)
    thumb.frame.set_stroke(frame_color, width=frame_width)
    return thumb


def labelled_thumbnail(pixels, digit: int, side: float = 0.8) -> VGroup:
    """A thumbnail with its label beneath (``group.thumb`` is the picture)."""
    thumb = thumbnail(pixels, side)
    text = label(str(digit), size=P.SMALL_SIZE, color=P.DIM_TEXT).next_to(thumb, DOWN, buff=0.08)
    group = VGroup(thumb, text)
    group.thumb = thumb
    return group


def legend(entries, size: float = P.SMALL_SIZE) -> VGroup:
    """Colour swatches with their words, one row each: ``entries`` are ``(color, word)``."""
    rows = VGroup()
    for color, word in entries:
        swatch = Rectangle(width=0.3, height=0.3, stroke_width=0, fill_color=color, fill_opacity=1)
        rows.add(VGroup(swatch, caption(word, size=size)).arrange(RIGHT, buff=0.2))
    return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)


@dataclass(frozen=True)
class Table:
    """Named columns at x positions and rows ``row_height`` apart below a header line at ``top``.

    Examples
    --------
    >>> table = Table({"digit": -6.3, "output": -4.7}, top=2.38, row_height=0.5)
    >>> label("7").move_to(table.cell("digit", 7))
    """

    columns: dict
    top: float
    row_height: float
    first_row_gap: float = 0.53

    def x(self, column: str) -> float:
        return float(self.columns[column])

    def row_y(self, row: int) -> float:
        return self.top - self.first_row_gap - self.row_height * row

    def cell(self, column: str, row: int) -> np.ndarray:
        return np.array([self.x(column), self.row_y(row), 0.0])

    def header(self, column: str) -> np.ndarray:
        return np.array([self.x(column), self.top, 0.0])


@dataclass(frozen=True)
class TileGrid:
    """``n`` square tiles of side ``side`` in ``cols`` columns, centred at ``centers``.

    What ``tile_grid`` returns; a frozen record, not a mobject.

    Parameters
    ----------
    side : float
        Side of every tile in scene units.
    cols : int
        Tiles per row (rows fill from the top left).
    centers : numpy.ndarray, shape (n, 3)
        Scene centre of each tile, in row order.

    Examples
    --------
    >>> grid = tile_grid(16, width=6.0, height=4.0)
    >>> grid.side, grid.cols
    (0.91, 4)
    >>> tiles = VGroup(*[pixel_weights(w, side=grid.side).move_to(c) for w, c in zip(W, grid.centers)])
    """

    side: float
    cols: int
    centers: np.ndarray


def tile_grid(n: int, width: float, height: float, center=(0.0, 0.0, 0.0), gap: float = 0.12,
              max_side: float = 1.6) -> TileGrid:
    """The largest square tiles (at most ``max_side``) that fit ``n`` of them in a ``width`` x
    ``height`` box, ``gap`` apart: however many neurons a layer has, its weight images fit."""
    best = None
    for cols in range(1, n + 1):
        rows = int(np.ceil(n / cols))
        side = min((width - gap * (cols - 1)) / cols, (height - gap * (rows - 1)) / rows, max_side)
        if best is None or side > best[0] + 1e-9:
            best = (side, cols)
    side, cols = best
    return TileGrid(side, cols, grid_positions(n, cols, side + gap, side + gap, center))


BASELINE_CHARS = "acemnorsuvwxz0123456789"  # characters that sit on the line (as text_baseline reads them)


def text_row(*parts, buff: float = 0.15) -> VGroup:
    """Labels, numbers and formulas in a row: words and numbers on one baseline (the first number's,
    else the first part's), operators such as "=" and "×" at their height on that line, formulas
    centred on the digits.

    Examples
    --------
    >>> total = text_row(integer(12960), label("+"), integer(42), label("="), integer(13002))
    """
    from .text import FastNumber

    row = VGroup(*parts).arrange(RIGHT, buff=buff)
    ref = next((p for p in parts if isinstance(p, FastNumber)), parts[0])
    baseline = text_baseline(ref)
    digit_mid = baseline + (ref.glyphs.cap / 2 if isinstance(ref, FastNumber) else 0.1)
    for part in parts:
        if part is ref:
            continue
        if hasattr(part, "tex_string"):  # a formula: centred on the digits
            part.set_y(digit_mid)
        elif isinstance(part, FastNumber) or any(ch in BASELINE_CHARS for ch in getattr(part, "text", "") or "x"):
            part.shift((baseline - text_baseline(part)) * UP)
        else:  # an operator alone: where it sits beside a digit in the same font
            probe = label("0" + part.text, size=part.font_size)
            part.set_y(baseline + probe[1].get_y() - text_baseline(probe))
    return row


def place_in_row(mobs, gaps, center) -> VGroup:
    """``mobs`` left to right, ``gaps[i]`` between mob i and mob i + 1, their vertical centres at
    ``center``'s height and the whole row centred on ``center``'s x.

    Examples
    --------
    >>> place_in_row([a1, equals, W, a0], gaps=[0.2, 0.2, 0.1], center=[0, 0.5, 0])
    """
    x = 0.0
    for mob, gap in zip(mobs, list(gaps) + [0.0]):
        mob.move_to([x + mob.width / 2, center[1], 0])
        x += mob.width + gap
    group = VGroup(*mobs)
    group.shift([center[0] - group.get_x(), 0, 0])
    return group


def times_equation(side: int, total: int, size: float = P.LABEL_SIZE) -> VGroup:
    """"28 × 28 = 784" with its numbers as FastNumbers (``group.numbers``: side, side, total) and the
    signs at the digits' mid-height.

    Examples
    --------
    >>> times_equation(28, 784).next_to(picture, DOWN)
    """
    from .text import integer

    numbers = [integer(side, size=size), integer(side, size=size), integer(total, size=size)]
    group = VGroup(numbers[0], label("\u00d7", size=size), numbers[1], label("=", size=size), numbers[2])
    group.arrange(RIGHT, buff=0.15)
    for part in group[1::2]:
        part.set_y(numbers[0].get_center()[1])
    group.numbers = numbers
    return group


def value_bar(length: float, height: float, color, left_x: float, y: float) -> Rectangle:
    """A filled bar ``length`` long starting at ``left_x`` (at least a sliver, so a tiny value still shows).

    Examples
    --------
    >>> value_bar(2.4 * value / largest, 0.25, palette.POSITIVE, left_x=-1.0, y=0.5)
    """
    return Rectangle(width=max(length, 0.03), height=height, stroke_width=0, fill_color=color,
                     fill_opacity=1).move_to([left_x, y, 0], aligned_edge=LEFT)
