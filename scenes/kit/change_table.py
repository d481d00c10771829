"""A table of per-example changes: a row per parameter (its LaTeX name on the left), a column per
training example (its digit on top), each cell a signed number coloured by its sign (up blue, down
red), and further columns (an average, a gradient) beside them.

The table is laid out from named bounds (where the name column and the value columns go); numbers
are ``FastNumber``s, so a cell can change value without re-typesetting. Nothing is played here.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, VGroup

from . import palette as P
from .layout import caption, thumbnail
from .text import math, number

__all__ = ["ChangeTable"]


class ChangeTable:
    """Where a per-example change table's parts go, and the parts themselves (built on request).

    Parameters
    ----------
    names : sequence of str
        LaTeX names of the rows' parameters (``Network.param_name``).
    n_columns : int
        Value columns: one per example, then any extra columns (averages, gradients).
    left, right : float
        x of the name column's centre and of the last value column's centre.
    name_width : float
        Distance from the name column's centre to the first value column's centre.
    first_row : float
        y of the first row's centre.
    row_height : float
        Distance between row centres.
    size : float
        Font size of the cells.
    places : sequence of int, optional
        Decimal places per row (default 4 for every row).
    gaps_after : dict, optional
        Extra room after value column ``c`` (``{c: width}``), e.g. for a separator or an "=" sign; the
        other columns share what is left evenly.

    Examples
    --------
    >>> table = ChangeTable(["w^{(3)}_{3,4}", "b^{(3)}_{3}"], n_columns=7, left=-6.0, right=6.2, name_width=1.5,
    ...                     first_row=1.0, row_height=0.6)
    >>> names = table.name_column()
    >>> digits = table.images(images[:5], labels[:5], top=2.5)
    >>> cells = table.column(per_example[0], 0)          # the first example's changes, one per row
    >>> average = table.column(per_example.mean(axis=0), 5)
    """

    def __init__(self, names, n_columns: int, left: float, right: float, name_width: float, first_row: float,
                 row_height: float, size: float = P.SMALL_SIZE, places=None, gaps_after=None):
        self.names = tuple(names)
        self.n_columns = int(n_columns)
        self.left, self.right, self.name_width = float(left), float(right), float(name_width)
        self.first_row, self.row_height, self.size = float(first_row), float(row_height), size
        self.places = tuple(places) if places is not None else (4,) * len(self.names)
        start = self.left + self.name_width
        extra = np.zeros(self.n_columns)
        for c, width in (gaps_after or {}).items():
            if 0 <= c < self.n_columns - 1:
                extra[c + 1] += width
        extra = np.cumsum(extra)
        steps = max(self.n_columns - 1, 1)
        self.spacing = (self.right - start - extra[-1]) / steps  # between adjacent columns' centres, gaps aside
        self.xs = start + np.arange(self.n_columns) * self.spacing + extra

    @property
    def n_rows(self) -> int:
        return len(self.names)

    def column_x(self, c: int) -> float:
        return float(self.xs[c])

    def row_y(self, r: int) -> float:
        return self.first_row - r * self.row_height

    def cell(self, r: int, c: int) -> np.ndarray:
        return np.array([self.column_x(c), self.row_y(r), 0.0])

    def between(self, c: int) -> float:
        """x halfway between value columns ``c`` and ``c + 1`` (for a separator or an "=")."""
        return (self.column_x(c) + self.column_x(c + 1)) / 2

    def name_column(self, color=P.TEXT, scale: float = 1.5) -> VGroup:
        """The rows' names (formulas ``scale`` times the cells' size), centred in the name column."""
        return VGroup(*[math(name, size=self.size * scale, color=color).move_to([self.left, self.row_y(r), 0])
                        for r, name in enumerate(self.names)])

    def images(self, images, labels, top: float, side: float = 0.75) -> VGroup:
        """One digit per example column (its label beneath it), their tops at ``top``; item ``e`` is
        ``VGroup(picture, label)``."""
        out = VGroup()
        for c, (image, digit) in enumerate(zip(images, labels)):
            picture = thumbnail(image, side=side).move_to([self.column_x(c), top - side / 2, 0])
            text = caption(str(int(digit)), size=P.TINY_SIZE).next_to(picture, DOWN, buff=0.08)
            out.add(VGroup(picture, text))
        return out

    def column(self, values, c: int, color_by_sign: bool = True, color=P.TEXT) -> VGroup:
        """``values`` (one per row) as signed numbers centred in value column ``c``; coloured by sign
        (a value that rounds to zero at its row's places is dim: it asks for no change)."""
        cells = VGroup()
        for r, value in enumerate(values):
            shade = P.sign_color(value) if color_by_sign else color
            if color_by_sign and round(float(value), self.places[r]) == 0:
                shade = P.DIM_TEXT
            cells.add(number(float(value), places=self.places[r], size=self.size, color=shade, include_sign=True)
                      .move_to(self.cell(r, c)))
        return cells

    def header(self, mob, c: int, bottom: float):
        """``mob`` centred over value column ``c``, its bottom at ``bottom``."""
        return mob.move_to([self.column_x(c), bottom + mob.height / 2, 0])
