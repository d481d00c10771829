"""Chapter 1, one neuron up close: its weights as a picture, the sigmoid, the bias as a threshold.

A lesson-part file (merged later into ``scenes/structure.py``): each scene's ``construct`` is its
storyboard, one value from the data module (everything it shows, computed by netcore), then the
beats. Render from the repo root: ``manim -qh scenes/structure_weights.py WeightsAsPixels``.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    MoveAlongPath,
    Scene,
    VGroup,
    Write,
)

from scenes import structure_weights_data as structure_data
from scenes.kit import palette
from scenes.kit.activation_plot import ActivationPlot
from scenes.kit.layout import caption, on_baseline, readout, title
from scenes.kit.neuron import NeuronCircle, WeightedSum, pixel_box, pixel_marker
from scenes.kit.pixels import pixel_digit, pixel_weights
from scenes.kit.text import FastNumber, math, number


def bar_words(detector) -> str:
    """The detector's hand-set weights, in the captions' words."""
    height, width = detector.rows[1] - detector.rows[0], detector.cols[1] - detector.cols[0]
    bar, around = (f"{w:+g}".replace("-", "\u2212") for w in (detector.bar_weight, detector.surround_weight))
    return f"hand-set weights: {bar} on a bar\n{width} pixels wide and {height} high, {around}\non the pixels around it, 0 elsewhere"


class WeightsAsPixels(Scene):
    """One real first-hidden-layer neuron of the replayed run (the one whose weight image is smoothest:
    netcore's neighbour-correlation measure), its 784 incoming weights as a green/red 28 x 28 picture,
    and its weighted sum w1 a1 + ... + wn an on the first training 7: the three largest terms written out
    with their real numbers, the total of all 784 (netcore's ``W1[j] @ x``). Then a hand-set edge
    detector (a positive bar, a negative surround) and its weighted sums on the training 7s with the
    largest and the smallest sum."""

    IMAGE_AT, WEIGHTS_AT, NEURON_AT = [-4.9, 0.6, 0], [-0.5, 0.6, 0], [4.3, 0.6, 0]
    PICTURE_SIDE = 3.0
    SUM_AT = [0.0, -2.75, 0]
    SUM_SIZE = palette.LABEL_SIZE
    DETECTOR_AT, HIT_AT, MISS_AT = [-4.7, 0.45, 0], [0.0, 0.45, 0], [4.7, 0.45, 0]

    def construct(self):
        shown = structure_data.weights_as_pixels()
        self.shown = shown
        self.show_the_neuron_and_its_weights(shown.neuron)
        self.write_the_weighted_sum(shown.neuron)
        self.point_at_the_terms(shown.neuron)
        self.hand_set_an_edge_detector(shown.detector)
        self.compare_with_and_without_an_edge(shown.detector)

    def show_the_neuron_and_its_weights(self, neuron):
        self.head = title("One neuron's 784 weights")
        self.sub = caption(f"neuron {neuron.index} of the {neuron.n_neurons} in the first hidden layer "
                           f"(the smoothest weight picture: neighbour correlation {neuron.smoothness:.2f})",
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

    def point_at_the_terms(self, neuron):
        marks = VGroup(*[pixel_marker(picture, k) for k in neuron.term_pixels for picture in (self.image, self.weights)])
        wires = VGroup(*[Line(pixel_marker(self.weights, k).get_center(), self.neuron.circle.get_left(),
                              stroke_color=palette.WEIGHT_POSITIVE if w >= 0 else palette.WEIGHT_NEGATIVE, stroke_width=2)
                         for k, w in zip(neuron.term_pixels, neuron.term_weights)])
        self.play(Create(marks), Create(wires), run_time=1.2)
        self.wait(2.0)
        self.first_part = VGroup(self.image, self.image_note, self.weights, self.weights_note, self.neuron,
                                 self.neuron_note, self.neuron_sum, self.sum, self.sum_note, marks, wires, self.sub)

    def hand_set_an_edge_detector(self, detector):
        head = title("A hand-set edge detector")
        self.play(FadeOut(self.first_part), FadeOut(self.head), FadeIn(head), run_time=0.6)
        self.detector = pixel_weights(detector.weights, side=self.PICTURE_SIDE).move_to(self.DETECTOR_AT)
        note = caption(bar_words(detector), size=palette.TINY_SIZE).next_to(self.detector, DOWN, buff=0.2)
        self.play(FadeIn(self.detector), FadeIn(note), run_time=0.8)
        self.wait(1.5)

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
        self.wait(3.0)

    def detector_on_image(self, detector, image, total, name, at):
        """An image with the detector's bar outlined on it, what it is, and the detector's weighted sum."""
        picture = VGroup(pixel_digit(image, side=self.PICTURE_SIDE).move_to(at))
        picture.add(pixel_box(picture[0], detector.rows, detector.cols))
        note = caption(f"{name}\nsum of the {detector.n_searched} training {detector.digit}s",
                       size=palette.TINY_SIZE).next_to(picture, DOWN, buff=0.2)
        total_readout = readout("weighted sum", number(total, places=2), color=palette.COST).next_to(note, DOWN, buff=0.25)
        return picture, note, total_readout


class SigmoidSquish(Scene):
    """The sigmoid (logistic) function squishes the whole number line into (0, 1): a few inputs rise to
    the curve and read off their outputs (computed by netcore's sigmoid). If the replayed run's hidden
    neurons use another function (ReLU), a note says so."""

    PLOT_AT, PLOT_SIZE = [-1.2, 0.05, 0], (8.0, 4.0)
    TABLE_X, TABLE_TOP, ROW_HEIGHT = (4.7, 6.0), 1.7, 0.5

    def construct(self):
        shown = structure_data.sigmoid_squish()
        self.shown = shown
        self.write_the_function(shown)
        self.draw_the_curve(shown)
        self.send_inputs_through(shown)
        self.say_what_it_does(shown)

    def write_the_function(self, shown):
        self.play(Write(title("Squishing the number line into (0, 1)")), run_time=0.9)
        self.formula = math(r"\sigma(x) = \frac{1}{1 + e^{-x}}").to_corner(RIGHT + UP, buff=0.4)
        self.play(FadeIn(self.formula), run_time=0.8)

    def draw_the_curve(self, shown):
        self.plot = ActivationPlot(shown.curve_x, shown.curve_y, y_range=(0, 1), width=self.PLOT_SIZE[0],
                                   height=self.PLOT_SIZE[1], y_ticks=[0, 0.5, 1], name="sigmoid").move_to(self.PLOT_AT)
        x_name = caption("input x").next_to(self.plot.axes.x_numbers, DOWN, buff=0.15)
        y_name = caption("\u03c3(x)").next_to(self.plot.axes.y_numbers, LEFT, buff=0.2)
        self.add(self.plot.axes, x_name, y_name)
        self.play(Create(self.plot.curve), FadeIn(self.plot.name), run_time=1.6)

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
        self.wait(2.5)


class BiasThreshold(Scene):
    """sigma(w1 a1 + ... + wn an - 10): the edge detector of WeightsAsPixels with bias -10, on training
    7s whose weighted sums spread from the smallest to the largest. A dot moves along sigma(sum - 10) to
    each image's real sum; the readouts and the neuron follow. Then the trained neuron of
    WeightsAsPixels: its real bias, the sum it must pass, and its real activation on the training 7."""

    DETECTOR_AT, IMAGE_AT, SIDE = [-5.45, 1.1, 0], [-5.45, -1.05, 0], 1.7
    PLOT_AT, PLOT_SIZE = [0.75, -0.6, 0], (7.2, 3.4)
    NEURON_AT = [5.95, -0.45, 0]
    READOUTS_LEFT, READOUTS_TOP = -6.85, -2.55
    NOTE_AT = [0.75, 2.1, 0]  # the notes above the plot
    MOVE_SECONDS = 1.1

    def construct(self):
        shown = structure_data.bias_threshold()
        self.shown = shown
        self.write_the_formula(shown)
        self.draw_both_curves(shown)
        self.step_through_the_images(shown)
        self.count_who_passes(shown)
        self.turn_to_the_trained_neuron(shown)

    def write_the_formula(self, shown):
        self.head = title("The bias: a threshold")
        self.formula = math(r"\sigma(w_1 a_1 + \cdots + w_n a_n", rf"- {shown.threshold:g}", ")")
        self.formula[1].set_color(palette.COST)
        self.formula.to_corner(RIGHT + UP, buff=0.4)
        bias_name = caption("bias", color=palette.COST).next_to(self.formula[1], DOWN, buff=0.2)
        self.play(Write(self.head), FadeIn(self.formula), run_time=1.0)
        self.play(FadeIn(bias_name), run_time=0.5)
        self.detector = pixel_weights(shown.detector.weights, side=self.SIDE).move_to(self.DETECTOR_AT)
        self.detector_note = caption("the edge detector", size=palette.TINY_SIZE).next_to(self.detector, UP, buff=0.12)
        self.play(FadeIn(self.detector), FadeIn(self.detector_note), run_time=0.7)

    def draw_both_curves(self, shown):
        t = shown.threshold
        self.plot = ActivationPlot(shown.curve_x, shown.curve_y, y_range=(0, 1), width=self.PLOT_SIZE[0],
                                   height=self.PLOT_SIZE[1], y_ticks=[0, 0.5, 1]).move_to(self.PLOT_AT)
        plain = ActivationPlot(shown.curve_x, shown.plain_y, y_range=(0, 1), width=self.PLOT_SIZE[0],
                               height=self.PLOT_SIZE[1], y_ticks=[0, 0.5, 1], color=palette.FAINT).move_to(self.PLOT_AT)
        x_name = caption("weighted sum").next_to(self.plot.axes.x_numbers, DOWN, buff=0.12)
        self.add(self.plot.axes, x_name)
        plain_name = caption("\u03c3(sum)", size=palette.TINY_SIZE).next_to(plain.on_curve(0, 0.5), LEFT, buff=0.15)
        self.play(Create(plain.curve), FadeIn(plain_name), run_time=1.0)
        self.threshold = self.plot.vertical_line(t, color=palette.COST)
        self.threshold_name = threshold_name = caption(f"sum = {t:g}", size=palette.TINY_SIZE, color=palette.COST)
        threshold_name.next_to(self.plot.to_scene(t, 1.0), UP, buff=0.1)
        curve_name = caption(f"\u03c3(sum \u2212 {t:g})", size=palette.TINY_SIZE, color=palette.COST)
        curve_name.next_to(self.plot.on_curve(t, 0.5), RIGHT, buff=0.15)
        self.play(Create(self.plot.curve), Create(self.threshold), FadeIn(threshold_name), FadeIn(curve_name), run_time=1.4)
        self.neuron = NeuronCircle(0.0, radius=0.5, places=3).move_to(self.NEURON_AT)
        self.play(FadeIn(self.neuron), run_time=0.5)

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
        self.image = pixel_digit(shown.images[0], side=self.SIDE).move_to(self.IMAGE_AT)
        self.bar = pixel_box(self.image, shown.detector.rows, shown.detector.cols)
        self.image_note = self.image_caption(shown, 0)
        self.neuron.set_activation(shown.outputs[0])
        self.play(FadeIn(self.image), Create(self.bar), FadeIn(self.image_note), FadeIn(readouts), FadeIn(self.dot),
                  run_time=1.0)
        self.wait(0.8)
        for i in range(1, len(shown.sums)):
            picture = pixel_digit(shown.images[i], side=self.SIDE).move_to(self.IMAGE_AT)
            note = self.image_caption(shown, i)
            path = self.plot.path_between(shown.sums[i - 1], shown.outputs[i - 1], shown.sums[i], shown.outputs[i])
            self.play(FadeOut(self.image), FadeOut(self.image_note), FadeIn(picture), FadeIn(note), run_time=0.4)
            self.bring_to_front(self.bar)
            self.image, self.image_note = picture, note
            self.play(MoveAlongPath(self.dot, path), run_time=self.MOVE_SECONDS)
            self.sum_readout.value.set_value(shown.sums[i])  # the dot has arrived: this image's numbers
            self.out_readout.value.set_value(shown.outputs[i])
            self.neuron.set_activation(shown.outputs[i])
            self.wait(0.7)

    def image_caption(self, shown, i):
        note = caption(f"training {shown.detector.digit}, image {shown.indices[i]}", size=palette.TINY_SIZE)
        return note.move_to(self.IMAGE_AT).shift((self.SIDE / 2 + 0.25) * DOWN)

    def count_who_passes(self, shown):
        n, k, t = len(shown.sums), shown.n_above, shown.threshold
        words = (f"{k} of these {n} sums pass {t:g}: only those light the neuron up" if k
                 else f"none of these {n} sums passes {t:g}: the neuron stays dark")
        self.verdict = caption(words, color=palette.TEXT, size=palette.TINY_SIZE).move_to(self.NOTE_AT)
        self.play(FadeIn(self.verdict), run_time=0.8)
        self.wait(2.0)

    def turn_to_the_trained_neuron(self, shown):
        neuron = shown.neuron
        real_weights = pixel_weights(neuron.weights, side=self.SIDE).move_to(self.DETECTOR_AT)
        real_image = pixel_digit(neuron.image, side=self.SIDE).move_to(self.IMAGE_AT)
        real_note = caption(f"neuron {neuron.index}", size=palette.TINY_SIZE).move_to(self.detector_note)
        image_note = caption(f"training {neuron.image_label}, image {neuron.image_index}", size=palette.TINY_SIZE)
        image_note.move_to(self.image_note)
        self.play(FadeOut(VGroup(self.detector, self.detector_note, self.image, self.image_note, self.bar, self.readouts,
                                 self.verdict, self.dot)),
                  FadeIn(VGroup(real_weights, real_note, real_image, image_note)), run_time=0.9)
        self.state_its_real_bias(neuron)
        if shown.neuron_on_plot:
            self.place_it_on_its_curve(shown)

    def state_its_real_bias(self, neuron):
        b, name = neuron.bias, neuron.activation_name
        plus_b = f"{'+' if b >= 0 else chr(0x2212)} {abs(b):.2f}"
        words = (f"the trained neuron {neuron.index} (from before) has bias {plus_b.replace(' ', '')}:\n"
                 f"{name}(sum {plus_b}) gets going once its sum passes {-b:.2f}".replace("-", "\u2212"))
        note = caption(words, color=palette.TEXT, size=palette.TINY_SIZE).move_to(self.NOTE_AT)
        self.real_sum = readout("weighted sum", number(neuron.weighted_sum, places=2), size=palette.SMALL_SIZE,
                                color=palette.COST)
        self.real_out = readout(f"{name}(sum {plus_b})", number(neuron.output, places=3), size=palette.SMALL_SIZE)
        VGroup(self.real_sum, self.real_out).arrange(DOWN, aligned_edge=LEFT, buff=0.2).move_to(
            [self.READOUTS_LEFT, self.READOUTS_TOP, 0], aligned_edge=LEFT + UP)
        self.neuron.set_activation(neuron.output)
        line = self.plot.vertical_line(-b, color=palette.POSITIVE)
        line_name = caption(f"sum = {-b:.2f}".replace("-", "\u2212"), size=palette.TINY_SIZE, color=palette.POSITIVE)
        line_name.next_to(self.plot.to_scene(-b, 1.0), UP, buff=0.1)
        if abs(line_name.get_x() - self.threshold_name.get_x()) < (line_name.width + self.threshold_name.width) / 2 + 0.15:
            side = LEFT if -b < self.shown.threshold else RIGHT  # too close to the other line's name: beside its line
            line_name.next_to(self.plot.to_scene(-b, 0.8), side, buff=0.1)
        self.play(FadeIn(note), FadeIn(self.real_sum), FadeIn(self.real_out), Create(line), FadeIn(line_name), run_time=1.0)
        self.wait(2.0)

    def place_it_on_its_curve(self, shown):
        """The trained neuron's own sigmoid(sum + b) and its real weighted sum on the 7, a dot on that curve."""
        neuron = shown.neuron
        curve = ActivationPlot(shown.curve_x, shown.neuron_curve_y, y_range=(0, 1), width=self.PLOT_SIZE[0],
                               height=self.PLOT_SIZE[1], y_ticks=[0, 0.5, 1], color=palette.POSITIVE).move_to(self.PLOT_AT)
        dot = Dot(self.plot.on_curve(neuron.weighted_sum, neuron.output), radius=0.09, color=palette.POSITIVE)
        self.play(Create(curve.curve), run_time=1.0)
        self.play(FadeIn(dot, scale=1.5), run_time=0.5)
        self.wait(2.0)


# The lesson's order (../shared/lessons.md)
SCENES = (WeightsAsPixels, SigmoidSquish, BiasThreshold)
