"""Chapter 1, the structure of the network: the trained network at work (FeedForward) and what we
hope its layers do, set against what its last hidden layer really does (LayeredHope).

Render from the repo root: ``manim -qh scenes/structure_forward.py FeedForward``. Each scene's
``construct`` is its storyboard: one value from the data module (everything it shows, computed by
netcore from the lesson's run or ``NETCORE_TRACE``), then the beats, in order. Drawing lives in
``scenes.kit``.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Arrow,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    Scene,
    VGroup,
    Write,
)

from scenes import structure_forward_data as structure_data
from scenes.kit import palette
from scenes.kit.hope import HeatRows, exploded_strokes, stroke_picture
from scenes.kit.layout import caption, readout, thumbnail, title
from scenes.kit.network import NetworkMobject
from scenes.kit.pixels import pixel_digit
from scenes.kit.text import integer, label

RIGHT_ANSWER = palette.WEIGHT_POSITIVE  # the network's answer matches the label
WRONG_ANSWER = palette.NEGATIVE
PART_COLORS = palette.SERIES  # loops and lines of one digit, in order


def percent(value: float) -> str:
    return f"{value:.1%}"


def parts_words(counts) -> str:
    """(loops, lines) in words: "a loop and a line", "2 loops", "3 lines"."""
    words = [("a " if n == 1 else f"{n} ") + name + ("" if n == 1 else "s") for n, name in zip(counts, ("loop", "line")) if n]
    return " and ".join(words) if words else "no strokes"


def activation_words(activation: str) -> str:
    return "ReLU" if activation == "relu" else activation


class FeedForward(Scene):
    """Real test images through the lesson's trained network: each image's pixels light the input
    neurons, then layer by layer a flash runs along the edges and the next layer takes netcore's
    activations; the brightest output is boxed beside the label. The images: the first test images,
    then the first one the network gets wrong. The input column draws the 16 pixels that vary most over
    the training images (netcore.data.informative_pixels), marked on the image. The accuracy is
    netcore's on the whole test set (equal to the trace's recorded final test accuracy)."""

    NETWORK_AT, NETWORK_SIZE = np.array([1.45, -0.2, 0]), (7.2, 5.9)
    IMAGE_AT, IMAGE_SIDE = np.array([-5.45, 1.35, 0]), 2.3
    ANSWERS_X = 5.95
    FEED_TIME = 3.2

    def construct(self):
        self.shown = shown = structure_data.feed_forward()
        self.show_the_trained_network(shown)
        self.say_which_inputs_are_drawn(shown)
        self.feed_each_test_image(shown)
        self.state_the_accuracy(shown)

    def show_the_trained_network(self, shown):
        self.netmob = NetworkMobject(shown.network, width=self.NETWORK_SIZE[0], height=self.NETWORK_SIZE[1],
                                     shown_inputs=shown.shown_inputs, activation_scale=shown.layer_scales)
        self.netmob.move_to(self.NETWORK_AT)
        self.play(Write(title("The trained network, fed test images")), run_time=0.8)
        self.play(FadeIn(self.netmob), run_time=1.0)
        if np.any(shown.layer_scales != 1):
            note = caption(f"{activation_words(shown.activation)}: brightness =\nactivation \u00f7 the layer's\n"
                           f"largest on these {len(shown.indices)} images", size=palette.TINY_SIZE, align=RIGHT)
            self.play(FadeIn(note.to_corner(UP + RIGHT, buff=0.3)), run_time=0.5)

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
            self.remove(self.image)
            self.add(image)
            self.bring_to_front(self.links)
            self.image = image
            which = caption(f"test image {index}" if index != shown.first_wrong else
                            f"test image {index}:\nthe first it gets wrong", size=palette.SMALL_SIZE,
                            color=palette.DIM_TEXT if right else WRONG_ANSWER, align=LEFT)
            which.next_to(self.image, DOWN, buff=0.2).align_to(self.image, LEFT)
            self.answers.next_to(which, DOWN, buff=0.3).align_to(self.image, LEFT)
            self.play(FadeOut(self.box), FadeOut(self.answers), FadeOut(self.which), FadeIn(which), run_time=0.4)
            self.which = which
        else:
            self.play(FadeIn(self.which), run_time=0.4)
        self.play(self.netmob.feed_forward(shown.images[k]), run_time=self.FEED_TIME)
        self.guess.set_value(guess).set_color(RIGHT_ANSWER if right else WRONG_ANSWER)
        self.truth.set_value(truth)
        self.box = self.netmob.answer_box()
        self.play(Create(self.box), FadeIn(self.answers), run_time=0.6)
        self.fed.append((index, self.netmob.answer(), truth, [c.get_fill_color() for c in self.netmob.neurons[0]]))
        self.wait(1.4 if right else 2.2)

    def state_the_accuracy(self, shown):
        right = int(round(shown.accuracy * shown.n_test))
        self.accuracy_words = f"{right:,} right, {percent(shown.accuracy)}"
        self.accuracy_note = caption(f"on all {shown.n_test:,} test images:\n{right:,} right, {percent(shown.accuracy)}",
                                     size=palette.SMALL_SIZE, color=palette.COST, align=RIGHT)
        self.accuracy_note.to_corner(DOWN + RIGHT, buff=0.3)
        self.play(FadeIn(self.accuracy_note), run_time=0.8)
        self.wait(2.5)


class LayeredHope(Scene):
    """The hope for the hidden layers, built from real strokes: a real 9 cut into a loop and a line, a
    real 8 into two loops, a real 4 into three lines (netcore.strokes: loops are the ink around an
    enclosed hole, lines the rest split by stroke direction; each digit is the first training image of
    its kind among the first 100 that splits that way), the 9's loop cut into little edges; pixels ->
    little edges -> loops and lines -> digits. Then what the trained network's last hidden layer does
    on the first test 9s, 8s and 4s (rows of real activations), and the measure over all test 9s, 8s
    and 4s: does any neuron fire for 9s and 8s (a loop up top) more than for 4s?"""

    DIGITS_Y, DIGIT_SIDE, DIGIT_XS = 1.0, 2.2, (-4.6, 0.0, 4.6)
    PARTS_Y, PART_SIDE = -1.7, 1.5
    CHAIN_XS, CHAIN_Y, CHAIN_SIDE = (-5.3, -1.75, 1.85, 5.2), 0.2, 2.0
    EXPLODE = 0.6  # the little edges move apart by this fraction of their offset from the digit's middle
    GRID_AT, GRID_SIZE, GROUP_GAP = np.array([0.9, -0.1, 0]), (8.6, 3.9), 0.2
    CLEAR_CONTRAST, CLEAR_SEPARATION = 0.3, 0.85  # a neuron "behaves like a loop detector" at or above both
    SOME_CONTRAST = 0.1  # at or above: "leans that way"

    def construct(self):
        self.shown = shown = structure_data.layered_hope()
        self.show_three_real_digits(shown)
        self.cut_them_into_strokes(shown)
        self.break_the_loop_into_edges(shown)
        self.look_at_the_real_last_layer(shown)
        self.say_what_the_measure_shows(shown)

    # --- the hope ---------------------------------------------------------------------------------
    def show_three_real_digits(self, shown):
        self.head = title("What we hope the hidden layers do")
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
                         zip(("pixels", f"{len(shown.little_edges)} little edges", parts_words(nine.parts.counts), "the digit"), xs)])
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
            layer_words += f"\n({activation_words(shown.activation)}: \u00f7 that neuron's largest on the test 9s, 8s and 4s)"
        self.layer_note = caption(layer_words, size=palette.TINY_SIZE).next_to(self.groups, UP, buff=0.2)
        self.layer_note.set_x(self.GRID_AT[0] - 0.6)
        self.play(FadeIn(self.layer_note), LaggedStart(*[FadeIn(VGroup(rows)) for rows in self.groups], lag_ratio=0.3),
                  FadeIn(thumbs), FadeIn(names), run_time=1.8)
        self.wait(1.5)

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
            verdict = f"neuron {best} fires on 9s and 8s (a loop up top) more than on 4s, by {contrast:.2f}"
        elif contrast >= self.SOME_CONTRAST:
            verdict = f"neuron {best} leans that way: 9s and 8s above 4s by {contrast:.2f}, not cleanly"
        else:
            verdict = f"no neuron fires on both 9s and 8s clearly more than on 4s (largest gap {contrast:.2f}: neuron {best})"
        self.verdict_line = verdict
        self.verdict = caption(f"does a neuron fire for a loop up top? over the test set's {counts}:\n{verdict}\n"
                               f"neuron {best}'s mean: {means}; a 9 or 8 beats a 4 in {separation:.0%} of pairs",
                               size=palette.TINY_SIZE * 1.1, color=palette.COST).to_edge(DOWN, buff=0.2)
        self.play(Create(box), FadeIn(name), run_time=0.8)
        self.play(FadeIn(self.verdict), run_time=0.8)
        self.wait(3.0)
        self.best_box = box


SCENES = (FeedForward, LayeredHope)
