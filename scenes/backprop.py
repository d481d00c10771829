"""Chapter 3: what backpropagation does, scene by scene in the lesson's order (``../shared/lessons.md``).

Render from the repo root: ``manim -qh scenes/backprop.py PropagateBackward``. Each scene's ``construct``
is its storyboard: one value from ``scenes.backprop_data`` (everything it shows, computed by netcore:
one example's nudges, per-example desired changes, the run's mini-batches, two walkers on one real
cost surface), then the beats the viewer sees, in order. Drawing lives in ``scenes.kit``.
``NETCORE_TRACE`` replays another network's trace through every scene.
"""

from __future__ import annotations

from manim import (
    DEGREES,
    DL,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UR,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Line,
    Rectangle,
    ReplacementTransform,
    Succession,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    VMobject,
    Write,
)
import numpy as np

from scenes import backprop_data
from scenes.kit import palette
from scenes.kit.animations import EdgeSweep, Replay, change_values, fade_in_strokes, scale_stroke_opacity
from scenes.kit.avenues import LayerPair, example_heading, neuron_row_labels, number_column, places_for, value_band
from scenes.kit.change_table import ChangeTable
from scenes.kit.landscape_view import LandscapeView
from scenes.kit.layout import caption, readout, text_row, thumbnail, title, value_bar
from scenes.kit.network import NetworkMobject
from scenes.kit.nudges import (
    NudgeArrows,
    WishStacks,
    grow_nudges,
    nudge_numbers,
    nudge_unit,
    retarget_wishes,
    row_pitch,
    stack_wishes,
    wish_edges,
)
from scenes.kit.pixels import pixel_digit
from scenes.kit.plot import PlotAxes
from scenes.kit.raster_cache import RasterCachedScene
from scenes.kit.scene3d import KitThreeDScene
from scenes.kit.walkers import CostInset
from scenes.kit.storyboard import beat, storyboard
from scenes.kit.text import (
    FastNumber,
    activation_name,
    as_percent,
    decimal_text,
    integer,
    label,
    math,
    number,
)

__all__ = [
    "PropagateBackward",
    "SCENES",
]

FULL_COLOR = palette.PATH  # the careful walker (full-batch descent)
SGD_COLOR = palette.SGD_PATH  # the drunk walker (mini-batch SGD)
UPHILL_COLOR = palette.NEGATIVE  # an SGD step after which the full training cost rose


def cost_words(cost_name: str) -> str:
    """The run's cost in captions."""
    return "quadratic cost" if cost_name == "quadratic" else "cross-entropy cost"


def start_words(example) -> str:
    """Which snapshot the example goes into, in the captions' words."""
    if example.step == 0 and example.state.startswith("step 0"):
        return "the lesson's run at its first snapshot (step 0): random weights, not trained yet"
    return f"the run's first snapshot: {example.state}"


def at_words(example) -> str:
    """Where the example is, short: "at step 0", or "in the imported network"."""
    return f"in {example.state}" if example.state.startswith("the imported") else f"at step {example.step:,}"


def first_answer(example) -> str:
    """What the network at that snapshot makes of the example, in the captions' words."""
    guess = int(np.argmax(example.activations[-1]))
    return f"it already answers {guess}" if guess == example.label else "its outputs are a mess"



class GradientSensitivity(RasterCachedScene):
    """Two real weights of the lesson's network at step 0 (random weights): the one whose gradient
    component is largest, and the median weight of the same layer. Their real components of the
    gradient of the full training cost (the trace's, computed by netcore); the ratio of their sizes:
    how many times more sensitive the cost is to the first. Then each weight alone is nudged by the
    same small amount and the true change of the full training cost is read off (netcore evaluates
    the cost before and after): the changes stand in about the same ratio."""

    TITLE = "How sensitive the cost is to each weight"

    HEADER_Y = 1.9
    ROW_Y = (0.95, -0.65)
    COLUMNS = {"name": -5.75, "value": -3.75, "grad": -1.55, "change": 5.55}
    BAR_X, BAR_LENGTH = 0.1, 3.8  # the bars start at BAR_X; the largest component's bar is BAR_LENGTH
    BAR_HEIGHT, CHANGE_BAR_HEIGHT, CHANGE_BAR_DROP = 0.22, 0.12, 0.3
    WHY_X, WHY_RISE = -6.45, 0.6  # the line above each row saying why that weight and where it sits
    RATIO_AT = [-6.45, -1.65, 0]  # top left of the ratio statement
    COST_AT = [2.3, -2.5, 0]  # left end of the cost readout
    VERDICT_Y = -3.35

    @storyboard
    def construct(self):
        shown = backprop_data.gradient_sensitivity()
        self.shown = shown
        self.show_two_weights(shown)
        self.show_their_components(shown)
        self.compare_the_sizes(shown)
        self.nudge_each_weight(shown)
        self.read_the_changes(shown)

    def at(self, key, r):
        return [self.COLUMNS[key], self.ROW_Y[r], 0]

    @beat(lambda self, shown: f"Two weights of the network ({shown.state}): the most "
                              "sensitive one and a typical one of the same layer.")
    def show_two_weights(self, shown):
        head = title(self.TITLE)
        sub = caption(f"{shown.state}; C = the average cost over all {shown.n_train:,} "
                      "training images").next_to(head, DOWN, aligned_edge=LEFT, buff=0.15)
        self.play(Write(head), FadeIn(sub), run_time=1.0)
        why = (f"the largest |\u2202C/\u2202w| of all {shown.n_weights:,} weights",
               f"the median |\u2202C/\u2202w| of the {shown.layer_size:,} weights of the same layer")
        self.names, self.values, self.whys = VGroup(), [], VGroup()
        for r, (name, route, value) in enumerate(zip(shown.names, shown.routes, shown.values)):
            self.names.add(math(name, size=palette.LABEL_SIZE * 1.6).move_to(self.at("name", r)))
            self.values.append(number(value, places=4, include_sign=True).move_to(self.at("value", r)))
            self.whys.add(caption(f"{why[r]}: {route}", size=palette.TINY_SIZE)
                          .move_to([self.WHY_X, self.ROW_Y[r] + self.WHY_RISE, 0], aligned_edge=LEFT))
        header = caption("weight").move_to([self.COLUMNS["value"], self.HEADER_Y, 0])
        self.play(FadeIn(header), LaggedStart(*[FadeIn(VGroup(n, w, v)) for n, w, v in
                                                zip(self.names, self.whys, self.values)], lag_ratio=0.4), run_time=1.6)
        self.wait(1.0)

    @beat(lambda self, shown: f"Their components of the gradient: {shown.gradient[0]:+.4f} and "
                              f"{shown.gradient[1]:+.4f}.")
    def show_their_components(self, shown):
        self.grads = [number(g, places=4, include_sign=True, color=palette.sign_color(g)).move_to(self.at("grad", r))
                      for r, g in enumerate(shown.gradient)]
        self.unit = self.BAR_LENGTH / abs(shown.gradient[0])  # scene units per unit of |dC/dw|
        self.bars = [value_bar(abs(g) * self.unit, self.BAR_HEIGHT, palette.sign_color(g), self.BAR_X, y)
                     for g, y in zip(shown.gradient, self.ROW_Y)]
        headers = VGroup(math(r"\partial C / \partial w", size=palette.LABEL_SIZE * 1.2)
                         .move_to([self.COLUMNS["grad"], self.HEADER_Y, 0]),
                         caption("size of the component").move_to([self.BAR_X + self.BAR_LENGTH / 2, self.HEADER_Y, 0]))
        self.play(FadeIn(headers), LaggedStart(*[FadeIn(g, shift=0.2 * LEFT) for g in self.grads], lag_ratio=0.3),
                  run_time=1.2)
        self.play(*[FadeIn(bar, shift=0.3 * RIGHT) for bar in self.bars], run_time=1.0)
        self.wait(1.0)

    @beat(lambda self, shown: f"The first is {shown.ratio:.1f} times the second: the cost is {shown.ratio:.1f} times "
                              "more sensitive to the first weight.")
    def compare_the_sizes(self, shown):
        self.ratio = number(shown.ratio, places=1, size=palette.LABEL_SIZE, color=palette.COST)
        first = text_row(label("the cost is"), self.ratio, label("times more sensitive"))
        second = text_row(label("to"), math(shown.names[0], size=palette.LABEL_SIZE * 1.5), label("than to"),
                          math(shown.names[1], size=palette.LABEL_SIZE * 1.5))
        statement = VGroup(first, second).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        statement.move_to(self.RATIO_AT, aligned_edge=UP + LEFT)
        self.play(Indicate(self.bars[1], color=palette.TEXT, scale_factor=1.0), run_time=0.8)
        self.play(FadeIn(statement), run_time=1.0)
        self.wait(2.0)

    @beat(lambda self, shown: f"Nudge each weight alone by {shown.nudge:g}: the cost changes by "
                              f"{shown.changes[0]:+.{shown.change_places}f} and {shown.changes[1]:+.{shown.change_places}f}.")
    def nudge_each_weight(self, shown):
        places = shown.change_places
        widest = shown.cost + max(0.0, float(shown.changes.max()))
        self.cost_num = FastNumber(shown.cost, places=places, color=palette.COST, widest=widest)
        cost = readout("cost", self.cost_num, color=palette.COST).move_to(self.COST_AT, aligned_edge=LEFT)
        header = caption("change in cost").move_to([self.COLUMNS["change"], self.HEADER_Y, 0])
        nudge = caption(f"nudge each weight alone\nby {shown.nudge:g}, then put it back", align=LEFT)
        nudge.next_to(cost, UP, buff=0.3).align_to(cost, LEFT)
        self.play(FadeIn(header), FadeIn(nudge), FadeIn(cost), run_time=0.8)
        self.changes = []
        for r, (value, change) in enumerate(zip(shown.values, shown.changes)):
            y = self.ROW_Y[r] - self.CHANGE_BAR_DROP
            box = SurroundingRectangle(VGroup(self.names[r], self.values[r]), color=palette.ANSWER, buff=0.1)
            delta = number(change, places=places, include_sign=True, color=palette.COST).move_to([self.COLUMNS["change"], y, 0])
            bar = value_bar(abs(change) / shown.nudge * self.unit, self.CHANGE_BAR_HEIGHT, palette.COST, self.BAR_X, y)
            self.play(FadeIn(box), run_time=0.4)
            self.play(change_values([self.values[r], self.cost_num], [value + shown.nudge, shown.cost + change]), run_time=1.2)
            self.play(FadeIn(delta), FadeIn(bar, shift=0.3 * RIGHT), run_time=0.8)
            self.play(change_values([self.values[r], self.cost_num], [value, shown.cost]), FadeOut(box), run_time=0.8)
            self.changes.append(delta)

    @beat(lambda self, shown: f"The same nudge moves the cost {shown.change_ratio:.1f} times as much through the "
                              f"first weight, {'close to' if shown.changes_match else 'unlike'} the ratio "
                              f"{shown.ratio:.1f} of the components.")
    def read_the_changes(self, shown):
        self.change_ratio = number(shown.change_ratio, places=1, size=palette.LABEL_SIZE, color=palette.COST)
        verdict = text_row(label("the same nudge changes the cost"), self.change_ratio,
                           label("times as much through the first weight"), buff=0.15)
        verdict.scale_to_fit_width(min(verdict.width, 13.0)).move_to([0, self.VERDICT_Y, 0])
        self.play(FadeIn(verdict), run_time=1.0)
        self.wait(4.0)


class AverageOverExamples(RasterCachedScene):
    """A table at step 0 of the lesson's run: a row per parameter (for each weight layer the weight
    with the largest full-set gradient component, and the output bias with the largest one), a column
    per training example (the first few, each digit on top). Each cell is that example's desired
    change to that parameter: minus its own gradient component (``netcore.examples.desired_changes``).
    Each row's average equals minus the gradient of the mean cost over those examples as
    ``Network.gradient`` computes it; beside it, minus the real gradient over all training images."""

    TITLE = "Averaging what every example wants"

    NAME_X, LAST_X, NAME_WIDTH = -6.3, 6.2, 1.3
    SEPARATOR_GAP, EQUALS_GAP = 0.3, 0.3  # extra room after the examples (a rule) and after the average ("=")
    CELL_SIZE = palette.SMALL_SIZE * 0.92
    IMAGE_TOP, IMAGE_SIDE = 2.6, 0.85
    HEADER_BOTTOM = 1.5  # the extra columns' headers sit on this line
    FIRST_ROW, ROW_HEIGHT = 0.85, 0.68
    NOTE_Y = -2.6
    EXTRA = ("average", "these", "all")  # the columns after the examples

    @storyboard
    def construct(self):
        shown = backprop_data.average_over_examples()
        self.shown = shown
        self.lay_out_the_table(shown)
        self.fill_in_each_example(shown)
        self.average_each_row(shown)
        self.match_the_gradient(shown)
        self.compare_with_all_examples(shown)

    def column(self, key):
        return len(self.shown.labels) + self.EXTRA.index(key)

    def note(self, text):
        """A caption under the table (replacing the previous one)."""
        return caption(text, size=palette.SMALL_SIZE).move_to([0, self.NOTE_Y, 0])

    @beat(lambda self, shown: f"The first {len(shown.labels)} training images as columns, {len(shown.names)} of the "
                              f"network's weights and biases as rows ({shown.state}).")
    def lay_out_the_table(self, shown):
        n = len(shown.labels)
        self.table = ChangeTable(shown.names, n + len(self.EXTRA), self.NAME_X, self.LAST_X, self.NAME_WIDTH,
                                 self.FIRST_ROW, self.ROW_HEIGHT, size=self.CELL_SIZE, places=shown.places,
                                 gaps_after={n - 1: self.SEPARATOR_GAP, n: self.EQUALS_GAP})
        head = title(self.TITLE)
        sub = caption(f"{shown.state}: a row per weight or bias, a column per training "
                      "example").next_to(head, DOWN, aligned_edge=LEFT, buff=0.15)
        self.images = self.table.images(shown.images, shown.labels, self.IMAGE_TOP, self.IMAGE_SIDE)
        self.names = self.table.name_column()
        self.play(Write(head), FadeIn(sub), run_time=1.0)
        self.play(LaggedStart(*[FadeIn(image, shift=0.2 * DOWN) for image in self.images], lag_ratio=0.15),
                  FadeIn(self.names), run_time=1.4)

    @beat("Each cell: the change that example wants for that parameter, minus its own gradient component.")
    def fill_in_each_example(self, shown):
        self.cells = [self.table.column(shown.per_example[e], e) for e in range(len(shown.labels))]
        self.current = self.note("each cell: the change that example wants (minus its own gradient component)")
        self.play(FadeIn(self.current), run_time=0.6)
        self.play(LaggedStart(*[FadeIn(column, shift=0.15 * DOWN) for column in self.cells], lag_ratio=0.35), run_time=2.4)
        self.wait(1.5)

    @beat(lambda self, shown: f"Each row's average over the {len(shown.labels)} examples.")
    def average_each_row(self, shown):
        n, table = len(shown.labels), self.table
        x = table.column_x(n - 1) + (table.spacing + self.SEPARATOR_GAP) / 2
        top, bottom = table.row_y(0) + table.row_height / 2, table.row_y(table.n_rows - 1) - table.row_height / 2
        rule = Line([x, top, 0], [x, bottom, 0], stroke_color=palette.FAINT, stroke_width=2)
        header = table.header(caption("average", size=palette.TINY_SIZE), self.column("average"), self.HEADER_BOTTOM)
        self.averages = table.column(shown.average, self.column("average"))
        rows = [VGroup(*[column[r] for column in self.cells]) for r in range(table.n_rows)]
        self.play(FadeIn(rule), FadeIn(header), run_time=0.6)
        self.play(LaggedStart(*[TransformFromCopy(row, avg) for row, avg in zip(rows, self.averages)], lag_ratio=0.25),
                  run_time=2.2)
        self.wait(1.0)

    def gradient_header(self, over: str, column: int) -> VGroup:
        """The header "−∇C" over ``over`` (which examples the gradient averages) of table column ``column``."""
        header = VGroup(math(r"-\nabla C", size=palette.SMALL_SIZE * 1.2),
                        caption(over, size=palette.TINY_SIZE)).arrange(DOWN, buff=0.08)
        self.table.header(header, column, self.HEADER_BOTTOM)
        return header

    @beat(lambda self, shown: f"The averages equal minus the gradient of the cost over these {len(shown.labels)} "
                              "examples, as netcore computes it.")
    def match_the_gradient(self, shown):
        table, c = self.table, self.column("these")
        header = self.gradient_header(f"these {len(shown.labels)}", c)
        self.minus_gradient = table.column(shown.minus_gradient, c)
        equals = VGroup(*[label("=", size=self.CELL_SIZE, color=palette.DIM_TEXT).move_to([table.between(c - 1), table.row_y(r), 0])
                          for r in range(table.n_rows)])
        note = self.note(f"the averages are minus the gradient of the cost over these {len(shown.labels)} examples")
        self.play(FadeOut(self.current), FadeIn(note), FadeIn(header), FadeIn(equals), FadeIn(self.minus_gradient),
                  run_time=1.2)
        self.current = note
        self.wait(2.0)

    @beat(lambda self, shown: f"The real gradient averages over all {shown.n_train:,} training images; its values "
                              "are in the last column.")
    def compare_with_all_examples(self, shown):
        table, c = self.table, self.column("all")
        header = self.gradient_header(f"all {shown.n_train:,}", c)
        self.minus_full = table.column(shown.minus_full, c)
        note = self.note(f"the real gradient averages over all {shown.n_train:,} training images,\n"
                         f"not just {len(shown.labels)}: that is the last column")
        self.play(FadeOut(self.current), FadeIn(note), FadeIn(header), FadeIn(self.minus_full), run_time=1.2)
        self.play(*[Indicate(VGroup(self.averages[r], self.minus_full[r]), color=palette.COST, scale_factor=1.05)
                    for r in range(table.n_rows)], run_time=1.2)
        self.wait(3.0)


class OneExampleNudges(RasterCachedScene):
    """The first training 2 goes into the replayed run's network at its first snapshot (step 0 of the
    lesson's run: random weights). Its ten real outputs line up in a row, with the outputs we want
    (1 for the 2, 0 for the rest), then each output's wanted change as an arrow whose length and
    direction are netcore's ``example_nudges(...).output.desired`` (-dC/da): the 2 up, the others
    down; under the quadratic cost 2 x (desired - output), so in proportion to the distance."""

    TITLE = "What one example wants from the outputs"

    NETWORK_AT, NETWORK_SIZE = [0.9, -0.45, 0], (7.6, 5.6)
    IMAGE_AT, IMAGE_SIDE = [-5.3, -0.3, 0], 2.2
    COLUMN_X0, COLUMN_STEP = -4.25, 1.17  # the ten outputs in a row
    HEAD_X = -6.25  # the row heads
    DIGIT_Y, NEURON_Y, OUTPUT_Y, DESIRED_Y = 2.3, 1.7, 1.05, 0.55
    BAND = (0.0, -2.55)  # the nudge arrows fill this range of heights (the zero line where the data puts it)
    NUDGE_Y, NOTE_Y = -2.95, -3.5
    NEURON_RADIUS = 0.26

    @storyboard
    def construct(self):
        shown = backprop_data.one_example_nudges()
        self.shown = shown
        self.feed_the_two(shown)
        self.line_up_the_outputs(shown)
        self.say_what_we_want(shown)
        self.nudge_each_output(shown)
        self.point_at_the_biggest(shown)

    def column_x(self, i: int) -> float:
        return self.COLUMN_X0 + self.COLUMN_STEP * i

    def column_box(self, i: int, bottom: float, color) -> Rectangle:
        """A frame around output ``i``'s column, from above its digit down to ``bottom``."""
        top = self.DIGIT_Y + 0.28
        return Rectangle(width=self.COLUMN_STEP * 0.92, height=top - bottom, color=color, stroke_width=2.5).move_to(
            [self.column_x(i), (top + bottom) / 2, 0])

    @beat(lambda self, shown: f"The first training {shown.example.label} goes into the network "
                              f"({shown.example.state}): {first_answer(shown.example)}.")
    def feed_the_two(self, shown):
        ex = shown.example
        self.head = title(self.TITLE)
        self.state = caption(start_words(ex), size=palette.TINY_SIZE).next_to(self.head, DOWN, aligned_edge=LEFT, buff=0.15)
        self.network = NetworkMobject(ex.network, width=self.NETWORK_SIZE[0], height=self.NETWORK_SIZE[1],
                                      shown_inputs=ex.shown_inputs, activation_scale=ex.layer_scales).move_to(self.NETWORK_AT)
        self.image = pixel_digit(ex.image, side=self.IMAGE_SIDE).move_to(self.IMAGE_AT)
        self.image_note = caption(f"training image #{ex.index:,},\nlabelled {ex.label}").next_to(self.image, DOWN, buff=0.25)
        self.play(Write(self.head), FadeIn(self.state), run_time=0.8)
        self.play(FadeIn(self.network), FadeIn(self.image), FadeIn(self.image_note), run_time=0.8)
        self.play(self.network.feed_forward(ex.image), run_time=1.8)
        self.wait(1.5)

    @beat(lambda self, shown: "Its ten outputs in a row: " + ", ".join(f"{v:.2f}" for v in shown.outputs) + ".")
    def line_up_the_outputs(self, shown):
        n = len(shown.outputs)
        self.circles = VGroup(*[self.network.neurons[-1][i].copy() for i in range(n)])
        spots = [[self.column_x(i), self.NEURON_Y, 0] for i in range(n)]
        self.digits = VGroup(*[label(str(i), size=palette.SMALL_SIZE).move_to([self.column_x(i), self.DIGIT_Y, 0])
                               for i in range(n)])
        self.play(FadeOut(VGroup(self.network, self.image_note)),
                  self.image.animate.scale_to_fit_width(1.0).move_to([5.9, 3.25, 0]), run_time=0.6)
        self.add(self.circles)
        self.play(*[c.animate.move_to(s).scale_to_fit_width(2 * self.NEURON_RADIUS) for c, s in zip(self.circles, spots)],
                  FadeIn(self.digits), run_time=1.2)
        self.outs = VGroup(*[number(v, places=3, size=palette.SMALL_SIZE).move_to([self.column_x(i), self.OUTPUT_Y, 0])
                             for i, v in enumerate(shown.outputs)])
        self.heads = VGroup(*[caption(word, size=palette.TINY_SIZE).move_to([self.HEAD_X, y, 0])
                              for word, y in (("digit", self.DIGIT_Y), ("output", self.OUTPUT_Y))])
        self.play(LaggedStart(*[FadeIn(o, shift=0.15 * DOWN) for o in self.outs], lag_ratio=0.06),
                  FadeIn(self.heads), run_time=1.2)
        self.wait(2.0)

    @beat(lambda self, shown: f"What we want instead: 1 for the {shown.example.label}-neuron, 0 for the other nine.")
    def say_what_we_want(self, shown):
        label_ = shown.example.label
        self.wants = VGroup(*[integer(int(v), size=palette.SMALL_SIZE, color=palette.COST if v else palette.TEXT)
                              .move_to([self.column_x(i), self.DESIRED_Y, 0]) for i, v in enumerate(shown.desired)])
        head = caption("desired", size=palette.TINY_SIZE).move_to([self.HEAD_X, self.DESIRED_Y, 0])
        self.play(LaggedStart(*[FadeIn(w) for w in self.wants], lag_ratio=0.05), FadeIn(head), run_time=1.0)
        self.label_box = self.column_box(label_, self.DESIRED_Y - 0.25, palette.ANSWER)
        self.play(Create(self.label_box), run_time=0.6)
        self.wait(1.8)

    @beat(lambda self, shown: f"Each output's wanted change: the {shown.example.label} up, the others down, "
          + ("each twice its distance from the target." if shown.proportional
             else "sized by the cross-entropy cost's slope."))
    def nudge_each_output(self, shown):
        n = len(shown.nudges)
        zero_y, unit = value_band(shown.nudges, *self.BAND)
        anchors = np.array([[self.column_x(i), zero_y, 0] for i in range(n)])
        self.arrows = NudgeArrows(anchors, shown.nudges, unit,
                                  shaft_width=0.07, tip_length=0.22, tip_width=0.17)
        places = places_for(shown.nudges, digits=2, least=2, most=3)
        self.nudge_values = VGroup(*[number(v, places=places, size=palette.SMALL_SIZE, color=palette.sign_color(v),
                                            include_sign=True).move_to([self.column_x(i), self.NUDGE_Y, 0])
                                     for i, v in enumerate(shown.nudges)])
        base = Line([self.column_x(0) - 0.5, zero_y, 0], [self.column_x(n - 1) + 0.5, zero_y, 0],
                    stroke_color=palette.FAINT, stroke_width=2)
        head = caption("wanted\nchange", size=palette.TINY_SIZE).move_to([self.HEAD_X, sum(self.BAND) / 2, 0])
        rule = (math(r"\text{change} = 2\,(\text{desired} - \text{output})", size=palette.SMALL_SIZE * 1.2,
                     color=palette.DIM_TEXT) if shown.proportional else
                math(r"\text{change} = \frac{\text{desired} - \text{output}}{\text{output}\,(1 - \text{output})}",
                     size=palette.SMALL_SIZE * 1.2, color=palette.DIM_TEXT))
        self.rule = rule.move_to([0.6, self.NOTE_Y, 0])
        self.play(Create(base), FadeIn(head), FadeIn(self.rule), run_time=0.7)
        self.play(grow_nudges(self.arrows), run_time=1.6)
        self.play(LaggedStart(*[FadeIn(v) for v in self.nudge_values], lag_ratio=0.05), run_time=1.0)
        self.wait(2.5)

    @beat(lambda self, shown: f"The biggest push is on the {shown.biggest}-neuron (output {shown.outputs[shown.biggest]:.2f}); "
          f"the {shown.example.label}-neuron's is " + ("the biggest." if shown.label_rank == 1 else
                                                       f"number {shown.label_rank} of {len(shown.nudges)}."))
    def point_at_the_biggest(self, shown):
        big, label_ = shown.biggest, shown.example.label
        box = self.column_box(big, self.NUDGE_Y - 0.25, palette.TEXT if big != label_ else palette.ANSWER)
        distance = shown.distances
        if shown.label_rank == 1:
            words = (f"the {label_}-neuron is furthest from its target ({shown.outputs[label_]:.3f} for 1):\n"
                     "it gets the biggest nudge, up")
        else:
            words = (f"the {label_}-neuron already gives {shown.outputs[label_]:.3f}, {abs(distance[label_]):.3f} short of 1: "
                     f"a {'small' if shown.label_rank > len(shown.nudges) // 2 else 'moderate'} nudge up;\n"
                     f"the {big}-neuron gives {shown.outputs[big]:.3f} where we want 0: the biggest nudge, down")
        note = caption(words, size=palette.TINY_SIZE).move_to([0.55, self.NOTE_Y, 0])
        self.play(FadeOut(self.rule), Create(box), FadeIn(note), run_time=0.8)
        self.wait(4.0)


class ThreeAvenues(RasterCachedScene):
    """The 2-neuron and the last hidden layer, for the first training 2 at the run's first snapshot.
    Its activation is sigma(w . a + b); three avenues raise it, each with netcore's real values
    (``netcore.nudges.example_nudges(...).output.neuron(2)``): (1) its bias, whose nudge is its wanted
    change times the sigmoid's slope; (2) its weights, each nudged by that times the previous
    activation (the brightest neurons matter most); (3) the previous activations, each wished to move
    by that times its weight (up for a positive weight, down for a negative one)."""

    TITLE = "Three ways to raise one neuron"

    COLUMN_HEIGHT, COLUMN_Y = 5.0, -0.8
    K_X, A_X, W_X, DW_X, WISH_X = -6.7, -5.95, -5.0, -3.9, -2.75  # the table's columns
    NEURON_X, TARGET_X = -1.55, 1.05
    PANEL_LEFT, PANEL_YS = 2.15, (1.55, -0.3, -1.95)  # the three avenues, listed on the right (top of each)
    FORMULA_AT = [4.3, 2.35, 0]

    @storyboard
    def construct(self):
        shown = backprop_data.three_avenues()
        self.shown = shown
        self.show_the_neuron(shown)
        self.raise_the_bias(shown)
        self.raise_the_weights(shown)
        self.move_the_previous_layer(shown)

    @beat(lambda self, shown: f"The {shown.neuron}-neuron gives {shown.output:.3f} for the training {shown.neuron}; "
                              "it wants to be higher. It is fed by the last hidden layer.")
    def show_the_neuron(self, shown):
        ex = shown.example
        truncated = len(shown.shown) < len(shown.previous)
        self.pair = LayerPair(shown.previous, shown.shown, [shown.output], [shown.neuron], prev_x=self.NEURON_X,
                              next_x=self.TARGET_X, height=self.COLUMN_HEIGHT,
                              ellipsis_after=len(shown.shown) // 2 - 1 if truncated else None,
                              prev_scale=ex.layer_scales[-2], y=self.COLUMN_Y)
        self.pair.show(np.outer(np.ones(shown.neuron + 1), shown.weights), scale_max=np.abs(shown.weights).max())
        rows = self.pair.rows
        n_prev = len(shown.previous)
        what = (f"the last hidden layer: {n_prev} {activation_name(ex.activation)} neurons"
                + (f" (drawn: {shown.shown[0]}-{shown.shown[len(shown.shown) // 2 - 1]} and "
                   f"{shown.shown[len(shown.shown) // 2]}-{shown.shown[-1]})" if truncated else ""))
        head, self.state, self.thumb = example_heading(self.TITLE, f"the training {shown.neuron} {at_words(ex)}; {what}",
                                                       ex.image)
        target = self.pair.next_circles[0]
        self.target_name = label(str(shown.neuron), size=palette.SMALL_SIZE).next_to(target, UP, buff=0.15)
        self.target_value = number(shown.output, places=3, size=palette.SMALL_SIZE).next_to(target, DOWN, buff=0.15)
        self.target_arrow = NudgeArrows([target.get_right() + [0.18, 0, 0]], [shown.nudge], nudge_unit([shown.nudge], 0.7),
                                        shaft_width=0.05, tip_length=0.18, tip_width=0.13)
        self.acts = number_column(shown.previous[shown.shown], rows, self.A_X, places=places_for(shown.previous))
        self.ks = neuron_row_labels(self.pair, shown.shown, self.K_X)
        self.weights = number_column(shown.weights[shown.shown], rows, self.W_X, places=2, signed_colors=True)
        top = rows[0][1] + 0.45
        self.heads = VGroup(*[math(tex, size=palette.SMALL_SIZE * 1.2, color=palette.DIM_TEXT).move_to([x, top, 0])
                              for tex, x in ((r"k", self.K_X), (r"a_k", self.A_X), (rf"w_{{{shown.neuron},k}}", self.W_X))])
        formula = math(rf"a_{{{shown.neuron}}} = \sigma\Big(\sum_k w_{{{shown.neuron},k}}\,a_k + b\Big)",
                       size=palette.SMALL_SIZE * 1.25).move_to(self.FORMULA_AT)
        self.formula = formula
        self.play(Write(head), FadeIn(self.state), FadeIn(self.thumb), run_time=0.8)
        self.play(FadeIn(self.pair), FadeIn(self.ks), FadeIn(self.acts), FadeIn(self.heads[:2]), FadeIn(self.target_name),
                  FadeIn(self.target_value), run_time=1.2)
        self.play(EdgeSweep(self.pair.edges), FadeIn(self.weights), FadeIn(self.heads[2]), FadeIn(formula), run_time=1.2)
        self.play(grow_nudges(self.target_arrow), run_time=0.8)
        self.wait(0.8)

    def avenue(self, number_, words: str, body) -> VGroup:
        """One entry of the list of avenues on the right: its number, what it does, a line of real numbers."""
        head = label(f"{number_}  {words}", size=palette.SMALL_SIZE, color=palette.COST)
        entry = VGroup(head, body).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        return entry.move_to([self.PANEL_LEFT, self.PANEL_YS[number_ - 1], 0], aligned_edge=UP + LEFT)

    @beat(lambda self, shown: f"First avenue: raise its bias b = {shown.bias:.2f}. This example asks for "
                              f"{shown.bias_nudge:+.4f} = its wanted change times the sigmoid's slope.")
    def raise_the_bias(self, shown):
        places = places_for([shown.bias_nudge], digits=2, least=3)
        body = VGroup(caption(f"b = {decimal_text(shown.bias, 2)}; this example asks for", size=palette.TINY_SIZE),
                      VGroup(number(shown.nudge, places=3, size=palette.TINY_SIZE, include_sign=True),
                             label("\u00d7", size=palette.TINY_SIZE), number(shown.slope, places=3, size=palette.TINY_SIZE),
                             label("=", size=palette.TINY_SIZE),
                             number(shown.bias_nudge, places=places, size=palette.SMALL_SIZE, include_sign=True,
                                    color=palette.sign_color(shown.bias_nudge))).arrange(RIGHT, buff=0.1),
                      caption("(wanted change \u00d7 slope of \u03c3 here)", size=palette.TINY_SIZE)
                      ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        self.bias_numbers = body[1]
        self.first = self.avenue(1, "increase the bias", body)
        self.play(FadeIn(self.first, shift=0.2 * LEFT), run_time=0.8)
        self.play(Indicate(self.target_value, color=palette.ANSWER), run_time=0.8)
        self.wait(2.4)

    @beat(lambda self, shown: f"Second avenue: the weights, each nudged by {shown.bias_nudge:+.4f} times its neuron's "
                              f"activation: the brightest ({shown.brightest}, a = {shown.previous[shown.brightest]:.2f}) most.")
    def raise_the_weights(self, shown):
        places = places_for(shown.weight_nudges[shown.shown])
        self.weight_changes = number_column(shown.weight_nudges[shown.shown], self.pair.rows, self.DW_X, places=places,
                                            include_sign=True, signed_colors=True)
        head = math(rf"\Delta w_{{{shown.neuron},k}}", size=palette.SMALL_SIZE * 1.2, color=palette.DIM_TEXT).move_to(
            [self.DW_X, self.heads[0].get_y(), 0])
        body = caption(f"\u0394w = {shown.bias_nudge:+.{places_for([shown.bias_nudge], least=3)}f} \u00d7 a_k:\n"
                       "the brightest neurons' weights\nchange most", size=palette.TINY_SIZE, align=LEFT)
        self.second = self.avenue(2, "increase the weights", body)
        row = self.pair.row_of(shown.brightest)
        self.play(FadeIn(self.second, shift=0.2 * LEFT), FadeIn(head), run_time=0.8)
        self.pair.show(np.outer(np.ones(shown.neuron + 1), shown.weight_nudges))
        self.play(EdgeSweep(self.pair.edges), LaggedStart(*[FadeIn(v) for v in self.weight_changes], lag_ratio=0.04),
                  run_time=1.4)
        if row is not None:
            ring = SurroundingRectangle(VGroup(self.acts[row], self.weight_changes[row]), color=palette.ANSWER, buff=0.06,
                                        stroke_width=2)
            self.play(Create(ring), run_time=0.6)
        self.wait(2.6)

    @beat(lambda self, shown: f"Third avenue: change the last hidden layer, each by {shown.bias_nudge:+.4f} times its weight: "
                              f"{shown.n_raised} up, {shown.n_lowered} down.")
    def move_the_previous_layer(self, shown):
        wishes = shown.wishes[shown.shown]
        places = places_for(wishes)
        self.wish_values = number_column(wishes, self.pair.rows, self.WISH_X, places=places, include_sign=True,
                                         signed_colors=True)
        head = math(r"\Delta a_k", size=palette.SMALL_SIZE * 1.2, color=palette.DIM_TEXT).move_to(
            [self.WISH_X, self.heads[0].get_y(), 0])
        lane = self.pair.rows + [-self.pair.radius - 0.17, 0, 0]
        length = 1.6 * self.pair.spacing
        unit = nudge_unit(shown.wishes, length)
        self.wish_arrows = NudgeArrows(lane - np.outer(wishes * unit / 2, UP), wishes, unit, shaft_width=0.025,
                                       tip_length=0.1, tip_width=0.07)
        body = caption(f"of the last hidden layer:\n\u0394a = {shown.bias_nudge:+.{places_for([shown.bias_nudge], least=3)}f} \u00d7 w_k:\n"
                       f"{shown.n_raised} up (w > 0), {shown.n_lowered} down (w < 0),\nthe largest weights most",
                       size=palette.TINY_SIZE, align=LEFT)
        self.third = self.avenue(3, "change the activations", body)
        self.play(FadeIn(self.third, shift=0.2 * LEFT), FadeIn(head), run_time=0.8)
        self.play(grow_nudges(self.wish_arrows), LaggedStart(*[FadeIn(v) for v in self.wish_values], lag_ratio=0.04),
                  run_time=1.4)
        self.wait(4.5)


class FireTogetherWireTogether(RasterCachedScene):
    """Every weight change of the last layer that the first training 2 asks for at the run's first
    snapshot (netcore: the output's bias nudge x the previous activation), then only the increases:
    the largest few (computed) all join the most active last-hidden neurons to the neuron that should
    be more active (the overlap is measured, and the words follow it)."""

    TITLE = "Fire together, wire together"

    COLUMN_HEIGHT, COLUMN_Y = 4.8, -0.62  # the columns end clear of the note under them
    NOTE_Y = -3.55
    K_X, A_X, NEURON_X = -6.6, -5.7, -4.6
    OUTPUT_X = 0.0
    PANEL_LEFT, PANEL_TOP = 2.5, 2.1

    @storyboard
    def construct(self):
        shown = backprop_data.fire_together_wire_together()
        self.shown = shown
        self.show_both_layers(shown)
        self.every_weight_change(shown)
        self.keep_the_increases(shown)
        self.fire_together(shown)

    @beat(lambda self, shown: f"The training {shown.example.label} in the network ({shown.example.state}): the last "
                              "hidden layer's activations, and what each output wants.")
    def show_both_layers(self, shown):
        ex = shown.example
        n_out = len(shown.output_nudges)
        self.pair = LayerPair(shown.previous, shown.shown, ex.activations[-1], np.arange(n_out), prev_x=self.NEURON_X,
                              next_x=self.OUTPUT_X, height=self.COLUMN_HEIGHT, prev_scale=ex.layer_scales[-2],
                              max_spacing=0.5, next_spacing=0.5, max_edge_width=4.5, y=self.COLUMN_Y)
        n_prev = len(shown.previous)
        drawn = ("all of them" if len(shown.shown) == n_prev else f"the {len(shown.shown)} most active")
        head, self.state, thumb = example_heading(self.TITLE, f"the training {ex.label} {at_words(ex)}; the last hidden "
                                                  f"layer: {n_prev} {activation_name(ex.activation)} neurons, drawn: "
                                                  f"{drawn}", ex.image)
        rows = self.pair.rows
        self.ks = neuron_row_labels(self.pair, shown.shown, self.K_X)
        self.acts = number_column(shown.previous[shown.shown], rows, self.A_X, places=places_for(shown.previous))
        top = max(rows[0][1], self.pair.next_rows[0][1]) + 0.42
        heads = VGroup(*[math(tex, size=palette.SMALL_SIZE * 1.2, color=palette.DIM_TEXT).move_to([x, top, 0])
                         for tex, x in ((r"k", self.K_X), (r"a_k", self.A_X))])
        outs = self.pair.next_circles
        self.digits = VGroup(*[label(str(j), size=palette.TINY_SIZE).next_to(c, RIGHT, buff=0.12) for j, c in enumerate(outs)])
        anchors = np.array([[d.get_right()[0] + 0.22, c.get_y(), 0] for d, c in zip(self.digits, outs)])
        unit = nudge_unit(shown.output_nudges, 0.8 * self.pair.next_spacing)
        self.arrows = NudgeArrows(anchors - np.outer(shown.output_nudges * unit / 2, UP), shown.output_nudges, unit,
                                  shaft_width=0.03, tip_length=0.1, tip_width=0.08)
        self.nudge_values = nudge_numbers(anchors + [0.12, 0, 0], shown.output_nudges,
                                          places=places_for(shown.output_nudges, least=2, most=3))
        out_head = caption("wanted change", size=palette.TINY_SIZE).move_to(
            [self.nudge_values.get_center()[0], top, 0])
        self.play(Write(head), FadeIn(self.state), FadeIn(thumb), run_time=0.8)
        self.play(FadeIn(VGroup(self.pair.prev_circles, self.pair.next_circles, self.pair.ellipsis)), FadeIn(self.ks),
                  FadeIn(self.acts), FadeIn(heads), FadeIn(self.digits), run_time=1.2)
        self.play(grow_nudges(self.arrows), FadeIn(self.nudge_values), FadeIn(out_head), run_time=1.2)
        self.wait(1.0)

    @beat("Every last-layer weight's change for this example: the output's nudge times the previous activation.")
    def every_weight_change(self, shown):
        self.pair.show(shown.changes)
        self.add(self.pair.edges)
        self.bring_to_back(self.pair.edges)
        biggest = float(np.max(np.abs(shown.changes)))
        text = ("each weight's change = (the output's bias nudge) \u00d7 (the previous activation):\n"
                f"blue up, red down, thick = large (the largest: {biggest:.{places_for([biggest])}f})")
        self.note = caption(text, size=palette.TINY_SIZE).move_to([0.0, self.NOTE_Y, 0])
        self.play(EdgeSweep(self.pair.edges), FadeIn(self.note), run_time=1.4)
        self.wait(2.3)

    @beat(lambda self, shown: f"Only the increases: the {shown.top} largest, from "
                              + ", ".join(f"{k}" for k in shown.top_pairs[:, 1]) + f" to the {shown.example.label}-neuron.")
    def keep_the_increases(self, shown):
        increases = np.where(shown.changes > 0, shown.changes, 0.0)
        self.play(FadeOut(self.note), run_time=0.4)  # its words describe the decreases too: gone before they are
        self.pair.show(increases)
        self.pair.hide(shown.changes > 0)
        self.links = self.pair.links([tuple(p) for p in shown.top_pairs], stroke_width=3.5)
        rows = VGroup()
        places = places_for(shown.top_values, least=3)
        for (j, k), v in zip(shown.top_pairs, shown.top_values):
            rows.add(VGroup(label(f"{k} \u2192 {j}:", size=palette.TINY_SIZE),
                            number(v, places=places, size=palette.TINY_SIZE, include_sign=True, color=palette.NUDGE_UP),
                            label(f"(a = {shown.previous[k]:.2f})", size=palette.TINY_SIZE, color=palette.DIM_TEXT)
                            ).arrange(RIGHT, buff=0.12))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.14)
        self.ranking = VGroup(caption(f"the {shown.top} largest increases", size=palette.SMALL_SIZE, color=palette.COST),
                              rows).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        self.ranking.move_to([self.PANEL_LEFT, self.PANEL_TOP, 0], aligned_edge=UP + LEFT)
        new_note = caption("only the increases (thick = large): the largest ones in yellow", size=palette.TINY_SIZE
                           ).move_to(self.note)
        self.note = new_note
        self.play(FadeIn(self.note), Create(self.links), FadeIn(self.ranking), run_time=1.2)
        self.wait(1.8)

    @beat(lambda self, shown: f"{shown.overlap} of the {shown.top} largest increases come from the {shown.top} most "
                              f"active neurons and go to the neuron that should be more active.")
    def fire_together(self, shown):
        rings = VGroup()
        for k in shown.brightest:
            row = self.pair.row_of(int(k))
            if row is not None:
                rings.add(Circle(radius=self.pair.radius * 1.6, color=palette.ANSWER, stroke_width=2.5)
                          .move_to(self.pair.rows[row]))
        target_ring = VGroup(*[Circle(radius=self.pair.radius * 1.6, color=palette.ANSWER, stroke_width=2.5)
                               .move_to(self.pair.next_rows[j]) for j in sorted(set(shown.top_pairs[:, 0].tolist()))])
        if shown.overlap == shown.top:
            words = f"the {shown.top} largest increases all\ncome from the {shown.top} most active\nneurons (ringed)"
        else:
            words = f"{shown.overlap} of the {shown.top} largest increases\ncome from the {shown.top} most active\nneurons (ringed)"
        words += (", and go to the\nneuron we want more active:\nfire together, wire together" if shown.to_raised == shown.top
                  else f";\n{shown.to_raised} go to a neuron we want\nmore active")
        verdict = caption(words, size=palette.TINY_SIZE, align=LEFT).next_to(self.ranking, DOWN, buff=0.4,
                                                                             aligned_edge=LEFT)
        j, k = shown.top_decrease
        if shown.decrease_from_brightest and shown.output_nudges[j] < 0:
            aside = caption(f"(the largest decrease, {k} \u2192 {j}, also\nstarts at a bright neuron: it goes\n"
                            "to an output we want dimmer)", size=palette.TINY_SIZE, align=LEFT)
            verdict = VGroup(verdict, aside.next_to(verdict, DOWN, buff=0.3, aligned_edge=LEFT))
        self.verdict = verdict
        self.play(Create(rings), Create(target_ring), run_time=0.8)
        self.play(FadeIn(verdict), run_time=0.8)
        self.wait(4.0)


class PropagateBackward(RasterCachedScene):
    """One real training 2 in the untrained network (the trace's first snapshot): what it wants.

    Each output neuron's desired nudge is an arrow (length and direction = netcore's ``-dC/da``);
    the 2-neuron's wishes for the last hidden layer travel back along its edges (colour = sign, width
    = size), then every other output's; all ten are stacked tip to tail into one list of nudges for the
    last hidden layer, whose numbers are netcore's ``previous_desired``; then the same step repeats
    layer by layer back to the first hidden layer, the largest nudges ringed. Every value from
    ``backprop_backward_data.propagate_backward()``; each layer's arrows are drawn to their own scale.
    """

    TITLE = "Nudges propagating backward"
    NET_WIDTH, NET_HEIGHT, NET_CENTER = 8.0, 5.5, np.array([-0.55, -0.2, 0.0])
    IMAGE_SIDE, IMAGE_AT = 1.25, np.array([-6.0, 1.9, 0.0])
    OUTPUT_VALUES_X = 0.62  # right of an output neuron's centre: its activation (left edge)
    OUTPUT_ARROW_X = 1.35  # right of an output neuron's centre: its nudge arrow
    HIDDEN_ARROW_X = 0.16  # right of a hidden neuron's edge: its arrow's middle
    ARROW_FILL = 0.9  # a column's largest arrow fills this much of its row (arrows centred on their neuron)
    ARROW_SHAPE = dict(shaft_width=0.035, tip_length=0.12, tip_width=0.09)
    STACK_SPREAD, STACK_LENGTH = 0.45, 0.6  # spread: fraction of the gap to the next layer
    SUM_NUMBERS_X = 0.62  # right of a hidden neuron's edge: the summed nudge
    DIM = 0.22  # the network's own edges while nudges are shown

    @storyboard
    def construct(self):
        shown = backprop_data.propagate_backward()
        self.shown = shown
        self.feed_the_two(shown)
        self.nudge_each_output(shown)
        self.two_neuron_wishes(shown)
        self.every_output_wishes(shown)
        self.add_up_the_wishes(shown)
        self.step_back_through_the_layers(shown)
        self.the_whole_way_back(shown)

    # --- helpers ----------------------------------------------------------------------------------
    @staticmethod
    def stage_note(shown) -> str:
        if not shown.state.startswith("the imported"):
            stage = "not yet trained" if shown.step == 0 else f"after {shown.step:,} training steps"
            return f"a real {shown.label} into the network at step {shown.step:,} ({stage})"
        return f"a real {shown.label} into {shown.state}"

    @staticmethod
    def output_note(shown) -> str:
        if shown.proportional:
            how = "each nudge is 2 \u00d7 (target \u2212 output): in proportion to how far it is from its target"
        else:
            how = "nudge = (target \u2212 output) \u00f7 (output(1 \u2212 output)): the farther off, the larger"
        where = f"{shown.label} up, the others down" if shown.signs_right else "each towards its target"
        cost = "" if shown.proportional else " (cross-entropy)"
        return f"desired nudges{cost}: {where}\n{how}"

    @staticmethod
    def wish_note(shown) -> str:
        scale = (f"\n(its own nudge is small, so these arrows are drawn {shown.label_magnified:.0f}\u00d7 larger "
                 "than the next ones)") if shown.label_magnified >= 2 else ""
        return (f"the {shown.label}-neuron's wishes: weight \u00d7 its nudge \u00d7 its slope;"
                f" blue: brighter, red: dimmer{scale}")

    @staticmethod
    def others_note(shown) -> str:
        want = ("each wants to go down, so it asks for the opposite of its weights" if shown.signs_right
                else "each asks in proportion to its weights and its own nudge")
        return f"the other outputs in turn, all drawn to one scale:\n{want}"

    @staticmethod
    def sum_note(shown) -> str:
        n = shown.sizes[-2]
        drawn = "" if n <= 16 else f" (16 of its {n} neurons drawn)"
        return f"added up: one list of nudges for the last hidden layer{drawn}"

    @staticmethod
    def earlier_note(shown) -> str:
        if shown.n_layers <= 3:
            return "one hidden layer: these nudges have already reached the first hidden layer"
        act = activation_name(shown.activation)
        L = shown.n_layers - 1
        dead = sum(shown.dead[1:L])
        tail = (f"\n{act}: a neuron that is off passes nothing back ({dead} of them here)" if shown.activation == "relu"
                else "\neach layer's arrows drawn to its own scale")
        return f"the same step, one layer back: nudge \u00d7 {act} slope \u00d7 weights, summed{tail}"

    @staticmethod
    def whole_note(shown) -> str:
        first = "the first hidden layer" if shown.n_layers > 3 else "the hidden layer"
        return f"one example's nudges, carried from the outputs back to {first}"

    def say(self, text: str, run_time: float = 0.5):
        """Replace the caption at the bottom."""
        new = caption(text).to_edge(DOWN, buff=0.22)
        old = getattr(self, "note", None)
        self.note = new
        self.play(*([FadeOut(old)] if old is not None else []), FadeIn(new), run_time=run_time)

    def anchors(self, layer: int, dx: float) -> np.ndarray:
        return self.net.positions[layer] + [self.net.neuron_radius + dx, 0, 0]

    def column_arrows(self, anchors, layer: int, values) -> NudgeArrows:
        """Arrows centred beside ``layer``'s drawn neurons, the largest ``ARROW_FILL`` of a row: each stays
        in its own neuron's row."""
        length = self.ARROW_FILL * row_pitch(self.net.positions[layer])
        return NudgeArrows(anchors, values, nudge_unit(values, length), centred=True, **self.ARROW_SHAPE)

    def rings(self, layer: int, top, values) -> VGroup:
        """Rings around the drawn neurons ``top`` of ``layer``, coloured by their nudge's sign."""
        r = self.net.neuron_radius
        return VGroup(*[Circle(radius=r * 1.55, stroke_width=3.5, stroke_color=palette.sign_color(values[i]))
                        .move_to(self.net.positions[layer][i]) for i in top])

    # --- beats ------------------------------------------------------------------------------------
    @beat(lambda self, shown: f"A real training {shown.label} goes into the network {at_words(shown)}: "
                              f"its ten outputs light up.")
    def feed_the_two(self, shown):
        self.play(Write(title(self.TITLE)), run_time=0.7)
        image = pixel_digit(shown.image, side=self.IMAGE_SIDE).move_to(self.IMAGE_AT)
        frame = SurroundingRectangle(image, color=palette.FAINT, buff=0.03, stroke_width=1.5)
        name = caption(f"training image\n#{shown.index + 1:,}, label {shown.label}", size=palette.TINY_SIZE)
        name.next_to(image, DOWN, buff=0.12)
        self.net = NetworkMobject(shown.network, width=self.NET_WIDTH, height=self.NET_HEIGHT,
                                  activation_scale=shown.layer_scales).shift(self.NET_CENTER)
        self.net.refresh_geometry()
        self.play(FadeIn(image), Create(frame), FadeIn(name), FadeIn(self.net.neurons), FadeIn(self.net.ellipses),
                  FadeIn(self.net.braces), FadeIn(self.net.output_labels), fade_in_strokes(self.net.edges),
                  run_time=1.2)
        self.say(self.stage_note(shown))
        self.play(self.net.feed_forward(shown.image, sweep_time=0.5, fill_time=0.3))
        out = shown.activations[-1]
        self.output_values = VGroup(*[number(out[i], places=2, size=palette.TINY_SIZE)
                                      for i, p in zip(self.net.shown[-1], self.net.positions[-1])])
        for n, p in zip(self.output_values, self.net.positions[-1]):
            n.move_to(p + [self.OUTPUT_VALUES_X + n.width / 2, 0, 0])
        head = caption("output", size=palette.TINY_SIZE).next_to(self.output_values, UP, buff=0.22)
        head.align_to(self.output_values, RIGHT)
        self.play(FadeIn(self.output_values), FadeIn(head), run_time=0.6)
        self.wait(1.0)

    @beat(lambda self, shown: f"What this one example wants: the {shown.label} up, every other output down, "
                              "each by how far it is from its target.")
    def nudge_each_output(self, shown):
        L = shown.n_layers - 1
        box = self.net.answer_box(shown.label)
        values = shown.desired[L][self.net.shown[-1]]
        self.output_arrows = self.column_arrows(self.net.positions[-1] + [self.OUTPUT_ARROW_X, 0, 0], L, values)
        self.output_nudges = nudge_numbers(self.net.positions[-1] + [self.OUTPUT_ARROW_X + 0.14, 0, 0], values)
        head = caption("nudge", size=palette.TINY_SIZE).next_to(self.output_nudges, UP, buff=0.22)
        head.align_to(self.output_nudges, LEFT)
        self.play(Create(box), run_time=0.5)
        self.say(self.output_note(shown))
        self.play(grow_nudges(self.output_arrows), FadeIn(head), run_time=1.2)
        self.play(FadeIn(self.output_nudges), run_time=0.6)
        self.wait(2.0)

    @beat(lambda self, shown: f"The {shown.label}-neuron asks each last hidden neuron to change in proportion "
                              "to the weight joining them.")
    def two_neuron_wishes(self, shown):
        L = shown.n_layers - 1
        wishes = shown.wishes[L]
        self.play(scale_stroke_opacity(self.net.edges, self.DIM), run_time=0.6)
        self.wish = wish_edges(self.net, L - 1, wishes, j=shown.label)
        values = wishes[shown.label][self.net.shown[L - 1]]
        self.label_arrows = self.column_arrows(self.anchors(L - 1, self.HIDDEN_ARROW_X), L - 1, values)
        self.say(self.wish_note(shown))
        self.play(EdgeSweep(self.wish, run_time=1.0, width=0.4))
        self.play(fade_in_strokes(self.wish), grow_nudges(self.label_arrows), run_time=1.0)
        self.wait(2.5)

    @beat(lambda self, shown: "Every other output neuron in turn: each wants to go down, so it asks for the opposite "
                              "of its weights." if shown.signs_right else "Every other output neuron's wishes in turn.")
    def every_output_wishes(self, shown):
        L = shown.n_layers - 1
        wishes = shown.wishes[L]
        top = float(np.abs(wishes).max())
        order = [j for j in range(len(wishes)) if j != shown.label] + [shown.label]
        unit = nudge_unit(wishes, self.ARROW_FILL * row_pitch(self.net.positions[L - 1]))
        shown_k = self.net.shown[L - 1]
        self.say(self.others_note(shown))

        def on_state(s):
            j = order[min(int(s), len(order) - 1)]
            retarget_wishes(self.wish, self.net, L - 1, wishes, j, top)
            self.label_arrows.set_values(wishes[j][shown_k], unit)
            self.cycle_box.move_to(self.net.neurons[-1][int(np.flatnonzero(self.net.shown[-1] == j)[0])])

        self.cycle_box = SurroundingRectangle(self.net.neurons[-1][0], color=palette.TEXT, buff=0.06, stroke_width=3)
        self.add(self.cycle_box)
        self.play(Replay(VGroup(self.wish, self.label_arrows, self.cycle_box), len(order) + 1, on_state,
                         run_time=0.55 * len(order)))
        self.remove(self.cycle_box)
        self.wait(0.3)

    @beat(lambda self, shown: f"All {shown.sizes[-1]} outputs' wishes, stacked tip to tail, add up to one list "
                              "of nudges for the last hidden layer.")
    def add_up_the_wishes(self, shown):
        L = shown.n_layers - 1
        wishes = shown.wishes[L][:, self.net.shown[L - 1]]
        gap = self.net.positions[L][0][0] - self.net.positions[L - 1][0][0]
        stacks = WishStacks(self.anchors(L - 1, self.HIDDEN_ARROW_X), wishes, 1.0, spread=self.STACK_SPREAD * gap,
                            stroke_width=2.5)
        extent = max(np.abs(stacks._start1 + stacks.wishes).max(), np.abs(stacks._start1).max(),
                     np.abs(stacks.wishes).max())
        stacks.unit = self.STACK_LENGTH / extent if extent > 0 else 1.0
        stacks.set_alpha(0.0)
        self.say(f"all {shown.sizes[-1]} wishes for each hidden neuron side by side, then added tip to tail")
        self.play(FadeOut(self.label_arrows), scale_stroke_opacity(self.wish, 0.0), FadeIn(stacks), run_time=0.8)
        self.remove(self.wish)
        self.wait(0.8)
        self.play(stack_wishes(stacks), run_time=1.8)
        self.wait(0.6)
        self.sum_arrows = NudgeArrows(stacks.anchors, stacks.sums, stacks.unit)
        self.sum_numbers = nudge_numbers(self.anchors(L - 1, self.SUM_NUMBERS_X), stacks.sums)
        self.say(self.sum_note(shown))
        self.play(FadeOut(stacks), FadeIn(self.sum_arrows), FadeIn(self.sum_numbers), run_time=0.8)
        self.wait(2.5)
        self.layer_arrows = {L - 1: self.sum_arrows}

    @beat(lambda self, shown: "The same step one layer back: each hidden neuron's nudge, through its slope and "
                              "weights, becomes wishes for the layer before." if shown.n_layers > 3 else
                              "With one hidden layer, these nudges have already reached the first hidden layer.")
    def step_back_through_the_layers(self, shown):
        L = shown.n_layers - 1
        settled = self.column_arrows(self.anchors(L - 1, self.HIDDEN_ARROW_X), L - 1, self.sum_arrows.values)
        self.play(FadeOut(self.sum_numbers), ReplacementTransform(self.sum_arrows, settled), run_time=0.6)
        self.layer_arrows[L - 1] = settled
        self.wishes_drawn = {}
        self.say(self.earlier_note(shown))
        for l in range(L - 1, 1, -1):  # wishes of layer l for layer l - 1, down to the first hidden layer
            edges = wish_edges(self.net, l - 1, shown.wishes[l])
            self.wishes_drawn[l] = edges
            values = shown.desired[l - 1][self.net.shown[l - 1]]
            arrows = self.column_arrows(self.anchors(l - 1, self.HIDDEN_ARROW_X), l - 1, values)
            self.layer_arrows[l - 1] = arrows
            self.play(EdgeSweep(edges, run_time=1.0, width=0.4))
            self.play(fade_in_strokes(edges), grow_nudges(arrows), run_time=1.0)
            self.wait(1.2)
        self.wait(1.0)

    @beat(lambda self, shown: "Once more, the whole way back: the largest nudges are ringed, the edges carrying "
                              "the largest wishes are thickest.")
    def the_whole_way_back(self, shown):
        L = shown.n_layers - 1
        rings = VGroup()
        for l in range(L, 0, -1):
            values = shown.desired[l][self.net.shown[l]]
            rings.add(self.rings(l, shown.top_shown[l], values))
        self.rings_drawn = rings
        self.say(self.whole_note(shown))
        last = wish_edges(self.net, L - 1, shown.wishes[L])
        self.wishes_drawn[L] = last
        sweeps = [EdgeSweep(self.wishes_drawn[l], run_time=0.8, width=0.4) for l in range(L, 1, -1)]
        self.play(Succession(*sweeps))
        self.play(fade_in_strokes(last), *[Create(r) for r in rings], run_time=1.2)
        self.wait(4.0)


# --- MiniBatches ------------------------------------------------------------------------------------
class MiniBatches(RasterCachedScene):
    """The training images, shuffled and cut into mini-batches of the run's real batch size: the first
    mini-batches of the replayed run's first epoch (netcore ``trace_minibatches``: the same images in the
    same batches), then one step per mini-batch with each step's real mini-batch cost and the true full
    training cost falling (from the trace). A full-batch trace has no mini-batches: the scene then
    shows its SGD partner's (``sgd-walk``) and says so."""

    TITLE = "Mini-batches: shuffle, cut, one step each"

    THUMB = 0.52  # thumbnail side
    PER_ROW = 10  # thumbnails drawn per mini-batch row (a larger batch shows its first ones and a count)
    GRID_TOP = 2.2
    PLOT_AT, PLOT_SIZE = (-6.0, -3.05), (7.2, 2.2)  # lower-left corner and size of the cost plot
    STEP_SECONDS = 0.7

    @storyboard
    def construct(self):
        shown = backprop_data.mini_batches()
        self.shown = shown
        self.the_training_images(shown)
        self.shuffle_them(shown)
        self.cut_into_mini_batches(shown)
        self.one_step_per_batch(shown)
        self.the_whole_epoch(shown)

    def thumbs(self, images, top: float, rows: int) -> VGroup:
        """``images`` (rows * cols) as thumbnails in ``rows`` rows under ``top``, centred."""
        cols = len(images) // rows
        group = VGroup(*[thumbnail(im, side=self.THUMB) for im in images])
        group.arrange_in_grid(rows, cols, buff=0.1)
        return group.move_to([0.0, top - group.height / 2, 0])

    @beat(lambda self, shown: f"The {shown.n_train:,} training images, in the order they are stored.")
    def the_training_images(self, shown):
        self.head = title(self.TITLE)
        rows = len(shown.first_images) // self.PER_ROW
        self.stored = self.thumbs(shown.first_images[:rows * self.PER_ROW], self.GRID_TOP, rows)
        self.note = caption(f"the first {rows * self.PER_ROW} of {shown.n_train:,} training images, as stored")
        self.note.next_to(self.stored, DOWN, buff=0.25)
        # the images fade in after the title (a frame with dozens of fading pictures is slow to draw)
        self.play(Write(self.head), run_time=0.9)
        self.play(FadeIn(self.stored), FadeIn(self.note), run_time=0.7)
        self.wait(1.2)

    @beat("Shuffled: the run draws its images in a random order, a new one every pass.")
    def shuffle_them(self, shown):
        b = min(shown.batch_size, self.PER_ROW)
        images = shown.images[:, :b].reshape(-1, 784)
        self.batch_rows = self.thumbs(images, self.GRID_TOP, len(shown.batches))
        note = caption("shuffled: the order the run drew them in its first pass (seeded, recorded)")
        note.move_to(self.note)
        # out, then in: never both sets of pictures fading in the same frame (speed)
        self.play(FadeOut(self.stored, shift=0.3 * DOWN), FadeOut(self.note), run_time=0.5)
        self.play(FadeIn(self.batch_rows, shift=0.3 * DOWN), FadeIn(note), run_time=0.6)
        self.note = note
        if shown.run != "lesson":
            self.add_partner_note(shown)
        self.wait(1.5)

    def add_partner_note(self, shown):
        text = caption("the replayed run is full-batch: it has no mini-batches;\n"
                       f"these are its SGD partner's (batch {shown.batch_size}, same start)", size=palette.TINY_SIZE,
                       align=LEFT).next_to(self.head, DOWN, aligned_edge=LEFT, buff=0.12)
        self.play(FadeIn(text), run_time=0.6)

    @beat(lambda self, shown: f"Cut into mini-batches of {shown.batch_size}: {shown.n_batches:,} of them per pass.")
    def cut_into_mini_batches(self, shown):
        b = min(shown.batch_size, self.PER_ROW)
        self.boxes, names = VGroup(), VGroup()
        for k in range(len(shown.batches)):
            row = self.batch_rows[k * b:(k + 1) * b]
            box = SurroundingRectangle(row, color=palette.DIM_TEXT, buff=0.05, stroke_width=1.5)
            self.boxes.add(box)
            more = f" (first {b} shown)" if shown.batch_size > b else ""
            names.add(caption(f"mini-batch {k + 1}{more}", size=palette.TINY_SIZE).next_to(box, LEFT, buff=0.15))
        self.names = names
        note = caption(f"{shown.n_train:,} images in mini-batches of {shown.batch_size}: "
                       f"{shown.n_batches:,} mini-batches, one step each")
        note.move_to(self.note)
        self.play(Create(self.boxes), FadeIn(names), FadeOut(self.note), FadeIn(note), run_time=1.2)
        self.note = note
        self.wait(2.0)

    def cost_plot(self, shown):
        """Axes for the epoch's steps and costs, the true-cost line and the step-cost dots (unshown)."""
        top = float(max(shown.step_costs.max(), shown.snapshot_costs.max())) * 1.05
        axes = PlotAxes((0, len(shown.step_costs)), (0, top), width=self.PLOT_SIZE[0], height=self.PLOT_SIZE[1],
                        most_ticks=5)
        axes.shift([self.PLOT_AT[0], self.PLOT_AT[1], 0] - axes.x_axis.get_start())
        names = VGroup(caption("step", size=palette.TINY_SIZE).next_to(axes.x_numbers, DOWN, buff=0.08),
                       caption("cost", size=palette.TINY_SIZE).next_to(axes.y_axis, UP, buff=0.1))
        return axes, names, top

    @beat(lambda self, shown: "One step per mini-batch: each step's cost is that batch's own cost, "
                              f"first {shown.step_costs[0]:.3f}.")
    def one_step_per_batch(self, shown):
        self.remove(self.note)
        axes, names, top = self.cost_plot(shown)
        self.axes = axes
        self.step_dots = VMobject(stroke_color=SGD_COLOR, stroke_width=2.5)
        self.step_dots.points = np.zeros((0, 3))
        step = FastNumber(0, places=0, widest=len(shown.step_costs))
        cost = FastNumber(float(shown.step_costs[0]), places=3, widest=top)
        self.panel = VGroup(readout("step", step), readout("mini-batch cost", cost, color=SGD_COLOR))
        self.panel.arrange(DOWN, aligned_edge=LEFT, buff=0.15).next_to(axes, RIGHT, buff=0.9).align_to(axes, UP)
        self.readouts = {"step": step, "cost": cost}
        self.play(FadeIn(axes), FadeIn(names), FadeIn(self.panel), run_time=1.0)
        self.shown_steps = []
        for k in range(len(shown.batches)):
            marker = SurroundingRectangle(self.boxes[k], color=SGD_COLOR, buff=0.02, stroke_width=4)
            self.play(Create(marker), run_time=self.STEP_SECONDS * 0.5)
            self.show_steps(shown, k + 1)
            self.play(FadeOut(marker), run_time=self.STEP_SECONDS * 0.5)

    def show_steps(self, shown, n: int):
        """Steps ``1..n`` drawn as short ticks at their mini-batch costs; readouts at step ``n``."""
        pts = self.axes.to_scene(np.arange(1, n + 1) - 0.5, shown.step_costs[:n])
        half = np.array([0.0, 0.04, 0.0])
        from scenes.kit.geometry import line_points

        self.step_dots.points = line_points(pts - half, pts + half)
        self.readouts["step"].set_value(n)
        self.readouts["cost"].set_value(float(shown.step_costs[n - 1]))
        self.shown_steps.append(n)

    @beat(lambda self, shown: f"The whole pass, {shown.n_batches:,} steps: the batch costs jump around while the true "
                              f"cost falls from {shown.snapshot_costs[0]:.3f} to {shown.snapshot_costs[-1]:.3f}.")
    def the_whole_epoch(self, shown):
        if self.step_dots not in self.mobjects:
            self.add(self.step_dots)
        n = len(shown.step_costs)
        true_line = VMobject(stroke_color=palette.COST, stroke_width=3.5)
        true_line.set_points_as_corners(self.axes.to_scene(shown.snapshot_steps, shown.snapshot_costs))
        start = len(self.shown_steps and self.shown_steps) and self.shown_steps[-1]
        moving = VGroup(self.step_dots, self.panel)
        self.play(Replay(moving, n - start + 1, lambda s: self.show_steps(shown, start + int(round(s))),
                         run_time=6.0))
        key = VGroup(caption("each mini-batch's own cost", size=palette.TINY_SIZE, color=SGD_COLOR),
                     caption("the true cost on all training images", size=palette.TINY_SIZE, color=palette.COST))
        key.arrange(DOWN, aligned_edge=LEFT, buff=0.12).next_to(self.panel, DOWN, aligned_edge=LEFT, buff=0.35)
        self.play(Create(true_line), FadeIn(key), run_time=1.5)
        self.true_line = true_line
        self.wait(3.5)


# --- SGDvsFullBatch ---------------------------------------------------------------------------------
class SGDvsFullBatch(KitThreeDScene):
    """The headline: full-batch descent (the careful walker) and mini-batch SGD (the drunk walker), two
    real runs from the same initial weights with the same compute, on one real cost surface.

    The surface is the true training cost on the plane through the shared start and both runs' ends
    (netcore landscape ``walkers``); each ball sits at its run's snapshot projected onto that plane.
    Time runs with the example-gradients computed, so SGD takes a step every mini-batch and full-batch
    descent one per pass over all images. Readouts: each run's steps, its true full training cost, and
    the surface's height at its projection (not the same thing: the run is off the plane). SGD's first
    steps are recorded one by one; those that raised the true cost are marked. End: the final true
    costs and test accuracies.
    """

    TITLE = "SGD vs full-batch, same compute"

    LONG_SIDE = 7.2  # scene length of the plane's longer side
    Z_SIZE = 2.6
    PHI = 58
    SURFACE_AT = (-3.25, -0.7, 0.0)  # where the middle of the surface appears on screen
    DENSE_SECONDS = 11.0
    RACE_SECONDS = 14.0
    PANEL_CORNER = UR
    INSET_WIDTH = 4.6  # the zoomed cost plot of SGD's first steps, under the readouts
    INSET_FROM_STEP = 5  # its cost range: from this step on (the first steps drop in from above)

    @storyboard
    def construct(self):
        shown = backprop_data.sgd_vs_full_batch()
        self.shown = shown
        self.inset = None
        self.lay_out_the_surface(shown)
        self.name_the_walkers(shown)
        self.first_steps_up_close(shown)
        self.race_with_equal_compute(shown)
        self.end_costs_and_accuracies(shown)

    @beat("The true training cost on the plane through both runs' start and ends.")
    def lay_out_the_surface(self, shown):
        self.view = self.place_surface(shown)
        self.add(self.view.surface)
        self.head = self.fix_in_frame(title(self.TITLE))
        self.play(Write(self.head), run_time=1.2)

    def place_surface(self, shown) -> LandscapeView:
        """The landscape with equal scales along both plane directions, its longer side across the screen,
        the shared start on the left, and its middle at ``SURFACE_AT`` on screen (the world moves, not the
        camera's frame centre: see ``kit.scene3d``)."""
        land = shown.landscape
        a_span, b_span = np.ptp(land.alphas), np.ptp(land.betas)
        width = self.LONG_SIDE * min(1.0, a_span / b_span)
        theta = -10 if b_span > a_span else -100
        view = LandscapeView(land, width=width, z_size=self.Z_SIZE)
        self.set_camera_orientation(phi=self.PHI * DEGREES, theta=theta * DEGREES)
        start, end = (self.on_screen(view.point(*c)) for c in (shown.sgd.coords[0], shown.sgd.coords[-1]))
        if start[0] > end[0]:
            self.set_camera_orientation(theta=(theta + 180) * DEGREES)
        middle = view.smap(np.mean(land.alphas[[0, -1]]), np.mean(land.betas[[0, -1]]), 0.5 * np.max(land.cost))
        rotation = self.renderer.camera.generate_rotation_matrix()
        shift = rotation.T @ (np.array(self.SURFACE_AT, float) - self.on_screen(middle))
        return LandscapeView(land, width=width, z_size=self.Z_SIZE, center=tuple(shift))

    @beat(lambda self, shown: f"Both start from the same weights; the plane holds {shown.full.held:.0%} of "
                              f"full-batch's path and {shown.sgd.held:.0%} of SGD's.")
    def name_the_walkers(self, shown):
        lines = [f"surface: the true training cost on the plane through the shared start and both ends "
                 f"({shown.n_params:,} weights);",
                 f"it holds {shown.full.held:.0%} of the full-batch path's movement and {shown.sgd.held:.0%} of SGD's",
                 f"same compute: {shown.passes} passes over the {shown.n_train:,} images, "
                 f"{shown.budget:,} example-gradients each",
                 "true cost: at the run's real weights; surface height: at their shadow on the plane"]
        self.notes = caption("\n".join(lines), size=palette.TINY_SIZE, align=LEFT).to_corner(DL, buff=0.3)
        self.add_fixed_in_frame_mobjects(self.notes)
        self.panel = self.make_panel(shown)
        self.uphill_marks = self.make_uphill_marks(shown)
        self.full = self.view.rolling(shown.full.coords, color=FULL_COLOR, trail_color=FULL_COLOR,
                                      on_index=self.full_reached)
        self.sgd = self.view.rolling(shown.sgd.coords, color=SGD_COLOR, trail_color=SGD_COLOR,
                                     on_index=self.sgd_reached, ball_radius=0.11, trail_width=2.5)
        for r in (self.full, self.sgd):
            self.add_fixed_orientation_mobjects(r.ball)
        self.fix_in_frame(self.panel)
        # redrawn every frame of a replay: the balls, trails and numbers (not the panel's words)
        self.moving = VGroup(self.full.group, self.sgd.group, *self.numbers.values())
        self.play(FadeIn(self.panel), FadeIn(VGroup(self.full.group, self.sgd.group)), run_time=1.2)
        self.wait(2.5)

    def make_panel(self, shown) -> VGroup:
        """The readouts: example-gradients so far, then a column per walker (steps, true cost, surface
        height at its projection, uphill steps for SGD)."""
        size = palette.SMALL_SIZE
        top_cost = float(max(shown.full.costs.max(), shown.sgd.costs.max(), shown.full.heights.max(),
                             shown.sgd.heights.max()))
        self.numbers = {}

        def num(key, value, places, widest, color=palette.TEXT):
            n = FastNumber(value, places=places, widest=widest, size=size, color=color, align_right=True)
            self.numbers[key] = n
            return n

        computed = readout("example-gradients", num("examples", 0, 0, shown.budget), size=size)
        rows = [("steps", 0, max(shown.full.steps.max(), shown.sgd.steps.max())),
                ("true cost", 3, top_cost), ("surface height", 3, top_cost)]
        names = VGroup(*[caption(name, size=size) for name, _, _ in rows] + [caption("uphill steps", size=size)])
        names.arrange(DOWN, aligned_edge=LEFT, buff=0.16)
        cols = VGroup()
        for who, walker, color in (("full", shown.full, FULL_COLOR), ("sgd", shown.sgd, SGD_COLOR)):
            col = VGroup(label("full-batch" if who == "full" else "SGD", size=size, color=color))
            col.add(num(f"{who}-steps", 0, 0, rows[0][2], color))
            col.add(num(f"{who}-cost", float(walker.costs[0]), 3, top_cost, color))
            col.add(num(f"{who}-height", float(walker.heights[0]), 3, top_cost, color))
            cols.add(col)
        self.numbers["uphill"] = num("uphill", 0, 0, max(shown.dense_steps, 10), UPHILL_COLOR)
        table = VGroup()
        pitch = max(m.width for col in cols for m in col) + 0.35  # column width: the widest number or name
        right = names.get_right()[0] + pitch  # the right end of the first column
        for c, col in enumerate(cols):
            x = right + c * pitch
            col[0].move_to([x, names[0].get_y() + 0.45, 0], aligned_edge=RIGHT)
            for r, n in enumerate(col[1:]):
                n.move_to([x, names[r].get_y(), 0], aligned_edge=RIGHT)
            table.add(col)
        self.numbers["uphill"].move_to([right + pitch, names[3].get_y(), 0], aligned_edge=RIGHT)
        dash = label("\u2013", size=size, color=palette.DIM_TEXT).move_to([right - 0.15, names[3].get_y(), 0])
        block = VGroup(names, table, self.numbers["uphill"], dash)
        computed.next_to(block, UP, aligned_edge=LEFT, buff=0.35)
        panel = VGroup(computed, block)
        return panel.to_corner(self.PANEL_CORNER, buff=0.3).shift(0.7 * DOWN)

    # --- replay: time follows the example-gradients computed ----------------------------------------
    def full_reached(self, i: int):
        w = self.shown.full
        self.numbers["full-steps"].set_value(int(w.steps[i]))
        self.numbers["full-cost"].set_value(float(w.costs[i]))
        self.numbers["full-height"].set_value(float(w.heights[i]))

    def sgd_reached(self, i: int):
        w = self.shown.sgd
        self.numbers["sgd-steps"].set_value(int(w.steps[i]))
        self.numbers["sgd-cost"].set_value(float(w.costs[i]))
        self.numbers["sgd-height"].set_value(float(w.heights[i]))
        up = sum(1 for s in self.shown.uphill if s <= w.steps[i])
        self.numbers["uphill"].set_value(up)
        for mark, s in zip(self.uphill_marks, self.shown.uphill):
            mark.set_opacity(1.0 if s <= w.steps[i] else 0.0)

    def at_examples(self, e: float):
        """Both walkers where they are after ``e`` example-gradients: SGD between its snapshots, the
        full-batch walker still until a pass is complete, then (in the pass's last tenth) moving on."""
        s = self.shown
        self.numbers["examples"].set_value(int(round(e)))
        self.sgd.set_state(float(np.interp(e, s.sgd.examples, np.arange(len(s.sgd.examples)))))
        if self.inset is not None and self.inset.shown_until < s.dense_steps:
            self.inset.show(float(np.interp(e, s.sgd.examples, np.arange(len(s.sgd.examples)))))
        k, f = divmod(e / s.n_train, 1.0)
        self.full.set_state(min(k + np.clip((f - 0.9) / 0.1, 0.0, 1.0), len(s.full.steps) - 1))

    def replay_examples(self, e0: float, e1: float, seconds: float):
        self.play(Replay(self.moving, 2, lambda t: self.at_examples(e0 + t * (e1 - e0)), run_time=seconds))

    def make_uphill_marks(self, shown) -> VGroup:
        marks = VGroup()
        for step in shown.uphill:
            i = int(np.flatnonzero(shown.sgd.steps == step)[0])
            marks.add(self.view.dot(*shown.sgd.coords[i], color=UPHILL_COLOR, radius=0.045).set_opacity(0.0))
        return marks

    @beat(lambda self, shown: f"SGD's first {shown.dense_steps} steps one by one; "
                              + (f"its true cost jitters: {len(shown.uphill)} steps go uphill (red). " if shown.uphill
                                 else "its true cost falls at every one. ")
                              + "Full-batch has not moved yet.")
    def first_steps_up_close(self, shown):
        self.add(self.uphill_marks)
        self.moving.add(self.uphill_marks)
        note = VGroup(caption(f"SGD steps after every mini-batch of {shown.sgd.width}; full-batch needs all "
                              f"{shown.n_train:,} images for one step", size=palette.TINY_SIZE),
                      caption(f"red: an SGD step after which the true cost rose (uphill; counted over its first "
                              f"{shown.dense_steps} steps)", size=palette.TINY_SIZE, color=UPHILL_COLOR))
        note.arrange(DOWN, aligned_edge=LEFT, buff=0.1).next_to(self.notes, UP, aligned_edge=LEFT, buff=0.2)
        self.dense_note = self.fix_in_frame(note)
        self.inset = self.make_inset(shown, top=self.panel.get_bottom()[1] - 0.25, bottom=note.get_top()[1] + 0.15)
        self.fix_in_frame(self.inset)
        self.moving.add(self.inset.line, self.inset.marks)
        self.play(FadeIn(note), FadeIn(self.inset), run_time=0.8)
        end = float(shown.sgd.examples[shown.dense_steps])
        self.replay_examples(0.0, end, self.DENSE_SECONDS)
        self.wait(1.0)

    def make_inset(self, shown, top: float, bottom: float) -> CostInset:
        """SGD's true cost over its first ``dense_steps`` steps against example-gradients, zoomed in on
        the cost range after its first few steps (the first drop comes in from above the box), beside
        the surface under the readouts, between ``top`` and ``bottom`` (frame y)."""
        n = shown.dense_steps
        costs = shown.sgd.costs[:n + 1]
        settled = costs[min(self.INSET_FROM_STEP, n):]
        pad = 0.08 * float(np.ptp(settled) or 0.1)
        y_range = (float(settled.min()) - pad, float(settled.max()) + pad)
        marked = [int(np.flatnonzero(shown.sgd.steps == s)[0]) for s in shown.uphill]
        heading = f"SGD's true cost, its first {n} steps (zoomed in)"
        probe = CostInset(shown.sgd.examples[:n + 1], costs, marked, (0, float(shown.sgd.examples[n])), y_range,
                          self.INSET_WIDTH, 1.0, SGD_COLOR, UPHILL_COLOR, heading)
        height = max(0.6, (top - bottom) - (probe.height - 1.0))  # the axes get what the texts leave
        inset = CostInset(shown.sgd.examples[:n + 1], costs, marked, (0, float(shown.sgd.examples[n])), y_range,
                          self.INSET_WIDTH, height, SGD_COLOR, UPHILL_COLOR, heading)
        return inset.move_to([self.renderer.camera.frame_width / 2 - 0.35 - inset.width / 2, (top + bottom) / 2, 0])

    @beat(lambda self, shown: f"The same {shown.budget:,} example-gradients for both: {shown.full.steps[-1]} "
                              f"full-batch steps, {shown.sgd.steps[-1]:,} SGD steps.")
    def race_with_equal_compute(self, shown):
        start = float(shown.sgd.examples[shown.dense_steps])
        self.replay_examples(start, float(shown.budget), self.RACE_SECONDS)
        self.wait(1.0)

    @beat(lambda self, shown: f"After equal compute: full-batch at cost {shown.full.costs[-1]:.3f}, "
                              f"{shown.full.test_accuracy:.0%} on test images; SGD at {shown.sgd.costs[-1]:.3f}, "
                              f"{shown.sgd.test_accuracy:.0%}.")
    def end_costs_and_accuracies(self, shown):
        pins = VGroup()
        # the full-batch pin up and right of its end: its short trail comes down from above, SGD's runs on below
        for walker, color, name, direction in ((shown.full, FULL_COLOR, "full-batch", UR),
                                               (shown.sgd, SGD_COLOR, "SGD", RIGHT)):
            text = caption(f"{name}: true cost {walker.costs[-1]:.3f}\n"
                           f"test accuracy {as_percent(walker.test_accuracy)}", size=palette.SMALL_SIZE, color=color)
            pins.add(self.pin(text, self.view.point(*walker.coords[-1]), direction, buff=0.3))
        self.pins = pins
        lower = "SGD" if shown.sgd.costs[-1] < shown.full.costs[-1] else "full-batch descent"
        verdict = caption(f"with the same compute, {lower} ends lower", size=palette.SMALL_SIZE, color=palette.TEXT)
        verdict.next_to(self.notes, UP, aligned_edge=LEFT, buff=0.2)
        self.verdict = self.fix_in_frame(verdict)
        self.play(FadeOut(self.dense_note), FadeOut(self.inset), run_time=0.5)
        self.play(FadeIn(pins), FadeIn(verdict), run_time=1.2)
        self.wait(4.0)


# the scenes in the lesson's order: tests, benchmarks, the lecture tool and the docs read this
SCENES = (
    GradientSensitivity,
    OneExampleNudges,
    ThreeAvenues,
    FireTogetherWireTogether,
    PropagateBackward,
    AverageOverExamples,
    MiniBatches,
    SGDvsFullBatch,
)
