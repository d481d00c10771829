"""A column of numbers in brackets, with a vertical ellipsis when it is long (13,002 parameters,
a 13,002-entry gradient): the first ``head`` entries, a row of dots, the last ``tail`` entries."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import DOWN, LEFT, RIGHT, MathTex, Text, VGroup, VMobject

from . import palette as P
from .text import number

__all__ = ["NumberColumn", "bracket", "EntryRows", "bracketed_entries"]


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


@dataclass(frozen=True)
class EntryRows:
    """Rows for chosen entries of a long vector, in the vector's order, with a short gap row (for a
    vertical ellipsis) wherever entries are skipped, before the first and after the last.

    Parameters
    ----------
    indices : tuple
        Per row, the entry's index in the vector, or ``None`` for a gap row.
    ys : np.ndarray
        Per row, the y of its centre.
    top, bottom : float
        The y of the first row's top and the last row's bottom.

    Examples
    --------
    >>> rows = EntryRows.of([3, 700, 12001], n=13002, top=1.95)
    >>> [index for index, _ in rows.entries()]
    [3, 700, 12001]
    """

    indices: tuple
    ys: np.ndarray
    top: float
    bottom: float

    @classmethod
    def of(cls, chosen, n: int, top: float, entry_height: float = 0.5, gap_height: float = 0.27) -> "EntryRows":
        indices, previous = [], -1
        for i in sorted(int(c) for c in chosen):
            if i > previous + 1:
                indices.append(None)
            indices.append(i)
            previous = i
        if previous < n - 1:
            indices.append(None)
        heights = np.array([gap_height if i is None else entry_height for i in indices])
        tops = top - np.concatenate([[0.0], np.cumsum(heights)[:-1]])
        return cls(tuple(indices), tops - heights / 2, float(top), float(top - heights.sum()))

    def entries(self) -> list:
        """``(index, y)`` of every entry row."""
        return [(i, float(y)) for i, y in zip(self.indices, self.ys) if i is not None]

    def gaps(self) -> list:
        """The y of every gap row."""
        return [float(y) for i, y in zip(self.indices, self.ys) if i is None]


def bracketed_entries(rows: EntryRows, values, x: float, places: int = 2, size: float = P.SMALL_SIZE,
                      color_by_sign: bool = False):
    """The entries of ``values`` that ``rows`` shows, as signed numbers centred at ``x``, a vertical
    ellipsis in every gap row, and brackets around the whole column.

    Returns ``(numbers, gaps, brackets)``, three VGroups.

    Examples
    --------
    >>> numbers, gaps, brackets = bracketed_entries(rows, neg_grad, x=-0.5, places=4, color_by_sign=True)
    """
    numbers = VGroup(*[number(values[i], places=places, size=size, include_sign=True,
                              color=P.sign_color(values[i]) if color_by_sign else P.TEXT).move_to([x, y, 0])
                       for i, y in rows.entries()])
    gaps = VGroup(*[Text("\u22ee", font=P.FONT, font_size=size, color=P.TEXT).move_to([x, y, 0]) for y in rows.gaps()])
    mid, height = (rows.top + rows.bottom) / 2, rows.top - rows.bottom
    reach = numbers.width / 2 + 0.25
    brackets = VGroup(bracket(height, LEFT).move_to([x - reach, mid, 0]), bracket(height, RIGHT).move_to([x + reach, mid, 0]))
    return numbers, gaps, brackets
