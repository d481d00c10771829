"""A few real entries of a big matrix or vector between square brackets: the chosen rows and columns in
their order, a vertical ellipsis where rows are skipped and a horizontal one where columns are (a
16 x 784 weight matrix shown as 4 rows and 3 columns), a box around one row or entry, and tall
parentheses around a group (sigma( W a + b ))."""

from __future__ import annotations

import numpy as np
from manim import LEFT, RIGHT, ArcBetweenPoints, Rectangle, VGroup

from . import palette as P
from .numbers import EntryRows, bracket
from .text import label, number

__all__ = ["MatrixSlice", "parentheses"]


class MatrixSlice(VGroup):
    """The entries ``values[i, j]`` of an ``shape[0]`` x ``shape[1]`` matrix at rows ``rows[i]`` and
    columns ``columns[j]``, laid out in the matrix's order between square brackets, with "⋮" in a
    gap row wherever rows are skipped (before the first, between, after the last) and "⋯" in a gap
    column wherever columns are. A column vector is the case ``shape[1] == 1``.

    Entries are ``FastNumber``s (``entries``; ``entry(row, column)`` finds one by its matrix indices),
    so their values can change cheaply (``animations.change_values``). ``row_y`` / ``column_x`` give the
    centre of a shown row / column; rows of two slices built with the same ``rows``, ``shape[0]`` and
    ``row_height`` line up when the slices are centred at the same height.

    Parameters
    ----------
    values : array_like, shape (len(rows), len(columns))
        The shown entries (a 1-D array for a column vector).
    rows, columns : sequence of int
        Matrix indices of the shown rows and columns, increasing.
    shape : tuple of int
        The full matrix's shape.
    places : int
        Decimal places of every entry.
    size : float
        Font size of the entries.
    include_sign : bool
        Show "+" before entries >= 0 (weights); ``False`` for activations.
    color_by_sign : bool
        Entries blue (>= 0) or red (< 0) instead of the text colour.
    row_height, gap_height : float
        Height of an entry row and of a gap row.
    gap_width : float
        Width of a gap column.
    pad : float
        Room beside the widest entry in every column.

    Examples
    --------
    >>> W = MatrixSlice(weights[np.ix_(rows, cols)], rows, cols, shape=(16, 784), color_by_sign=True)
    >>> a = MatrixSlice(image[cols], cols, [0], shape=(784, 1), include_sign=False).next_to(W, RIGHT)
    >>> box = W.row_box(0)  # around neuron 0's shown weights
    """

    def __init__(self, values, rows, columns, shape, places: int = 2, size: float = P.SMALL_SIZE,
                 include_sign: bool = True, color_by_sign: bool = False, row_height: float = 0.5,
                 gap_height: float = 0.3, gap_width: float = 0.4, pad: float = 0.25, color=P.TEXT, **kwargs):
        super().__init__(**kwargs)
        values = np.asarray(values, float).reshape(len(rows), len(columns))
        self.rows, self.columns, self.shape = [int(r) for r in rows], [int(c) for c in columns], tuple(shape)
        cells = [[number(v, places=places, size=size, include_sign=include_sign,
                         color=P.sign_color(v) if color_by_sign else color) for v in row] for row in values]
        cell_width = max(cell.width for row in cells for cell in row) + pad
        row_slots = EntryRows.of(self.rows, self.shape[0], top=0.0, entry_height=row_height, gap_height=gap_height)
        col_slots = EntryRows.of(self.columns, self.shape[1], top=0.0, entry_height=cell_width, gap_height=gap_width)
        self._row_y = {i: y for i, y in row_slots.entries()}
        self._col_x = {j: -x for j, x in col_slots.entries()}
        self.entries, self._by_index = VGroup(), {}
        for row, i in zip(cells, self.rows):
            for cell, j in zip(row, self.columns):
                cell.move_to([self._col_x[j], self._row_y[i], 0])
                self.entries.add(cell)
                self._by_index[(i, j)] = cell
        self.dots = VGroup()
        for y in row_slots.gaps():
            for x in self._col_x.values():
                self.dots.add(label("\u22ee", size=size, color=P.DIM_TEXT).move_to([x, y, 0]))
        for x in col_slots.gaps():
            for y in self._row_y.values():
                self.dots.add(label("\u22ef", size=size, color=P.DIM_TEXT).move_to([-x, y, 0]))
        left_x, right_x = -col_slots.top, -col_slots.bottom
        height = row_slots.top - row_slots.bottom + 0.1
        mid = (row_slots.top + row_slots.bottom) / 2
        self.brackets = VGroup(bracket(height, LEFT).move_to([left_x - 0.06, mid, 0]),
                               bracket(height, RIGHT).move_to([right_x + 0.06, mid, 0]))
        self.add(self.entries, self.dots, self.brackets)
        self._laid_at = self.brackets[0].get_center().copy()

    def _offset(self) -> np.ndarray:
        """How far the slice has moved since it was laid out (it is moved, never scaled)."""
        return self.brackets[0].get_center() - self._laid_at

    def entry(self, row: int, column: int = 0):
        """The number shown for matrix entry ``(row, column)``."""
        return self._by_index[(int(row), int(column))]

    def row_entries(self, row: int) -> VGroup:
        """The shown entries of matrix row ``row``, left to right."""
        return VGroup(*[self._by_index[(int(row), j)] for j in self.columns])

    def row_y(self, row: int) -> float:
        return float(self._row_y[int(row)] + self._offset()[1])

    def column_x(self, column: int) -> float:
        return float(self._col_x[int(column)] + self._offset()[0])

    def row_box(self, row: int, color=P.ANSWER, buff: float = 0.06) -> Rectangle:
        """A thin box around row ``row`` from bracket to bracket (its shown entries and gaps)."""
        left, right = self.brackets[0].get_right()[0], self.brackets[1].get_left()[0]
        height = max(cell.height for cell in self.row_entries(row)) + 2 * buff + 0.12
        return Rectangle(width=right - left, height=height, stroke_color=color, stroke_width=2.5).move_to(
            [(left + right) / 2, self.row_y(row), 0])

    def column_box(self, color=P.ANSWER) -> Rectangle:
        """A thin box around the whole of a vector (its entries and gaps, inside the brackets)."""
        left, right = self.brackets[0].get_right()[0] + 0.04, self.brackets[1].get_left()[0] - 0.04
        return Rectangle(width=right - left, height=self.brackets.height - 0.12, stroke_color=color,
                         stroke_width=2.5).move_to([(left + right) / 2, self.brackets.get_y(), 0])


def parentheses(group, color=P.TEXT, pad: float = 0.12, bulge: float = 0.35, width: float = 2.5) -> VGroup:
    """Two tall round brackets around ``group`` (as high as it, plus ``pad`` above and below), as two
    arcs: a function applied to every entry of what they hold."""
    top, bottom = group.get_top()[1] + pad, group.get_bottom()[1] - pad
    left, right = group.get_left()[0] - 0.12, group.get_right()[0] + 0.12
    angle = bulge * 2
    opening = ArcBetweenPoints([left, top, 0], [left, bottom, 0], angle=angle, stroke_color=color, stroke_width=width)
    closing = ArcBetweenPoints([right, bottom, 0], [right, top, 0], angle=angle, stroke_color=color, stroke_width=width)
    return VGroup(opening, closing)
