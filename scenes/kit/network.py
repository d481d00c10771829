"""The network as a picture, drawn from a netcore ``Network`` (one snapshot of a trace).

``NetworkMobject(net, x)`` lays the layers out left to right. A layer of at most ``max_shown`` (16)
neurons is drawn whole; a larger one (the 784 inputs) shows ``max_shown`` of them with a vertical
ellipsis between the two halves and a brace labelled with the true size: by default its first and
last ``max_shown // 2``; for the input layer pass ``shown_inputs`` (e.g. netcore's
``data.informative_pixels``: the first and last pixels of an MNIST image are always black). Neuron fill brightness is the
activation for input ``x``. Edges between adjacent layers are coloured by the weight's sign (positive
blue, negative red) with stroke width and opacity growing with |w| relative to the largest |w| of
that layer's whole weight matrix; the first layer's edges are drawn only for the shown inputs.

Edges are cheap: all edges of a layer that fall in the same (sign, width) bin are ONE ``VMobject``
whose points hold many separate straight subpaths, so a layer costs at most ``2 * n_bins`` draw calls
however many edges it has, and changing the weights only rewrites numpy arrays of points.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    Brace,
    Circle,
    Create,
    Dot,
    Polygon,
    RoundedRectangle,
    Succession,
    SurroundingRectangle,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
)

from . import palette as P
from .animations import EdgeSweep
from .geometry import line_points
from .text import label

__all__ = ["NetworkMobject", "LayerEdges", "shown_indices", "layer_blocks", "N_BINS"]

N_BINS = 6


def shown_indices(n: int, max_shown: int = 16) -> np.ndarray:
    """Which neurons of an ``n``-neuron layer are drawn: all, or the first and last ``max_shown // 2``."""
    if n <= max_shown:
        return np.arange(n)
    half = max_shown // 2
    return np.concatenate([np.arange(half), np.arange(n - half, n)])


class LayerEdges(VGroup):
    """The edges between two adjacent layers, as ``2 * n_bins`` multi-path VMobjects.

    Edges are sorted into bins by sign (blue positive, red negative) and by |w| relative to a scale;
    every bin is ONE VMobject of straight subpaths, thicker and more opaque for the higher levels. Each
    bin mobject (``self.bins``) has attributes ``sign`` (+1 / -1), ``level`` (0 thinnest .. n_bins-1
    thickest) and ``edge_ids`` (indices into ``pairs``, the (to j, from k) neuron pairs of the drawn
    edges). The bins are empty until ``set_values`` gives the edges their weights.

    Parameters
    ----------
    starts, ends : array_like, shape (E, 3)
        Scene points where each drawn edge begins (at the earlier layer) and ends.
    pairs : array_like, shape (E, 2)
        For each edge, the neuron indices ``(j, k)`` in the full layers (``j`` in the next layer,
        ``k`` in this one), so its weight is ``W[j, k]``.
    n_bins : int
        Width levels per sign.
    max_width : float
        Stroke width of the thickest level (the widths grow from just above 0.35 up to it).

    Examples
    --------
    >>> edges = LayerEdges([[0, 1, 0], [0, -1, 0]], [[2, 0, 0], [2, 0, 0]], pairs=[(0, 0), (0, 1)])
    >>> edges.set_values([0.8, -0.3], scale_max=1.0)  # a thick blue edge and a thin red one
    >>> self.play(EdgeSweep(edges))
    """

    def __init__(self, starts, ends, pairs, n_bins: int = N_BINS, max_width: float = 3.0, **kwargs):
        super().__init__(**kwargs)
        self.starts, self.ends = np.asarray(starts, float), np.asarray(ends, float)
        self.pairs = np.asarray(pairs, int).reshape(-1, 2)
        self.n_bins = n_bins
        self.bins = []
        for sign in (1, -1):
            for level in range(n_bins):
                frac = (level + 1) / n_bins
                m = VMobject(stroke_color=P.POSITIVE if sign > 0 else P.NEGATIVE,
                             stroke_width=0.35 + (max_width - 0.35) * frac ** 1.5,
                             stroke_opacity=0.3 + 0.7 * frac, fill_opacity=0)
                m.sign, m.level, m.edge_ids = sign, level, np.zeros(0, int)
                self.bins.append(m)
        self.add(*self.bins)
        self.values = np.zeros(len(self.pairs))
        self.scale_max = 1.0

    def set_values(self, values: np.ndarray, scale_max: float) -> "LayerEdges":
        """Re-bin every drawn edge by its weight ``values[i]`` relative to ``scale_max`` (> 0)."""
        values = np.asarray(values, float)
        self.values, self.scale_max = values, float(scale_max)
        rel = np.abs(values) / (scale_max if scale_max > 0 else 1.0)
        level = np.minimum((rel * self.n_bins).astype(int), self.n_bins - 1)
        positive = values >= 0
        for m in self.bins:
            ids = np.flatnonzero((positive == (m.sign > 0)) & (level == m.level))
            m.edge_ids = ids
            m.points = line_points(self.starts[ids], self.ends[ids]) if len(ids) else np.zeros((0, 3))
        return self

    def partial_points(self, a: float, b: float):
        """Per bin, the points of every edge cut to the fraction [a, b] of its length (for sweeps)."""
        a, b = max(0.0, a), min(1.0, b)
        out = []
        for m in self.bins:
            ids = m.edge_ids
            if b <= a or not len(ids):
                out.append(np.zeros((0, 3)))
                continue
            s, e = self.starts[ids], self.ends[ids]
            out.append(line_points(s + (e - s) * a, s + (e - s) * b))
        return out


class NetworkMobject(VGroup):
    """A netcore network drawn as layers of neurons joined by weight-coloured edges.

    Layers run left to right; a layer bigger than ``max_shown`` shows its first and last
    ``max_shown // 2`` neurons around a vertical ellipsis (see the module docstring). The parts are
    ``neurons`` (one VGroup of circles per layer), ``edges`` (one ``LayerEdges`` per pair of adjacent
    layers), ``ellipses``, ``braces`` and ``output_labels``. ``set_weights``, ``set_input`` and
    ``morph_to`` change what is drawn; ``feed_forward`` and ``box_answer`` animate it.

    Parameters
    ----------
    net : netcore.network.Network
        The network whose layer sizes and weights are drawn.
    x : array_like, optional
        An input; if given, every neuron is filled by its activation for it (else all are black).
    width, height : float
        Scene size of the drawing: the first and last layers sit ``width`` apart, and ``height`` holds
        a truncated layer (``max_shown`` neurons plus the ellipsis).
    max_shown : int
        Most neurons drawn per layer.
    neuron_radius : float, optional
        Radius of the neuron circles (default: from the spacing that ``height`` allows).
    n_bins : int
        Edge width levels per sign (see ``LayerEdges``).
    max_edge_width : float
        Stroke width of the heaviest edges.
    output_labels : bool
        Write each output neuron's index beside it.
    show_edges : bool
        Draw the edges at all.
    size_label : bool
        Put a brace with the true neuron count beside each truncated layer.
    shown_inputs : array_like of int, optional
        Which input neurons a truncated input layer draws (``max_shown`` indices, drawn in increasing
        order from the top); default the first and last ``max_shown // 2``. ``shown[0]`` holds them.
    activation_scale : sequence of float, optional
        Per layer, what a neuron's activation is divided by before it becomes brightness (ReLU
        activations are not in (0, 1); the fill clips at 1). Default: 1 for every layer.

    Examples
    --------
    >>> net = Network((784, 16, 16, 10), seed=3)
    >>> drawn = NetworkMobject(net, width=7.0, height=5.6)
    >>> self.play(drawn.feed_forward(image))
    >>> self.play(drawn.box_answer())
    """

    def __init__(self, net, x=None, *, width: float = 8.0, height: float = 6.0, max_shown: int = 16,
                 neuron_radius: float | None = None, n_bins: int = N_BINS, max_edge_width: float = 2.5,
                 output_labels: bool = True, show_edges: bool = True, size_label: bool = True,
                 shown_inputs=None, activation_scale=None, **kwargs):
        super().__init__(**kwargs)
        self.net = net
        self.sizes = tuple(net.sizes)
        scale = np.ones(len(self.sizes)) if activation_scale is None else np.asarray(activation_scale, float)
        if scale.shape != (len(self.sizes),) or np.any(scale <= 0):
            raise ValueError(f"activation_scale needs {len(self.sizes)} positive numbers, one per layer")
        self.activation_scale = scale
        self.max_shown = max_shown
        self.shown = [shown_indices(n, max_shown) for n in self.sizes]
        if shown_inputs is not None and self.sizes[0] > max_shown:
            chosen = np.sort(np.asarray(shown_inputs, int))
            if len(chosen) != max_shown or len(np.unique(chosen)) != max_shown or not (
                    0 <= chosen[0] and chosen[-1] < self.sizes[0]):
                raise ValueError(f"shown_inputs must be {max_shown} distinct indices below {self.sizes[0]}")
            self.shown[0] = chosen
        n_layers = len(self.sizes)
        slots = max_shown + 2  # a truncated layer: half, two slots of ellipsis, half
        spacing = height / slots
        r = neuron_radius if neuron_radius is not None else spacing * 0.36
        self.neuron_radius = r
        xs = np.linspace(-width / 2, width / 2, n_layers)

        self.positions = []  # per layer: (shown, 3) centres
        self.neurons = VGroup()
        self.ellipses = VGroup()
        self.braces = VGroup()
        for l, n in enumerate(self.sizes):
            if n <= max_shown:
                ys = (np.arange(n)[::-1] - (n - 1) / 2) * spacing
            else:
                half = max_shown // 2
                top = (slots - 1) / 2 - np.arange(half)
                ys = np.concatenate([top, -top[::-1]]) * spacing
            pos = np.stack([np.full(len(ys), xs[l]), ys, np.zeros(len(ys))], axis=1)
            self.positions.append(pos)
            layer = VGroup(*[Circle(radius=r, stroke_color=P.NEURON_STROKE, stroke_width=1.5,
                                    fill_color=P.activation_color(0), fill_opacity=1).move_to(p) for p in pos])
            self.neurons.add(layer)
            if n > max_shown:
                dots = VGroup(*[Dot(radius=r * 0.22, color=P.TEXT) for _ in range(3)])
                dots.arrange(DOWN, buff=r * 0.45).move_to([xs[l], 0, 0])
                self.ellipses.add(dots)
                if size_label:
                    brace = Brace(layer, LEFT, buff=0.12, color=P.DIM_TEXT)
                    text = label(f"{n:,}", size=P.SMALL_SIZE, color=P.TEXT).next_to(brace, LEFT, buff=0.1)
                    self.braces.add(VGroup(brace, text))

        self.edges = VGroup()
        if show_edges:
            for l in range(n_layers - 1):
                a, b = self.positions[l], self.positions[l + 1]
                jj, kk = np.meshgrid(np.arange(len(b)), np.arange(len(a)), indexing="ij")
                jj, kk = jj.ravel(), kk.ravel()
                d = b[jj] - a[kk]
                u = d / np.linalg.norm(d, axis=1, keepdims=True)
                pairs = np.stack([self.shown[l + 1][jj], self.shown[l][kk]], axis=1)
                edges = LayerEdges(a[kk] + u * r, b[jj] - u * r, pairs, n_bins, max_edge_width)
                edges.local = (jj, kk)  # drawn-neuron indices of each edge's ends (next layer, this layer)
                self.edges.add(edges)

        self.output_labels = VGroup()
        if output_labels:
            for i, p in zip(self.shown[-1], self.positions[-1]):
                self.output_labels.add(label(str(i), size=P.SMALL_SIZE).next_to(p, RIGHT, buff=r + 0.15))

        self.add(self.edges, self.neurons, self.ellipses, self.braces, self.output_labels)
        self.activations = None
        self.set_weights(net)
        if x is not None:
            self.set_input(x)

    # --- state ------------------------------------------------------------------------------------
    def layer_weights(self, net=None):
        """Per layer: (the drawn edges' weights, the layer's largest |w|)."""
        net = net if net is not None else self.net
        out = []
        for l, edges in enumerate(self.edges):
            W = net.weights[l]
            out.append((W[edges.pairs[:, 0], edges.pairs[:, 1]], float(np.max(np.abs(W)))))
        return out

    def refresh_geometry(self) -> "NetworkMobject":
        """Re-read neuron centres and radius from the drawn circles (after the network was moved or
        scaled), so edges redrawn by ``set_weights`` and sweeps start and end at the circles."""
        self.positions = [np.array([c.get_center() for c in layer]) for layer in self.neurons]
        r = self.neurons[0][0].width / 2
        for l, edges in enumerate(self.edges):
            jj, kk = edges.local
            a, b = self.positions[l], self.positions[l + 1]
            d = b[jj] - a[kk]
            u = d / np.linalg.norm(d, axis=1, keepdims=True)
            edges.starts, edges.ends = a[kk] + u * r, b[jj] - u * r
        return self

    def set_weights(self, net) -> "NetworkMobject":
        """Redraw the edges for ``net``'s weights (same layer sizes), where the neurons now are."""
        if tuple(net.sizes) != self.sizes:
            raise ValueError(f"network sizes {net.sizes} differ from the drawn {self.sizes}")
        self.net = net
        self.refresh_geometry()
        for edges, (values, wmax) in zip(self.edges, self.layer_weights(net)):
            edges.set_values(values, wmax)
        return self

    def set_activations(self, activations) -> "NetworkMobject":
        """Fill every drawn neuron by its activation (``activations[l]`` has the layer's full size)."""
        self.activations = [np.asarray(a, float).ravel() for a in activations]
        for layer, idx, a, scale in zip(self.neurons, self.shown, self.activations, self.activation_scale):
            for circle, i in zip(layer, idx):
                circle.set_fill(P.activation_color(a[i] / scale), opacity=1)
        return self

    def forward(self, x, net=None):
        """All layers' activations for one input, from netcore's forward pass."""
        net = net if net is not None else self.net
        return [a[0] for a in net.forward(np.asarray(x, float).reshape(1, -1))[1]]

    def set_input(self, x) -> "NetworkMobject":
        return self.set_activations(self.forward(x))

    def drawn_counts(self) -> list[int]:
        """Number of neuron circles drawn per layer."""
        return [len(layer) for layer in self.neurons]

    def answer(self) -> int:
        """The brightest output neuron for the current activations."""
        if self.activations is None:
            raise ValueError("no input set")
        return int(np.argmax(self.activations[-1]))

    # --- animations -------------------------------------------------------------------------------
    def layer_fill_animation(self, l: int, values, run_time: float = 0.5) -> Animation:
        layer, idx = self.neurons[l], self.shown[l]
        start = [c.get_fill_color() for c in layer]
        end = [P.activation_color(values[i] / self.activation_scale[l]) for i in idx]

        def update(m, alpha):
            for c, s, e in zip(layer, start, end):
                c.set_fill(s.interpolate(e, alpha), opacity=1)

        return UpdateFromAlphaFunc(layer, update, run_time=run_time)

    def feed_forward(self, x, sweep_time: float = 0.7, fill_time: float = 0.4) -> Animation:
        """Input neurons light up, then layer by layer a flash runs along the edges and the next
        layer's neurons take their activations. Returns one Succession."""
        acts = self.forward(x)
        self.activations = acts  # the state the animation ends in (answer_box reads it)
        self.refresh_geometry()
        steps = [self.layer_fill_animation(0, acts[0], fill_time)]
        for l in range(len(self.sizes) - 1):
            if len(self.edges) > l:
                steps.append(EdgeSweep(self.edges[l], run_time=sweep_time))
            steps.append(self.layer_fill_animation(l + 1, acts[l + 1], fill_time))
        return Succession(*steps)

    def morph_to(self, net, x=None, run_time: float = 1.0) -> Animation:
        """Move from the drawn weights to ``net``'s: the weights are interpolated frame by frame and
        the edges re-binned (and, given an input ``x``, the activations recomputed by netcore)."""
        start, end = self.net.params, net.params
        tmp = net.copy()

        def update(m, alpha):
            if alpha >= 1:
                current = net
            else:
                tmp.params = start + (end - start) * alpha
                current = tmp
            self.set_weights(current)
            if x is not None:
                self.set_input(x)

        return UpdateFromAlphaFunc(self, update, run_time=run_time)

    def pixel_links(self, picture, color=P.ANSWER, link_opacity: float = 0.45) -> VGroup:
        """Where the drawn input neurons come from: an outline around each of their pixels on
        ``picture`` (a 28 x 28 ``PixelImage`` or ``PixelGrid``, unrotated) and a thin line from that
        pixel to its input neuron. Returns ``VGroup(markers, links)``, each ONE VMobject.

        Examples
        --------
        >>> picture = pixel_digit(image, side=2.4).next_to(drawn, LEFT)
        >>> self.play(Create(drawn.pixel_links(picture)))
        """
        idx = self.shown[0]
        side = picture.width / 28
        corner = picture.get_corner(UP + LEFT)
        rows, cols = idx // 28, idx % 28
        centres = np.stack([corner[0] + (cols + 0.5) * side, corner[1] - (rows + 0.5) * side, np.zeros(len(idx))], 1)
        half = side / 2
        corners = [centres + [dx * half, dy * half, 0] for dx, dy in ((-1, 1), (1, 1), (1, -1), (-1, -1))]
        markers = VMobject(stroke_color=color, stroke_width=1.5, fill_opacity=0)
        markers.points = line_points(np.concatenate(corners), np.concatenate(corners[1:] + corners[:1]))
        self.refresh_geometry()
        r = self.neurons[0][0].width / 2
        ends = self.positions[0] - [r, 0, 0]
        links = VMobject(stroke_color=color, stroke_width=1.0, stroke_opacity=link_opacity, fill_opacity=0)
        links.points = line_points(centres + [half, 0, 0], ends)
        return VGroup(markers, links)

    def answer_box(self, index: int | None = None) -> SurroundingRectangle:
        """A box around the answer (the brightest output, or ``index``) and its label."""
        i = self.answer() if index is None else index
        k = int(np.flatnonzero(self.shown[-1] == i)[0])
        target = VGroup(self.neurons[-1][k])
        if len(self.output_labels):
            target.add(self.output_labels[k])
        return SurroundingRectangle(target, color=P.ANSWER, buff=0.08, stroke_width=3)

    def box_answer(self, run_time: float = 0.6) -> Animation:
        box = self.answer_box()
        self.box = box
        return Create(box, run_time=run_time)


def layer_blocks(sizes, width: float, y: float, bar_width: float = 0.42, heights=(0.6, 2.0)):
    """The network's layers as bars (height growing with the log of the layer's size) spread over
    ``width`` at height ``y``, and between each pair the block of connections as a faint band.

    Parameters
    ----------
    sizes : sequence of int
        Layer sizes, input first.
    width : float
        Distance from the first bar's centre to the last's.
    y : float
        Height of the bars' centres.
    bar_width : float
        Width of a bar.
    heights : (float, float)
        Heights of the smallest and the largest layer's bars.

    Returns
    -------
    bars, bands : VGroup, VGroup
        One bar per layer; one band per layer of connections (``len(sizes) - 1``).

    Examples
    --------
    >>> bars, bands = layer_blocks((784, 16, 16, 10), width=10.0, y=1.4)
    """
    logs = np.log(np.asarray(sizes, float))
    spread = logs.max() - logs.min()
    rel = (logs - logs.min()) / spread if spread > 0 else np.ones_like(logs)
    hs = heights[0] + rel * (heights[1] - heights[0])
    xs = np.linspace(-width / 2, width / 2, len(sizes))
    bars = VGroup(*[RoundedRectangle(width=bar_width, height=h, corner_radius=0.08, stroke_color=P.NEURON_STROKE,
                                     stroke_width=2, fill_color=P.FAINT, fill_opacity=0.6).move_to([x, y, 0])
                    for x, h in zip(xs, hs)])
    bands = VGroup()
    for a, b in zip(bars[:-1], bars[1:]):
        bands.add(Polygon(a.get_corner(RIGHT + UP), b.get_corner(LEFT + UP), b.get_corner(LEFT + DOWN),
                          a.get_corner(RIGHT + DOWN), stroke_width=0, fill_color=P.POSITIVE, fill_opacity=0.12))
    return bars, bands
