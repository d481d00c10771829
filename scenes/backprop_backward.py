"""Chapter 3 (what backpropagation does), part ``backprop_backward``: nudges propagating backward.

Data from ``scenes/backprop_backward_data.py`` (netcore's ``nudges.example_nudges``); arrows and wishes
from ``scenes.kit.nudges``.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Circle, Create, FadeIn, FadeOut, Scene, Succession, SurroundingRectangle, \
    UpdateFromAlphaFunc, VGroup, Write

from scenes import backprop_backward_data as backprop_data
from scenes.kit import palette as P
from scenes.kit.animations import EdgeSweep, Replay, fade_in_strokes
from scenes.kit.layout import caption, title
from scenes.kit.network import NetworkMobject
from scenes.kit.nudges import NudgeArrows, WishStacks, grow_nudges, nudge_numbers, nudge_unit, retarget_wishes, \
    stack_wishes, wish_edges
from scenes.kit.pixels import pixel_digit
from scenes.kit.storyboard import beat
from scenes.kit.text import activation_name, number

__all__ = ["PropagateBackward", "SCENES"]


def _fade_strokes(group, factor: float, **kwargs) -> UpdateFromAlphaFunc:
    """Scale the stroke opacity of every part of ``group`` by ``factor`` (dim or restore edges)."""
    parts = [m for m in group.get_family() if len(m.points)]
    start = [m.get_stroke_opacity() for m in parts]

    def update(_, alpha):
        for m, o in zip(parts, start):
            m.set_stroke(opacity=o * (1 + (factor - 1) * alpha))

    return UpdateFromAlphaFunc(group, update, **kwargs)


class PropagateBackward(Scene):
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
    OUTPUT_ARROW_LENGTH = 0.6
    HIDDEN_ARROW_X = 0.07  # right of a hidden neuron's edge: its arrow
    HIDDEN_ARROW_LENGTH = 0.44
    STACK_SPREAD, STACK_LENGTH = 0.45, 0.6  # spread: fraction of the gap to the next layer
    SUM_NUMBERS_X = 0.62  # right of a hidden neuron's edge: the summed nudge
    DIM = 0.22  # the network's own edges while nudges are shown

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
    def say(self, text: str, run_time: float = 0.5):
        """Replace the caption at the bottom."""
        new = caption(text).to_edge(DOWN, buff=0.22)
        old = getattr(self, "note", None)
        self.note = new
        self.play(*([FadeOut(old)] if old is not None else []), FadeIn(new), run_time=run_time)

    def anchors(self, layer: int, dx: float) -> np.ndarray:
        return self.net.positions[layer] + [self.net.neuron_radius + dx, 0, 0]

    def rings(self, layer: int, top, values) -> VGroup:
        """Rings around the drawn neurons ``top`` of ``layer``, coloured by their nudge's sign."""
        r = self.net.neuron_radius
        return VGroup(*[Circle(radius=r * 1.55, stroke_width=3.5, stroke_color=P.sign_color(values[i]))
                        .move_to(self.net.positions[layer][i]) for i in top])

    # --- beats ------------------------------------------------------------------------------------
    @beat(lambda self, shown: f"A real training {shown.label} goes into the network at step {shown.step:,}: "
                              f"its ten outputs light up.")
    def feed_the_two(self, shown):
        self.play(Write(title(self.TITLE)), run_time=0.7)
        image = pixel_digit(shown.image, side=self.IMAGE_SIDE).move_to(self.IMAGE_AT)
        frame = SurroundingRectangle(image, color=P.FAINT, buff=0.03, stroke_width=1.5)
        name = caption(f"training image\n#{shown.index + 1:,}, label {shown.label}", size=P.TINY_SIZE)
        name.next_to(image, DOWN, buff=0.12)
        self.net = NetworkMobject(shown.network, width=self.NET_WIDTH, height=self.NET_HEIGHT,
                                  activation_scale=shown.layer_scales).shift(self.NET_CENTER)
        self.net.refresh_geometry()
        self.play(FadeIn(image), Create(frame), FadeIn(name), FadeIn(self.net.neurons), FadeIn(self.net.ellipses),
                  FadeIn(self.net.braces), FadeIn(self.net.output_labels), fade_in_strokes(self.net.edges),
                  run_time=1.2)
        self.say(_stage_note(shown))
        self.play(self.net.feed_forward(shown.image, sweep_time=0.5, fill_time=0.3))
        out = shown.activations[-1]
        self.output_values = VGroup(*[number(out[i], places=2, size=P.TINY_SIZE)
                                      for i, p in zip(self.net.shown[-1], self.net.positions[-1])])
        for n, p in zip(self.output_values, self.net.positions[-1]):
            n.move_to(p + [self.OUTPUT_VALUES_X + n.width / 2, 0, 0])
        head = caption("output", size=P.TINY_SIZE).next_to(self.output_values, UP, buff=0.22)
        head.align_to(self.output_values, RIGHT)
        self.play(FadeIn(self.output_values), FadeIn(head), run_time=0.6)
        self.wait(1.0)

    @beat(lambda self, shown: f"What this one example wants: the {shown.label} up, every other output down, "
                              "each by how far it is from its target.")
    def nudge_each_output(self, shown):
        L = shown.n_layers - 1
        box = self.net.answer_box(shown.label)
        values = shown.desired[L][self.net.shown[-1]]
        self.output_arrows = NudgeArrows(self.net.positions[-1] + [self.OUTPUT_ARROW_X, 0, 0], values,
                                         nudge_unit(values, self.OUTPUT_ARROW_LENGTH))
        self.output_nudges = nudge_numbers(self.net.positions[-1] + [self.OUTPUT_ARROW_X + 0.14, 0, 0], values)
        head = caption("nudge", size=P.TINY_SIZE).next_to(self.output_nudges, UP, buff=0.22)
        head.align_to(self.output_nudges, LEFT)
        self.play(Create(box), run_time=0.5)
        self.say(_output_note(shown))
        self.play(grow_nudges(self.output_arrows), FadeIn(head), run_time=1.2)
        self.play(FadeIn(self.output_nudges), run_time=0.6)
        self.wait(2.0)

    @beat(lambda self, shown: f"The {shown.label}-neuron asks each last hidden neuron to change in proportion "
                              "to the weight joining them.")
    def two_neuron_wishes(self, shown):
        L = shown.n_layers - 1
        wishes = shown.wishes[L]
        self.play(_fade_strokes(self.net.edges, self.DIM), run_time=0.6)
        self.wish = wish_edges(self.net, L - 1, wishes, j=shown.label)
        values = wishes[shown.label][self.net.shown[L - 1]]
        self.label_arrows = NudgeArrows(self.anchors(L - 1, self.HIDDEN_ARROW_X), values,
                                        nudge_unit(values, self.HIDDEN_ARROW_LENGTH))
        self.say(_wish_note(shown))
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
        unit = nudge_unit(wishes, self.HIDDEN_ARROW_LENGTH)
        shown_k = self.net.shown[L - 1]
        self.say(_others_note(shown))

        def on_state(s):
            j = order[min(int(s), len(order) - 1)]
            retarget_wishes(self.wish, self.net, L - 1, wishes, j, top)
            self.label_arrows.set_values(wishes[j][shown_k], unit)
            self.cycle_box.move_to(self.net.neurons[-1][int(np.flatnonzero(self.net.shown[-1] == j)[0])])

        self.cycle_box = SurroundingRectangle(self.net.neurons[-1][0], color=P.TEXT, buff=0.06, stroke_width=3)
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
        self.play(FadeOut(self.label_arrows), _fade_strokes(self.wish, 0.0), FadeIn(stacks), run_time=0.8)
        self.remove(self.wish)
        self.wait(0.8)
        self.play(stack_wishes(stacks), run_time=1.8)
        self.wait(0.6)
        self.sum_arrows = NudgeArrows(stacks.anchors, stacks.sums, stacks.unit)
        self.sum_numbers = nudge_numbers(self.anchors(L - 1, self.SUM_NUMBERS_X), stacks.sums)
        self.say(_sum_note(shown))
        self.play(FadeOut(stacks), FadeIn(self.sum_arrows), FadeIn(self.sum_numbers), run_time=0.8)
        self.wait(2.5)
        self.layer_arrows = {L - 1: self.sum_arrows}

    @beat(lambda self, shown: "The same step one layer back: each hidden neuron's nudge, through its slope and "
                              "weights, becomes wishes for the layer before." if shown.n_layers > 3 else
                              "With one hidden layer, these nudges have already reached the first hidden layer.")
    def step_back_through_the_layers(self, shown):
        L = shown.n_layers - 1
        self.play(FadeOut(self.sum_numbers), run_time=0.4)
        self.layer_arrows[L - 1].set_values(self.layer_arrows[L - 1].values,
                                            nudge_unit(self.layer_arrows[L - 1].values, self.HIDDEN_ARROW_LENGTH))
        self.wishes_drawn = {}
        self.say(_earlier_note(shown))
        for l in range(L - 1, 1, -1):  # wishes of layer l for layer l - 1, down to the first hidden layer
            edges = wish_edges(self.net, l - 1, shown.wishes[l])
            self.wishes_drawn[l] = edges
            values = shown.desired[l - 1][self.net.shown[l - 1]]
            arrows = NudgeArrows(self.anchors(l - 1, self.HIDDEN_ARROW_X), values,
                                 nudge_unit(values, self.HIDDEN_ARROW_LENGTH))
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
        self.say(_whole_note(shown))
        last = wish_edges(self.net, L - 1, shown.wishes[L])
        self.wishes_drawn[L] = last
        sweeps = [EdgeSweep(self.wishes_drawn[l], run_time=0.8, width=0.4) for l in range(L, 1, -1)]
        self.play(Succession(*sweeps))
        self.play(fade_in_strokes(last), *[Create(r) for r in rings], run_time=1.2)
        self.wait(3.0)


def _stage_note(shown) -> str:
    stage = "not yet trained" if shown.step == 0 else f"after {shown.step:,} training steps"
    return f"a real {shown.label} into the network at step {shown.step:,} ({stage})"


def _output_note(shown) -> str:
    if shown.proportional:
        how = "each nudge is 2 \u00d7 (target \u2212 output): in proportion to how far it is from its target"
    else:
        how = "nudge = (target \u2212 output) \u00f7 (output(1 \u2212 output)): the farther off, the larger"
    where = f"{shown.label} up, the others down" if shown.signs_right else "each towards its target"
    cost = "" if shown.proportional else " (cross-entropy)"
    return f"desired nudges{cost}: {where}\n{how}"


def _wish_note(shown) -> str:
    scale = (f"\n(its own nudge is small, so these arrows are drawn {shown.label_magnified:.0f}\u00d7 larger "
             "than the next ones)") if shown.label_magnified >= 2 else ""
    return (f"the {shown.label}-neuron's wishes: weight \u00d7 its nudge \u00d7 its slope;"
            f" blue: brighter, red: dimmer{scale}")


def _others_note(shown) -> str:
    want = ("each wants to go down, so it asks for the opposite of its weights" if shown.signs_right
            else "each asks in proportion to its weights and its own nudge")
    return f"the other outputs in turn, all drawn to one scale:\n{want}"


def _sum_note(shown) -> str:
    n = shown.sizes[-2]
    drawn = "" if n <= 16 else f" (16 of its {n} neurons drawn)"
    return f"added up: one list of nudges for the last hidden layer{drawn}"


def _earlier_note(shown) -> str:
    if shown.n_layers <= 3:
        return "one hidden layer: these nudges have already reached the first hidden layer"
    act = activation_name(shown.activation)
    L = shown.n_layers - 1
    dead = sum(shown.dead[1:L])
    tail = (f"\n{act}: a neuron that is off passes nothing back ({dead} of them here)" if shown.activation == "relu"
            else "\neach layer's arrows drawn to its own scale")
    return f"the same step, one layer back: nudge \u00d7 {act} slope \u00d7 weights, summed{tail}"


def _whole_note(shown) -> str:
    first = "the first hidden layer" if shown.n_layers > 3 else "the hidden layer"
    return f"one example's nudges, carried from the outputs back to {first}"


SCENES = (PropagateBackward,)
