"""Chapter 3, one training example (part ``backprop_example``): what a single image of a 2 wants from
the network at the start of training, scene by scene in the lesson's order.

Render from the repo root: ``manim -qh scenes/backprop_example.py OneExampleNudges``. Every number is
computed by netcore (``scenes.backprop_example_data``): the replayed run's first snapshot (step 0 of
the lesson's run), the first training 2, and ``netcore.nudges.example_nudges``.
"""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Circle, Create, FadeIn, FadeOut, Indicate, LaggedStart, Line, Rectangle,
                   Scene, SurroundingRectangle, VGroup, Write)

from scenes import backprop_example_data as backprop_data
from scenes.kit import palette
from scenes.kit.animations import EdgeSweep
from scenes.kit.avenues import LayerPair, number_column, places_for, value_band
from scenes.kit.layout import caption, thumbnail, title
from scenes.kit.network import NetworkMobject
from scenes.kit.nudges import NudgeArrows, grow_nudges, nudge_numbers, nudge_unit
from scenes.kit.pixels import pixel_digit
from scenes.kit.storyboard import beat
from scenes.kit.text import activation_name, integer, label, math, number


def cost_words(cost_name: str) -> str:
    """The run's cost in captions."""
    return "quadratic cost" if cost_name == "quadratic" else "cross-entropy cost"


def start_words(example) -> str:
    """Which snapshot the example goes into, in the captions' words."""
    if example.step == 0:
        return "the lesson's run at its first snapshot (step 0): random weights, not trained yet"
    return f"the run's first snapshot (step {example.step:,}): barely trained"


def minus(value: float, places: int) -> str:
    """A number for a caption, with a true minus sign."""
    return f"{value:.{places}f}".replace("-", "\u2212")


def neuron_rows(pair, group, x: float) -> VGroup:
    """Row indices ``k`` of the drawn previous neurons, centred at ``x`` (dim)."""
    return VGroup(*[integer(int(k), size=palette.TINY_SIZE, color=palette.DIM_TEXT).move_to([x, row[1], 0])
                    for k, row in zip(group, pair.rows)])


# ====================================================================================================
# OneExampleNudges
# ====================================================================================================

class OneExampleNudges(Scene):
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

    @beat(lambda self, shown: f"The first training {shown.example.label} goes into the network at step "
                              f"{shown.example.step}, before any training: its outputs are a mess.")
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


# ====================================================================================================
# ThreeAvenues
# ====================================================================================================

class ThreeAvenues(Scene):
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
        head = title(self.TITLE)
        n_prev = len(shown.previous)
        what = (f"the last hidden layer: {n_prev} {activation_name(ex.activation)} neurons"
                + (f" (drawn: {shown.shown[0]}-{shown.shown[len(shown.shown) // 2 - 1]} and "
                   f"{shown.shown[len(shown.shown) // 2]}-{shown.shown[-1]})" if truncated else ""))
        self.state = caption(f"the training {shown.neuron} at step {ex.step}; {what}", size=palette.TINY_SIZE)
        self.state.next_to(head, DOWN, aligned_edge=LEFT, buff=0.15)
        self.thumb = thumbnail(ex.image, side=0.8).move_to([6.45, 3.35, 0])
        target = self.pair.next_circles[0]
        self.target_name = label(str(shown.neuron), size=palette.SMALL_SIZE).next_to(target, UP, buff=0.15)
        self.target_value = number(shown.output, places=3, size=palette.SMALL_SIZE).next_to(target, DOWN, buff=0.15)
        self.target_arrow = NudgeArrows([target.get_right() + [0.18, 0, 0]], [shown.nudge], nudge_unit([shown.nudge], 0.7),
                                        shaft_width=0.05, tip_length=0.18, tip_width=0.13)
        self.acts = number_column(shown.previous[shown.shown], rows, self.A_X, places=places_for(shown.previous))
        self.ks = neuron_rows(self.pair, shown.shown, self.K_X)
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
        body = VGroup(caption(f"b = {minus(shown.bias, 2)}; this example asks for", size=palette.TINY_SIZE),
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
        self.wait(1.6)

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
        self.wait(1.8)

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
        self.wait(2.6)


# ====================================================================================================
# FireTogetherWireTogether
# ====================================================================================================

class FireTogetherWireTogether(Scene):
    """Every weight change of the last layer that the first training 2 asks for at the run's first
    snapshot (netcore: the output's bias nudge x the previous activation), then only the increases:
    the largest few (computed) all join the most active last-hidden neurons to the neuron that should
    be more active (the overlap is measured, and the words follow it)."""

    TITLE = "Fire together, wire together"

    COLUMN_HEIGHT, COLUMN_Y = 5.0, -0.8
    K_X, A_X, NEURON_X = -6.6, -5.7, -4.6
    OUTPUT_X = 0.0
    PANEL_LEFT, PANEL_TOP = 2.5, 2.1

    def construct(self):
        shown = backprop_data.fire_together_wire_together()
        self.shown = shown
        self.show_both_layers(shown)
        self.every_weight_change(shown)
        self.keep_the_increases(shown)
        self.fire_together(shown)

    @beat(lambda self, shown: f"The training {shown.example.label} in the untrained network: the last hidden layer's "
                              "activations, and what each output wants.")
    def show_both_layers(self, shown):
        ex = shown.example
        n_out = len(shown.output_nudges)
        self.pair = LayerPair(shown.previous, shown.shown, ex.activations[-1], np.arange(n_out), prev_x=self.NEURON_X,
                              next_x=self.OUTPUT_X, height=self.COLUMN_HEIGHT, prev_scale=ex.layer_scales[-2],
                              max_spacing=0.5, next_spacing=0.5, max_edge_width=4.5, y=self.COLUMN_Y)
        head = title(self.TITLE)
        n_prev = len(shown.previous)
        drawn = ("all of them" if len(shown.shown) == n_prev else f"the {len(shown.shown)} most active")
        self.state = caption(f"the training {ex.label} at step {ex.step}; the last hidden layer: "
                             f"{n_prev} {activation_name(ex.activation)} neurons, drawn: {drawn}", size=palette.TINY_SIZE)
        self.state.next_to(head, DOWN, aligned_edge=LEFT, buff=0.15)
        thumb = thumbnail(ex.image, side=0.8).move_to([6.45, 3.35, 0])
        rows = self.pair.rows
        self.ks = neuron_rows(self.pair, shown.shown, self.K_X)
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
        self.note = caption(text, size=palette.TINY_SIZE).move_to([0.0, -3.5, 0])
        self.play(EdgeSweep(self.pair.edges), FadeIn(self.note), run_time=1.4)
        self.wait(2.3)

    @beat(lambda self, shown: f"Only the increases: the {shown.top} largest, from "
                              + ", ".join(f"{k}" for k in shown.top_pairs[:, 1]) + f" to the {shown.example.label}-neuron.")
    def keep_the_increases(self, shown):
        increases = np.where(shown.changes > 0, shown.changes, 0.0)
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
        self.play(FadeOut(self.note), run_time=0.4)
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


# The lesson's order (../shared/lessons.md): the merge into scenes/backprop.py keeps it.
SCENES = (OneExampleNudges, ThreeAvenues, FireTogetherWireTogether)
