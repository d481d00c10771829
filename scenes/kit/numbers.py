"""A column of numbers in brackets, with a vertical ellipsis when it is long (13,002 parameters,
a 13,002-entry gradient): the first ``head`` entries, a row of dots, the last ``tail`` entries."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, MathTex, VGroup, VMobject

from . import palette as P
from .text import number

__all__ = ["NumberColumn", "bracket"]


class NumberColumn(VGroup):
    """A vector of numbers as a column between square brackets, shortened with a vertical ellipsis.

    A vector longer than ``head + tail + 1`` shows its first ``head`` and last ``tail`` entries with
    a row of dots between; a shorter one is shown whole. Entries are signed ``FastNumber``s
    (``+0.25``), right-aligned. ``entries`` are the numbers shown, ``indices`` their positions in
    ``values``; ``body`` is the column and ``brackets`` the two brackets.

    Parameters
    ----------
    values : array_like
        The numbers (flattened).
    head, tail : int
        How many entries to show from the start and from the end of a long vector.
    places : int
        Decimal places of every entry.
    size : float
        Font size of the entries.
    color_by_sign : bool
        Colour entries blue (>= 0) or red (< 0) instead of the text colour.
    row_height : float, optional
        Fixed distance between row centres (default: rows stacked with a small gap), to line the
        column up with another one.

    Examples
    --------
    >>> column = NumberColumn(net.params, head=4, tail=2, places=2).to_edge(RIGHT)
    >>> list(column.indices)  # 13,002 parameters: four from the top, two from the bottom
    [0, 1, 2, 3, 13000, 13001]
    """

    def __init__(self, values, head: int = 4, tail: int = 2, places: int = 2, size: float = P.SMALL_SIZE * 1.25,
                 color_by_sign: bool = False, row_height: float | None = None, **kwargs):
        super().__init__(**kwargs)
        values = np.asarray(values, float).ravel()
        n = len(values)
        if n <= head + tail + 1:
            self.indices = np.arange(n)
            gap_after = None
        else:
            self.indices = np.concatenate([np.arange(head), np.arange(n - tail, n)])
            gap_after = head
        self.values = values
        rows = []
        self.entries = VGroup()
        for r, i in enumerate(self.indices):
            if gap_after is not None and r == gap_after:
                rows.append(MathTex(r"\vdots", font_size=size, color=P.TEXT))
            color = P.sign_color(values[i]) if color_by_sign else P.TEXT
            num = number(values[i], places=places, size=size, color=color, include_sign=True)
            self.entries.add(num)
            rows.append(num)
        body = VGroup(*rows)
        if row_height is None:
            body.arrange(DOWN, buff=0.18)
        else:
            for k, row in enumerate(rows):
                row.move_to(DOWN * k * row_height)
        for num in self.entries:  # right-align on the decimal point column
            num.align_to(body, RIGHT)
        if gap_after is not None:
            rows[gap_after].move_to([body.get_center()[0], rows[gap_after].get_center()[1], 0])
        h = body.height + 0.3
        left, right = bracket(h, LEFT), bracket(h, RIGHT)
        left.next_to(body, LEFT, buff=0.12)
        right.next_to(body, RIGHT, buff=0.12)
        self.body, self.brackets = body, VGroup(left, right)
        self.add(body, self.brackets)


def bracket(height: float, side, arm: float = 0.12, color=P.TEXT, width: float = 2.5) -> VMobject:
    """A square bracket of the given height opening towards the column (``side`` LEFT gives "[")."""
    if np.allclose(side, LEFT):  # "[": arms point right
        corners = [[arm, height / 2, 0], [0, height / 2, 0], [0, -height / 2, 0], [arm, -height / 2, 0]]
    else:  # "]": arms point left
        corners = [[-arm, height / 2, 0], [0, height / 2, 0], [0, -height / 2, 0], [-arm, -height / 2, 0]]
    m = VMobject(stroke_color=color, stroke_width=width)
    m.set_points_as_corners(corners)
    return m
