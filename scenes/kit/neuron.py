"""One neuron up close: its circle lit by its activation, its weighted sum ``w1 a1 + ... + wn an``
written out with real numbers, and marks on the 28 x 28 pictures (a digit, a weight image) that
point at the pixels a term of that sum comes from.

Every number is given (netcore computed it); nothing here multiplies or adds.
"""

from __future__ import annotations

from manim import DOWN, RIGHT, Circle, Rectangle, Square, VGroup

from . import palette as P
from .layout import on_baseline
from .text import FastNumber, label, math

__all__ = ["pixel_outline", "NeuronCircle", "WeightedSum", "pixel_box", "pixel_marker"]

SIDE = 28  # pixels per row of an MNIST picture; pixel k is at row k // 28, column k % 28


class NeuronCircle(VGroup):
    """A neuron: a circle whose fill brightness is its activation (0 black, 1 white), with its value
    as a ``FastNumber`` underneath (``show_value``).

    Parameters
    ----------
    activation : float
        The first activation shown.
    radius : float
        Circle radius.
    places : int
        Decimal places of the value.
    show_value : bool
        Write the value under the circle (``self.value``; else ``self.value`` is None).

    Examples
    --------
    >>> neuron = NeuronCircle(0.73, radius=0.5).move_to(RIGHT * 4)
    >>> neuron.set_activation(0.02)          # fill and number follow
    """

    def __init__(self, activation: float = 0.0, radius: float = 0.45, places: int = 2, show_value: bool = True,
                 size: float = P.SMALL_SIZE, **kwargs):
        super().__init__(**kwargs)
        self.circle = Circle(radius=radius, stroke_color=P.NEURON_STROKE, stroke_width=3,
                             fill_color=P.activation_color(activation), fill_opacity=1)
        self.add(self.circle)
        self.value = None
        if show_value:
            self.value = FastNumber(activation, places=places, size=size, widest=0.99)
            self.value.next_to(self.circle, DOWN, buff=0.18)
            self.add(self.value)
        self.activation = float(activation)

    def set_activation(self, activation: float) -> "NeuronCircle":
        """Light the circle by ``activation`` (clipped to [0, 1]) and show the number (its left end stays put)."""
        self.activation = float(activation)
        self.circle.set_fill(P.activation_color(activation), opacity=1)
        if self.value is not None:
            self.value.set_value(activation)
        return self


class WeightedSum(VGroup):
    """A few terms of ``w1 a1 + ... + wn an`` written twice, in two aligned rows: the symbols
    (``w_{k} a_{k}``, ``k`` counted from 1 as in the formula) and their real numbers
    (``(w) \u00d7 a``, the weight green or red as in a weight image), then an ellipsis standing for the other terms and ``=`` the total.

    Parameters
    ----------
    pixels : array_like of int
        The 0-based indices of the terms shown (pixel ``k`` is written ``w_{k+1} a_{k+1}``).
    weights, activations : array_like of float
        Their weights and activations, as netcore has them.
    total : float
        The whole sum over all ``n_terms`` terms (computed by netcore, not from the terms shown).
    places : int
        Decimal places of the weights and activations.
    total_places : int
        Decimal places of the total.

    Attributes
    ----------
    symbols, numbers : VGroup
        The two rows.
    weight_numbers, activation_numbers : list of FastNumber
        The numbers of the terms shown, in order.
    total : FastNumber
        The total.

    Examples
    --------
    >>> row = WeightedSum([406, 407], [0.91, -1.2], [1.0, 0.98], total=12.34).to_edge(DOWN)
    >>> row.total.get_value()
    12.34
    """

    def __init__(self, pixels, weights, activations, total: float, places: int = 2, total_places: int = 2,
                 size: float = P.SMALL_SIZE, color=P.TEXT, total_color=P.COST, column_gap: float = 0.22,
                 row_gap: float = 0.35, **kwargs):
        super().__init__(**kwargs)
        math_size = size * 1.3
        self.weight_numbers, self.activation_numbers = [], []
        symbols, numbers = [], []  # per column, one mobject per row (None: empty cell)
        for n, (k, w, a) in enumerate(zip(pixels, weights, activations)):
            if n:
                symbols.append(math("+", size=math_size, color=color))
                numbers.append(label("+", size=size, color=color))
            symbols.append(math(rf"w_{{{int(k) + 1}}}\,a_{{{int(k) + 1}}}", size=math_size, color=color))
            w_num = FastNumber(w, places=places, size=size, color=P.WEIGHT_POSITIVE if w >= 0 else P.WEIGHT_NEGATIVE)
            a_num = FastNumber(a, places=places, size=size, color=color)
            product = VGroup(label("(", size=size, color=color), w_num, label(")", size=size, color=color),
                             label("\u00d7", size=size, color=color), a_num).arrange(RIGHT, buff=0.08)
            on_baseline(a_num, w_num)
            numbers.append(product)
            self.weight_numbers.append(w_num)
            self.activation_numbers.append(a_num)
        symbols += [math(r"+\cdots", size=math_size, color=color), None]
        numbers += [label("+ \u2026", size=size, color=color), label("=", size=size, color=color)]
        self.total = FastNumber(total, places=total_places, size=size * 1.15, color=total_color)
        symbols.append(None)
        numbers.append(self.total)
        x = 0.0
        self.symbols, self.numbers = VGroup(), VGroup()
        for sym, num in zip(symbols, numbers):
            width = max(m.width for m in (sym, num) if m is not None)
            for mob, row, y in ((sym, self.symbols, row_gap + 0.25), (num, self.numbers, 0.0)):
                if mob is not None:
                    mob.move_to([x + width / 2, y, 0])
                    row.add(mob)
            x += width + column_gap
        first = self.activation_numbers[0] if self.activation_numbers else self.total
        for mob in self.numbers:
            if mob is not first:
                on_baseline(first, mob)
        self.add(self.symbols, self.numbers)


def pixel_box(picture, rows: tuple[int, int], cols: tuple[int, int], color=P.ANSWER,
              stroke_width: float = 2.5) -> Rectangle:
    """An outline around pixels ``rows[0] <= row < rows[1]``, ``cols[0] <= col < cols[1]`` of a 28 x 28
    picture (a ``PixelImage`` or ``PixelGrid``, placed wherever it is).

    Examples
    --------
    >>> bar = pixel_box(digit, rows=(6, 9), cols=(9, 19))    # the 3 x 10 bar of an edge detector
    """
    body = picture
    for part in ("backing", "frame"):  # a PixelImage's backing or a PixelGrid's frame spans the 28 x 28 pixels
        if getattr(picture, part, None) is not None:
            body = getattr(picture, part)
            break
    s = body.width / SIDE
    left, top = body.get_left()[0], body.get_top()[1]
    box = Rectangle(width=(cols[1] - cols[0]) * s, height=(rows[1] - rows[0]) * s, stroke_color=color,
                    stroke_width=stroke_width)
    return box.move_to([left + (cols[0] + cols[1]) * s / 2, top - (rows[0] + rows[1]) * s / 2, 0])


def pixel_marker(picture, k: int, color=P.ANSWER, stroke_width: float = 2.5) -> Rectangle:
    """An outline around pixel ``k`` (0-based, row-major) of a 28 x 28 picture."""
    row, col = divmod(int(k), SIDE)
    return pixel_box(picture, (row, row + 1), (col, col + 1), color, stroke_width)



def pixel_outline(center, side: float, color=P.ANSWER, stroke_width: float = 3) -> Square:
    """A square outline of side ``side`` at ``center``: the marker that walks over a picture's pixels.

    Examples
    --------
    >>> marker = pixel_outline(picture.get_center(), side=picture.width / 28 * 1.15)
    """
    return Square(side_length=side, stroke_color=color, stroke_width=stroke_width, fill_opacity=0).move_to(center)
