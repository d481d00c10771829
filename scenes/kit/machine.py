"""A function drawn as a machine: a rounded box with its formula inside and its name beneath, wires
that carry many inputs into it, and an arrow out (the cost function of chapter 2; the network as a
function in chapter 1)."""

from __future__ import annotations

from manim import DOWN, RIGHT, Arrow, Line, RoundedRectangle, VGroup

from . import palette as P
from .text import label

__all__ = ["FunctionMachine"]


class FunctionMachine(VGroup):
    """A rounded box holding ``formula`` (any mobject, e.g. a ``math`` formula), ``name`` beneath it.

    Parameters
    ----------
    formula
        What the box holds, centred in it.
    name
        The caption under the box ("cost function").
    width, height
        The box's size.

    Examples
    --------
    >>> machine = FunctionMachine(math(r"C(w_1, \\ldots, w_n)"), "cost function").move_to(ORIGIN)
    >>> wires = machine.wires_from(column.entries)
    >>> out = machine.output_arrow()
    """

    def __init__(self, formula, name: str, width: float = 4.5, height: float = 2.2, **kwargs):
        super().__init__(**kwargs)
        self.box = RoundedRectangle(width=width, height=height, corner_radius=0.25, stroke_color=P.TEXT, stroke_width=3,
                                    fill_color=P.FAINT, fill_opacity=0.35)
        self.formula = formula.move_to(self.box)
        self.name = label(name, size=P.SMALL_SIZE, color=P.DIM_TEXT).next_to(self.box, DOWN, buff=0.15)
        self.add(self.box, self.formula, self.name)

    def wires_from(self, sources, gap: float = 0.1, spread: float = 0.15) -> VGroup:
        """Thin lines from the right of each source (a column's entries) into the box's left side, drawn
        together toward its middle (``spread``: how much of their vertical spread they keep there)."""
        left, mid = self.box.get_left()[0], self.box.get_y()
        right = max(source.get_right()[0] for source in sources) + gap
        return VGroup(*[Line([right, source.get_y(), 0], [left, mid + spread * (source.get_y() - mid), 0],
                             stroke_color=P.DIM_TEXT, stroke_width=1.2) for source in sources])

    def output_arrow(self, length: float = 1.3) -> Arrow:
        """The arrow out of the box's right side."""
        start = self.box.get_right()
        return Arrow(start, start + length * RIGHT, buff=0.1, color=P.TEXT, stroke_width=3,
                     max_tip_length_to_length_ratio=0.2)

    def feed_arrow(self, source) -> Arrow:
        """An arrow from ``source`` (above the box) down into it."""
        return Arrow(source.get_bottom(), self.box.get_top(), buff=0.1, color=P.DIM_TEXT, stroke_width=3,
                     max_tip_length_to_length_ratio=0.25)
