"""Chapter 1, first part: the digit, the neuron, the input layer and the layers (``../shared/lessons.md``).

Render from the repo root: ``manim -qh scenes/structure_input.py PixelsToInputLayer``. Each scene's
``construct`` is its storyboard: one value from the data module (real MNIST images, the replayed
network's sizes), then the beats the viewer sees, in order. Drawing lives in ``scenes.kit``.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Brace,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    MoveToTarget,
    Scene,
    Square,
    UpdateFromAlphaFunc,
    UpdateFromFunc,
    VGroup,
    Write,
)

from scenes import structure_input_data as structure_data
from scenes.kit import palette
from scenes.kit.animations import Replay
from scenes.kit.layout import caption, labelled_thumbnail, on_baseline, readout, title
from scenes.kit.network import NetworkMobject
from scenes.kit.pixel_neurons import ActivationScale, PixelNeurons, ValueNeuron, ring_marks
from scenes.kit.pixels import pixel_digit
from scenes.kit.text import FastNumber, integer, label


def times_equation(side: int, total: int, size: float = palette.LABEL_SIZE) -> VGroup:
    """"28 x 28 = 784" with its numbers as FastNumbers (``group.numbers``: side, side, total)."""
    numbers = [integer(side, size=size), integer(side, size=size), integer(total, size=size)]
    group = VGroup(numbers[0], label("×", size=size), numbers[1], label("=", size=size), numbers[2]).arrange(RIGHT, buff=0.15)
    for part in group[1::2]:
        part.set_y(numbers[0].get_center()[1])  # the signs at the digits' mid-height
    group.numbers = numbers
    return group


def fade_in_strokes(group) -> UpdateFromAlphaFunc:
    """Fade in the strokes of every part of ``group`` (e.g. a network's edges) by opacity alone: no
    points are copied or interpolated, unlike ``FadeIn``, so hundreds of edges fade in cheaply."""
    parts = [m for m in group.get_family() if len(m.points)]
    full = [m.get_stroke_opacity() for m in parts]
    for m in parts:
        m.set_stroke(opacity=0)

    def update(_, alpha):
        for m, o in zip(parts, full):
            m.set_stroke(opacity=o * alpha)

    return UpdateFromAlphaFunc(group, update)


def pixel_square(center, side: float) -> Square:
    """The yellow outline that marks one pixel of a picture."""
    return Square(side_length=side, stroke_color=palette.ANSWER, stroke_width=3, fill_opacity=0).move_to(center)


# ====================================================================================================
# A digit, a neuron, the input layer
# ====================================================================================================

class SloppyThree(Scene):
    """The first 3 of the training set on its 28x28 grid; then 3s as different from each other as the
    training set has (greedy farthest-point selection in pixel space among the typical half of the 3s,
    ``structure_data.sloppy_three``) with how little ink they share; then one of every other digit with
    its count in the training set. Every image, label and count comes from the data."""

    BIG_SIDE, BIG_AT = 4.4, [0, -0.15, 0]
    THREE_SIDE, THREE_STEP, THREES_Y = 1.9, 2.45, 0.75
    SMALL_THREE_SIDE, SMALL_THREES_Y = 1.05, 2.1
    OTHER_SIDE, OTHER_STEP, OTHERS_Y = 1.05, 1.42, -0.6

    def construct(self):
        shown = structure_data.sloppy_three()
        self.shown = shown
        self.show_the_three(shown)
        self.show_very_different_threes(shown)
        self.show_other_digits(shown)

    def row_x(self, n: int, step: float) -> np.ndarray:
        return (np.arange(n) - (n - 1) / 2) * step

    def show_the_three(self, shown):
        self.play(Write(title("This is a 3")), run_time=0.8)
        self.big = pixel_digit(shown.first, side=self.BIG_SIDE).move_to(self.BIG_AT)
        self.play(FadeIn(self.big), run_time=0.8)
        self.note = caption(f"a real handwritten 3 from MNIST, {shown.side} × {shown.side} pixels:\n"
                            "sloppy, coarse, and still we read it at once").to_edge(DOWN, buff=0.4)
        self.play(FadeIn(self.note), run_time=0.6)
        self.wait(1.5)

    def show_very_different_threes(self, shown):
        xs = self.row_x(len(shown.threes), self.THREE_STEP)
        self.threes = [labelled_thumbnail(image, 3, self.THREE_SIDE).move_to([x, self.THREES_Y, 0])
                       for image, x in zip(shown.threes, xs)]
        first = self.threes[0]
        self.play(FadeOut(self.note), self.big.animate.scale(self.THREE_SIDE / self.BIG_SIDE).move_to(first.thumb),
                  run_time=1.0)
        self.remove(self.big)
        self.add(first)
        self.play(LaggedStart(*[FadeIn(t, shift=0.2 * UP) for t in self.threes[1:]], lag_ratio=0.25), run_time=1.6)
        self.note = caption(f"{len(shown.threes)} of the {shown.n_threes:,} training 3s, each as far as possible "
                            "from the others in pixel values.\n"
                            f"Each has {shown.ink_counts.min()} to {shown.ink_counts.max()} ink pixels, but only "
                            f"{shown.ink_in_all} of the {shown.side * shown.side} pixels are ink in all {len(shown.threes)}:\n"
                            "very different pixels, and to us plainly the same digit").to_edge(DOWN, buff=0.4)
        self.play(FadeIn(self.note), run_time=0.6)
        self.wait(3.0)

    def show_other_digits(self, shown):
        xs = self.row_x(len(shown.threes), self.SMALL_THREE_SIDE * 1.35)
        for t, x in zip(self.threes, xs):
            t.generate_target()
            t.target.scale(self.SMALL_THREE_SIDE / self.THREE_SIDE).move_to([x, self.SMALL_THREES_Y, 0])
            t.target[1].scale(self.THREE_SIDE / self.SMALL_THREE_SIDE).next_to(t.target[0], DOWN, buff=0.08)
        self.play(FadeOut(self.note), *[MoveToTarget(t) for t in self.threes], run_time=1.0)
        xs = self.row_x(len(shown.others), self.OTHER_STEP)
        self.others = [labelled_thumbnail(image, digit, self.OTHER_SIDE).move_to([x, self.OTHERS_Y, 0])
                       for image, digit, x in zip(shown.others, shown.other_labels, xs)]
        self.counts = [integer(count, size=palette.TINY_SIZE, color=palette.DIM_TEXT).next_to(thumb, DOWN, buff=0.1)
                       for count, thumb in zip(shown.other_counts, self.others)]
        self.play(LaggedStart(*[FadeIn(VGroup(t, c), shift=0.2 * UP) for t, c in zip(self.others, self.counts)],
                              lag_ratio=0.12), run_time=1.8)
        self.note = caption("and the other digits, each its own idea\n"
                            "(under each: how many training images carry that label)").to_edge(DOWN, buff=0.4)
        self.play(FadeIn(self.note), run_time=0.6)
        self.wait(2.5)


class NeuronHoldsNumber(Scene):
    """A neuron is a thing that holds a number between 0 and 1, its activation, and is as bright as
    that number. Here the number is real: the grey value of one pixel of the first training 3, as a
    marker walks across the row with the most ink, then three pixels of it (background, nearest
    mid-grey, brightest) with their rows and columns (``structure_data.neuron_holds_number``)."""

    IMAGE_SIDE, IMAGE_AT = 4.2, [-3.6, -0.35, 0]
    NEURON_RADIUS, NEURON_AT = 1.05, [3.2, 0.75, 0]
    SCALE_WIDTH = 3.2
    WALK_SECONDS_PER_PIXEL = 0.32

    def construct(self):
        shown = structure_data.neuron_holds_number()
        self.shown = shown
        self.show_a_neuron(shown)
        self.tie_it_to_a_pixel(shown)
        self.walk_across_the_ink(shown)
        self.visit_three_pixels(shown)

    def pixel_center(self, index: int) -> np.ndarray:
        cell = self.IMAGE_SIDE / self.shown.side
        row, col = divmod(int(index), self.shown.side)
        return self.image.get_center() + np.array([(col - (self.shown.side - 1) / 2) * cell,
                                                   ((self.shown.side - 1) / 2 - row) * cell, 0])

    def set_neuron(self, value: float):
        self.neuron.set_value(value)
        self.scale.point_at(value)

    def show_a_neuron(self, shown):
        self.play(Write(title("A neuron holds a number")), run_time=0.8)
        self.neuron = ValueNeuron(shown.walk_values[0], radius=self.NEURON_RADIUS).move_to(self.NEURON_AT)
        self.scale = ActivationScale(width=self.SCALE_WIDTH).next_to(self.neuron, DOWN, buff=0.55)
        self.set_neuron(shown.walk_values[0])
        self.play(FadeIn(self.neuron), run_time=0.8)
        self.play(FadeIn(self.scale), run_time=0.6)
        self.note = caption("a neuron: a thing that holds one number between 0 and 1,\n"
                            "its activation; the higher the number, the brighter it glows").to_edge(DOWN, buff=0.4)
        self.play(FadeIn(self.note), run_time=0.6)
        self.wait(1.5)

    def tie_it_to_a_pixel(self, shown):
        self.image = pixel_digit(shown.image, side=self.IMAGE_SIDE).move_to(self.IMAGE_AT)
        cell = self.IMAGE_SIDE / shown.side
        self.marker = pixel_square(self.pixel_center(shown.walk_pixels[0]), cell * 1.15)
        self.link = Line(self.marker.get_right(), self.neuron.circle.get_left(), stroke_color=palette.ANSWER,
                         stroke_width=1.5, stroke_opacity=0.7)
        self.play(FadeIn(self.image), run_time=0.8)
        self.play(Create(self.marker), Create(self.link), run_time=0.6)
        self.play(FadeOut(self.note), run_time=0.3)
        self.note = caption("this neuron holds the grey value of one pixel of a real 3:\n"
                            "0 for black, 1 for white").to_edge(DOWN, buff=0.4)
        self.play(FadeIn(self.note), run_time=0.6)
        self.wait(1.0)

    def walk_across_the_ink(self, shown):
        centers = np.array([self.pixel_center(i) for i in shown.walk_pixels])

        def on_state(s):
            k = min(int(s), len(centers) - 1)
            step = min(max((s - k - 0.5) / 0.5, 0.0), 1.0)  # hold on a pixel, then move to the next
            nxt = min(k + 1, len(centers) - 1)
            value = shown.walk_values[k] + (shown.walk_values[nxt] - shown.walk_values[k]) * step
            self.marker.move_to(centers[k] + (centers[nxt] - centers[k]) * step)
            self.link.put_start_and_end_on(self.marker.get_right(), self.neuron.circle.get_left())
            self.set_neuron(value)

        moving = VGroup(self.marker, self.link, self.neuron, self.scale.pointer)
        self.play(Replay(moving, len(centers), on_state, run_time=self.WALK_SECONDS_PER_PIXEL * len(centers)))
        self.wait(0.5)

    def visit_three_pixels(self, shown):
        self.play(FadeOut(self.note), run_time=0.3)
        here = divmod(int(shown.walk_pixels[-1]), shown.side)  # where the walk ended
        row = readout("row", FastNumber(here[0], places=0, widest=shown.side - 1))
        col = readout("column", FastNumber(here[1], places=0, widest=shown.side - 1))
        self.place = VGroup(row, col).arrange(RIGHT, buff=0.5).next_to(self.image, UP, buff=0.3)
        self.note = caption("three pixels of the same 3: the background, the one nearest mid-grey, the brightest")
        self.note.to_edge(DOWN, buff=0.4)
        self.play(FadeIn(self.place), FadeIn(self.note), run_time=0.5)
        self.stops = []
        for pixel, value in zip(shown.stops, shown.stop_values):
            r, c = divmod(int(pixel), shown.side)
            follow = UpdateFromFunc(self.link, lambda link: link.put_start_and_end_on(
                self.marker.get_right(), self.neuron.circle.get_left()))
            self.play(self.marker.animate.move_to(self.pixel_center(pixel)), self.neuron.change_to(value), follow,
                      run_time=0.8)
            row.value.set_value(r)
            col.value.set_value(c)
            self.scale.point_at(value)
            self.stops.append((r, c, self.neuron.number.get_value()))
            self.wait(1.2)


class PixelsToInputLayer(Scene):
    """The first training 3's 28 x 28 = 784 pixels become 784 neurons, each holding its pixel's grey
    value (three written out), then fly into the input column of the replayed network: the 16 drawn
    neurons are the pixels that vary most over the training images (``netcore.data.informative_pixels``,
    ringed on the image before they fly) and take exactly their pixels' values; the rest fly into the
    ellipsis (``structure_data.pixels_to_input_layer``)."""

    IMAGE_SIDE, IMAGE_AT = 4.2, [-3.7, 0.3, 0]
    NEURON_SHARE = 0.78  # a pixel turned neuron: circle diameter / pixel pitch
    COLUMN_X, COLUMN_HEIGHT, COLUMN_Y = 3.6, 5.9, 0.05
    NOTE_RIGHT = 2.2  # captions end left of the input column and its brace
    CALLOUT_X = 0.0
    FLY_SECONDS = 4.0
    SOURCE_SIDE = 2.4  # the picture, small, where the pixels were

    def construct(self):
        shown = structure_data.pixels_to_input_layer()
        self.shown = shown
        self.show_the_pixels(shown)
        self.pixels_become_neurons(shown)
        self.mark_the_drawn_inputs(shown)
        self.fly_into_the_column(shown)
        self.show_their_values(shown)

    def place_note(self, note):
        """At the bottom, left of the input column."""
        note.to_edge(DOWN, buff=0.35)
        note.set_x(min(0.0, self.NOTE_RIGHT - note.width / 2))

    def show_the_pixels(self, shown):
        self.play(Write(title("The input layer")), run_time=0.8)
        self.pixels = PixelNeurons(shown.image, side=self.IMAGE_SIDE).move_to(self.IMAGE_AT)
        self.frame = Square(side_length=self.IMAGE_SIDE, stroke_color=palette.FAINT, stroke_width=1.5).move_to(self.IMAGE_AT)
        self.play(FadeIn(self.pixels), FadeIn(self.frame), run_time=0.8)
        top = Brace(self.frame, UP, buff=0.1, color=palette.DIM_TEXT)
        left = Brace(self.frame, LEFT, buff=0.1, color=palette.DIM_TEXT)
        self.side_numbers = [integer(shown.side, size=palette.SMALL_SIZE).next_to(top, UP, buff=0.1),
                             integer(shown.side, size=palette.SMALL_SIZE).next_to(left, LEFT, buff=0.1)]
        self.braces = VGroup(top, left, *self.side_numbers)
        self.equation = times_equation(shown.side, shown.n_inputs).next_to(self.frame, DOWN, buff=0.35)
        self.play(FadeIn(self.braces), run_time=0.6)
        self.play(FadeIn(self.equation), run_time=0.6)
        self.wait(0.8)

    def pixels_become_neurons(self, shown):
        self.play(FadeOut(self.frame), self.pixels.animate_to(sizes=self.pixels.cell * self.NEURON_SHARE, roundness=1),
                  run_time=1.5)
        self.note = caption("each pixel becomes a neuron\nholding that pixel's grey value")
        self.place_note(self.note)
        self.callouts = VGroup()
        self.callout_numbers = []
        ys = np.linspace(1.2, -1.2, len(shown.callouts))
        for pixel, value, y in zip(shown.callouts, shown.callout_values, ys):
            number = FastNumber(value, places=2, size=palette.SMALL_SIZE).move_to([self.CALLOUT_X, y, 0])
            start = self.pixels.centers[pixel]
            ring = ring_marks([start], self.pixels.cell * 0.75, color=palette.ANSWER, stroke_width=2)
            lead = Line(start + RIGHT * self.pixels.cell * 0.75, number.get_left() + LEFT * 0.1,
                        stroke_color=palette.ANSWER, stroke_width=1.2, stroke_opacity=0.8)
            self.callouts.add(VGroup(ring, lead, number))
            self.callout_numbers.append(number)
        self.play(FadeIn(self.note), LaggedStart(*[FadeIn(c) for c in self.callouts], lag_ratio=0.4), run_time=1.6)
        self.wait(2.0)

    def mark_the_drawn_inputs(self, shown):
        self.network = NetworkMobject(shown.network, shown_inputs=shown.shown_inputs, height=self.COLUMN_HEIGHT,
                                      show_edges=False, output_labels=False)
        self.network.shift([self.COLUMN_X - self.network.positions[0][0][0],
                            self.COLUMN_Y - self.network.ellipses[0].get_center()[1], 0]).refresh_geometry()
        self.column = VGroup(self.network.neurons[0], self.network.ellipses[0], self.network.braces[0])
        self.rings = ring_marks(self.pixels.centers[shown.shown_inputs], self.pixels.cell * 0.75, color=palette.ANSWER)
        self.play(FadeOut(self.callouts), FadeOut(self.note), run_time=0.5)
        self.note = caption(f"the input column draws {len(shown.shown_inputs)} of the {shown.n_inputs} neurons (ringed):\n"
                            f"the pixels that vary most over the {shown.n_train:,} training images")
        self.place_note(self.note)
        self.play(FadeIn(self.column), Create(self.rings), FadeIn(self.note), run_time=1.2)
        self.wait(2.0)

    def fly_into_the_column(self, shown):
        n = shown.n_inputs
        dots = self.network.ellipses[0]
        targets = np.tile(dots.get_center(), (n, 1))
        targets[:, 1] += np.linspace(dots.height / 2, -dots.height / 2, n)  # the rest pour into the ellipsis
        sizes = np.zeros(n)
        targets[shown.shown_inputs] = self.network.positions[0]
        sizes[shown.shown_inputs] = 2 * self.network.neuron_radius
        self.play(FadeOut(self.rings), run_time=0.4)
        self.bring_to_front(self.pixels)  # over the column's black circles while they land
        self.play(self.pixels.animate_to(centers=targets, sizes=sizes, lag=0.6), run_time=self.FLY_SECONDS)
        self.source = pixel_digit(shown.image, side=self.SOURCE_SIDE).move_to(self.IMAGE_AT)
        self.play(FadeOut(self.braces), FadeIn(self.source), run_time=0.6)  # the picture they came from
        self.network.set_input(shown.image)  # the drawn input neurons now hold the pixels' values
        self.remove(self.pixels)
        self.wait(0.3)

    def show_their_values(self, shown):
        shown_acts = self.network.activations[0][self.network.shown[0]]
        self.values = [FastNumber(a, places=2, size=palette.TINY_SIZE).next_to(p, RIGHT, buff=self.network.neuron_radius + 0.12)
                       for a, p in zip(shown_acts, self.network.positions[0])]
        self.play(FadeOut(self.note), run_time=0.3)
        self.note = caption(f"each input neuron holds its pixel's grey value;\nbeside them: the values of the {len(self.values)} drawn")
        self.place_note(self.note)
        self.play(FadeIn(VGroup(*self.values)), FadeIn(self.note), run_time=0.8)
        self.wait(2.5)


class NetworkLayers(Scene):
    """The replayed network's layers: the input layer (16 of its neurons drawn: the pixels that vary
    most over the training images), the hidden layers with a question mark on each neuron (their job is
    unknown yet), the output layer labelled with the digits, each layer named with its real size (read
    from the network: ``structure_data.network_layers``); then the edges between them."""

    WIDTH, HEIGHT, CENTER = 9.6, 5.5, [0.5, -0.15, 0]
    NAMES_Y, SIZES_Y = 2.92, -3.12
    QUESTION_SHARE = 1.1  # "?" height / neuron radius

    def construct(self):
        shown = structure_data.network_layers()
        self.shown = shown
        self.draw_the_network(shown)
        self.show_the_input_layer(shown)
        self.show_the_output_layer(shown)
        self.show_the_hidden_layers(shown)
        self.connect_the_layers(shown)

    def layer_name(self, l: int) -> str:
        last = len(self.shown.sizes) - 1
        if l == 0:
            return "input layer"
        if l == last:
            return "output layer"
        return "hidden layer" if last == 2 else f"hidden layer {l}"

    def draw_the_network(self, shown):
        self.play(Write(title("The layers")), run_time=0.8)
        self.network = NetworkMobject(shown.network, shown_inputs=shown.shown_inputs, width=self.WIDTH,
                                      height=self.HEIGHT).move_to(self.CENTER)
        self.network.refresh_geometry()
        spacing = self.WIDTH / (len(shown.sizes) - 1)
        self.names, self.sizes = [], []
        for l, size in enumerate(shown.sizes):
            x = self.network.positions[l][0][0]
            name = label(self.layer_name(l), size=palette.SMALL_SIZE)
            if name.width > spacing - 0.3:
                name.scale_to_fit_width(spacing - 0.3)
            self.names.append(name.move_to([x, self.NAMES_Y, 0]))
            count = VGroup(integer(size, size=palette.SMALL_SIZE), label("neurons", size=palette.SMALL_SIZE, color=palette.DIM_TEXT))
            count.arrange(RIGHT, buff=0.12)
            on_baseline(count[0], count[1])
            self.sizes.append(count.move_to([x, self.SIZES_Y, 0]))
        r = self.network.neuron_radius
        self.questions = [VGroup(*[label("?", size=palette.SMALL_SIZE).scale_to_fit_height(r * self.QUESTION_SHARE).move_to(p)
                                   for p in self.network.positions[l]]) for l in range(1, len(shown.sizes) - 1)]
        self.braces_of = {}
        truncated = [l for l, n in enumerate(shown.sizes) if n > self.network.max_shown]
        for l, brace in zip(truncated, self.network.braces):
            self.braces_of[l] = brace

    def layer_parts(self, l: int) -> VGroup:
        parts = VGroup(self.network.neurons[l], self.names[l], self.sizes[l])
        truncated = [k for k, n in enumerate(self.shown.sizes) if n > self.network.max_shown]
        if l in truncated:
            parts.add(self.network.ellipses[truncated.index(l)], self.braces_of[l])
        return parts

    def say(self, text: str):
        if hasattr(self, "note"):
            self.play(FadeOut(self.note), run_time=0.3)
        self.note = caption(text).to_edge(DOWN, buff=0.3)
        self.play(FadeIn(self.note), run_time=0.5)

    def show_the_input_layer(self, shown):
        self.play(FadeIn(self.layer_parts(0)), run_time=1.0)
        self.say(f"one input neuron per pixel ({self.network.max_shown} of the {shown.sizes[0]} drawn: "
                 "the pixels that vary most)")
        self.wait(1.5)

    def show_the_output_layer(self, shown):
        last = len(shown.sizes) - 1
        self.play(FadeIn(self.layer_parts(last)), FadeIn(self.network.output_labels), run_time=1.0)
        self.say(f"one output neuron per digit, {shown.sizes[-1]} in all")
        self.wait(1.5)

    def show_the_hidden_layers(self, shown):
        hidden = range(1, len(shown.sizes) - 1)
        self.play(LaggedStart(*[FadeIn(VGroup(self.layer_parts(l), self.questions[l - 1])) for l in hidden],
                              lag_ratio=0.3), run_time=1.4)
        sizes = [str(n) for n in shown.hidden_sizes]
        counts = sizes[0] if len(sizes) == 1 else ", ".join(sizes[:-1]) + " and " + sizes[-1]
        many = len(shown.hidden_sizes)
        self.say(f"{many} hidden layer{'s' if many > 1 else ''} ({counts} neurons): "
                 "what they do is, for now, a question mark")
        self.wait(2.0)

    def connect_the_layers(self, shown):
        self.play(fade_in_strokes(self.network.edges), run_time=1.2)
        self.say("the activations of each layer determine those of the next")
        self.wait(2.0)


SCENES = (SloppyThree, NeuronHoldsNumber, PixelsToInputLayer, NetworkLayers)
