"""Chapter 1: the structure of the network, scene by scene in the lesson's order (``../shared/lessons.md``).

Render from the repo root: ``manim -qh scenes/structure.py FeedForward``. Each scene's ``construct``
is its storyboard: one value from ``scenes.structure_data`` (everything it shows, computed by netcore
from real MNIST and the lesson's trained run), then the beats the viewer sees, in order. Drawing lives
in ``scenes.kit``. ``NETCORE_TRACE`` replays another network's trace through every scene.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    Arrow,
    Brace,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    MoveAlongPath,
    MoveToTarget,
    Scene,
    Square,
    SurroundingRectangle,
    Succession,
    UpdateFromFunc,
    VGroup,
    VMobject,
    Write,
    config,
    rate_functions,
)

from scenes import structure_data
from scenes.kit import palette
from scenes.kit.activation_plot import ActivationPlot
from scenes.kit.animations import Replay, fade_in_strokes, hand_over
from scenes.kit.hope import HeatRows, exploded_strokes, stroke_picture
from scenes.kit.layout import (
    caption,
    caption_within,
    legend,
    labelled_thumbnail,
    on_baseline,
    place_in_row,
    readout,
    text_row,
    thumbnail,
    times_equation,
    title,
)
from scenes.kit.machine import FunctionMachine
from scenes.kit.matrix import MatrixSlice, parentheses
from scenes.kit.network import NetworkMobject, layer_blocks
from scenes.kit.neuron import NeuronCircle, WeightedSum, pixel_box, pixel_marker, pixel_outline
from scenes.kit.pixel_neurons import ActivationScale, PixelNeurons, ValueNeuron, ring_marks
from scenes.kit.pixels import pixel_digit, pixel_weights
from scenes.kit.plot import PlotAxes
from scenes.kit.raster_cache import RasterCachedScene
from scenes.kit.storyboard import beat, storyboard
from scenes.kit.text import FastNumber, activation_name, activation_tex, as_percent, integer, label, math, number, power_of_ten, tex_integer

CORRECT = palette.WEIGHT_POSITIVE  # the network's answer matches the label (as in chapter 2)
WRONG = palette.NEGATIVE  # it does not
PART_COLORS = palette.SERIES  # the loops and lines of one digit, in order


class SloppyThree(Scene):  # Manim's own camera: with cached paths ~20 pixels came out a shade different
    """The first 3 of the training set on its 28x28 grid; then 3s as different from each other as the
    training set has (greedy farthest-point selection in pixel space among the typical half of the 3s,
    ``structure_data.sloppy_three``) with how little ink they share; then one of every other digit with
    its count in the training set. Every image, label and count comes from the data."""

    TITLE = "This is a 3"
    OTHERS_TITLE = "Every digit, many handwritings"  # the title once the other digits come in

    BIG_SIDE, BIG_AT = 4.4, [0, -0.15, 0]
    THREE_SIDE, THREE_STEP, THREES_Y = 1.9, 2.45, 0.75
    SMALL_THREE_SIDE, SMALL_THREES_Y = 1.05, 2.1
    OTHER_SIDE, OTHER_STEP, OTHERS_Y = 1.05, 1.42, -0.6

    @storyboard
    def construct(self):
        shown = structure_data.sloppy_three()
        self.shown = shown
        self.show_the_three(shown)
        self.show_very_different_threes(shown)
        self.show_other_digits(shown)

    def row_x(self, n: int, step: float) -> np.ndarray:
        return (np.arange(n) - (n - 1) / 2) * step

    @beat(lambda self, shown: f"A handwritten 3 from MNIST on a {shown.side} \u00d7 {shown.side} grid: "
                              "blurry, yet we read it at once.")
    def show_the_three(self, shown):
        self.head = title(self.TITLE)
        self.play(Write(self.head), run_time=0.8)
        self.big = pixel_digit(shown.first, side=self.BIG_SIDE).move_to(self.BIG_AT)
        self.play(FadeIn(self.big), run_time=0.8)
        self.note = caption(f"a real handwritten 3 from MNIST, {shown.side} × {shown.side} pixels:\n"
                            "sloppy, coarse, and still we read it at once").to_edge(DOWN, buff=0.4)
        self.play(FadeIn(self.note), run_time=0.6)
        self.wait(1.5)

    @beat(lambda self, shown: "More training 3s, picked to be as unlike each other as can be. "
                              f"Pixels inked in every one: only {shown.ink_in_all}.")
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

    @beat("Then one of each other digit; under each, how many training images have that label.")
    def show_other_digits(self, shown):
        head = title(self.OTHERS_TITLE)
        xs = self.row_x(len(shown.threes), self.SMALL_THREE_SIDE * 1.35)
        for t, x in zip(self.threes, xs):
            t.generate_target()
            t.target.scale(self.SMALL_THREE_SIDE / self.THREE_SIDE).move_to([x, self.SMALL_THREES_Y, 0])
            t.target[1].scale(self.THREE_SIDE / self.SMALL_THREE_SIDE).next_to(t.target[0], DOWN, buff=0.08)
        self.play(FadeOut(self.note), FadeOut(self.head), FadeIn(head), *[MoveToTarget(t) for t in self.threes],
                  run_time=1.0)
        self.head = head
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
        self.wait(3.5)


class NeuronHoldsNumber(RasterCachedScene):
    """A neuron is a thing that holds a number between 0 and 1, its activation, and is as bright as
    that number. Here the number is real: the grey value of one pixel of the first training 3, as a
    marker walks across the row with the most ink, then three pixels of it (background, nearest
    mid-grey, brightest) with their rows and columns (``structure_data.neuron_holds_number``)."""

    TITLE = "A neuron holds a number"

    IMAGE_SIDE, IMAGE_AT = 4.2, [-3.6, -0.35, 0]
    NEURON_RADIUS, NEURON_AT = 1.05, [3.2, 0.75, 0]
    SCALE_WIDTH = 3.2
    WALK_SECONDS_PER_PIXEL = 0.32

    @storyboard
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

    @beat("A neuron holds one number from 0 to 1, its activation: the higher it is, the brighter.")
    def show_a_neuron(self, shown):
        self.play(Write(title(self.TITLE)), run_time=0.8)
        self.neuron = ValueNeuron(shown.walk_values[0], radius=self.NEURON_RADIUS).move_to(self.NEURON_AT)
        self.scale = ActivationScale(width=self.SCALE_WIDTH).next_to(self.neuron, DOWN, buff=0.55)
        self.set_neuron(shown.walk_values[0])
        self.play(FadeIn(self.neuron), run_time=0.8)
        self.play(FadeIn(self.scale), run_time=0.6)
        self.note = caption("a neuron: a thing that holds one number between 0 and 1,\n"
                            "its activation; the higher the number, the brighter it glows").to_edge(DOWN, buff=0.4)
        self.play(FadeIn(self.note), run_time=0.6)
        self.wait(1.5)

    @beat("Here it holds one pixel's grey value: 0 for black, 1 for white.")
    def tie_it_to_a_pixel(self, shown):
        self.image = pixel_digit(shown.image, side=self.IMAGE_SIDE).move_to(self.IMAGE_AT)
        cell = self.IMAGE_SIDE / shown.side
        self.marker = pixel_outline(self.pixel_center(shown.walk_pixels[0]), cell * 1.15)
        self.link = Line(self.marker.get_right(), self.neuron.circle.get_left(), stroke_color=palette.ANSWER,
                         stroke_width=1.5, stroke_opacity=0.7)
        self.play(FadeIn(self.image), run_time=0.8)
        self.play(Create(self.marker), Create(self.link), run_time=0.6)
        self.play(FadeOut(self.note), run_time=0.3)
        self.note = caption("this neuron holds the grey value of one pixel of a real 3:\n"
                            "0 for black, 1 for white").to_edge(DOWN, buff=0.4)
        self.play(FadeIn(self.note), run_time=0.6)
        self.wait(1.0)

    @beat(lambda self, shown: f"The marker runs along row {shown.walk_row}, the inkiest row; "
                              "the neuron takes each pixel's value in turn.")
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

    @beat(lambda self, shown: f"Three pixels of the 3: background ({shown.stop_values[0]:.2f}), nearest mid-grey "
                              f"({shown.stop_values[1]:.2f}), brightest ({shown.stop_values[2]:.2f}).")
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
            # the row, column and neuron hand over to the new pixel in the same animation as the marker's move
            self.play(self.marker.animate.move_to(self.pixel_center(pixel)), follow,
                      hand_over([row.value, col.value, self.neuron.number], [r, c, value],
                                lambda v=value: self.set_neuron(v)), run_time=0.8)
            self.stops.append((int(row.value.get_value()), int(col.value.get_value()), self.neuron.number.get_value()))
            self.wait(1.2)
        self.wait(2.3)  # the last, brightest pixel: time to read it


class PixelsToInputLayer(RasterCachedScene):
    """The first training 3's 28 x 28 = 784 pixels become 784 neurons, each holding its pixel's grey
    value (three written out), then fly into the input column of the replayed network: the 16 drawn
    neurons are the pixels that vary most over the training images (``netcore.data.informative_pixels``,
    ringed on the image before they fly) and take exactly their pixels' values; the rest fly into the
    ellipsis (``structure_data.pixels_to_input_layer``)."""

    TITLE = "The input layer"

    IMAGE_SIDE, IMAGE_AT = 4.2, [-3.7, 0.3, 0]
    NEURON_SHARE = 0.78  # a pixel turned neuron: circle diameter / pixel pitch
    COLUMN_X, COLUMN_HEIGHT, COLUMN_Y = 3.6, 5.9, 0.05
    NOTE_RIGHT = 2.2  # captions end left of the input column and its brace
    CALLOUT_X = 0.0
    FLY_SECONDS = 4.0
    SOURCE_SIDE = 2.4  # the picture, small, where the pixels were
    RING_SHARE = 0.55  # ring radius / pixel pitch: neighbouring rings stay apart

    @storyboard
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

    @beat(lambda self, shown: f"The same 3: {shown.side} \u00d7 {shown.side} = {shown.n_inputs} pixels.")
    def show_the_pixels(self, shown):
        self.play(Write(title(self.TITLE)), run_time=0.8)
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

    @beat("Every pixel turns into a neuron holding its grey value; three of the values are written out.")
    def pixels_become_neurons(self, shown):
        self.play(FadeOut(self.frame), self.pixels.animate_to(sizes=self.pixels.cell * self.NEURON_SHARE, roundness=1),
                  run_time=1.5)
        self.note = caption("each pixel becomes a neuron\nholding that pixel's grey value")
        self.place_note(self.note)
        self.callouts = VGroup()
        self.callout_numbers = []
        # the labels top to bottom in the order of their pixels, so that the leader lines do not cross
        ys = np.empty(len(shown.callouts))
        ys[np.argsort(-self.pixels.centers[shown.callouts][:, 1], kind="stable")] = np.linspace(1.2, -1.2, len(ys))
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

    @beat("Only the ringed pixels get drawn in the input column: those that vary most.")
    def mark_the_drawn_inputs(self, shown):
        self.network = NetworkMobject(shown.network, shown_inputs=shown.shown_inputs, height=self.COLUMN_HEIGHT,
                                      show_edges=False, output_labels=False)
        self.network.shift([self.COLUMN_X - self.network.positions[0][0][0],
                            self.COLUMN_Y - self.network.ellipses[0].get_center()[1], 0]).refresh_geometry()
        self.column = VGroup(self.network.neurons[0], self.network.ellipses[0], self.network.braces[0])
        self.rings = ring_marks(self.pixels.centers[shown.shown_inputs], self.pixels.cell * self.RING_SHARE,
                                color=palette.ANSWER)
        self.play(FadeOut(self.callouts), FadeOut(self.note), run_time=0.5)
        self.note = caption(f"the input column draws {len(shown.shown_inputs)} of the {shown.n_inputs} neurons (ringed):\n"
                            f"the pixels that vary most over the {shown.n_train:,} training images")
        self.place_note(self.note)
        self.play(FadeIn(self.column), Create(self.rings), FadeIn(self.note), run_time=1.2)
        self.wait(2.0)

    @beat(lambda self, shown: f"All {shown.n_inputs} neurons fly into the column; "
                              "those not drawn pour into the dots.")
    def fly_into_the_column(self, shown):
        n = shown.n_inputs
        dots = self.network.ellipses[0]
        targets = np.tile(dots.get_center(), (n, 1))
        targets[:, 1] += np.linspace(dots.height / 2, -dots.height / 2, n)  # the rest pour into the ellipsis
        sizes = np.zeros(n)
        targets[shown.shown_inputs] = self.network.positions[0]
        sizes[shown.shown_inputs] = 2 * self.network.neuron_radius
        self.play(FadeOut(self.rings), FadeOut(self.braces), FadeOut(self.note), run_time=0.4)
        self.note = caption(f"all {n} neurons fly into the column:\nthe ones not drawn pour into the dots")
        self.place_note(self.note)
        self.bring_to_front(self.pixels)  # over the column's black circles while they land
        self.play(self.pixels.animate_to(centers=targets, sizes=sizes, lag=0.6), FadeIn(self.note),
                  run_time=self.FLY_SECONDS)
        self.source = pixel_digit(shown.image, side=self.SOURCE_SIDE).move_to(self.IMAGE_AT)
        self.play(FadeIn(self.source), run_time=0.6)  # the picture they came from
        self.network.set_input(shown.image)  # the drawn input neurons now hold the pixels' values
        self.remove(self.pixels)
        self.wait(0.3)

    @beat("Each drawn input neuron holds its pixel's grey value, written beside it.")
    def show_their_values(self, shown):
        shown_acts = self.network.activations[0][self.network.shown[0]]
        self.values = [FastNumber(a, places=2, size=palette.TINY_SIZE).next_to(p, RIGHT, buff=self.network.neuron_radius + 0.12)
                       for a, p in zip(shown_acts, self.network.positions[0])]
        self.play(FadeOut(self.note), run_time=0.3)
        self.note = caption(f"each input neuron holds its pixel's grey value;\nbeside them: the values of the {len(self.values)} drawn")
        self.place_note(self.note)
        self.play(FadeIn(VGroup(*self.values)), FadeIn(self.note), run_time=0.8)
        self.wait(3.5)


class NetworkLayers(Scene):  # Manim's own camera: with cached paths ~20 pixels came out a shade different
    """The replayed network's layers: the input layer (16 of its neurons drawn: the pixels that vary
    most over the training images), the hidden layers with a question mark on each neuron (their job is
    unknown yet), the output layer labelled with the digits, each layer named with its real size (read
    from the network: ``structure_data.network_layers``); then the edges between them."""

    TITLE = "The layers"

    WIDTH, HEIGHT, CENTER = 9.6, 5.5, [0.5, -0.15, 0]
    NAMES_Y, SIZES_Y = 2.92, -3.12
    QUESTION_SHARE = 1.1  # "?" height / neuron radius

    @storyboard
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

    @beat("Layer by layer.")
    def draw_the_network(self, shown):
        self.play(Write(title(self.TITLE)), run_time=0.8)
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

    @beat(lambda self, shown: f"The input layer: {shown.sizes[0]} neurons, one per pixel.")
    def show_the_input_layer(self, shown):
        self.play(FadeIn(self.layer_parts(0)), run_time=1.0)
        self.say(f"one input neuron per pixel ({self.network.max_shown} of the {shown.sizes[0]} drawn: "
                 "the pixels that vary most)")
        self.wait(1.5)

    @beat(lambda self, shown: f"The output layer: {shown.sizes[-1]} neurons, one per digit.")
    def show_the_output_layer(self, shown):
        last = len(shown.sizes) - 1
        self.play(FadeIn(self.layer_parts(last)), FadeIn(self.network.output_labels), run_time=1.0)
        self.say(f"one output neuron per digit, {shown.sizes[-1]} in all")
        self.wait(1.5)

    @beat("The hidden neurons in between get a question mark: what they do is unknown for now.")
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

    @beat("Edges join the layers: one layer's activations set the next. Blue: positive trained weights, "
          "red: negative; thicker: larger.")
    def connect_the_layers(self, shown):
        self.key = self.edge_legend()
        self.play(fade_in_strokes(self.network.edges), FadeIn(self.key), run_time=1.2)
        self.say("the activations of each layer determine those of the next")
        self.wait(3.5)

    def edge_legend(self) -> VGroup:
        """What the edges' colours and widths mean, at the left above the input layer's brace."""
        key = VGroup(caption("the trained\nweights:", size=palette.TINY_SIZE, align=LEFT),
                     legend([(palette.POSITIVE, "positive"), (palette.NEGATIVE, "negative")], size=palette.TINY_SIZE),
                     caption("thicker:\nlarger size", size=palette.TINY_SIZE, align=LEFT))
        key.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        room = self.network.neurons[0].get_left()[0] - self.network.neuron_radius - 0.6 - (-config.frame_width / 2 + 0.2)
        if key.width > room:
            key.scale_to_fit_width(room)
        key.to_edge(LEFT, buff=0.2).align_to(self.network.neurons[0], UP)
        return key


class FeedForward(RasterCachedScene):
    """Real test images through the lesson's trained network: each image's pixels light the input
    neurons, then layer by layer a flash runs along the edges and the next layer takes netcore's
    activations; the brightest output is boxed beside the label. The images: the first test images,
    then the first one the network gets wrong. The input column draws the 16 pixels that vary most over
    the training images (netcore.data.informative_pixels), marked on the image. The accuracy is
    netcore's on the whole test set (equal to the trace's recorded final test accuracy)."""

    TITLE = "The trained network, fed test images"

    NETWORK_AT, NETWORK_SIZE = np.array([1.45, -0.2, 0]), (7.2, 5.9)
    IMAGE_AT, IMAGE_SIDE = np.array([-5.45, 1.35, 0]), 2.3
    ANSWERS_X = 5.95
    FEED_TIME = 3.2

    @storyboard
    def construct(self):
        self.shown = shown = structure_data.feed_forward()
        self.show_the_trained_network(shown)
        self.say_which_inputs_are_drawn(shown)
        self.feed_each_test_image(shown)
        self.state_the_accuracy(shown)

    @beat("The network after training.")
    def show_the_trained_network(self, shown):
        self.netmob = NetworkMobject(shown.network, width=self.NETWORK_SIZE[0], height=self.NETWORK_SIZE[1],
                                     shown_inputs=shown.shown_inputs, activation_scale=shown.layer_scales)
        self.netmob.move_to(self.NETWORK_AT)
        self.play(Write(title(self.TITLE)), run_time=0.8)
        self.play(FadeIn(self.netmob), run_time=1.0)
        if np.any(shown.layer_scales != 1):
            note = caption(f"{activation_name(shown.activation)}: brightness =\nactivation \u00f7 the layer's\n"
                           f"largest on these {len(shown.indices)} images", size=palette.TINY_SIZE, align=RIGHT)
            self.play(FadeIn(note.to_corner(UP + RIGHT, buff=0.3)), run_time=0.5)

    @beat("A test image; lines tie each drawn input neuron to its pixel.")
    def say_which_inputs_are_drawn(self, shown):
        self.image = pixel_digit(shown.images[0], side=self.IMAGE_SIDE).move_to(self.IMAGE_AT)
        self.links = self.netmob.pixel_links(self.image)
        n_in = len(shown.shown_inputs)
        words = (f"the {n_in} input neurons drawn\n(of {shown.network.sizes[0]:,}): the {n_in} pixels\n"
                 f"that vary most over the\n{shown.n_train:,} training images (marked)")
        self.inputs_note = caption(words, size=palette.TINY_SIZE, align=LEFT)
        self.inputs_note.to_corner(DOWN + LEFT, buff=0.3)
        self.play(FadeIn(self.image), run_time=0.6)
        self.play(Create(self.links), FadeIn(self.inputs_note), run_time=1.4)
        self.wait(1.0)
        self.play(self.links[1].animate.set_stroke(opacity=0.12), run_time=0.5)

    @beat(lambda self, shown: "Test images run through layer by layer; the brightest output is the answer."
                              + (f" Test image {shown.first_wrong} is its first mistake." if shown.first_wrong >= 0
                                 else ""))
    def feed_each_test_image(self, shown):
        self.which = caption(f"test image {int(shown.indices[0])}", size=palette.SMALL_SIZE)
        self.which.next_to(self.image, DOWN, buff=0.2).align_to(self.image, LEFT)
        self.guess = integer(0, size=palette.LABEL_SIZE)
        self.truth = integer(0, size=palette.LABEL_SIZE)
        self.answers = VGroup(readout("network says", self.guess, size=palette.SMALL_SIZE),
                              readout("label", self.truth, size=palette.SMALL_SIZE))
        self.answers.arrange(DOWN, aligned_edge=RIGHT, buff=0.2).next_to(self.which, DOWN, buff=0.3)
        self.answers.align_to(self.image, LEFT)
        self.box = None
        self.fed = []  # (test index, guess, label, input neuron values shown) per image, for the tests
        for k in range(len(shown.indices)):
            self.feed_one(shown, k)

    def feed_one(self, shown, k):
        index, guess, truth = int(shown.indices[k]), int(shown.guesses[k]), int(shown.labels[k])
        right = guess == truth
        if k > 0:
            image = pixel_digit(shown.images[k], side=self.IMAGE_SIDE).move_to(self.IMAGE_AT)
            which = caption(f"test image {index}" if index != shown.first_wrong else
                            f"test image {index}:\nthe first it gets wrong", size=palette.SMALL_SIZE,
                            color=palette.DIM_TEXT if right else WRONG, align=LEFT)
            which.next_to(self.image, DOWN, buff=0.2).align_to(self.image, LEFT)
            self.answers.next_to(which, DOWN, buff=0.3).align_to(self.image, LEFT)
            # the old image, its name and its answer go before the new image and its name come in
            self.play(Succession(FadeOut(VGroup(self.image, self.box, self.answers, self.which)),
                                 FadeIn(VGroup(image, which))), run_time=0.6)
            self.bring_to_front(self.links)
            self.image, self.which = image, which
        else:
            self.play(FadeIn(self.which), run_time=0.4)
        self.play(self.netmob.feed_forward(shown.images[k]), run_time=self.FEED_TIME)
        self.guess.set_value(guess).set_color(CORRECT if right else WRONG)
        self.truth.set_value(truth)
        self.box = self.netmob.answer_box()
        self.play(Create(self.box), FadeIn(self.answers), run_time=0.6)
        self.fed.append((index, self.netmob.answer(), truth, [c.get_fill_color() for c in self.netmob.neurons[0]]))
        self.wait(1.4 if right else 2.2)

    @beat(lambda self, shown: f"On all {shown.n_test:,} test images, "
                              f"it is right {as_percent(shown.accuracy)} of the time.")
    def state_the_accuracy(self, shown):
        right = int(round(shown.accuracy * shown.n_test))
        self.accuracy_words = f"{right:,} right, {as_percent(shown.accuracy)}"
        self.accuracy_note = caption(f"on all {shown.n_test:,} test images:\n{right:,} right, {as_percent(shown.accuracy)}",
                                     size=palette.SMALL_SIZE, color=palette.COST, align=RIGHT)
        self.accuracy_note.to_corner(DOWN + RIGHT, buff=0.45)
        self.play(FadeIn(self.accuracy_note), run_time=0.8)
        self.wait(3.5)


class LayeredHope(RasterCachedScene):
    """The hope for the hidden layers, built from real strokes: a real 9 cut into a loop and a line, a
    real 8 into two loops, a real 4 into three lines (netcore.strokes: loops are the ink around an
    enclosed hole, lines the rest split by stroke direction; each digit is the first training image of
    its kind among the first 100 that splits that way), the 9's loop cut into little edges; pixels ->
    little edges -> loops and lines -> digits. Then what the trained network's last hidden layer does
    on the first test 9s, 8s and 4s (rows of real activations), and the measure over all test 9s, 8s
    and 4s: does any neuron fire for 9s and 8s (a loop up top) more than for 4s?"""

    TITLE = "What we hope the hidden layers do"

    DIGITS_Y, DIGIT_SIDE, DIGIT_XS = 1.0, 2.2, (-4.6, 0.0, 4.6)
    PARTS_Y, PART_SIDE = -1.7, 1.5
    CHAIN_XS, CHAIN_Y, CHAIN_SIDE = (-5.3, -1.75, 1.85, 5.2), 0.2, 2.0
    EXPLODE = 0.6  # the little edges move apart by this fraction of their offset from the digit's middle
    GRID_AT, GRID_SIZE, GROUP_GAP = np.array([0.9, -0.1, 0]), (8.6, 3.9), 0.2
    CLEAR_CONTRAST, CLEAR_SEPARATION = 0.3, 0.85  # a neuron "behaves like a loop detector" at or above both
    SOME_CONTRAST = 0.1  # at or above: "leans that way"
    VERDICT_SECONDS = 7.0  # the closing verdict is three lines: time to read them

    @storyboard
    def construct(self):
        self.shown = shown = structure_data.layered_hope()
        self.show_three_real_digits(shown)
        self.cut_them_into_strokes(shown)
        self.break_the_loop_into_edges(shown)
        self.look_at_the_real_last_layer(shown)
        self.say_what_the_measure_shows(shown)

    # --- the hope ---------------------------------------------------------------------------------
    @staticmethod
    def parts_words(counts) -> str:
        """(loops, lines) in words: "a loop and a line", "2 loops", "3 lines"."""
        words = [("a " if n == 1 else f"{n} ") + name + ("" if n == 1 else "s")
                 for n, name in zip(counts, ("loop", "line")) if n]
        return " and ".join(words) if words else "no strokes"

    @beat("Three real training digits: a 9, an 8 and a 4.")
    def show_three_real_digits(self, shown):
        self.head = title(self.TITLE)
        self.play(Write(self.head), run_time=0.8)
        self.digits = VGroup()
        for strokes, x in zip(shown.strokes, self.DIGIT_XS):
            picture = pixel_digit(strokes.image, side=self.DIGIT_SIDE).move_to([x, self.DIGITS_Y, 0])
            name = caption(f"a {strokes.digit} (training image {strokes.index})", size=palette.TINY_SIZE)
            self.digits.add(VGroup(picture, name.next_to(picture, UP, buff=0.15)))
        self.play(LaggedStart(*[FadeIn(d) for d in self.digits], lag_ratio=0.3), run_time=1.5)

    def parts_of(self, strokes, side):
        """The digit's loops then lines as tinted pictures on its own grid, and their names."""
        masks = list(strokes.parts.loops) + list(strokes.parts.lines)
        names = ["loop"] * len(strokes.parts.loops) + ["line"] * len(strokes.parts.lines)
        pictures = [stroke_picture(strokes.image, m, PART_COLORS[i % len(PART_COLORS)], side) for i, m in enumerate(masks)]
        return pictures, names

    @beat("Each is cut into loops and lines: a loop rings a hole, lines are the rest, split by direction.")
    def cut_them_into_strokes(self, shown):
        self.overlays, self.part_rows = VGroup(), VGroup()
        for strokes, digit in zip(shown.strokes, self.digits):
            pictures, names = self.parts_of(strokes, self.DIGIT_SIDE)
            for p in pictures:
                p.move_to(digit[0])
            self.overlays.add(*pictures)
            small, _ = self.parts_of(strokes, self.PART_SIDE)
            row = VGroup()
            for k, (p, name) in enumerate(zip(small, names)):
                cell = VGroup(p, caption(name, size=palette.TINY_SIZE, color=PART_COLORS[k % len(PART_COLORS)]))
                cell[1].next_to(p.get_center() + DOWN * self.PART_SIDE / 2, DOWN, buff=0.08)
                row.add(cell)
            row.arrange(RIGHT, buff=-0.25, aligned_edge=UP).move_to([digit[0].get_x(), self.PARTS_Y, 0])
            count = caption(f"{strokes.n_split} of the first {strokes.n_checked}\n{strokes.digit}s split this way",
                            size=palette.TINY_SIZE).next_to(row, DOWN, buff=0.15)
            self.part_rows.add(VGroup(row, count))
        self.play(FadeIn(self.overlays), run_time=0.8)
        self.play(*[FadeIn(row[0], shift=DOWN * 0.3) for row in self.part_rows], run_time=1.0)
        self.play(*[FadeIn(row[1]) for row in self.part_rows], run_time=0.6)
        self.rule = caption("loop: the ink around an enclosed hole; line: the rest, split by the stroke's direction",
                            size=palette.TINY_SIZE).to_edge(DOWN, buff=0.2)
        self.play(FadeIn(self.rule), run_time=0.6)
        self.wait(2.0)

    @beat("The hope, on the 9: pixels make little edges, edges make loops and lines, and those make the digit.")
    def break_the_loop_into_edges(self, shown):
        nine = shown.strokes[0]
        self.play(FadeOut(self.digits), FadeOut(self.overlays), FadeOut(self.part_rows), FadeOut(self.rule), run_time=0.6)
        xs, y, side = self.CHAIN_XS, self.CHAIN_Y, self.CHAIN_SIDE
        pixels = pixel_digit(nine.image, side=side).move_to([xs[0], y, 0])
        colors = [PART_COLORS[0] if k < shown.n_arcs else PART_COLORS[1] for k in range(len(shown.little_edges))]
        edges = exploded_strokes(nine.image, shown.little_edges, colors, side, self.EXPLODE)
        edges.shift([xs[1], y, 0])  # built on the image's grid, centred on the origin
        parts, _ = self.parts_of(nine, side)
        loops_lines = VGroup(*parts).move_to([xs[2], y, 0])
        for p in parts:
            p.move_to([xs[2], y, 0])
        answer = label(str(nine.digit), size=palette.TITLE_SIZE * 2).move_to([xs[3], y, 0])
        heads = VGroup(*[caption(text, size=palette.SMALL_SIZE).move_to([x, y + side / 2 + 0.45, 0]) for text, x in
                         zip(("pixels", f"{len(shown.little_edges)} little edges", self.parts_words(nine.parts.counts), "the digit"), xs)])
        arrows = VGroup(*[Arrow([a + side / 2 + 0.05, y, 0], [b - side / 2 - 0.05, y, 0], buff=0.05, color=palette.DIM_TEXT,
                                stroke_width=3, max_tip_length_to_length_ratio=0.3) for a, b in zip(xs[:-1], xs[1:])])
        arrows[-1].put_start_and_end_on([xs[2] + side / 2 + 0.05, y, 0], [answer.get_left()[0] - 0.2, y, 0])
        self.play(FadeIn(pixels), FadeIn(heads[0]), run_time=0.6)
        self.play(Create(arrows[0]), FadeIn(heads[1]),
                  LaggedStart(*[FadeIn(piece, scale=0.7) for piece in edges], lag_ratio=0.12), run_time=1.8)
        self.play(Create(arrows[1]), FadeIn(heads[2]), FadeIn(loops_lines), run_time=1.0)
        self.play(Create(arrows[2]), FadeIn(heads[3]), FadeIn(answer), run_time=0.8)
        hope = caption("the hope: each layer combines the last one's pieces\n"
                       "pixels \u2192 little edges \u2192 loops and lines \u2192 digits",
                       size=palette.SMALL_SIZE, color=palette.TEXT).to_edge(DOWN, buff=0.45)
        self.play(FadeIn(hope), run_time=0.8)
        self.wait(2.5)
        self.chain = VGroup(pixels, edges, loops_lines, answer, heads, arrows, hope)

    # --- what the trained network does --------------------------------------------------------------
    @beat("The real last hidden layer: a row per test 9, 8 or 4, a column per neuron.")
    def look_at_the_real_last_layer(self, shown):
        head = title("What the trained network's last hidden layer does")
        self.play(FadeOut(self.chain), FadeOut(self.head), FadeIn(head), run_time=0.8)
        per = len(shown.row_digits)
        n_rows = len(shown.row_indices) // per
        width, height = self.GRID_SIZE
        group_h = (height - self.GROUP_GAP * (per - 1)) / per
        left = self.GRID_AT[0] - width / 2
        self.groups = VGroup()
        thumbs = VGroup()
        names = VGroup()
        top = self.GRID_AT[1] + height / 2
        for g, digit in enumerate(shown.row_digits):
            rows = HeatRows(shown.row_values[g * n_rows:(g + 1) * n_rows], width, group_h)
            rows.move_to([self.GRID_AT[0], top - group_h / 2 - g * (group_h + self.GROUP_GAP), 0])
            self.groups.add(rows)
            side = min(rows.cell_h * 0.92, 0.5)
            for r in range(n_rows):
                image = shown.row_images[g * n_rows + r]
                thumbs.add(thumbnail(image, side=side).move_to([left - 0.15 - side / 2, rows.row_y(r), 0]))
            names.add(caption(f"test\n{digit}s", size=palette.SMALL_SIZE).move_to([left - 0.45 - side - 0.45, rows.get_y(), 0]))
        layer_words = (f"each column: one of the {shown.layer_size} neurons of hidden layer {shown.layer} "
                       f"(the last before the outputs)\neach row: one test image; brightness = the neuron's activation")
        if shown.scaled:
            layer_words += f"\n({activation_name(shown.activation)}: \u00f7 that neuron's largest on the test 9s, 8s and 4s)"
        self.layer_note = caption(layer_words, size=palette.TINY_SIZE).next_to(self.groups, UP, buff=0.2)
        self.layer_note.set_x(self.GRID_AT[0] - 0.6)
        self.play(FadeIn(self.layer_note), LaggedStart(*[FadeIn(VGroup(rows)) for rows in self.groups], lag_ratio=0.3),
                  FadeIn(thumbs), FadeIn(names), run_time=1.8)
        self.wait(1.5)

    @beat(lambda self, shown: "Does any neuron fire more for 9s and 8s (a loop up top) than for 4s? "
                              f"Neuron {shown.measure.best} comes closest.")
    def say_what_the_measure_shows(self, shown):
        m = shown.measure
        best = m.best
        contrast, separation = float(m.contrast[best]), float(m.separation[best])
        box = self.groups[0].column_box(best).stretch_to_fit_height(self.groups.height + 0.1).set_y(self.groups.get_y())
        name = caption(f"neuron {best}", size=palette.TINY_SIZE, color=palette.ANSWER)
        name.next_to(box, DOWN, buff=0.1)
        means = " ".join(f"{d}s {m.means[d][best]:.2f}," for d in m.with_part + m.without_part).rstrip(",")
        counts = ", ".join(f"{m.counts[d]} {d}s" for d in m.with_part + m.without_part)
        if contrast >= self.CLEAR_CONTRAST and separation >= self.CLEAR_SEPARATION:
            verdict = f"a loop on top? neuron {best} fires more on 9s and 8s than on 4s: on average {contrast:.2f} more"
        elif contrast >= self.SOME_CONTRAST:
            verdict = (f"neuron {best} leans that way: on average {contrast:.2f} more on 9s and 8s than on 4s,\n"
                       "but the three overlap a lot")
        else:
            verdict = (f"no neuron here fires for a loop on top: the closest, neuron {best},\n"
                       f"is on average only {contrast:.2f} more active on 9s and 8s than on 4s")
        self.verdict_line = verdict
        self.verdict = caption(f"{verdict}\n(neuron {best}'s average over the test set's {counts}: {means})",
                               size=palette.TINY_SIZE * 1.1, color=palette.COST).to_edge(DOWN, buff=0.2)
        self.play(Create(box), FadeIn(name), run_time=0.8)
        self.play(FadeIn(self.verdict), run_time=0.8)
        self.wait(self.VERDICT_SECONDS)
        self.best_box = box


class WeightsAsPixels(RasterCachedScene):
    """One real first-hidden-layer neuron of the replayed run (the one whose weight image is smoothest:
    netcore's neighbour-correlation measure), its 784 incoming weights as a green/red 28 x 28 picture,
    and its weighted sum w1 a1 + ... + wn an on the first training 7: the three largest terms written out
    with their real numbers, the total of all 784 (netcore's ``W1[j] @ x``). Then a hand-set edge
    detector (a positive bar, a negative surround) and its weighted sums on the training 7s with the
    largest and the smallest sum."""

    TITLE = "One neuron's 784 weights"

    IMAGE_AT, WEIGHTS_AT, NEURON_AT = [-4.9, 0.6, 0], [-0.5, 0.6, 0], [4.3, 0.6, 0]
    PICTURE_SIDE = 3.0
    SUM_AT = [0.0, -2.75, 0]
    SUM_SIZE = palette.LABEL_SIZE
    DETECTOR_AT, HIT_AT, MISS_AT = [-4.7, 0.45, 0], [0.0, 0.45, 0], [4.7, 0.45, 0]

    @storyboard
    def construct(self):
        shown = structure_data.weights_as_pixels()
        self.shown = shown
        self.show_the_neuron_and_its_weights(shown.neuron)
        self.write_the_weighted_sum(shown.neuron)
        self.point_at_the_terms(shown.neuron)
        self.hand_set_an_edge_detector(shown.detector)
        self.compare_with_and_without_an_edge(shown.detector)

    @staticmethod
    def bar_words(detector) -> str:
        """The detector's hand-set weights, in the captions' words."""
        height, width = detector.rows[1] - detector.rows[0], detector.cols[1] - detector.cols[0]
        bar, around = (f"{w:+g}".replace("-", "\u2212") for w in (detector.bar_weight, detector.surround_weight))
        return (f"hand-set weights: {bar} on a bar\n{width} pixels wide and {height} high, {around}\n"
                "on the pixels around it, 0 elsewhere")

    @beat(lambda self, neuron: f"Neuron {neuron.index}'s incoming weights as a picture: "
                               "green positive, red negative.")
    def show_the_neuron_and_its_weights(self, neuron):
        self.head = title(self.TITLE)
        self.sub = caption(f"neuron {neuron.index} of the {neuron.n_neurons} in the first hidden layer "
                           f"(its weight picture is the least noisy of the {neuron.n_neurons})",
                           size=palette.TINY_SIZE).next_to(self.head, DOWN, aligned_edge=LEFT, buff=0.15)
        self.play(Write(self.head), FadeIn(self.sub), run_time=1.0)
        self.image = pixel_digit(neuron.image, side=self.PICTURE_SIDE).move_to(self.IMAGE_AT)
        self.image_note = caption(f"a training {neuron.image_label} (image {neuron.image_index}):\n"
                                  "pixel values a\u2081 \u2026 a\u2087\u2088\u2084").next_to(self.image, DOWN, buff=0.2)
        self.weights = pixel_weights(neuron.weights, side=self.PICTURE_SIDE).move_to(self.WEIGHTS_AT)
        self.weights_note = caption("its weights w\u2081 \u2026 w\u2087\u2088\u2084:\n"
                                    "green positive, red negative").next_to(self.weights, DOWN, buff=0.2)
        self.neuron = NeuronCircle(0.0, radius=0.55, show_value=False).move_to(self.NEURON_AT)
        self.neuron_note = caption(f"neuron {neuron.index}").next_to(self.neuron, UP, buff=0.2)
        self.play(FadeIn(self.image), FadeIn(self.image_note), run_time=0.8)
        self.play(FadeIn(self.weights), FadeIn(self.weights_note), FadeIn(self.neuron),
                  FadeIn(self.neuron_note), run_time=1.2)
        self.wait(1.0)

    @beat(lambda self, neuron: f"Its weighted sum on the {neuron.image_label}: each pixel times its weight, "
                               f"all added up: {neuron.weighted_sum:.2f}.")
    def write_the_weighted_sum(self, neuron):
        self.sum = WeightedSum(neuron.term_pixels, neuron.term_weights, neuron.term_activations,
                               neuron.weighted_sum, size=self.SUM_SIZE).move_to(self.SUM_AT)
        self.play(FadeIn(self.sum.symbols), run_time=0.8)
        self.play(FadeIn(self.sum.numbers, shift=0.2 * UP), run_time=1.0)
        self.sum_note = caption(f"the {len(neuron.term_pixels)} largest of its 784 terms; "
                                "the total adds up all 784", size=palette.TINY_SIZE)
        self.sum_note.next_to(self.sum, DOWN, buff=0.18)
        self.neuron_sum = VGroup(caption("weighted sum"), number(neuron.weighted_sum, places=2, color=palette.COST))
        self.neuron_sum.arrange(DOWN, buff=0.15).next_to(self.neuron, DOWN, buff=0.25)
        self.play(FadeIn(self.sum_note), FadeIn(self.neuron_sum), run_time=0.8)
        self.wait(2.5)

    @beat("The largest terms' pixels, marked on the image and on the weights.")
    def point_at_the_terms(self, neuron):
        marks = VGroup(*[pixel_marker(picture, k) for k in neuron.term_pixels for picture in (self.image, self.weights)])
        wires = VGroup(*[Line(pixel_marker(self.weights, k).get_center(), self.neuron.circle.get_left(),
                              stroke_color=palette.WEIGHT_POSITIVE if w >= 0 else palette.WEIGHT_NEGATIVE, stroke_width=2)
                         for k, w in zip(neuron.term_pixels, neuron.term_weights)])
        self.play(Create(marks), Create(wires), run_time=1.2)
        self.wait(2.0)
        self.first_part = VGroup(self.image, self.image_note, self.weights, self.weights_note, self.neuron,
                                 self.neuron_note, self.neuron_sum, self.sum, self.sum_note, marks, wires, self.sub)

    @beat("Weights set by hand: a positive bar, a negative border.")
    def hand_set_an_edge_detector(self, detector):
        head = title("A hand-set edge detector")
        self.play(FadeOut(self.first_part), FadeOut(self.head), FadeIn(head), run_time=0.6)
        self.detector = pixel_weights(detector.weights, side=self.PICTURE_SIDE).move_to(self.DETECTOR_AT)
        note = caption(self.bar_words(detector), size=palette.TINY_SIZE).next_to(self.detector, DOWN, buff=0.2)
        self.play(FadeIn(self.detector), FadeIn(note), run_time=0.8)
        self.wait(1.5)

    @beat(lambda self, detector: f"The training {detector.digit}s with the largest and smallest sums "
                                 f"({detector.hit_sum:.2f}, {detector.miss_sum:.2f}): big when a stroke fills the bar.")
    def compare_with_and_without_an_edge(self, detector):
        self.sums = []
        for image, total, index, at, which in ((detector.hit_image, detector.hit_sum, detector.hit_index, self.HIT_AT, "largest"),
                                               (detector.miss_image, detector.miss_sum, detector.miss_index, self.MISS_AT, "smallest")):
            picture, note, total_readout = self.detector_on_image(detector, image, total, f"training image {index}: the {which}", at)
            self.sums.append(total_readout.value)
            self.play(FadeIn(picture), FadeIn(note), run_time=0.7)
            self.play(FadeIn(total_readout, shift=0.2 * UP), run_time=0.7)
            self.wait(1.0)
        verdict = caption("large when the bar is bright and the pixels around it dark: a stroke right there",
                          color=palette.TEXT).to_edge(DOWN, buff=0.3)
        self.play(FadeIn(verdict), run_time=0.8)
        self.wait(3.5)

    def detector_on_image(self, detector, image, total, name, at):
        """An image with the detector's bar outlined on it, what it is, and the detector's weighted sum."""
        picture = VGroup(pixel_digit(image, side=self.PICTURE_SIDE).move_to(at))
        picture.add(pixel_box(picture[0], detector.rows, detector.cols))
        note = caption(f"{name}\nsum of the {detector.n_searched} training {detector.digit}s",
                       size=palette.TINY_SIZE).next_to(picture, DOWN, buff=0.2)
        total_readout = readout("weighted sum", number(total, places=2), color=palette.COST).next_to(note, DOWN, buff=0.25)
        return picture, note, total_readout


class SigmoidSquish(RasterCachedScene):
    """The sigmoid (logistic) function squishes the whole number line into (0, 1): a few inputs rise to
    the curve and read off their outputs (computed by netcore's sigmoid). If the replayed run's hidden
    neurons use another function (ReLU), a note says so."""

    TITLE = "Squishing the number line into (0, 1)"

    PLOT_AT, PLOT_SIZE = [-1.2, 0.05, 0], (8.0, 4.0)
    TABLE_X, TABLE_TOP, ROW_HEIGHT = (4.7, 6.0), 1.7, 0.5

    @storyboard
    def construct(self):
        shown = structure_data.sigmoid_squish()
        self.shown = shown
        self.write_the_function(shown)
        self.draw_the_curve(shown)
        self.send_inputs_through(shown)
        self.say_what_it_does(shown)

    @beat("The sigmoid function, \u03c3(x).")
    def write_the_function(self, shown):
        self.play(Write(title(self.TITLE)), run_time=0.9)
        self.formula = math(r"\sigma(x) = \frac{1}{1 + e^{-x}}").to_corner(RIGHT + UP, buff=0.4)
        self.play(FadeIn(self.formula), run_time=0.8)

    @beat("Its graph: an S from 0 up to 1.")
    def draw_the_curve(self, shown):
        self.plot = ActivationPlot(shown.curve_x, shown.curve_y, y_range=(0, 1), width=self.PLOT_SIZE[0],
                                   height=self.PLOT_SIZE[1], y_ticks=[0, 0.5, 1], name="sigmoid").move_to(self.PLOT_AT)
        x_name = caption("input x").next_to(self.plot.axes.x_numbers, DOWN, buff=0.15)
        y_name = caption("\u03c3(x)").next_to(self.plot.axes.y_numbers, LEFT, buff=0.2)
        self.add(self.plot.axes, x_name, y_name)
        self.play(Create(self.plot.curve), FadeIn(self.plot.name), run_time=1.6)

    @beat(lambda self, shown: f"Inputs from {shown.inputs[0]:g} to {shown.inputs[-1]:g} go up to the curve; "
                              "their outputs \u03c3(x) fill the table.")
    def send_inputs_through(self, shown):
        (x_col, y_col), top, step = self.TABLE_X, self.TABLE_TOP, self.ROW_HEIGHT
        heads = VGroup(caption("x").move_to([x_col, top, 0]), caption("\u03c3(x)").move_to([y_col, top, 0]))
        on_baseline(heads[0], heads[1])
        self.play(FadeIn(heads), run_time=0.4)
        self.inputs, self.outputs = [], []
        for row, (x, y) in enumerate(zip(shown.inputs, shown.outputs)):
            at = top - 0.55 - row * step
            x_num = number(x, places=0, size=palette.SMALL_SIZE).move_to([x_col, at, 0])
            y_num = number(y, places=4, size=palette.SMALL_SIZE, color=palette.COST).move_to([y_col, at, 0])
            on_baseline(x_num, y_num)
            dot = self.plot.input_dot(x)
            path = self.plot.drop_lines(x, y)
            self.play(FadeIn(dot, scale=1.5), FadeIn(x_num), run_time=0.35)
            self.play(Create(path), run_time=0.55)
            self.play(FadeIn(y_num, shift=0.15 * RIGHT), run_time=0.3)
            self.inputs.append(x_num)
            self.outputs.append(y_num)
        self.wait(1.0)

    @beat(lambda self, shown: (f"Very negative x: {'near 0' if shown.low_near_zero else 'low'}. "
                              f"Very positive x: {'near 1' if shown.high_near_one else 'high'}."
                              + ("" if shown.replayed_activation == "sigmoid"
                                 else f" This network uses {shown.replayed_name} instead.")))
    def say_what_it_does(self, shown):
        low, high = "near 0" if shown.low_near_zero else "low", "near 1" if shown.high_near_one else "high"
        words = (f"very negative inputs end {low}, very positive ones {high};\n"
                 f"around 0 it rises steadily (\u03c3(0) = {shown.at_zero:.1f})")
        self.verdict = caption(words, color=palette.TEXT).to_edge(DOWN, buff=0.25).set_x(self.PLOT_AT[0])
        self.play(FadeIn(self.verdict), run_time=0.8)
        if shown.replayed_activation != "sigmoid":
            note = caption(f"the replayed network's\nhidden neurons use\n{shown.replayed_name} instead",
                           size=palette.TINY_SIZE, color=palette.TEXT)
            note.next_to(self.outputs[-1], DOWN, buff=0.35).set_x(sum(self.TABLE_X) / 2)
            self.play(FadeIn(note), run_time=0.6)
        self.wait(3.5)


class BiasThreshold(RasterCachedScene):
    """sigma(w1 a1 + ... + wn an - 10): the edge detector of WeightsAsPixels with bias -10, on training
    7s whose weighted sums spread from the smallest to the largest. A dot moves along sigma(sum - 10) to
    each image's real sum; the readouts and the neuron follow. Then the trained neuron of
    WeightsAsPixels: its real bias, the sum it must pass, and its real activation on the training 7."""

    TITLE = "The bias: a threshold"

    DETECTOR_AT, IMAGE_AT, SIDE = [-5.45, 1.1, 0], [-5.45, -1.05, 0], 1.7
    PLOT_AT, PLOT_SIZE = [0.75, -0.6, 0], (7.2, 3.4)
    NEURON_AT = [5.95, -0.45, 0]
    READOUTS_LEFT, READOUTS_TOP = -6.85, -2.55
    NOTE_AT = [0.75, 2.1, 0]  # the notes above the plot
    MOVE_SECONDS = 1.1

    @storyboard
    def construct(self):
        shown = structure_data.bias_threshold()
        self.shown = shown
        self.write_the_formula(shown)
        self.draw_both_curves(shown)
        self.step_through_the_images(shown)
        self.count_who_passes(shown)
        self.turn_to_the_trained_neuron(shown)

    @beat(lambda self, shown: f"The edge detector again, now with bias \u2212{shown.threshold:g}.")
    def write_the_formula(self, shown):
        self.head = title(self.TITLE)
        self.formula = math(r"\sigma(w_1 a_1 + \cdots + w_n a_n", rf"- {shown.threshold:g}", ")")
        self.formula[1].set_color(palette.COST)
        self.formula.to_corner(RIGHT + UP, buff=0.4)
        self.bias_name = bias_name = caption("bias", color=palette.COST).next_to(self.formula[1], DOWN, buff=0.2)
        self.play(Write(self.head), FadeIn(self.formula), run_time=1.0)
        self.play(FadeIn(bias_name), run_time=0.5)
        self.detector = pixel_weights(shown.detector.weights, side=self.SIDE).move_to(self.DETECTOR_AT)
        self.detector_note = caption("the edge detector", size=palette.TINY_SIZE).next_to(self.detector, UP, buff=0.12)
        self.play(FadeIn(self.detector), FadeIn(self.detector_note), run_time=0.7)

    @beat(lambda self, shown: f"Grey: \u03c3(sum). The bias moves its rise over to sum = {shown.threshold:g}.")
    def draw_both_curves(self, shown):
        t = shown.threshold
        self.plot = ActivationPlot(shown.curve_x, shown.curve_y, y_range=(0, 1), width=self.PLOT_SIZE[0],
                                   height=self.PLOT_SIZE[1], y_ticks=[0, 0.5, 1]).move_to(self.PLOT_AT)
        plain = ActivationPlot(shown.curve_x, shown.plain_y, y_range=(0, 1), width=self.PLOT_SIZE[0],
                               height=self.PLOT_SIZE[1], y_ticks=[0, 0.5, 1], color=palette.FAINT).move_to(self.PLOT_AT)
        x_name = caption("weighted sum").next_to(self.plot.axes.x_numbers, DOWN, buff=0.12)
        self.add(self.plot.axes, x_name)
        self.plain_name = plain_name = caption("\u03c3(sum)", size=palette.TINY_SIZE).next_to(plain.on_curve(0, 0.5), LEFT,
                                                                                   buff=0.15)
        self.play(Create(plain.curve), FadeIn(plain_name), run_time=1.0)
        self.threshold = self.plot.vertical_line(t, color=palette.COST)
        self.threshold_name = threshold_name = caption(f"sum = {t:g}", size=palette.TINY_SIZE, color=palette.COST)
        threshold_name.next_to(self.plot.to_scene(t, 1.0), UP, buff=0.1)
        self.curve_name = curve_name = caption(f"\u03c3(sum \u2212 {t:g})", size=palette.TINY_SIZE, color=palette.COST)
        curve_name.next_to(self.plot.on_curve(t, 0.5), RIGHT, buff=0.15)
        self.play(Create(self.plot.curve), Create(self.threshold), FadeIn(threshold_name), FadeIn(curve_name), run_time=1.4)
        self.neuron = NeuronCircle(0.0, radius=0.5, places=3).move_to(self.NEURON_AT)
        neuron_name = caption("the neuron", size=palette.TINY_SIZE).next_to(self.neuron, UP, buff=0.15)
        self.play(FadeIn(self.neuron), FadeIn(neuron_name), run_time=0.5)

    @beat(lambda self, shown: f"Training {shown.detector.digit}s from smallest sum to largest: "
                              "the dot reads each one's output off the moved curve; a mark stays at each.")
    def step_through_the_images(self, shown):
        t = shown.threshold
        self.sum_readout = readout("weighted sum", FastNumber(shown.sums[0], places=2, widest=-88.88), size=palette.SMALL_SIZE,
                                   color=palette.COST)
        self.out_readout = readout(f"\u03c3(sum \u2212 {t:g})", FastNumber(shown.outputs[0], places=3, widest=0.999),
                                   size=palette.SMALL_SIZE)
        readouts = VGroup(self.sum_readout, self.out_readout).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        readouts.move_to([self.READOUTS_LEFT, self.READOUTS_TOP, 0], aligned_edge=LEFT + UP)
        self.readouts = readouts
        self.dot = Dot(self.plot.on_curve(shown.sums[0], shown.outputs[0]), radius=0.09, color=palette.TEXT)
        self.marks = VGroup()  # a small mark stays where each image's dot was
        self.picture = self.framed_image(shown, 0)
        self.neuron.set_activation(shown.outputs[0])
        self.play(FadeIn(self.picture), FadeIn(readouts), FadeIn(self.dot), run_time=1.0)
        self.wait(0.8)
        numbers = [self.sum_readout.value, self.out_readout.value, self.neuron.value]
        for i in range(1, len(shown.sums)):
            picture = self.framed_image(shown, i)
            mark = Dot(self.dot.get_center(), radius=0.05, color=palette.DIM_TEXT)
            self.marks.add(mark)
            self.add(mark)
            self.bring_to_front(self.dot)
            path = self.plot.path_between(shown.sums[i - 1], shown.outputs[i - 1], shown.sums[i], shown.outputs[i])
            # one play: the old image, its name and its numbers fade out together; the new ones fade in
            self.play(Succession(FadeOut(self.picture), FadeIn(picture)),
                      hand_over(numbers, [shown.sums[i], shown.outputs[i], shown.outputs[i]],
                                lambda: self.neuron.set_activation(shown.outputs[i])),
                      MoveAlongPath(self.dot, path), run_time=self.MOVE_SECONDS)
            self.picture = picture
            self.wait(0.7)
        last = Dot(self.dot.get_center(), radius=0.05, color=palette.DIM_TEXT)
        self.marks.add(last)
        self.add(last)
        self.bring_to_front(self.dot)

    def framed_image(self, shown, i) -> VGroup:
        """Training image ``i`` with the detector's bar outlined on it and its name under it."""
        image = pixel_digit(shown.images[i], side=self.SIDE).move_to(self.IMAGE_AT)
        bar = pixel_box(image, shown.detector.rows, shown.detector.cols)
        note = caption(f"training {shown.detector.digit}, image {shown.indices[i]}", size=palette.TINY_SIZE)
        note.move_to(self.IMAGE_AT).shift((self.SIDE / 2 + 0.25) * DOWN)
        return VGroup(image, bar, note)

    @beat(lambda self, shown: (f"Sums past {shown.threshold:g}: {shown.n_above} of them (their marks turn yellow). "
                               "Only those light the neuron up."
                               if shown.n_above else
                               f"None of the sums gets past {shown.threshold:g}: the neuron stays dark."))
    def count_who_passes(self, shown):
        n, k, t = len(shown.sums), shown.n_above, shown.threshold
        words = (f"{k} of these {n} marks lie past sum = {t:g}: only those light the neuron up" if k
                 else f"none of these {n} marks lies past sum = {t:g}: the neuron stays dark")
        self.verdict = caption(words, color=palette.TEXT, size=palette.TINY_SIZE).move_to(self.NOTE_AT)
        passing = [m for m, s in zip(self.marks, shown.sums) if s > t]
        self.play(FadeIn(self.verdict), *[m.animate.set_color(palette.COST).scale(1.5) for m in passing], run_time=0.8)
        self.wait(2.5)

    @staticmethod
    def function_name(activation: str) -> str:
        """The activation's name in this scene's labels: the same symbol as the formula's (\u03c3 for sigmoid)."""
        return "\u03c3" if activation == "sigmoid" else activation_name(activation)

    @beat(lambda self, shown: f"The trained neuron {shown.neuron.index}: its real bias is {shown.neuron.bias:.2f}; "
                              f"on the {shown.neuron.image_label} it outputs {shown.neuron.output:.3f}.")
    def turn_to_the_trained_neuron(self, shown):
        neuron = shown.neuron
        real_weights = pixel_weights(neuron.weights, side=self.SIDE).move_to(self.DETECTOR_AT)
        real_image = pixel_digit(neuron.image, side=self.SIDE).move_to(self.IMAGE_AT)
        real_note = caption(f"neuron {neuron.index}", size=palette.TINY_SIZE).move_to(self.detector_note)
        image_note = caption(f"training {neuron.image_label}, image {neuron.image_index}", size=palette.TINY_SIZE)
        image_note.move_to(self.picture[2])
        b = neuron.bias
        formula = math(activation_tex(neuron.activation) + r"(w_1 a_1 + \cdots + w_n a_n",
                       f"{'+' if b >= 0 else '-'} {abs(b):.2f}", ")")
        formula[1].set_color(palette.COST)
        formula.to_corner(RIGHT + UP, buff=0.4)
        self.play(FadeOut(VGroup(self.detector, self.detector_note, self.picture, self.readouts, self.verdict, self.dot,
                                 self.marks)),
                  FadeIn(VGroup(real_weights, real_note, real_image, image_note)),
                  FadeOut(self.formula), FadeIn(formula), self.bias_name.animate.next_to(formula[1], DOWN, buff=0.2),
                  run_time=0.9)
        self.formula = formula
        self.state_its_real_bias(neuron)
        if shown.neuron_on_plot:
            self.place_it_on_its_curve(shown)
        else:
            self.wait(1.5)

    def state_its_real_bias(self, neuron):
        b, name = neuron.bias, self.function_name(neuron.activation)
        plus_b = f"{'+' if b >= 0 else chr(0x2212)} {abs(b):.2f}"
        self.real_name = f"{name}(sum {plus_b})"
        words = (f"the trained neuron {neuron.index} (from before) has bias {plus_b.replace(' ', '')}:\n"
                 f"{self.real_name} gets going once its sum passes {-b:.2f}".replace("-", "\u2212"))
        note = caption(words, color=palette.TEXT, size=palette.TINY_SIZE).move_to(self.NOTE_AT)
        self.real_sum = readout("weighted sum", number(neuron.weighted_sum, places=2), size=palette.SMALL_SIZE,
                                color=palette.COST)
        self.real_out = readout(self.real_name, number(neuron.output, places=3), size=palette.SMALL_SIZE)
        VGroup(self.real_sum, self.real_out).arrange(DOWN, aligned_edge=LEFT, buff=0.2).move_to(
            [self.READOUTS_LEFT, self.READOUTS_TOP, 0], aligned_edge=LEFT + UP)
        self.neuron.set_activation(neuron.output)
        line = self.plot.vertical_line(-b, color=palette.POSITIVE)
        line_name = caption(f"sum = {-b:.2f}".replace("-", "\u2212"), size=palette.TINY_SIZE, color=palette.POSITIVE)
        line_name.next_to(self.plot.to_scene(-b, 1.0), UP, buff=0.1)
        if abs(line_name.get_x() - self.threshold_name.get_x()) < (line_name.width + self.threshold_name.width) / 2 + 0.15:
            side = LEFT if -b < self.shown.threshold else RIGHT  # too close to the other line's name: beside its line
            line_name.next_to(self.plot.to_scene(-b, 0.8), side, buff=0.1)
        self.line_name = line_name
        self.play(FadeIn(note), FadeIn(self.real_sum), FadeIn(self.real_out), Create(line), FadeIn(line_name), run_time=1.0)
        self.wait(2.0)

    def place_it_on_its_curve(self, shown):
        """The trained neuron's own sigmoid(sum + b), named like its readout, and its real weighted sum on
        the 7, a dot on that curve."""
        neuron = shown.neuron
        curve = ActivationPlot(shown.curve_x, shown.neuron_curve_y, y_range=(0, 1), width=self.PLOT_SIZE[0],
                               height=self.PLOT_SIZE[1], y_ticks=[0, 0.5, 1], color=palette.POSITIVE).move_to(self.PLOT_AT)
        dot = Dot(self.plot.on_curve(neuron.weighted_sum, neuron.output), radius=0.09, color=palette.POSITIVE)
        name = self.curve_name_spot(caption(self.real_name, size=palette.TINY_SIZE, color=palette.POSITIVE), -neuron.bias)
        self.play(Create(curve.curve), FadeIn(name), run_time=1.0)
        self.play(FadeIn(dot, scale=1.5), run_time=0.5)
        self.wait(3.0)

    def curve_name_spot(self, name, middle: float):
        """Put ``name`` beside the curve whose value is 0.5 at sum ``middle``: right of it, else left of
        it, else low on its right, whichever first clears the plot's other names."""
        others = [self.curve_name, self.plain_name, self.threshold_name, self.line_name]

        def clear():
            return all(abs(name.get_x() - o.get_x()) > (name.width + o.width) / 2 + 0.1
                       or abs(name.get_y() - o.get_y()) > (name.height + o.height) / 2 + 0.1 for o in others)

        for y, side in ((0.5, RIGHT), (0.5, LEFT), (0.15, RIGHT), (0.85, LEFT)):
            name.next_to(self.plot.on_curve(middle, y), side, buff=0.15)
            if clear():
                break
        return name


class CountParameters(RasterCachedScene):
    """How many weights and biases the network has, counted from the replayed network object: its layer
    sizes as bars; for each layer of connections, n_in x n_out weights (the size of netcore's weight
    matrix) and n_out biases (its bias vector); the sums, and their total, which is the length of the
    network's parameter vector (13,002 for the lesson's 784-16-16-10). Any number of layers: one row
    per layer of connections."""

    TITLE = "How many weights and biases?"

    LAYERS_Y, LAYERS_WIDTH, BAR_HEIGHTS = 1.65, 9.5, (0.5, 1.6)
    TABLE_TOP, TABLE_BOTTOM = -0.15, -1.8  # the header line; the lowest a layer's row may sit
    COLUMNS = {"layer": -4.6, "weights": 1.2, "biases": 4.4}  # x of the row names' left, products' right, biases' right
    TOTAL_Y = -3.0

    @storyboard
    def construct(self):
        shown = structure_data.count_parameters()
        self.draw_the_layers(shown)
        self.count_each_layer(shown)
        self.add_them_up(shown)

    @beat("The layers, with their sizes, and the connections between them.")
    def draw_the_layers(self, shown):
        self.play(Write(title(self.TITLE)), run_time=0.8)
        self.bars, self.bands = layer_blocks(shown.sizes, self.LAYERS_WIDTH, self.LAYERS_Y,
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

    @beat("Each layer: inputs \u00d7 outputs weights, plus a bias per neuron.")
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
            terms = text_row(integer(n_in, size=palette.SMALL_SIZE), label("\u00d7", size=palette.SMALL_SIZE),
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

    @beat(lambda self, shown: f"In all, {shown.n_weights:,} weights and {shown.n_biases:,} biases: "
                              f"{shown.n_params:,} numbers to set.")
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
        total = text_row(integer(shown.n_weights, size=palette.LABEL_SIZE), label("+", size=palette.LABEL_SIZE),
                         integer(shown.n_biases, size=palette.LABEL_SIZE), label("=", size=palette.LABEL_SIZE), self.total,
                         label("weights and biases", size=palette.LABEL_SIZE))
        total.move_to([0, self.TOTAL_Y, 0])
        self.play(FadeIn(total, shift=0.2 * UP), run_time=1.0)
        self.play(FadeIn(caption(f"the length of the trained network's parameter vector: {shown.n_params:,} numbers",
                                 size=palette.TINY_SIZE).next_to(total, DOWN, buff=0.2)), run_time=0.6)
        self.wait(4.0)


class MatrixNotation(RasterCachedScene):
    """One layer of connections in one line, a(1) = f(W a(0) + b), with a small slice of the trained
    network's real numbers on a real test image: a(0) holds pixels that carry ink in the image (most
    pixels are 0), W the matching columns and the first rows (neurons) of the first weight matrix, b
    those neurons' biases. One row is worked out: its dot product over all 784 inputs (the shown
    columns' part stated), plus its bias, through the activation (sigma, or ReLU for a ReLU network),
    gives netcore's activation; then every shown entry of a(1) is netcore's forward pass."""

    TITLE = "One layer as a matrix and vectors"

    EQUATION_AT = [0.0, 0.85, 0]
    ENTRY_SIZE = palette.SMALL_SIZE * 0.9
    IMAGE_AT, IMAGE_SIDE = [5.6, -2.35, 0], 1.3
    NOTE_Y = -1.05
    WORK_LEFT, WORK_TOP, WORK_STEP = -5.9, -1.85, 0.62

    @storyboard
    def construct(self):
        shown = structure_data.matrix_notation()
        self.show_the_input(shown)
        self.show_the_weights(shown)
        self.add_the_biases_and_squish(shown)
        self.work_out_one_row(shown)
        self.fill_in_the_layer(shown)

    def build(self, shown):
        f = activation_tex(shown.activation)
        slice_of = dict(size=self.ENTRY_SIZE, row_height=0.42, gap_height=0.26, gap_width=0.3, pad=0.2)
        self.a0 = MatrixSlice(shown.inputs, shown.columns, [0], (shown.n_inputs, 1), include_sign=False, **slice_of)
        self.W = MatrixSlice(shown.weights, shown.rows, shown.columns, (shown.n_hidden, shown.n_inputs),
                             color_by_sign=True, **slice_of)
        self.b = MatrixSlice(shown.biases, shown.rows, [0], (shown.n_hidden, 1), color_by_sign=True, **slice_of)
        self.a1 = MatrixSlice(shown.activations, shown.rows, [0], (shown.n_hidden, 1), places=3, include_sign=False,
                              **slice_of)
        self.equals, self.f_name, self.plus = label("="), math(f), label("+")
        place_in_row([self.a1, self.equals, self.f_name, self.W, self.a0, self.plus, self.b],
                     [0.25, 0.2, 0.35, 0.15, 0.25, 0.35], self.EQUATION_AT)
        self.parens = parentheses(VGroup(self.W, self.a0, self.plus, self.b), pad=0.08, bulge=0.2)
        top = max(m.get_top()[1] for m in (self.W, self.a0, self.parens)) + 0.3
        self.names = {key: math(tex, size=palette.LABEL_SIZE).move_to([mob.get_x(), top, 0])
                      for key, tex, mob in (("a1", "a^{(1)}", self.a1), ("W", "W", self.W), ("a0", "a^{(0)}", self.a0),
                                            ("b", "b", self.b))}

    def note(self, text: str):
        return caption(text, size=palette.TINY_SIZE).move_to([self.EQUATION_AT[0], self.NOTE_Y, 0])

    @beat(lambda self, shown: f"A test {shown.label}'s {shown.n_inputs} pixel values, stacked as the column a(0); "
                              "a few inked ones shown.")
    def show_the_input(self, shown):
        self.build(shown)
        self.play(Write(title(self.TITLE)), run_time=0.8)
        image = thumbnail(shown.image, side=self.IMAGE_SIDE).move_to(self.IMAGE_AT)
        image_note = caption(f"test image, labelled {shown.label}", size=palette.TINY_SIZE).next_to(image, UP, buff=0.12)
        VGroup(image, image_note).shift(min(0.0, config.frame_width / 2 - 0.4 - image_note.get_right()[0]) * RIGHT)
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

    @beat(lambda self, shown: f"W: one row per neuron of layer 1, holding its {shown.n_inputs} weights; "
                              "a few rows and columns shown.")
    def show_the_weights(self, shown):
        self.play(FadeIn(self.W), FadeIn(self.names["W"]), run_time=1.0)
        rows = ", ".join(str(r) for r in shown.rows)
        self.swap_note(f"W: row j holds the {shown.n_inputs} weights into neuron j of layer 1 ({shown.n_hidden} rows)\n"
                       f"shown: rows {rows}; the columns of the shown pixels")
        self.wait(3.5)

    @beat(lambda self, shown: "Add b, one bias per neuron, then apply "
                              f"{'the sigmoid' if shown.activation == 'sigmoid' else 'ReLU'} to every entry.")
    def add_the_biases_and_squish(self, shown):
        for entry in self.a1.entries:
            entry.set_opacity(0)
        self.play(FadeIn(self.plus), FadeIn(self.b), FadeIn(self.names["b"]), run_time=0.8)
        self.play(Create(self.parens), FadeIn(self.f_name), FadeIn(self.equals), FadeIn(self.a1.brackets),
                  FadeIn(self.a1.dots), FadeIn(self.names["a1"]), run_time=1.0)
        what = "the sigmoid" if shown.activation == "sigmoid" else "ReLU"
        self.swap_note(f"b: one bias per neuron; {what} acts on each entry of W a(0) + b")
        self.wait(2.0)

    @beat(lambda self, shown: f"Row {shown.row} worked out: weighted sum plus bias is {shown.row_sum:.3f}; "
                              f"{'σ' if shown.activation == 'sigmoid' else 'ReLU'} of that is "
                              f"{shown.row_activation:.3f}.")
    def work_out_one_row(self, shown):
        r = shown.row
        boxes = VGroup(self.W.row_box(r), self.a0.column_box(), self.b.row_box(r), self.a1.row_box(r))
        self.play(Create(boxes), run_time=0.8)
        self.dot_num = number(shown.row_dot, places=3)
        # the bias is added: "38.796 − 2.038", its sign as the operation and its size as the number
        self.bias_sign = label("+" if shown.row_bias >= 0 else "\u2212")
        self.bias_num = number(abs(shown.row_bias), places=3)
        self.sum_num = number(shown.row_sum, places=3)
        line1 = text_row(math(rf"w_{{{r}}} \cdot a^{{(0)}} + b_{{{r}}}"), label("="), self.dot_num, self.bias_sign,
                         self.bias_num, label("="), self.sum_num)
        self.part_num = number(shown.row_shown_part, places=3, size=palette.TINY_SIZE, color=palette.DIM_TEXT)
        line2 = text_row(caption(f"row {r} of W times a(0) adds up all {shown.n_inputs} products; the "
                                 f"{len(shown.columns)} shown add up to", size=palette.TINY_SIZE), self.part_num)
        self.act_num = number(shown.row_activation, places=3, color=palette.COST)
        self.sum_again = number(shown.row_sum, places=3)
        name = "σ" if shown.activation == "sigmoid" else "ReLU"
        line3 = text_row(text_row(label(f"{name}("), self.sum_again, label(")"), buff=0.06), label("="), self.act_num)
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

    @beat(lambda self, shown: f"The other rows fill in the same way: all {shown.n_hidden} sums "
                              "in one matrix-vector product.")
    def fill_in_the_layer(self, shown):
        others = [e for i, e in zip(shown.rows, self.a1.entries) if i != shown.row]
        self.play(LaggedStart(*[e.animate.set_opacity(1) for e in others], lag_ratio=0.3), run_time=1.2)
        self.swap_note(f"every row at once: {shown.n_hidden} weighted sums in one matrix-vector product")
        self.wait(3.5)


class NetworkIsAFunction(RasterCachedScene):
    """Each neuron is a function: a real test image's pixel values in (a few inked ones shown of 784),
    one first-layer neuron's real activation out. The whole network is a function too: 784 numbers
    in, the trained network's real 10 outputs out (netcore's feedforward; the answer boxed), with the
    network's weights and biases (counted from the network object) as its parameters."""

    TITLE = "The network is a function"

    IMAGE_AT, IMAGE_SIDE = [-5.9, 0.2, 0], 1.5
    INPUTS_X, INPUTS_Y = -3.75, 0.2
    NEURON_AT, NEURON_RADIUS = [0.0, 0.2, 0], 0.45
    MACHINE_AT, MACHINE_SIZE = [0.4, -0.1, 0], (3.6, 2.0)
    OUTPUTS_X, OUTPUTS_Y = 4.9, 0.2

    @storyboard
    def construct(self):
        shown = structure_data.network_is_a_function(n_shown=4)
        self.show_the_inputs(shown)
        self.one_neuron_is_a_function(shown)
        self.the_network_is_a_function(shown)
        self.its_parameters(shown)

    @beat(lambda self, shown: f"A test {shown.label}: its {shown.n_inputs} pixel values are the inputs; "
                              "a few inked ones shown.")
    def show_the_inputs(self, shown):
        self.play(Write(title(self.TITLE)), run_time=0.8)
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

    @beat(lambda self, shown: f"One neuron is already a function: all {shown.n_inputs} values in, "
                              f"one number out ({shown.neuron_output:.3f}).")
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
        f = activation_tex(shown.activation)
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

    @beat(lambda self, shown: "So is the whole network: the pixels in, one output per digit out; the largest, "
                              f"boxed, says {shown.answer}.")
    def the_network_is_a_function(self, shown):
        n_in = tex_integer(shown.n_inputs)
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
        # the box stays inside the brackets; the answer's digit, outside them, turns the box's colour
        self.answer_box = SurroundingRectangle(self.output_numbers[shown.answer], color=palette.ANSWER, buff=0.05)
        out_note = caption(f"{len(shown.outputs)} numbers out", size=palette.TINY_SIZE).next_to(brackets, DOWN, buff=0.2)
        self.play(Create(self.answer_box), digits[shown.answer].animate.set_color(palette.ANSWER), FadeIn(out_note),
                  run_time=0.8)
        self.wait(2.0)

    @beat(lambda self, shown: f"Its parameters are its {shown.n_params:,} weights and biases: "
                              "a complicated function, but a function.")
    def its_parameters(self, shown):
        self.param_count = integer(shown.n_params, size=palette.LABEL_SIZE, color=palette.COST)
        params = text_row(self.param_count, caption("weights and biases", size=palette.LABEL_SIZE, color=palette.TEXT))
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


class SigmoidVsReLU(RasterCachedScene):
    """ReLU(a) = max(0, a) beside the sigmoid (both drawn from netcore's activation functions), then the
    claim that ReLU is easier to train in deep networks, tested: one deeper network trained with sigmoid
    and with ReLU hidden units on the same data and budget (same initial weights, epochs and mini-batches),
    each at the best of a grid of learning rates (the grid shown with every run's final cost), the two
    best runs' real training-cost curves on one plot, their final costs and test accuracies, and a verdict
    that follows the measured costs."""

    TITLE = "Sigmoid or ReLU?"

    CURVE_PLOTS = ([-3.4, -2.0, 0], [3.8, -2.0, 0])  # the centres of the two x-axes
    FORMULA_Y = 2.15
    DEEP_WIDTH, DEEP_Y = 8.0, -0.9  # the deep network's layers while its runs are set up
    CURVE_SIZE = (5.2, 3.4)
    COST_AT, COST_SIZE = [-2.55, -0.2, 0], (6.6, 3.8)
    SIDE_X = 4.35  # centre of the right-hand column
    LR_COLUMNS = {"eta": -1.5, "sigmoid": 0.0, "relu": 1.5}  # x of the learning-rate table's columns, from SIDE_X
    COLORS = {"sigmoid": palette.SERIES[0], "relu": palette.SERIES[1]}
    WHY_WIDTH = 13.4  # the closing sentences, scaled down if their words need more

    @storyboard
    def construct(self):
        shown = structure_data.sigmoid_vs_relu()
        self.draw_both_functions(shown)
        self.set_up_the_test(shown)
        self.pick_the_learning_rates(shown)
        self.draw_the_cost_curves(shown)
        self.state_the_result(shown)
        self.look_at_the_gradient_at_the_start(shown)

    @beat("Sigmoid squeezes every input into (0, 1); "
          "ReLU keeps positive inputs as they are and turns negative ones to 0.")
    def draw_both_functions(self, shown):
        head = title(self.TITLE)
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

    @beat(lambda self, shown: "Is ReLU easier to train in deep networks? A test: one deeper network, same start, "
                              f"{shown.epochs} epochs with each.")
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
        bars, bands = layer_blocks(shown.sizes, self.DEEP_WIDTH, self.DEEP_Y, heights=(0.4, 1.5))
        sizes_shown = VGroup(*[integer(n, size=palette.SMALL_SIZE).next_to(bar, DOWN, buff=0.15)
                               for bar, n in zip(bars, shown.sizes)])
        network = VGroup(bands, bars, sizes_shown)
        self.play(FadeIn(claim), run_time=0.8)
        self.play(FadeIn(setup), FadeIn(network), run_time=0.8)
        self.wait(4.5)
        self.play(FadeOut(setup), FadeOut(network), claim.animate.scale(0.85).move_to([0, 2.85, 0]), run_time=0.6)
        self.claim = claim

    @beat("Both were tried at several learning rates: each run's final cost, the best ones boxed.")
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
        axes = self.cost_axes(shown)  # empty for now: the two best runs' curves go there next
        self.cost_plot = VGroup(axes)
        self.play(FadeIn(head), FadeIn(names), Create(axes), run_time=0.8)
        self.play(FadeIn(cells), run_time=0.6)
        self.play(Create(boxes), run_time=0.7)
        self.wait(3.0)
        self.grid = VGroup(head, names, cells, boxes)

    def cost_axes(self, shown) -> VGroup:
        """The training-cost plot's axes (``self.plot``) with their names, sized for both runs' costs."""
        top = float(max(shown.of("sigmoid").costs.max(), shown.of("relu").costs.max()))
        self.plot = PlotAxes((0, shown.epochs), (0, top * 1.05), *self.COST_SIZE, most_ticks=6).move_to(self.COST_AT)
        names = VGroup(caption("epoch", size=palette.TINY_SIZE).next_to(self.plot, DOWN, buff=0.12),
                       caption("training cost").rotate(np.pi / 2).next_to(self.plot, LEFT, buff=0.12))
        return VGroup(self.plot, names)

    @beat("The two best runs' training cost, epoch by epoch, on one plot.")
    def draw_the_cost_curves(self, shown):
        sig, relu = shown.of("sigmoid"), shown.of("relu")
        top = float(max(sig.costs.max(), relu.costs.max()))
        self.cost_curves = {}
        keys = VGroup()
        for runs in (sig, relu):
            epochs = np.arange(len(runs.costs))
            self.cost_curves[runs.activation] = VMobject(stroke_color=self.COLORS[runs.activation], stroke_width=4) \
                .set_points_as_corners(self.plot.to_scene(epochs, runs.costs))
            keys.add(VGroup(Line(ORIGIN, 0.45 * RIGHT, stroke_color=self.COLORS[runs.activation], stroke_width=5),
                            caption(f"{activation_name(runs.activation)}, \u03b7 = {runs.eta:g}", size=palette.TINY_SIZE,
                                    color=palette.TEXT)).arrange(RIGHT, buff=0.15))
        keys.arrange(DOWN, aligned_edge=LEFT, buff=0.12).next_to(self.plot.to_scene(shown.epochs, top * 1.05), DL, buff=0.1)
        keys.shift(0.1 * LEFT + 0.05 * DOWN)
        self.cost_plot.add(keys, *self.cost_curves.values())
        self.play(FadeIn(keys), run_time=0.5)
        self.play(*[Create(c) for c in self.cost_curves.values()], run_time=4.0, rate_func=rate_functions.linear)
        self.wait(2.0)

    @beat(lambda self, shown: f"Final training cost: sigmoid {shown.runs[0].final_cost:.3f}, "
                              f"ReLU {shown.runs[1].final_cost:.3f}; test accuracy "
                              f"{as_percent(shown.runs[0].test_accuracy)} and {as_percent(shown.runs[1].test_accuracy)}.")
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
            score = text_row(accuracy, percent, buff=0.07).move_to([x, top - 0.75 - 0.33, 0])
            cells.add(cost, score)
        self.play(FadeIn(names), FadeIn(cells), run_time=0.8)
        self.verdict_text = caption(self.verdict(shown), color=palette.TEXT).to_edge(DOWN, buff=0.25)
        self.play(FadeIn(self.verdict_text), run_time=0.6)
        self.wait(5.0)

    @beat(lambda self, shown: f"At the start, layer 1's gradient was {shown.of('sigmoid').gradient_shrink:,.0f} times "
                              f"smaller than the last layer's with sigmoid, {shown.of('relu').gradient_shrink:,.0f} "
                              "times with ReLU.")
    def look_at_the_gradient_at_the_start(self, shown):
        """Per weight layer, the size of the cost's gradient at the shared start (RMS per weight, log scale)."""
        sig, relu = shown.of("sigmoid"), shown.of("relu")
        logs = {r.activation: np.log10(r.start_gradient) for r in (sig, relu)}
        low = int(np.floor(min(v.min() for v in logs.values())))
        high = int(np.ceil(max(v.max() for v in logs.values())))
        n = len(sig.start_gradient)
        plot = PlotAxes((0.7, n + 0.3), (low, high), *self.COST_SIZE,
                        x_ticks=[(k, str(k)) for k in range(1, n + 1)],
                        y_ticks=[(k, power_of_ten(k)) for k in range(low, high + 1, max(1, (high - low + 3) // 4))])
        plot.move_to(self.COST_AT)
        names = VGroup(caption(f"weight layer (1: from the pixels, {n}: into the outputs)", size=palette.TINY_SIZE)
                       .next_to(plot, DOWN, buff=0.12),
                       caption("at the start: the gradient's size per weight (log scale)", size=palette.TINY_SIZE,
                               color=palette.TEXT).next_to(plot, UP, buff=0.1))
        lines = VGroup()
        for runs in (sig, relu):
            points = plot.to_scene(np.arange(1, n + 1), logs[runs.activation])
            color = self.COLORS[runs.activation]
            lines.add(VMobject(stroke_color=color, stroke_width=4).set_points_as_corners(points),
                      *[Dot(p, radius=0.06, color=color) for p in points])
        self.gradient_lines = lines
        keys = legend([(self.COLORS[r.activation], activation_name(r.activation)) for r in (sig, relu)])
        keys.next_to(plot.to_scene(n + 0.3, low), UL, buff=0.25)
        self.play(FadeOut(self.cost_plot), FadeOut(self.verdict_text), run_time=0.6)
        self.play(Create(plot), FadeIn(names), FadeIn(keys), run_time=0.8)
        self.play(Create(lines), run_time=1.5)
        why = caption_within(self.why(shown), self.WHY_WIDTH, color=palette.TEXT).to_edge(DOWN, buff=0.25)
        self.play(FadeIn(why), run_time=0.6)
        self.wait(5.0)

    @staticmethod
    def why(shown) -> str:
        """What the gradients at the start say, in the words their sizes support."""
        sig, relu = shown.of("sigmoid"), shown.of("relu")
        n = len(sig.start_gradient)
        sizes = (f"layer 1's gradient was {sig.gradient_shrink:,.0f} times smaller than layer {n}'s with "
                 f"sigmoid, {relu.gradient_shrink:,.0f} times with ReLU")
        if sig.gradient_shrink > 1.5 * relu.gradient_shrink:
            return ("One reason: going back, each layer multiplies the gradient by its neurons' slopes "
                    f"(sigmoid's are at most 1/4).\nAt the start, {sizes}.")
        if relu.gradient_shrink > 1.5 * sig.gradient_shrink:
            return f"Here the gradient faded more on the way back with ReLU:\nat the start, {sizes}."
        return f"The gradient reached the first layer about as well with both:\nat the start, {sizes}."

    @staticmethod
    def verdict(shown) -> str:
        """The sentence the measured costs support."""
        if shown.winner is None:
            return f"Here both ended about as low (final costs within {shown.cost_ratio - 1:.0%} of each other)."
        win, lose = shown.of(shown.winner), shown.of("sigmoid" if shown.winner == "relu" else "relu")
        text = (f"Here {activation_name(win.activation)}'s training cost ended {shown.cost_ratio:.1f} times lower "
                f"than {activation_name(lose.activation)}'s")
        if shown.reach_epoch is not None and shown.reach_epoch < shown.epochs:
            text += (f";\nit was down to {activation_name(lose.activation)}'s final cost by epoch "
                     f"{shown.reach_epoch} of {shown.epochs}")
        return text + "."


# the scenes in the lesson's order: tests, benchmarks, the lecture tool and the docs read this
SCENES = (
    SloppyThree,
    NeuronHoldsNumber,
    PixelsToInputLayer,
    NetworkLayers,
    FeedForward,
    LayeredHope,
    WeightsAsPixels,
    SigmoidSquish,
    BiasThreshold,
    CountParameters,
    MatrixNotation,
    NetworkIsAFunction,
    SigmoidVsReLU,
)
