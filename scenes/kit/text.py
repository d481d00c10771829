"""Text in the project's font and sizes (see ``palette``)."""

from __future__ import annotations

import numpy as np
from manim import DecimalNumber, Integer, MathTex, Text, UpdateFromAlphaFunc, VGroup, VMobject

from . import palette as P


def label(text: str, size: float = P.LABEL_SIZE, color=P.TEXT, **kwargs) -> Text:
    """Plain text in the project's font."""
    return Text(text, font=P.FONT, font_size=size, color=color, **kwargs)


def math(*tex: str, size: float = P.LABEL_SIZE * 1.25, color=P.TEXT, **kwargs) -> MathTex:
    """LaTeX math at a size that sits well beside ``label`` text of the same nominal size."""
    return MathTex(*tex, font_size=size, color=color, **kwargs)


def number(value: float, places: int = 3, size: float = P.LABEL_SIZE * 1.25, color=P.TEXT, **kwargs) -> DecimalNumber:
    """A LaTeX-typeset number. Each ``set_value`` builds it anew (about 10 ms): for a value that changes
    every frame use ``FastNumber``."""
    return DecimalNumber(value, num_decimal_places=places, font_size=size, color=color, **kwargs)


def integer(value: int, size: float = P.LABEL_SIZE * 1.25, color=P.TEXT, **kwargs) -> Integer:
    return Integer(value, font_size=size, color=color, **kwargs)


class _Glyphs:
    """Digit, point, comma and minus outlines of the LaTeX font at one size, typeset ONCE per size,
    with each character's cell width so numbers can be laid out without LaTeX."""

    CHARS = "-0123456789.,"
    _cache: dict = {}

    def __init__(self, size: float):
        tex = MathTex("-0123456789.{,}", font_size=size)  # {,}: no math spacing after the comma
        glyphs = tex.submobjects[0].submobjects
        centers = np.array([g.get_center()[0] for g in glyphs])
        bounds = np.concatenate([[centers[0] - (centers[1] - centers[0]) / 2],
                                 (centers[1:] + centers[:-1]) / 2,
                                 [centers[-1] + (centers[-1] - centers[-2]) / 2]])
        digit = (centers[10] - centers[1]) / 9  # digits share one advance
        self.baseline = float(np.median([g.get_bottom()[1] for g in glyphs[1:11]]))
        self.cap = float(max(g.get_top()[1] for g in glyphs[1:11])) - self.baseline
        self.cells, self.points = {}, {}
        for ch, g, lo, hi, c in zip(self.CHARS, glyphs, bounds[:-1], bounds[1:], centers):
            width = digit if ch.isdigit() else float(hi - lo)
            if ch == "-":
                width = float(g.width) + digit * 0.35
            pts = np.concatenate([m.points for m in g.family_members_with_points()])
            pts = pts - np.array([c, self.baseline, 0.0])  # centred on x, baseline at y = 0
            self.cells[ch], self.points[ch] = width, pts

    @classmethod
    def at(cls, size: float) -> "_Glyphs":
        if size not in cls._cache:
            cls._cache[size] = cls(size)
        return cls._cache[size]


class FastNumber(VMobject):
    """A number readout that changes value cheaply every frame: ONE VMobject whose points are the
    digit outlines (typeset once per font size), laid out by ``set_value`` without LaTeX or new
    mobjects, so it stays registered wherever it was (e.g. fixed in frame in a 3-D scene).

    Thousands are grouped with commas, as in the captions (12,000). The left end of the baseline stays
    put when the value changes (like ``DecimalNumber``). ``widest``: the widest value it will show; its
    width is reserved from the start, so a readout laid out at a frame edge keeps it on screen.
    ``align_right``: the digits end at the right of that reserved width instead (a count that grows
    to the left)."""

    def __init__(self, value: float = 0.0, places: int = 3, size: float = P.LABEL_SIZE * 1.45, color=P.TEXT,
                 widest: float | None = None, align_right: bool = False, **kwargs):
        super().__init__(fill_color=color, fill_opacity=1, stroke_width=0, **kwargs)
        self.places, self.align_right = int(places), align_right
        self.glyphs = _Glyphs.at(size)
        self.reserved = 0.0 if widest is None else self._width(self.text(widest))
        self.value = None
        self._build(value, np.zeros(3), 1.0)

    def _width(self, text: str) -> float:
        return float(sum(self.glyphs.cells[ch] for ch in text))

    def text(self, value: float) -> str:
        return f"{value:,.{self.places}f}" if self.places > 0 else f"{int(round(value)):,}"

    def _build(self, value, origin, unit):
        g = self.glyphs
        # invisible anchors: origin, cap height, end of the reserved width
        marks = [np.zeros((4, 3)), np.tile([0.0, g.cap, 0.0], (4, 1)), np.tile([self.reserved, 0.0, 0.0], (4, 1))]
        text = self.text(value)
        parts, x = [], max(self.reserved - self._width(text), 0.0) if self.align_right else 0.0
        for ch in text:
            w = g.cells[ch]
            parts.append(g.points[ch] + np.array([x + w / 2, 0.0, 0.0]))
            x += w
        self.points = np.concatenate(marks + parts) * unit + origin
        self.value = value

    def set_value(self, value: float) -> "FastNumber":
        if value == self.value:
            return self
        origin = self.points[0].copy()
        unit = (self.points[4][1] - self.points[0][1]) / self.glyphs.cap
        self._build(value, origin, unit)
        return self

    def get_value(self) -> float:
        return self.value


def change_values(numbers, values, **kwargs) -> UpdateFromAlphaFunc:
    """One animation taking each ``FastNumber`` of ``numbers`` from its value to the matching entry of
    ``values`` (like ``ChangeDecimalToValue``, without re-typesetting); it ends exactly on ``values``."""
    numbers, ends = list(numbers), [float(v) for v in values]
    starts = [n.get_value() for n in numbers]

    def update(_, alpha):
        for n, a, b in zip(numbers, starts, ends):
            n.set_value(b if alpha >= 1 else a + alpha * (b - a))

    return UpdateFromAlphaFunc(VGroup(*numbers), update, **kwargs)

