"""Chapter 3, part ``backprop_average``: how sensitive the cost is to each weight, and the gradient as
the average of what every training example wants.

Render from the repo root: ``manim -qh scenes/backprop_average.py GradientSensitivity``. Each
scene's ``construct`` is its storyboard: one value from the data module (everything it shows,
computed by netcore), then the beats the viewer sees, in order. ``NETCORE_TRACE`` replays another
network's trace through both scenes.
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, Indicate, LaggedStart, Line, Rectangle, Scene, \
    SurroundingRectangle, TransformFromCopy, VGroup, Write

from scenes import backprop_average_data as backprop_data
from scenes.kit import palette
from scenes.kit.animations import change_values
from scenes.kit.change_table import ChangeTable
from scenes.kit.layout import caption, readout, text_row, title
from scenes.kit.storyboard import beat
from scenes.kit.text import FastNumber, label, math, number


def sensitivity_bar(length: float, height: float, color, left_x: float, y: float) -> Rectangle:
    """A filled bar ``length`` long (at least a sliver, so a tiny value still shows) starting at ``left_x``."""
    return Rectangle(width=max(length, 0.03), height=height, stroke_width=0, fill_color=color,
                     fill_opacity=1).move_to([left_x, y, 0], aligned_edge=LEFT)


class GradientSensitivity(Scene):
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

    @beat(lambda self, shown: f"Two weights of the network at step {shown.step} (its random start): the most "
                              "sensitive one and a typical one of the same layer.")
    def show_two_weights(self, shown):
        head = title(self.TITLE)
        sub = caption(f"step {shown.step}, random weights; C = the average cost over all {shown.n_train:,} "
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
        self.bars = [sensitivity_bar(abs(g) * self.unit, self.BAR_HEIGHT, palette.sign_color(g), self.BAR_X, y)
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
            bar = sensitivity_bar(abs(change) / shown.nudge * self.unit, self.CHANGE_BAR_HEIGHT, palette.COST, self.BAR_X, y)
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
        self.wait(3.0)


class AverageOverExamples(Scene):
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
                              f"network's weights and biases as rows, at step {shown.step}.")
    def lay_out_the_table(self, shown):
        n = len(shown.labels)
        self.table = ChangeTable(shown.names, n + len(self.EXTRA), self.NAME_X, self.LAST_X, self.NAME_WIDTH,
                                 self.FIRST_ROW, self.ROW_HEIGHT, size=self.CELL_SIZE, places=shown.places,
                                 gaps_after={n - 1: self.SEPARATOR_GAP, n: self.EQUALS_GAP})
        head = title(self.TITLE)
        sub = caption(f"step {shown.step}, random weights: a row per weight or bias, a column per training "
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

    @beat(lambda self, shown: f"The averages equal minus the gradient of the cost over these {len(shown.labels)} "
                              "examples, as netcore computes it.")
    def match_the_gradient(self, shown):
        table, c = self.table, self.column("these")
        header = VGroup(math(r"-\nabla C", size=palette.SMALL_SIZE * 1.2),
                        caption(f"these {len(shown.labels)}", size=palette.TINY_SIZE)).arrange(DOWN, buff=0.08)
        table.header(header, c, self.HEADER_BOTTOM)
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
        header = VGroup(math(r"-\nabla C", size=palette.SMALL_SIZE * 1.2),
                        caption(f"all {shown.n_train:,}", size=palette.TINY_SIZE)).arrange(DOWN, buff=0.08)
        table.header(header, c, self.HEADER_BOTTOM)
        self.minus_full = table.column(shown.minus_full, c)
        note = self.note(f"the real gradient averages over all {shown.n_train:,} training images,\n"
                         f"not just {len(shown.labels)}: that is the last column")
        self.play(FadeOut(self.current), FadeIn(note), FadeIn(header), FadeIn(self.minus_full), run_time=1.2)
        self.play(*[Indicate(VGroup(self.averages[r], self.minus_full[r]), color=palette.COST, scale_factor=1.05)
                    for r in range(table.n_rows)], run_time=1.2)
        self.wait(3.0)


SCENES = (GradientSensitivity, AverageOverExamples)
