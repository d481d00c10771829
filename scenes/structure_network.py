"""Chapter 1, the network as a whole: counting its parameters, one layer as a matrix-vector product,
the network as a function, sigmoid against ReLU (a part of ``scenes/structure.py``, in the lesson's
order).

Render from the repo root: ``manim -qh scenes/structure_network.py CountParameters``. Each scene's
``construct`` is its storyboard: one value from the data module (everything it shows, computed by
netcore from the replayed run), then the beats. ``NETCORE_TRACE`` replays another network's trace.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    Polygon,
    RoundedRectangle,
    Scene,
    SurroundingRectangle,
    VGroup,
    VMobject,
    Write,
    rate_functions,
)

from scenes import structure_network_data as structure_data
from scenes.kit import palette
from scenes.kit.layout import caption, on_baseline, text_baseline, thumbnail, title
from scenes.kit.machine import FunctionMachine
from scenes.kit.matrix import MatrixSlice, parentheses
from scenes.kit.plot import PlotAxes
from scenes.kit.text import FastNumber, integer, label, math, number

NETWORK_BASELINE_CHARS = "acemnorsuvwxz0123456789"  # letters that sit on the line (as layout.text_baseline reads)


def network_activation_tex(activation: str) -> str:
    """The LaTeX name of a hidden layer's activation function: sigma or ReLU."""
    return r"\sigma" if activation == "sigmoid" else r"\mathrm{ReLU}"


def network_activation_word(activation: str) -> str:
    return "sigmoid" if activation == "sigmoid" else "ReLU"


def network_tex_count(n: int) -> str:
    """A whole number with thousands grouped for LaTeX: 13002 -> 13{,}002."""
    return f"{n:,}".replace(",", "{,}")


def network_text_row(*parts, buff: float = 0.15) -> VGroup:
    """Labels, numbers and formulas in a row: words and numbers on one baseline (the first number's, else
    the first part's), operators such as "=" and "×" at their height on that line, formulas centred on
    the digits."""
    row = VGroup(*parts).arrange(RIGHT, buff=buff)
    ref = next((p for p in parts if isinstance(p, FastNumber)), parts[0])
    baseline = text_baseline(ref)
    digit_mid = baseline + (ref.glyphs.cap / 2 if isinstance(ref, FastNumber) else 0.1)
    for part in parts:
        if part is ref:
            continue
        if hasattr(part, "tex_string"):  # a formula: centred on the digits
            part.set_y(digit_mid)
        elif isinstance(part, FastNumber) or any(ch in NETWORK_BASELINE_CHARS for ch in getattr(part, "text", "") or "x"):
            part.shift((baseline - text_baseline(part)) * UP)
        else:  # an operator alone: where it sits beside a digit in the same font
            probe = label("0" + part.text, size=part.font_size)
            part.set_y(baseline + probe[1].get_y() - text_baseline(probe))
    return row


# ====================================================================================================
# CountParameters
# ====================================================================================================

def parameter_layer_blocks(sizes, width: float, y: float, bar_width: float = 0.42, heights=(0.6, 2.0)):
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
    >>> bars, bands = parameter_layer_blocks((784, 16, 16, 10), width=10.0, y=1.4)
    """
    logs = np.log(np.asarray(sizes, float))
    spread = logs.max() - logs.min()
    rel = (logs - logs.min()) / spread if spread > 0 else np.ones_like(logs)
    hs = heights[0] + rel * (heights[1] - heights[0])
    xs = np.linspace(-width / 2, width / 2, len(sizes))
    bars = VGroup(*[RoundedRectangle(width=bar_width, height=h, corner_radius=0.08, stroke_color=palette.NEURON_STROKE,
                                     stroke_width=2, fill_color=palette.FAINT, fill_opacity=0.6).move_to([x, y, 0])
                    for x, h in zip(xs, hs)])
    bands = VGroup()
    for a, b in zip(bars[:-1], bars[1:]):
        bands.add(Polygon(a.get_corner(RIGHT + UP), b.get_corner(LEFT + UP), b.get_corner(LEFT + DOWN),
                          a.get_corner(RIGHT + DOWN), stroke_width=0, fill_color=palette.POSITIVE, fill_opacity=0.12))
    return bars, bands


class CountParameters(Scene):
    """How many weights and biases the network has, counted from the replayed network object: its layer
    sizes as bars; for each layer of connections, n_in x n_out weights (the size of netcore's weight
    matrix) and n_out biases (its bias vector); the sums, and their total, which is the length of the
    network's parameter vector (13,002 for the lesson's 784-16-16-10). Any number of layers: one row
    per layer of connections."""

    LAYERS_Y, LAYERS_WIDTH, BAR_HEIGHTS = 1.65, 9.5, (0.5, 1.6)
    TABLE_TOP, TABLE_BOTTOM = -0.15, -1.8  # the header line; the lowest a layer's row may sit
    COLUMNS = {"layer": -4.6, "weights": 1.2, "biases": 4.4}  # x of the row names' left, products' right, biases' right
    TOTAL_Y = -3.0

    def construct(self):
        shown = structure_data.count_parameters()
        self.draw_the_layers(shown)
        self.count_each_layer(shown)
        self.add_them_up(shown)

    def draw_the_layers(self, shown):
        self.play(Write(title("How many weights and biases?")), run_time=0.8)
        self.bars, self.bands = parameter_layer_blocks(shown.sizes, self.LAYERS_WIDTH, self.LAYERS_Y,
                                                       heights=self.BAR_HEIGHTS)
        last = len(shown.sizes) - 1
        self.size_labels = VGroup()
        for k, (bar, n) in enumerate(zip(self.bars, shown.sizes)):
            role = "input" if k == 0 else "output" if k == last else "hidden"
            self.size_labels.add(VGroup(integer(n, size=palette.SMALL_SIZE),
                                        caption(role, size=palette.TINY_SIZE)).arrange(DOWN, buff=0.1)
                                 .next_to(bar, DOWN, buff=0.15))
        self.play(LaggedStart(*[FadeIn(VGroup(bar, text)) for bar, text in zip(self.bars, self.size_labels)],
                              lag_ratio=0.2), run_time=1.5)
        self.play(FadeIn(self.bands), run_time=0.6)

    def count_each_layer(self, shown):
        n_rows = len(shown.weights)
        step = min(0.5, (self.TABLE_TOP - 0.45 - self.TABLE_BOTTOM) / max(n_rows - 1, 1))
        heads = VGroup(caption("weights", color=palette.TEXT), caption("biases", color=palette.TEXT))
        heads[0].move_to([0, self.TABLE_TOP, 0]).align_to([self.COLUMNS["weights"], 0, 0], RIGHT)
        heads[1].move_to([0, self.TABLE_TOP, 0]).align_to([self.COLUMNS["biases"], 0, 0], RIGHT)
        on_baseline(heads[0], heads[1])
        self.play(FadeIn(heads), run_time=0.5)
        self.weight_numbers, self.bias_numbers = [], []
        for k, (n_in, n_out, w, b) in enumerate(zip(shown.sizes[:-1], shown.sizes[1:], shown.weights, shown.biases)):
            y = self.TABLE_TOP - 0.45 - k * step
            name = caption(f"layer {k} \u2192 {k + 1}").move_to([0, y, 0]).align_to([self.COLUMNS["layer"], 0, 0], LEFT)
            product = integer(w, size=palette.SMALL_SIZE, color=palette.COST)
            terms = network_text_row(integer(n_in, size=palette.SMALL_SIZE), label("\u00d7", size=palette.SMALL_SIZE),
                             integer(n_out, size=palette.SMALL_SIZE), label("=", size=palette.SMALL_SIZE), product)
            terms.move_to([0, y, 0]).align_to([self.COLUMNS["weights"], 0, 0], RIGHT)
            bias = integer(b, size=palette.SMALL_SIZE, color=palette.COST).move_to([0, y, 0])
            bias.align_to([self.COLUMNS["biases"], 0, 0], RIGHT)
            on_baseline(name, terms, bias)
            self.weight_numbers.append(product)
            self.bias_numbers.append(bias)
            self.play(self.bands[k].animate.set_fill(opacity=0.45), FadeIn(name), FadeIn(terms), FadeIn(bias), run_time=0.9)
            self.play(self.bands[k].animate.set_fill(opacity=0.12), run_time=0.3)
        self.last_row_y = self.TABLE_TOP - 0.45 - (n_rows - 1) * step

    def add_them_up(self, shown):
        rule_y = self.last_row_y - 0.3
        rule = Line([self.COLUMNS["layer"], rule_y, 0], [self.COLUMNS["biases"], rule_y, 0], stroke_color=palette.FAINT,
                    stroke_width=2)
        y = rule_y - 0.35
        self.total_weights = integer(shown.n_weights, size=palette.SMALL_SIZE, color=palette.COST).move_to([0, y, 0])
        self.total_weights.align_to([self.COLUMNS["weights"], 0, 0], RIGHT)
        self.total_biases = integer(shown.n_biases, size=palette.SMALL_SIZE, color=palette.COST).move_to([0, y, 0])
        self.total_biases.align_to([self.COLUMNS["biases"], 0, 0], RIGHT)
        name = caption("all layers").move_to([0, y, 0]).align_to([self.COLUMNS["layer"], 0, 0], LEFT)
        on_baseline(name, self.total_weights, self.total_biases)
        self.play(Create(rule), FadeIn(name), FadeIn(self.total_weights), FadeIn(self.total_biases), run_time=0.9)
        self.total = integer(shown.n_params, size=palette.TITLE_SIZE, color=palette.COST)
        total = network_text_row(integer(shown.n_weights, size=palette.LABEL_SIZE), label("+", size=palette.LABEL_SIZE),
                         integer(shown.n_biases, size=palette.LABEL_SIZE), label("=", size=palette.LABEL_SIZE), self.total,
                         label("weights and biases", size=palette.LABEL_SIZE))
        total.move_to([0, self.TOTAL_Y, 0])
        self.play(FadeIn(total, shift=0.2 * UP), run_time=1.0)
        self.play(FadeIn(caption(f"the length of the trained network's parameter vector: {shown.n_params:,} numbers",
                                 size=palette.TINY_SIZE).next_to(total, DOWN, buff=0.2)), run_time=0.6)
        self.wait(2.5)


# ====================================================================================================
# MatrixNotation
# ====================================================================================================

def matrix_place_in_row(mobs, gaps, center) -> VGroup:
    """``mobs`` left to right, ``gaps[i]`` between mob i and mob i + 1, their vertical centres on
    ``center``'s height and the whole row centred on ``center``'s x."""
    x = 0.0
    for mob, gap in zip(mobs, list(gaps) + [0.0]):
        mob.move_to([x + mob.width / 2, center[1], 0])
        x += mob.width + gap
    group = VGroup(*mobs)
    group.shift([center[0] - group.get_x(), 0, 0])
    return group


class MatrixNotation(Scene):
    """One layer of connections in one line, a(1) = f(W a(0) + b), with a small slice of the trained
    network's real numbers on a real test image: a(0) holds pixels that carry ink in the image (most
    pixels are 0), W the matching columns and the first rows (neurons) of the first weight matrix, b
    those neurons' biases. One row is worked out: its dot product over all 784 inputs (the shown
    columns' part stated), plus its bias, through the activation (sigma, or ReLU for a ReLU network),
    gives netcore's activation; then every shown entry of a(1) is netcore's forward pass."""

    EQUATION_AT = [0.0, 0.85, 0]
    ENTRY_SIZE = palette.SMALL_SIZE * 0.9
    IMAGE_AT, IMAGE_SIDE = [5.6, -2.35, 0], 1.3
    NOTE_Y = -1.05
    WORK_LEFT, WORK_TOP, WORK_STEP = -5.9, -1.85, 0.62

    def construct(self):
        shown = structure_data.matrix_notation()
        self.show_the_input(shown)
        self.show_the_weights(shown)
        self.add_the_biases_and_squish(shown)
        self.work_out_one_row(shown)
        self.fill_in_the_layer(shown)

    def build(self, shown):
        f = network_activation_tex(shown.activation)
        slice_of = dict(size=self.ENTRY_SIZE, row_height=0.42, gap_height=0.26, gap_width=0.3, pad=0.2)
        self.a0 = MatrixSlice(shown.inputs, shown.columns, [0], (shown.n_inputs, 1), include_sign=False, **slice_of)
        self.W = MatrixSlice(shown.weights, shown.rows, shown.columns, (shown.n_hidden, shown.n_inputs),
                             color_by_sign=True, **slice_of)
        self.b = MatrixSlice(shown.biases, shown.rows, [0], (shown.n_hidden, 1), color_by_sign=True, **slice_of)
        self.a1 = MatrixSlice(shown.activations, shown.rows, [0], (shown.n_hidden, 1), places=3, include_sign=False,
                              **slice_of)
        self.equals, self.f_name, self.plus = label("="), math(f), label("+")
        matrix_place_in_row([self.a1, self.equals, self.f_name, self.W, self.a0, self.plus, self.b],
                     [0.25, 0.2, 0.35, 0.15, 0.25, 0.35], self.EQUATION_AT)
        self.parens = parentheses(VGroup(self.W, self.a0, self.plus, self.b), pad=0.08, bulge=0.2)
        top = max(m.get_top()[1] for m in (self.W, self.a0, self.parens)) + 0.3
        self.names = {key: math(tex, size=palette.LABEL_SIZE).move_to([mob.get_x(), top, 0])
                      for key, tex, mob in (("a1", "a^{(1)}", self.a1), ("W", "W", self.W), ("a0", "a^{(0)}", self.a0),
                                            ("b", "b", self.b))}

    def note(self, text: str):
        return caption(text, size=palette.TINY_SIZE).move_to([self.EQUATION_AT[0], self.NOTE_Y, 0])

    def show_the_input(self, shown):
        self.build(shown)
        self.play(Write(title("One layer as a matrix and vectors")), run_time=0.8)
        image = thumbnail(shown.image, side=self.IMAGE_SIDE).move_to(self.IMAGE_AT)
        image_note = caption(f"test image, labelled {shown.label}", size=palette.TINY_SIZE).next_to(image, UP, buff=0.12)
        self.play(FadeIn(image), FadeIn(image_note), run_time=0.7)
        columns = ", ".join(str(c) for c in shown.columns)
        self.current_note = self.note(f"a(0): the image's {shown.n_inputs} pixel values as one column\n"
                                      f"shown: pixels {columns}, which carry ink")
        self.play(FadeIn(self.a0), FadeIn(self.names["a0"]), FadeIn(self.current_note), run_time=1.0)
        self.wait(2.0)

    def swap_note(self, text: str, run_time: float = 0.6):
        new = self.note(text)
        self.play(FadeOut(self.current_note), FadeIn(new), run_time=run_time)
        self.current_note = new

    def show_the_weights(self, shown):
        self.play(FadeIn(self.W), FadeIn(self.names["W"]), run_time=1.0)
        rows = ", ".join(str(r) for r in shown.rows)
        self.swap_note(f"W: row j holds the {shown.n_inputs} weights into neuron j of layer 1 ({shown.n_hidden} rows)\n"
                       f"shown: rows {rows}; the columns of the shown pixels")
        self.wait(3.5)

    def add_the_biases_and_squish(self, shown):
        for entry in self.a1.entries:
            entry.set_opacity(0)
        self.play(FadeIn(self.plus), FadeIn(self.b), FadeIn(self.names["b"]), run_time=0.8)
        self.play(Create(self.parens), FadeIn(self.f_name), FadeIn(self.equals), FadeIn(self.a1.brackets),
                  FadeIn(self.a1.dots), FadeIn(self.names["a1"]), run_time=1.0)
        what = "the sigmoid" if shown.activation == "sigmoid" else "ReLU"
        self.swap_note(f"b: one bias per neuron; {what} acts on each entry of W a(0) + b")
        self.wait(2.0)

    def work_out_one_row(self, shown):
        r = shown.row
        boxes = VGroup(self.W.row_box(r), self.a0.column_box(), self.b.row_box(r), self.a1.row_box(r))
        self.play(Create(boxes), run_time=0.8)
        self.dot_num = number(shown.row_dot, places=3)
        self.bias_num = number(shown.row_bias, places=3, include_sign=True)
        self.sum_num = number(shown.row_sum, places=3)
        line1 = network_text_row(math(rf"w_{{{r}}} \cdot a^{{(0)}} + b_{{{r}}}"), label("="), self.dot_num, self.bias_num,
                         label("="), self.sum_num)
        self.part_num = number(shown.row_shown_part, places=3, size=palette.TINY_SIZE, color=palette.DIM_TEXT)
        line2 = network_text_row(caption(f"row {r} of W times a(0) adds up all {shown.n_inputs} products; the "
                                 f"{len(shown.columns)} shown add up to", size=palette.TINY_SIZE), self.part_num)
        self.act_num = number(shown.row_activation, places=3, color=palette.COST)
        self.sum_again = number(shown.row_sum, places=3)
        name = "σ" if shown.activation == "sigmoid" else "ReLU"
        line3 = network_text_row(network_text_row(label(f"{name}("), self.sum_again, label(")"), buff=0.06), label("="), self.act_num)
        lines = [line1, line2, line3]
        for k, line in enumerate(lines):
            line.move_to([0, self.WORK_TOP - k * self.WORK_STEP, 0]).align_to([self.WORK_LEFT, 0, 0], LEFT)
        self.play(FadeIn(line1), run_time=1.0)
        self.play(FadeIn(line2), run_time=0.7)
        self.wait(1.5)
        self.play(FadeIn(line3), run_time=0.9)
        entry = self.a1.entry(r)
        self.play(entry.animate.set_opacity(1), FadeIn(caption(f"= a(1) entry {r}, netcore's forward pass",
                                                               size=palette.TINY_SIZE).next_to(line3, RIGHT, buff=0.4)),
                  run_time=0.8)
        self.wait(3.5)
        self.play(FadeOut(boxes), run_time=0.5)

    def fill_in_the_layer(self, shown):
        others = [e for i, e in zip(shown.rows, self.a1.entries) if i != shown.row]
        self.play(LaggedStart(*[e.animate.set_opacity(1) for e in others], lag_ratio=0.3), run_time=1.2)
        self.swap_note(f"every row at once: {shown.n_hidden} weighted sums in one matrix-vector product")
        self.wait(3.5)


# ====================================================================================================
# NetworkIsAFunction
# ====================================================================================================

class NetworkIsAFunction(Scene):
    """Each neuron is a function: a real test image's pixel values in (a few inked ones shown of 784),
    one first-layer neuron's real activation out. The whole network is a function too: 784 numbers
    in, the trained network's real 10 outputs out (netcore's feedforward; the answer boxed), with the
    network's weights and biases (counted from the network object) as its parameters."""

    IMAGE_AT, IMAGE_SIDE = [-5.9, 0.2, 0], 1.5
    INPUTS_X, INPUTS_Y = -3.75, 0.2
    NEURON_AT, NEURON_RADIUS = [0.0, 0.2, 0], 0.45
    MACHINE_AT, MACHINE_SIZE = [0.4, -0.1, 0], (3.6, 2.0)
    OUTPUTS_X, OUTPUTS_Y = 4.9, 0.2

    def construct(self):
        shown = structure_data.network_is_a_function(n_shown=4)
        self.show_the_inputs(shown)
        self.one_neuron_is_a_function(shown)
        self.the_network_is_a_function(shown)
        self.its_parameters(shown)

    def show_the_inputs(self, shown):
        self.play(Write(title("The network is a function")), run_time=0.8)
        image = thumbnail(shown.image, side=self.IMAGE_SIDE).move_to(self.IMAGE_AT)
        image_note = caption(f"test image,\nlabelled {shown.label}", size=palette.TINY_SIZE).next_to(image, DOWN, buff=0.15)
        self.inputs = MatrixSlice(shown.image[shown.shown_inputs], shown.shown_inputs, [0], (shown.n_inputs, 1),
                                  include_sign=False, row_height=0.5, gap_height=0.3)
        self.inputs.move_to([self.INPUTS_X, self.INPUTS_Y, 0])
        self.input_numbers = self.inputs.entries
        indices = VGroup(*[caption(str(i), size=palette.TINY_SIZE).next_to(self.inputs, LEFT, buff=0.12)
                           .set_y(self.inputs.row_y(i)) for i in shown.shown_inputs])
        note = caption(f"{shown.n_inputs} numbers in\n(shown: pixels\nwith ink)", size=palette.TINY_SIZE)
        note.next_to(self.inputs, DOWN, buff=0.2)
        self.play(FadeIn(image), FadeIn(image_note), run_time=0.7)
        self.play(FadeIn(self.inputs), FadeIn(indices), FadeIn(note), run_time=1.0)
        self.wait(1.5)

    def one_neuron_is_a_function(self, shown):
        neuron = Circle(radius=self.NEURON_RADIUS, stroke_color=palette.NEURON_STROKE, stroke_width=2,
                        fill_color=palette.activation_color(shown.neuron_output), fill_opacity=1).move_to(self.NEURON_AT)
        right = max(n.get_right()[0] for n in self.input_numbers) + 0.35
        wires = VMobject(stroke_color=palette.DIM_TEXT, stroke_width=1.2)
        for n in self.input_numbers:
            wires.start_new_path([right, n.get_y(), 0])
            wires.add_line_to(neuron.point_at_angle(np.pi) + [0, 0.3 * (n.get_y() - neuron.get_y()) / 2, 0])
        out = Line(neuron.get_right(), neuron.get_right() + 1.3 * RIGHT, stroke_color=palette.TEXT, stroke_width=3)
        self.neuron_number = number(shown.neuron_output, places=3, color=palette.COST).next_to(out, RIGHT, buff=0.2)
        f = network_activation_tex(shown.activation)
        formula = math(rf"a^{{(1)}}_{{{shown.neuron}}} = {f}\big(w_{{{shown.neuron}}} \cdot a^{{(0)}} + b_{{{shown.neuron}}}\big)",
                       size=palette.LABEL_SIZE).next_to(neuron, DOWN, buff=0.45)
        note = caption(f"neuron {shown.neuron} of layer 1,\nthe most active on this image:\n"
                       f"all {shown.n_inputs} numbers in, one number out",
                       size=palette.TINY_SIZE).next_to(formula, DOWN, buff=0.25)
        self.play(Create(wires), FadeIn(neuron), run_time=1.0)
        self.play(Create(out), FadeIn(self.neuron_number), FadeIn(formula), FadeIn(note), run_time=1.0)
        self.wait(2.8)
        self.neuron = VGroup(neuron, wires, out, self.neuron_number, formula, note)
        self.play(FadeOut(self.neuron), run_time=0.6)

    def the_network_is_a_function(self, shown):
        n_in = network_tex_count(shown.n_inputs)
        formula = math(rf"f(a_1, \ldots, a_{{{n_in}}})", size=palette.LABEL_SIZE * 1.2)
        self.machine = FunctionMachine(formula, "the whole network", *self.MACHINE_SIZE).move_to(self.MACHINE_AT)
        wires = self.machine.wires_from(self.input_numbers, gap=0.4)
        self.play(Create(self.machine.box), Write(self.machine.formula), FadeIn(self.machine.name), Create(wires),
                  run_time=1.2)
        outputs = MatrixSlice(shown.outputs, range(len(shown.outputs)), [0], (len(shown.outputs), 1), places=3,
                              include_sign=False, color=palette.COST, row_height=0.44)
        outputs.move_to([self.OUTPUTS_X, self.OUTPUTS_Y, 0])
        self.output_numbers, brackets = outputs.entries, outputs.brackets
        digits = VGroup(*[caption(str(d), size=palette.TINY_SIZE).next_to(brackets[1], RIGHT, buff=0.15)
                          .set_y(outputs.row_y(d)) for d in range(len(shown.outputs))])
        arrow = self.machine.output_arrow(length=self.OUTPUTS_X - self.machine.box.get_right()[0] - 0.75)
        self.play(Create(arrow), FadeIn(outputs), FadeIn(digits), run_time=1.2)
        self.answer_box = SurroundingRectangle(VGroup(self.output_numbers[shown.answer], digits[shown.answer]),
                                               color=palette.ANSWER, buff=0.06)
        out_note = caption(f"{len(shown.outputs)} numbers out", size=palette.TINY_SIZE).next_to(brackets, DOWN, buff=0.2)
        self.play(Create(self.answer_box), FadeIn(out_note), run_time=0.8)
        self.wait(2.0)

    def its_parameters(self, shown):
        self.param_count = integer(shown.n_params, size=palette.LABEL_SIZE, color=palette.COST)
        params = network_text_row(self.param_count, caption("weights and biases", size=palette.LABEL_SIZE, color=palette.TEXT))
        params.next_to(self.machine.box, UP, buff=1.0).set_x(self.machine.get_x())
        feed = self.machine.feed_arrow(params)
        sizes = "-".join(str(s) for s in shown.sizes)
        note = caption(f"its parameters: every weight and bias of the {sizes} network", size=palette.TINY_SIZE)
        note.next_to(params, UP, buff=0.15)
        self.play(FadeIn(params), Create(feed), FadeIn(note), run_time=1.0)
        closing = caption(f"{shown.n_inputs} numbers in, {len(shown.outputs)} out: a complicated function, "
                          "but a function", color=palette.TEXT).move_to([0, -3.3, 0])
        self.play(FadeIn(closing), run_time=0.8)
        self.wait(3.5)


# ====================================================================================================
# SigmoidVsReLU
# ====================================================================================================

class SigmoidVsReLU(Scene):
    """ReLU(a) = max(0, a) beside the sigmoid (both drawn from netcore's activation functions), then the
    claim that ReLU is easier to train in deep networks, tested: one deeper network trained with sigmoid
    and with ReLU hidden units on the same data and budget (same initial weights, epochs and mini-batches),
    each at the best of a grid of learning rates (the grid shown with every run's final cost), the two
    best runs' real training-cost curves on one plot, their final costs and test accuracies, and a verdict
    that follows the measured costs."""

    CURVE_PLOTS = ([-3.4, -2.0, 0], [3.8, -2.0, 0])  # the centres of the two x-axes
    FORMULA_Y = 2.15
    DEEP_WIDTH, DEEP_Y = 8.0, -0.9  # the deep network's layers while its runs are set up
    CURVE_SIZE = (5.2, 3.4)
    COST_AT, COST_SIZE = [-2.9, -0.2, 0], (6.6, 3.8)
    SIDE_X = 4.35  # centre of the right-hand column
    LR_COLUMNS = {"eta": -1.5, "sigmoid": 0.0, "relu": 1.5}  # x of the learning-rate table's columns, from SIDE_X
    COLORS = {"sigmoid": palette.SERIES[0], "relu": palette.SERIES[1]}

    def construct(self):
        shown = structure_data.sigmoid_vs_relu()
        self.draw_both_functions(shown)
        self.set_up_the_test(shown)
        self.pick_the_learning_rates(shown)
        self.draw_the_cost_curves(shown)
        self.state_the_result(shown)

    def draw_both_functions(self, shown):
        head = title("Sigmoid or ReLU?")
        self.play(Write(head), run_time=0.8)
        self.functions = VGroup()
        for at, key, values, tex in zip(self.CURVE_PLOTS, ("sigmoid", "relu"), (shown.sigmoid, shown.relu),
                                        (r"\sigma(a) = \frac{1}{1 + e^{-a}}", r"\mathrm{ReLU}(a) = \max(0, a)")):
            top = float(np.ceil(values.max()))
            axes = PlotAxes((shown.z[0], shown.z[-1]), (0, top), *self.CURVE_SIZE, most_ticks=5)
            axes.shift(np.array(at) - axes.x_axis.get_center())  # both x-axes on one line
            curve = VMobject(stroke_color=self.COLORS[key], stroke_width=4).set_points_as_corners(axes.to_scene(shown.z, values))
            name = math(tex, size=palette.LABEL_SIZE).move_to([at[0], self.FORMULA_Y, 0])
            a_name = caption("a", size=palette.TINY_SIZE).next_to(axes.x_axis, DOWN, buff=0.45)
            self.play(Create(axes), FadeIn(name), FadeIn(a_name), run_time=0.8)
            self.play(Create(curve), run_time=1.2)
            self.functions.add(VGroup(axes, curve, name, a_name))
        note = caption("sigmoid squishes every number into (0, 1); ReLU keeps a positive a as it is and turns a "
                       "negative one into 0", size=palette.TINY_SIZE).to_edge(DOWN, buff=0.45)
        self.play(FadeIn(note), run_time=0.6)
        self.wait(3.0)
        self.play(FadeOut(self.functions), FadeOut(note), run_time=0.7)

    def set_up_the_test(self, shown):
        sizes = "-".join(str(s) for s in shown.sizes)
        claim = caption("ReLU is said to be easier to train in deep networks. A test with real runs:",
                        color=palette.TEXT).move_to([0, 2.75, 0])
        init = "weights N(0, 1/inputs)" if shown.init == "scaled" else "weights N(0, 1)"
        cost = "quadratic" if shown.cost == "quadratic" else "cross-entropy"
        setup = caption(f"one {sizes} network, trained twice: sigmoid hidden units, then ReLU ones\n"
                        f"same start (seed {shown.seed}, {init}), same {shown.n_train:,} training images,\n"
                        f"{shown.epochs} epochs of mini-batches of {shown.batch_size}, {cost} cost",
                        size=palette.TINY_SIZE).next_to(claim, DOWN, buff=0.2)
        bars, bands = parameter_layer_blocks(shown.sizes, self.DEEP_WIDTH, self.DEEP_Y, heights=(0.4, 1.5))
        sizes_shown = VGroup(*[integer(n, size=palette.SMALL_SIZE).next_to(bar, DOWN, buff=0.15)
                               for bar, n in zip(bars, shown.sizes)])
        network = VGroup(bands, bars, sizes_shown)
        self.play(FadeIn(claim), run_time=0.8)
        self.play(FadeIn(setup), FadeIn(network), run_time=0.8)
        self.wait(4.5)
        self.play(FadeOut(setup), FadeOut(network), claim.animate.scale(0.85).move_to([0, 2.85, 0]), run_time=0.6)
        self.claim = claim

    def pick_the_learning_rates(self, shown):
        sig, relu = shown.of("sigmoid"), shown.of("relu")
        head = caption("final training cost at each\nlearning rate (best boxed)", size=palette.TINY_SIZE)
        columns = {key: self.SIDE_X + dx for key, dx in self.LR_COLUMNS.items()}
        top = 2.1
        head.move_to([self.SIDE_X, top, 0])
        names = VGroup(math(r"\eta", size=palette.SMALL_SIZE).move_to([columns["eta"], top - 0.6, 0]),
                       caption("sigmoid", size=palette.TINY_SIZE, color=self.COLORS["sigmoid"]).move_to([columns["sigmoid"], top - 0.6, 0]),
                       caption("ReLU", size=palette.TINY_SIZE, color=self.COLORS["relu"]).move_to([columns["relu"], top - 0.6, 0]))
        on_baseline(names[1], names[2])
        self.grid_numbers = {"sigmoid": [], "relu": []}
        cells = VGroup()
        step = min(0.36, 2.1 / len(sig.etas))
        for k, eta in enumerate(sig.etas):
            y = top - 1.0 - k * step
            cells.add(label(f"{eta:g}", size=palette.TINY_SIZE, color=palette.DIM_TEXT).move_to([columns["eta"], y, 0]))
            for runs in (sig, relu):
                value = runs.final_costs[k]
                cell = (number(value, places=3, size=palette.TINY_SIZE) if np.isfinite(value)
                        else label("diverged", size=palette.TINY_SIZE, color=palette.DIM_TEXT))
                cells.add(cell.move_to([columns[runs.activation], y, 0]))
                self.grid_numbers[runs.activation].append(cell)
        boxes = VGroup(*[SurroundingRectangle(self.grid_numbers[r.activation][r.best], color=self.COLORS[r.activation],
                                              buff=0.06) for r in (sig, relu)])
        self.play(FadeIn(head), FadeIn(names), run_time=0.6)
        self.play(FadeIn(cells), run_time=0.6)
        self.play(Create(boxes), run_time=0.7)
        self.wait(3.0)
        self.grid = VGroup(head, names, cells, boxes)

    def draw_the_cost_curves(self, shown):
        sig, relu = shown.of("sigmoid"), shown.of("relu")
        top = float(max(sig.costs.max(), relu.costs.max()))
        self.plot = PlotAxes((0, shown.epochs), (0, top * 1.05), *self.COST_SIZE, most_ticks=6).move_to(self.COST_AT)
        names = VGroup(caption("epoch", size=palette.TINY_SIZE).next_to(self.plot, DOWN, buff=0.12),
                       caption("training cost").rotate(np.pi / 2).next_to(self.plot, LEFT, buff=0.12))
        self.play(Create(self.plot), FadeIn(names), run_time=1.0)
        self.cost_curves = {}
        keys = VGroup()
        for runs in (sig, relu):
            epochs = np.arange(len(runs.costs))
            self.cost_curves[runs.activation] = VMobject(stroke_color=self.COLORS[runs.activation], stroke_width=4) \
                .set_points_as_corners(self.plot.to_scene(epochs, runs.costs))
            keys.add(VGroup(Line(ORIGIN, 0.45 * RIGHT, stroke_color=self.COLORS[runs.activation], stroke_width=5),
                            caption(f"{network_activation_word(runs.activation)}, \u03b7 = {runs.eta:g}", size=palette.TINY_SIZE,
                                    color=palette.TEXT)).arrange(RIGHT, buff=0.15))
        keys.arrange(DOWN, aligned_edge=LEFT, buff=0.12).next_to(self.plot.to_scene(shown.epochs, top * 1.05), DL, buff=0.1)
        keys.shift(0.1 * LEFT + 0.05 * DOWN)
        self.play(FadeIn(keys), run_time=0.5)
        self.play(*[Create(c) for c in self.cost_curves.values()], run_time=4.0, rate_func=rate_functions.linear)
        self.wait(2.0)

    def state_the_result(self, shown):
        sig, relu = shown.of("sigmoid"), shown.of("relu")
        self.final_numbers, self.accuracy_numbers = {}, {}
        top = self.grid.get_bottom()[1] - 0.45
        names = VGroup(caption(f"cost after {shown.epochs} epochs", size=palette.TINY_SIZE),
                       caption(f"test accuracy ({shown.n_test:,} images)", size=palette.TINY_SIZE))
        cells = VGroup()
        for k, name in enumerate(names):
            name.move_to([self.SIDE_X, top - 0.75 * k, 0])
        for runs in (sig, relu):
            x, color = self.LR_COLUMNS[runs.activation] + self.SIDE_X, self.COLORS[runs.activation]
            cost = number(runs.final_cost, places=3, size=palette.SMALL_SIZE, color=color)
            accuracy = number(100 * runs.test_accuracy, places=1, size=palette.SMALL_SIZE, color=color)
            percent = caption("%", size=palette.SMALL_SIZE, color=color)
            self.final_numbers[runs.activation], self.accuracy_numbers[runs.activation] = cost, accuracy
            cost.move_to([x, top - 0.33, 0])
            score = network_text_row(accuracy, percent, buff=0.07).move_to([x, top - 0.75 - 0.33, 0])
            cells.add(cost, score)
        self.play(FadeIn(names), FadeIn(cells), run_time=0.8)
        verdict = caption(self.verdict(shown), color=palette.TEXT).to_edge(DOWN, buff=0.25)
        self.play(FadeIn(verdict), run_time=0.6)
        self.wait(5.0)

    @staticmethod
    def verdict(shown) -> str:
        """The sentence the measured costs support."""
        if shown.winner is None:
            return f"Here both ended about as low (final costs within {shown.cost_ratio - 1:.0%} of each other)."
        win, lose = shown.of(shown.winner), shown.of("sigmoid" if shown.winner == "relu" else "relu")
        text = (f"Here {network_activation_word(win.activation)}'s training cost ended {shown.cost_ratio:.1f} times lower "
                f"than {network_activation_word(lose.activation)}'s")
        if shown.reach_epoch is not None and shown.reach_epoch < shown.epochs:
            text += (f";\nit was down to {network_activation_word(lose.activation)}'s final cost by epoch "
                     f"{shown.reach_epoch} of {shown.epochs}")
        return text + "."


# The lesson's order (../shared/lessons.md).
SCENES = (CountParameters, MatrixNotation, NetworkIsAFunction, SigmoidVsReLU)
