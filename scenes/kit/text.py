"""Text in the project's font and sizes (see ``palette``): labels, math for formulas, and numbers.

One family for words and numbers: a readout's label and its digits are both the project's sans-serif
font (``FastNumber`` lays out that font's digit outlines). ``math`` (LaTeX) is for formulas only.
"""

from __future__ import annotations

import numpy as np
from manim import MathTex, Text, VMobject

from . import palette as P

__all__ = ["label", "math", "FastNumber", "number", "integer", "as_percent", "tex_integer", "activation_name",
           "activation_tex", "decimal_text", "power_of_ten"]


def label(text: str, size: float = P.LABEL_SIZE, color=P.TEXT, **kwargs) -> Text:
    """Plain text in the project's font.

    Examples
    --------
    >>> head = label("Gradient descent", size=P.TITLE_SIZE)
    """
    return Text(text, font=P.FONT, font_size=size, color=color, **kwargs)


def math(*tex: str, size: float = P.LABEL_SIZE * 1.25, color=P.TEXT, **kwargs) -> MathTex:
    """A formula in LaTeX, at a size that sits well beside ``label`` text of the same nominal size.

    Examples
    --------
    >>> rule = math(r"t \\leftarrow t - \\eta\\,\\frac{dC}{dt}")
    """
    return MathTex(*tex, font_size=size, color=color, **kwargs)


class _Glyphs:
    """The outlines of the characters a number needs, in the project's font at one size, typeset ONCE
    per size, with each character's cell width, so numbers are laid out without typesetting."""

    CHARS = "\u2212+0123456789.,"  # the minus sign, not a hyphen, stands for "-"
    _cache: dict = {}

    def __init__(self, size: float):
        glyphs = Text(self.CHARS, font=P.FONT, font_size=size).submobjects
        centers = np.array([g.get_center()[0] for g in glyphs])
        digits = slice(2, 12)
        advance = (centers[11] - centers[2]) / 9  # the font's digits share one advance
        self.baseline = float(np.median([g.get_bottom()[1] for g in glyphs[digits]]))
        self.cap = float(max(g.get_top()[1] for g in glyphs[digits])) - self.baseline
        bounds = np.concatenate([[centers[0] - advance / 2], (centers[1:] + centers[:-1]) / 2,
                                 [centers[-1] + (centers[-1] - centers[-2]) / 2]])
        self.cells, self.points = {}, {}
        for ch, g, lo, hi, c in zip(self.CHARS, glyphs, bounds[:-1], bounds[1:], centers):
            key = "-" if ch == "\u2212" else ch
            width = advance if key.isdigit() else float(hi - lo)
            if key in "-+":
                width = max(width, float(g.width) + advance * 0.3)
            pts = np.concatenate([m.points for m in g.family_members_with_points()])
            self.cells[key] = width
            self.points[key] = pts - np.array([c, self.baseline, 0.0])  # centred on x, baseline y = 0

    @classmethod
    def at(cls, size: float) -> "_Glyphs":
        if size not in cls._cache:
            cls._cache[size] = cls(size)
        return cls._cache[size]


class FastNumber(VMobject):
    """A number that changes value cheaply every frame, in the project's font.

    ONE VMobject whose points are the digit outlines (typeset once per font size), laid out by
    ``set_value`` without typesetting or new mobjects, so it stays registered wherever it was (e.g.
    fixed in the frame of a 3-D scene). Thousands are grouped with commas (12,000), as in captions. The
    left end of the baseline stays put when the value changes.

    Parameters
    ----------
    value
        The first value shown.
    places
        Decimal places (0: an integer).
    size
        Font size, as ``label``'s.
    widest
        The widest value it will show: its width is reserved from the start, so a readout laid out
        beside a frame edge or a neighbour keeps clear of it.
    align_right
        The digits end at the right of the reserved width instead (a count that grows to the left).
    include_sign
        Show "+" before values >= 0 (a nudge up or down).

    Examples
    --------
    >>> cost = FastNumber(4.91, places=3, widest=9.999)
    >>> row = VGroup(label("cost"), cost).arrange(RIGHT, aligned_edge=DOWN)
    >>> cost.set_value(0.067)
    """

    def __init__(self, value: float = 0.0, places: int = 3, size: float = P.LABEL_SIZE, color=P.TEXT,
                 widest: float | None = None, align_right: bool = False, include_sign: bool = False, **kwargs):
        super().__init__(fill_color=color, fill_opacity=1, stroke_width=0, **kwargs)
        self.places, self.align_right, self.include_sign = int(places), align_right, include_sign
        self.glyphs = _Glyphs.at(size)
        self.reserved = 0.0 if widest is None else self._width(self.text(widest))
        self.value = None
        self._build(value, np.zeros(3), 1.0)

    def _width(self, text: str) -> float:
        return float(sum(self.glyphs.cells[ch] for ch in text))

    def text(self, value: float) -> str:
        """The characters shown for ``value``."""
        body = f"{value:,.{self.places}f}" if self.places > 0 else f"{int(round(value)):,}"
        if body.lstrip("-").strip("0.,") == "":
            body = body.lstrip("-")  # no "-0.000"
        return "+" + body if self.include_sign and not body.startswith("-") else body

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


def number(value: float, places: int = 3, size: float = P.LABEL_SIZE, color=P.TEXT, **kwargs) -> FastNumber:
    """A number in the project's font (a ``FastNumber``: its value can change at no cost)."""
    return FastNumber(value, places=places, size=size, color=color, **kwargs)


def integer(value: int, size: float = P.LABEL_SIZE, color=P.TEXT, **kwargs) -> FastNumber:
    """A whole number in the project's font."""
    return FastNumber(value, places=0, size=size, color=color, **kwargs)


# --- words and formulas for values ---------------------------------------------------------------
def as_percent(fraction: float, places: int = 1) -> str:
    """A fraction as a percentage: ``as_percent(0.876)`` -> ``"87.6%"``."""
    return f"{fraction:.{places}%}"


def tex_integer(n: int) -> str:
    """A whole number with its thousands grouped, for LaTeX: ``13002`` -> ``13{,}002``."""
    return f"{n:,}".replace(",", "{,}")


def activation_name(activation: str) -> str:
    """A netcore activation's name in captions: ``"sigmoid"``, ``"ReLU"``."""
    return {"sigmoid": "sigmoid", "relu": "ReLU"}.get(activation, activation)


def activation_tex(activation: str) -> str:
    """A netcore activation's symbol in formulas: ``\\sigma`` for sigmoid, ``\\mathrm{ReLU}`` for relu."""
    return r"\sigma" if activation == "sigmoid" else r"\mathrm{" + activation_name(activation) + "}"


def decimal_text(value: float, places: int) -> str:
    """A number for a caption with ``places`` decimals and a true minus sign: ``decimal_text(-0.5, 2)`` ->
    ``"−0.50"``."""
    return f"{value:.{places}f}".replace("-", "\u2212")


_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def power_of_ten(exponent: int) -> str:
    """``10`` to an integer power as plain text with a superscript exponent, for log-scale ticks.

    Examples
    --------
    >>> power_of_ten(-5)
    '10⁻⁵'
    """
    return "10" + str(int(exponent)).translate(_SUPERSCRIPT)
