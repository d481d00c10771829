"""Chapter 2: gradient descent, scene by scene in the lesson's order (``../shared/lessons.md``).

Render from the repo root: ``manim -qh scenes/gradient.py BallDownhill``. Each scene's ``construct``
is its storyboard: one value from ``scenes.gradient_data`` (everything it shows, computed by netcore),
then the beats the viewer sees, in order. Drawing lives in ``scenes.kit``. ``NETCORE_TRACE`` replays
another network's trace through every scene.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    DL,
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    UR,
    Animation,
    AnimationGroup,
    Brace,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeTransform,
    FadeOut,
    Indicate,
    LaggedStart,
    Line,
    Rectangle,
    SurroundingRectangle,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    Write,
    rate_functions,
)

from scenes import gradient_data
from scenes.kit import palette
from scenes.kit.animations import Replay, change_values
from scenes.kit.curve import CurveView, Hopper
from scenes.kit.geometry import at_state, grid_positions
from scenes.kit.landscape_view import LandscapeView
from scenes.kit.layout import (Table, caption, labelled_thumbnail, legend, on_baseline, readout, thumbnail, tile_grid, title)
from scenes.kit.machine import FunctionMachine
from scenes.kit.network import NetworkMobject
from scenes.kit.numbers import EntryRows, NumberColumn, bracketed_entries
from scenes.kit.pixels import pixel_digit, pixel_weights
from scenes.kit.plot import PlotAxes
from scenes.kit.raster_cache import RasterCachedScene, cache_raster
from scenes.kit.scene3d import KitThreeDScene
from scenes.kit.storyboard import beat, storyboard
from scenes.kit.text import FastNumber, integer, label, math, number

CORRECT = palette.WEIGHT_POSITIVE  # a test image the network gets right (green frame)
WRONG = palette.NEGATIVE  # one it gets wrong (red frame)


def method_words(method: str, batch_size: int) -> str:
    """How a run took its steps, in the captions' words."""
    if method == "full_batch":
        return "full-batch gradient descent"
    return f"stochastic gradient descent, mini-batches of {batch_size}"


# ====================================================================================================
# Labelled data and the cost
# ====================================================================================================

class TrainingAndTestData(RasterCachedScene):
    """Real labelled MNIST images, mixed together, sort themselves into the training data (the network
    learns from these) and the test data (never seen in training; used to check it afterwards)."""

    TITLE = "Labelled data"

    N_TRAIN_SHOWN, N_TEST_SHOWN = 16, 8
    THUMB_SIDE = 0.95
    POOL_COLUMNS, POOL_STEP = 8, (1.45, 1.65)
    SIDE_X = 3.5  # the two piles sit at -SIDE_X and +SIDE_X
    PILE_COLUMNS, PILE_STEP = 4, 1.2

    @storyboard
    def construct(self):
        shown = gradient_data.training_and_test_data(self.N_TRAIN_SHOWN, self.N_TEST_SHOWN)
        self.show_labelled_images(shown)
        self.split_into_training_and_test(shown)
        self.say_what_the_test_data_is_for()

    @beat("Real handwritten digits from MNIST, each labelled with the digit it is meant to be.")
    def show_labelled_images(self, shown):
        self.play(Write(title(self.TITLE)), run_time=0.8)
        self.thumbs = [labelled_thumbnail(image, digit, self.THUMB_SIDE) for image, digit in zip(shown.images, shown.labels)]
        for thumb, cell in zip(self.thumbs, grid_positions(len(self.thumbs), self.POOL_COLUMNS, *self.POOL_STEP)):
            thumb.move_to(cell)
        self.play(LaggedStart(*[FadeIn(thumb, scale=0.8) for thumb in self.thumbs], lag_ratio=0.06), run_time=2.2)
        self.note = caption("real handwritten digits from MNIST, each with the label of the digit it is meant to be")
        self.play(FadeIn(self.note.to_edge(DOWN, buff=0.45)), run_time=0.6)
        self.wait(1.2)

    @beat(lambda self, shown: f"{shown.n_train:,} images to train on; {shown.n_test:,} kept apart to test.")
    def split_into_training_and_test(self, shown):
        heads = VGroup(
            VGroup(label("training data", color=palette.POSITIVE),
                   caption(f"{shown.n_train:,} labelled images:\nthe network learns from these", size=palette.TINY_SIZE)
                   ).arrange(DOWN, buff=0.12).move_to([-self.SIDE_X, 2.35, 0]),
            VGroup(label("test data", color=palette.COST),
                   caption(f"{shown.n_test:,} other labelled images,\nnever seen in training", size=palette.TINY_SIZE)
                   ).arrange(DOWN, buff=0.12).move_to([self.SIDE_X, 2.35, 0]))
        on_baseline(heads[0][1], heads[1][1])  # both notes on one line, whatever the heads' descenders
        train_cells = iter(grid_positions(int(shown.is_training.sum()), self.PILE_COLUMNS, self.PILE_STEP,
                                          self.PILE_STEP, center=[-self.SIDE_X, -0.95, 0]))
        test_cells = iter(grid_positions(int((~shown.is_training).sum()), self.PILE_COLUMNS, self.PILE_STEP,
                                         self.PILE_STEP, center=[self.SIDE_X, 0.25, 0]))
        moves = [thumb.animate.scale(0.84).move_to(next(train_cells) if is_train else next(test_cells))
                 for thumb, is_train in zip(self.thumbs, shown.is_training)]
        divider = Line([0, 2.8, 0], [0, -3.4, 0], stroke_color=palette.FAINT, stroke_width=2)
        self.play(FadeOut(self.note), run_time=0.4)
        self.play(AnimationGroup(*moves, lag_ratio=0.03), FadeIn(heads), Create(divider), run_time=2.2)
        for thumb, is_train in zip(self.thumbs, shown.is_training):
            thumb.thumb.frame.set_stroke(palette.POSITIVE if is_train else palette.COST, width=2, opacity=0.8)

    @beat("After training, the test images check what it learned.")
    def say_what_the_test_data_is_for(self):
        after = caption("after training, these check\nwhat the network has learned").move_to([self.SIDE_X, -1.9, 0])
        self.play(FadeIn(after), run_time=0.8)
        self.wait(2.0)


class CostOfOneExample(RasterCachedScene):
    """A real 3 into the network at its random initial weights: the ten output activations, the
    desired output, the ten (output - desired)^2 and their sum, the cost of this example. Then the
    same 3 through the trained network: the right answer and a small cost."""

    TITLE = "The cost of one training example"

    NETWORK_AT, IMAGE_AT = [1.3, -0.35, 0], [-5.0, -0.2, 0]
    TABLE = Table({"digit": -6.3, "neuron": -5.75, "out": -4.7, "desired": -3.45, "expr": -1.1, "square": 1.5},
                  top=2.38, row_height=0.5)
    NUMBER_SIZE = palette.SMALL_SIZE
    CONFIDENT = 0.8  # an answer's output at least this high is called confident

    @storyboard
    def construct(self):
        shown = gradient_data.cost_of_one_example()
        self.feed_the_example(shown)
        self.tabulate_outputs_and_desired(shown)
        self.square_the_differences(shown)
        self.add_them_up(shown)
        if shown.steps_trained:  # an imported network has no training to replay
            self.replay_with_trained_weights(shown)

    @staticmethod
    def first_answer(shown) -> str:
        start = shown.start
        return "the output is a mess" if start.answer != start.label else f"it answers {start.answer}"

    @beat(lambda self, shown: f"A training image labelled {shown.start.label} goes through the network "
                              f"({'at its random initial weights' if shown.state.startswith('step 0') else shown.state}): "
                              f"{self.first_answer(shown)}.")
    def feed_the_example(self, shown):
        self.head = title(self.TITLE)
        self.play(Write(self.head), run_time=0.8)
        self.netmob = NetworkMobject(shown.network, width=7.0, height=5.6).move_to(self.NETWORK_AT)
        image = pixel_digit(shown.image, side=2.2).move_to(self.IMAGE_AT)
        image_note = caption(f"a training image,\nlabelled {shown.start.label}").next_to(image, DOWN, buff=0.25)
        state = "random initial weights and biases (step 0)" if shown.state.startswith("step 0") else shown.state
        self.state = caption(state).next_to(self.head, DOWN, aligned_edge=LEFT, buff=0.15)
        self.play(FadeIn(self.netmob), FadeIn(image), FadeIn(image_note), FadeIn(self.state), run_time=1.2)
        self.play(self.netmob.feed_forward(shown.image), run_time=2.2)
        mess = caption(self.first_answer(shown)).next_to(self.netmob, DOWN, buff=0.05).align_to(self.netmob.output_labels, RIGHT)
        self.play(FadeIn(mess), run_time=0.6)
        self.wait(1.0)
        self.leaving = VGroup(self.netmob, image, image_note, mess)

    @beat("Each output neuron's activation, beside the output we want: 1 for the labelled digit, 0 for the rest.")
    def tabulate_outputs_and_desired(self, shown):
        table, n = self.TABLE, len(shown.start.outputs)
        self.circles = VGroup(*[self.netmob.neurons[-1][i].copy() for i in range(n)])
        spots = [Circle(radius=0.19).move_to(table.cell("neuron", i)) for i in range(n)]
        self.digits = VGroup(*[label(str(i), size=palette.SMALL_SIZE).move_to(table.cell("digit", i)) for i in range(n)])
        self.play(FadeOut(self.leaving), run_time=0.5)
        self.play(*[circle.animate.move_to(spot).scale_to_fit_width(spot.width) for circle, spot in zip(self.circles, spots)],
                  FadeIn(self.digits), run_time=1.2)
        self.outs = VGroup(*[number(out, places=3, size=self.NUMBER_SIZE).move_to(table.cell("out", i))
                             for i, out in enumerate(shown.start.outputs)])
        desired = VGroup(*[integer(want, size=self.NUMBER_SIZE, color=palette.COST if want else palette.TEXT)
                           .move_to(table.cell("desired", i)) for i, want in enumerate(shown.start.desired)])
        self.h_out, h_desired = caption("output").move_to(table.header("out")), caption("desired").move_to(table.header("desired"))
        on_baseline(self.h_out, h_desired)
        self.play(LaggedStart(*[FadeIn(out, shift=0.2 * RIGHT) for out in self.outs], lag_ratio=0.06), FadeIn(self.h_out), run_time=1.2)
        self.wait(0.5)
        self.play(LaggedStart(*[FadeIn(want) for want in desired], lag_ratio=0.06), FadeIn(h_desired), run_time=1.0)
        self.wait(0.8)

    @beat(lambda self, shown: "Each output minus the desired value, squared: its share of the cost."
          if shown.cost_name == "quadratic" else "Each output's share of the cost, by the cross-entropy formula.")
    def square_the_differences(self, shown):
        """Each output's share of the cost: (output - desired)^2, or for a cross-entropy trace its term."""
        table, size, quadratic = self.TABLE, self.NUMBER_SIZE, shown.cost_name == "quadratic"
        rows, self.squares, self.expr_outs = VGroup(), VGroup(), VGroup()
        for i, (out, want, share) in enumerate(zip(shown.start.outputs, shown.start.desired, shown.start.squares)):
            a_num = number(out, places=3, size=size)
            if quadratic:
                rows.add(VGroup(label("(", size=size), a_num, label("\u2212", size=size), integer(want, size=size),
                                label(")\u00b2 =", size=size)).arrange(RIGHT, buff=0.08).move_to(table.cell("expr", i)))
                self.expr_outs.add(a_num)
            self.squares.add(number(share, places=3, size=size, color=palette.COST).move_to(table.cell("square", i)))
        header = (caption("(output \u2212 desired)\u00b2") if quadratic
                  else math(r"-[y \ln a + (1-y) \ln(1-a)]", size=palette.SMALL_SIZE * 1.2, color=palette.DIM_TEXT))
        header.move_to((table.header("expr") + table.header("square")) / 2)
        if quadratic:
            on_baseline(self.h_out, header)
        self.play(FadeIn(header), *([LaggedStart(*[FadeIn(row) for row in rows], lag_ratio=0.05)] if len(rows) else []),
                  run_time=1.4)
        self.play(LaggedStart(*[FadeIn(square, shift=0.2 * RIGHT) for square in self.squares], lag_ratio=0.05), run_time=1.0)
        self.wait(0.6)

    @beat(lambda self, shown: f"Added up, the shares give the cost of this one example: {shown.start.cost:.3f}.")
    def add_them_up(self, shown):
        brace = Brace(self.squares, RIGHT, buff=0.15, color=palette.DIM_TEXT)
        self.total = number(shown.start.cost, places=3, size=palette.TITLE_SIZE * 0.75, color=palette.COST)
        what = "sum: the cost\nof this example"
        self.total_group = VGroup(caption(what), self.total).arrange(DOWN, buff=0.2).next_to(brace, RIGHT, buff=0.3)
        self.play(Create(brace), FadeIn(self.total_group[0]), run_time=0.8)
        self.play(FadeIn(self.total, scale=1.3), run_time=0.8)
        start = shown.start
        if shown.steps_trained:  # against what training reaches (the last beat)
            verdict = "large: the network\nhas no idea" if start.cost >= 10 * shown.end.cost else "at the random start"
        else:
            verdict = f"it answers {start.answer}" + ("" if start.answer == start.label else f",\nthe label is {start.label}")
        self.verdict = caption(verdict)
        self.verdict.next_to(self.total_group, DOWN, buff=0.4)
        thumb = thumbnail(shown.image, side=1.3).next_to(self.total_group, UP, buff=0.4)
        self.play(FadeIn(thumb), FadeIn(self.verdict), run_time=0.8)
        self.wait(2.0)

    @beat(lambda self, shown: f"After {shown.steps_trained:,} steps of gradient descent the same image costs "
                              f"{shown.end.cost:.3f}, and the network answers {shown.end.answer}.")
    def replay_with_trained_weights(self, shown):
        end = shown.end
        trained = caption(f"after training ({shown.steps_trained:,} steps of gradient descent)").move_to(self.state, aligned_edge=LEFT)
        # every number changes at once (an interpolation would show rows whose arithmetic is false)
        numbers = VGroup(*self.outs, *self.expr_outs, *self.squares, self.total)
        self.play(FadeOut(self.state), FadeOut(self.verdict), FadeOut(numbers), run_time=0.6)
        values = [*end.outputs, *end.outputs][:len(self.outs) + len(self.expr_outs)] + [*end.squares, end.cost]
        for shown_number, value in zip(numbers, values):
            shown_number.set_value(value)
        self.play(FadeIn(trained), FadeIn(numbers),
                  *[circle.animate.set_fill(palette.activation_color(out), opacity=1) for circle, out in zip(self.circles, end.outputs)],
                  run_time=1.2)
        box = SurroundingRectangle(VGroup(self.digits[end.answer], self.circles[end.answer]), color=palette.ANSWER,
                                   buff=0.08, stroke_width=3)
        confident = end.outputs[end.answer] >= self.CONFIDENT
        words = (f"small: it answers {end.answer}" + (",\nand confidently" if confident else "")
                 if end.answer == end.label else f"it answers {end.answer},\nthe label is {end.label}")
        self.play(Create(box), FadeIn(caption(words).next_to(self.total_group, DOWN, buff=0.4)), run_time=0.8)
        self.wait(2.5)


class AverageCost(RasterCachedScene):
    """The cost of each training example, averaged over the whole training set (the real value); the
    cost function as a machine: 13,002 weights and biases in, one number out, the training data as its
    parameters. Fed the trained weights, it gives the trained network's (much smaller) cost."""

    TITLE = "The cost over all training examples"

    ROW_Y = 0.9
    EXAMPLES_X = (-5.2, 2.8)
    MACHINE_AT = [0.1, -0.6, 0]
    COLUMN_AT = [-5.2, -0.6, 0]

    @storyboard
    def construct(self):
        shown = gradient_data.average_cost()
        self.show_single_costs(shown)
        self.average_them(shown)
        self.draw_the_cost_machine(shown)
        if shown.step_end:  # an imported network has no training to replay
            self.feed_it_the_trained_weights(shown)

    @staticmethod
    def at_words(shown) -> str:
        return "at the random initial weights" if shown.state.startswith("step 0") else f"in {shown.state}"

    @beat(lambda self, shown: f"A few training images, each with its cost {self.at_words(shown)}.")
    def show_single_costs(self, shown):
        self.play(Write(title(self.TITLE)), run_time=0.8)
        self.cells = VGroup()
        for x, image, cost in zip(np.linspace(*self.EXAMPLES_X, len(shown.costs)), shown.images, shown.costs):
            thumb = thumbnail(image, side=1.5).move_to([x, self.ROW_Y, 0])
            self.cells.add(VGroup(thumb, number(cost, places=2, color=palette.COST).next_to(thumb, DOWN, buff=0.25)))
        dots = label("\u22ef", size=palette.TITLE_SIZE).move_to([4.9, self.ROW_Y, 0])
        more = caption(f"{shown.n_train:,} images").next_to(dots, DOWN, buff=0.45)
        each = caption(f"the cost of each example, {self.at_words(shown)}").move_to([0, 2.35, 0])
        self.play(LaggedStart(*[FadeIn(cell, shift=0.2 * UP) for cell in self.cells], lag_ratio=0.15), FadeIn(each), run_time=2.0)
        self.play(FadeIn(dots), FadeIn(more), run_time=0.6)
        self.singles = VGroup(self.cells, dots, more, each)

    @beat(lambda self, shown: f"The average over all {shown.n_train:,} training images, {shown.average_start:.3f}, "
                              "says how lousy the network is.")
    def average_them(self, shown):
        row = VGroup(caption(f"average over all {shown.n_train:,} training images", size=palette.LABEL_SIZE),
                     number(shown.average_start, places=3, size=palette.TITLE_SIZE * 0.8, color=palette.COST))
        row.arrange(RIGHT, buff=0.35, aligned_edge=DOWN).move_to([0, -1.7, 0])
        lousy = caption("how lousy the network is").next_to(row, DOWN, buff=0.3)
        self.play(FadeIn(row[0]), FadeIn(row[1], scale=1.3), run_time=1.0)
        self.play(FadeIn(lousy), run_time=0.6)
        self.wait(2.0)
        self.play(FadeOut(self.singles, row, lousy), run_time=0.8)

    @beat(lambda self, shown: f"The cost function: {shown.n_params:,} weights and biases in, one number out; the "
                              "training images are its parameters.")
    def draw_the_cost_machine(self, shown):
        n_params = f"{shown.n_params:,}".replace(",", "{,}")
        machine = FunctionMachine(math(r"C(w_1, w_2, \ldots, w_{%s})" % n_params, size=palette.LABEL_SIZE * 1.2),
                                  "cost function").move_to(self.MACHINE_AT)
        self.column = NumberColumn(shown.params_start, head=4, tail=2, places=2).move_to(self.COLUMN_AT)
        column_note = caption(f"input: {shown.n_params:,}\nweights and biases").next_to(self.column, UP, buff=0.25)
        stack = VGroup(*[thumbnail(image, side=0.62) for image in shown.images]).arrange(RIGHT, buff=0.08)
        stack.move_to([machine.get_x(), 2.05, 0])
        stack_note = caption(f"parameters: the {shown.n_train:,} labelled training images").next_to(stack, UP, buff=0.15)
        out = machine.output_arrow()
        self.out_num = number(shown.average_start, places=3, size=palette.TITLE_SIZE * 0.75, color=palette.COST,
                              widest=max(shown.average_start, shown.average_end)).next_to(out, RIGHT, buff=0.2)
        self.play(Create(machine.box), Write(machine.formula), FadeIn(machine.name), run_time=1.2)
        self.play(FadeIn(self.column), FadeIn(column_note), Create(machine.wires_from(self.column.entries)), run_time=1.2)
        self.play(FadeIn(stack, lag_ratio=0.1), FadeIn(stack_note), Create(machine.feed_arrow(stack)), run_time=1.2)
        self.play(Create(out), FadeIn(self.out_num),
                  FadeIn(caption("output: one number").next_to(self.out_num, UP, buff=0.35)), run_time=1.0)
        self.play(FadeIn(caption("how bad these\nweights and biases are").next_to(self.out_num, DOWN, buff=0.35)), run_time=0.6)
        self.wait(2.0)

    @beat(lambda self, shown: f"Fed the weights and biases after {shown.step_end:,} steps of training, it gives "
                              f"{shown.average_end:.3f}.")
    def feed_it_the_trained_weights(self, shown):
        swap = caption(f"now: the weights and biases\nafter training ({shown.step_end:,} steps)", color=palette.TEXT)
        self.play(FadeIn(swap.next_to(self.out_num, DOWN, buff=1.6)), run_time=0.6)
        self.play(change_values(self.column.entries, shown.params_end[self.column.indices]), run_time=1.5)
        still = self.column.indices[shown.params_end[self.column.indices] == shown.params_start[self.column.indices]]
        if len(still) and shown.from_dark_pixel[still].all():
            why = caption("unchanged: weights from corner pixels,\nblack in every training image,\nget no gradient",
                          size=palette.TINY_SIZE, align=LEFT).next_to(self.column, DOWN, buff=0.2).align_to(self.column, LEFT)
            self.play(FadeIn(why), run_time=0.6)
        self.play(change_values([self.out_num], [shown.average_end]), run_time=1.5)
        self.wait(2.5)


# ====================================================================================================
# Descent: a ball on the real surface, valleys, learning rates, the downhill direction
# ====================================================================================================

class BallDownhill(KitThreeDScene):
    """The headline: a ball replays real gradient descent on the real cost surface.

    The surface is the true training cost on the plane of the descent's top two principal directions
    (netcore landscape ``descent``); the ball sits at each snapshot's projection onto that plane, at
    the surface's height there; the arrow is minus the snapshot's true gradient projected into the
    plane; the readouts are the snapshot's step and true cost. Then the view from above, on contours.
    """

    TITLE = "Gradient descent on the real cost surface"

    ROLL_TIME = 16.0
    SURFACE_WIDTH, SURFACE_HEIGHT = 7.4, 3.2
    CONTOUR_COUNT = 12

    @storyboard
    def construct(self):
        shown = gradient_data.descent_on_surface()
        self.set_up_the_surface(shown)
        self.caption_what_is_real(shown)
        self.roll_down_the_real_path(shown)
        self.look_from_above(shown)

    @beat("The true training cost on a plane through weight space, drawn as a surface.")
    def set_up_the_surface(self, shown):
        land = self.land = shown.landscape
        self.view = LandscapeView(land, width=self.SURFACE_WIDTH, z_size=self.SURFACE_HEIGHT)
        center = self.view.smap(np.mean(land.alphas), np.mean(land.betas), 1.1)
        self.set_camera_orientation(phi=60 * DEGREES, theta=100 * DEGREES, zoom=1.0, frame_center=center)
        self.add(self.view.surface)

    @beat("What is real here: the surface, the ball's path, the arrow and the cost.")
    def caption_what_is_real(self, shown):
        lines = [f"surface: the true training cost on a 2-D slice of the {shown.n_params:,}-dimensional weight space,",
                 f"the plane that holds {shown.explained_variance:.0%} of the path's movement",
                 f"ball: {method_words(shown.method, shown.batch_size)}, learning rate {shown.eta:g}, "
                 f"{shown.n_train:,} MNIST training images",
                 "arrow: downhill (minus the true gradient, projected into the plane); cost: the true cost at that step"]
        captions = caption("\n".join(lines), size=palette.TINY_SIZE, align=LEFT).to_corner(DL, buff=0.3)
        self.add_fixed_in_frame_mobjects(captions)  # simply there (a fade would redraw 250 glyphs a frame)
        self.head = self.fix_in_frame(label(self.TITLE,
                                            size=palette.TITLE_SIZE * 0.9).to_corner(UL, buff=0.35))

    @beat(lambda self, shown: "On a slice of the real cost surface, a ball replays the run's descent; the cost goes "
                              f"from {shown.costs[0]:.3f} to {shown.costs[-1]:.3f}.")
    def roll_down_the_real_path(self, shown):
        step = FastNumber(int(shown.steps[0]), places=0, widest=int(shown.steps.max()))
        cost = FastNumber(float(shown.costs[0]), places=3, widest=float(shown.costs.max()))
        self.readouts = {"step": step, "cost": cost}
        self.panel = VGroup(readout("step", step), readout("cost", cost, color=palette.COST))
        self.panel.arrange(DOWN, aligned_edge=RIGHT, buff=0.2).to_corner(UR, buff=0.4)
        self.add_fixed_in_frame_mobjects(self.panel)

        def show_snapshot(i):
            step.set_value(int(shown.steps[i]))
            cost.set_value(float(shown.costs[i]))

        self.rolling = self.view.rolling(shown.coords, shown.gradients, on_index=show_snapshot)
        self.add_fixed_orientation_mobjects(self.rolling.ball)
        moving = VGroup(self.rolling.group, self.panel)  # redrawn every frame of the roll; nothing else is
        self.play(Write(self.head), FadeIn(moving), run_time=2.0)
        self.wait(0.6)
        # time per step grows with the distance travelled (clipped): the first big steps are seen and
        # the long slow valley still moves
        distance = np.linalg.norm(np.diff(shown.coords, axis=0), axis=1)
        durations = np.clip(distance / max(np.median(distance), 1e-12), 1.0, 5.0)
        self.play(self.rolling.replay(self.ROLL_TIME, durations=durations, mobject=moving))
        self.wait(0.8)

    @beat("Seen from above, on contour lines of the cost: the whole path from start to end.")
    def look_from_above(self, shown):
        land, view = shown.landscape, self.view
        levels = np.geomspace(float(land.cost.min()) * 1.03, float(land.cost.max()) * 0.97, self.CONTOUR_COUNT)
        contours = view.contours(levels, stroke_width=1.4, opacity=0.9)
        top_center = view.smap(np.mean(land.alphas), np.mean(land.betas), 0.0)
        self.move_camera(phi=0, theta=90 * DEGREES, zoom=0.92, focal_distance=60, frame_center=top_center,
                         added_anims=[FadeIn(contours), FadeOut(self.rolling.arrow, run_time=0.5),
                                      FadeOut(self.head, run_time=0.5), Animation(self.panel)],
                         run_time=3.0)
        head = self.fix_in_frame(label("From above: the path on contour lines", size=palette.TITLE_SIZE * 0.9)
                                 .to_corner(UL, buff=0.35))
        marks = VGroup(*[self.pin(label(word, size=palette.SMALL_SIZE), view.point(*shown.coords[at]), self.away_from_path(shown, at),
                                  buff=0.22) for word, at in (("start", 0), ("end", -1))])
        self.play(FadeIn(marks), Write(head), run_time=1.0)
        self.wait(3.0)


    def away_from_path(self, shown, at: int):
        """The compass direction (of eight) pointing away from the path at its start (``at`` 0) or end
        (``at`` -1), as seen now: a label there covers none of it."""
        ends = shown.coords[:4] if at == 0 else shown.coords[-4:][::-1]
        here, along = self.on_screen(self.view.point(*ends[0])), self.on_screen(self.view.point(*ends[-1]))
        away = here - along
        angle = np.round(np.arctan2(away[1], away[0]) / (np.pi / 4)) * (np.pi / 4)
        return np.array([np.cos(angle), np.sin(angle), 0.0])


class ManyValleys(RasterCachedScene):
    """One input: the real cost along the line through two trained networks (two seeds) has valleys;
    balls step by -eta times the slope, the steps shrink as the slope flattens, and balls from
    different starts settle in different valleys (netcore slice ``minima``)."""

    TITLE = "Many valleys: the real cost along one line"

    PLOT_WIDTH, PLOT_HEIGHT, PLOT_AT = 10.5, 4.1, [0.3, -1.35, 0]
    RULE_AT = [1.9, 2.0, 0]  # the rule; the featured ball's readouts sit at the right edge, level with it
    SECONDS_PER_STEP, CROWD_SECONDS_PER_STEP = 0.38, 0.32

    @storyboard
    def construct(self):
        shown = gradient_data.many_valleys()
        self.draw_the_line(shown)
        self.state_the_rule(shown)
        self.one_ball_steps_down(shown)
        self.every_ball_settles(shown)
        self.name_the_valleys(shown)

    @beat("The real cost along a line through two trained networks.")
    def draw_the_line(self, shown):
        line = shown.slice
        self.head = title(self.TITLE)
        self.sub = caption(f"through the weights of two trained networks: seed {shown.seeds[0]} at t = 0, "
                           f"seed {shown.seeds[1]} at t = 1").next_to(self.head, DOWN, aligned_edge=LEFT, buff=0.12)
        self.view = CurveView(line.t, line.cost, line.slope, (float(line.t[0]), float(line.t[-1]), 0.5),
                              (0.0, shown.y_top), width=self.PLOT_WIDTH, height=self.PLOT_HEIGHT).move_to(self.PLOT_AT)
        names = VGroup(label("t").next_to(self.view.x_axis, RIGHT, buff=0.2),
                       caption("cost").rotate(np.pi / 2).next_to(self.view.plot, LEFT, buff=0.12))
        self.add(self.view.axes, names)
        self.play(Write(self.head), FadeIn(self.sub), Create(self.view.curve), run_time=2.0)
        self.notes = VGroup(self.sub)  # the lines under the title, one below the other
        if shown.clipped:
            self.add_note(caption("(towards its ends the line climbs out of the picture)", size=palette.TINY_SIZE))

    def add_note(self, note, run_time: float = 0.6, write: bool = False):
        self.notes.add(note.next_to(self.notes, DOWN, aligned_edge=LEFT, buff=0.12))
        self.play(Write(note) if write else FadeIn(note), run_time=run_time)

    @beat("Each step: \u2212\u03b7 \u00d7 slope.")
    def state_the_rule(self, shown):
        rule = VGroup(math(r"t \leftarrow t - \eta\,\frac{dC}{dt}", size=palette.LABEL_SIZE * 1.3),
                      caption(f"\u03b7 = {shown.ball_eta:.3g}")).arrange(DOWN, buff=0.12).move_to(self.RULE_AT)
        self.rule = rule
        self.play(FadeIn(rule), run_time=0.8)

    @beat("One ball steps downhill; its steps shrink as the slope flattens.")
    def one_ball_steps_down(self, shown):
        starts = [float(path.positions[0, 0]) for path in shown.balls]
        self.first = first = int(np.argmin(starts))
        self.colors = [palette.SERIES[i % len(palette.SERIES)] for i in range(len(shown.balls))]
        positions = shown.balls[first].positions[:, 0]
        last = len(positions) - 1
        marks = VMobject(stroke_color=self.colors[first], stroke_width=3)
        step = FastNumber(0, places=0, widest=last)
        size = FastNumber(0.0, places=5, widest=float(np.abs(np.diff(positions)).max(initial=0.0)))
        self.readouts = {"step": step, "step size": size}
        panel = VGroup(readout("step", step), readout("step size", size)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        panel.set_y(self.rule.get_y()).to_edge(RIGHT, buff=0.4)

        def on_step(reached):
            reached = min(reached, last)
            marks.points = self.view.axis_marks(positions[:reached + 1])
            step.set_value(reached)
            size.set_value(abs(positions[reached] - positions[max(reached - 1, 0)]))  # the step just taken

        solo = Hopper(self.view, [shown.balls[first]], [self.colors[first]], on_step=on_step)
        self.hoppers = [solo]
        self.play(FadeIn(solo.group, scale=0.5), FadeIn(panel), run_time=0.6)
        moving = VGroup(solo.group, marks, panel)
        self.add(moving)
        self.play(solo.replay(self.SECONDS_PER_STEP, mobject=moving))
        note = self.view.place_above(caption("steps shrink as the slope flattens", color=self.colors[first]))
        self.play(FadeIn(note), run_time=0.6)
        self.wait(1.0)
        self.solo_extras = VGroup(note, panel, marks)

    @beat("Balls from other starting points step down the same way.")
    def every_ball_settles(self, shown):
        others = [i for i in range(len(shown.balls)) if i != self.first]
        crowd = Hopper(self.view, [shown.balls[i] for i in others], [self.colors[i] for i in others])
        self.hoppers.append(crowd)
        start_dots = VGroup(*[Dot(self.view.to_scene(float(path.positions[0, 0]), self.view.y_range[0]),
                                  radius=0.07, color=color) for path, color in zip(shown.balls, self.colors)])
        self.play(FadeOut(self.solo_extras), FadeIn(crowd.group, scale=0.5), FadeIn(start_dots), run_time=0.8)
        self.play(crowd.replay(self.CROWD_SECONDS_PER_STEP))

    @beat(lambda self, shown: "Each valley with its cost and its balls: where a ball settles depends on where it starts."
          if len(shown.valley_t) > 1 else "On this line every ball settles in the one valley.")
    def name_the_valleys(self, shown):
        """A number under each valley floor, and a line per valley under the title: its cost, its balls."""
        numbers, lines = VGroup(), VGroup()
        for n, (t_valley, cost, count, together) in enumerate(zip(shown.valley_t, shown.valley_cost, shown.balls_in_valley,
                                                                    shown.landed_together), 1):
            numbers.add(label(str(n), size=palette.SMALL_SIZE).next_to(self.view.to_scene(t_valley, self.view.y_range[0]), UP, buff=0.15))
            balls = f"{count} ball" + ("" if count == 1 else "s") + (" (landed in one spot)" if together else "")
            lines.add(caption(f"valley {n}: cost {cost:.4f}, {balls}", size=palette.TINY_SIZE, color=palette.TEXT))
        self.labels = {"valleys": lines}
        shown_now = [FadeIn(numbers)]
        if shown.ridge is not None:
            ridge = caption(f"ridge: cost {shown.ridge[1]:.3f}").next_to(self.view.point(shown.ridge[0]), UP, buff=0.2)
            self.labels["ridge"] = ridge
            shown_now.append(FadeIn(ridge))
        self.play(*shown_now, run_time=0.8)
        for line in lines:
            self.add_note(line, run_time=0.5)
        moral = ("where a ball settles depends on where it starts" if len(shown.valley_t) > 1
                 else "on this line every ball settles in the one valley")
        self.add_note(label(moral, size=palette.SMALL_SIZE, color=palette.COST), run_time=1.2, write=True)
        self.wait(2.5)


RATE_WORDS = {"creeps": "too small: it creeps", "settles": "it settles", "overshoots": "it overshoots, then settles",
              "leaves": "too large: it leaves"}  # by what the ball did (gradient_data.learning_rates)
RATE_COLORS = [palette.SERIES[i] for i in (1, 3, 4, 2)]


class LearningRate(RasterCachedScene):
    """The step is -eta times the slope: the same start on the same real slice (netcore slice
    ``minima``, its valley nearest t = 0) at netcore's learning rates, side by side."""

    TITLE = "Learning rate: how far each step goes"

    SECONDS_PER_STEP = 0.26
    PANEL_WIDTH, PANEL_HEIGHT, PANEL_GAP = 5.0, 1.95, (1.1, 0.45)

    @storyboard
    def construct(self):
        shown = gradient_data.learning_rates()
        self.set_out_one_panel_per_rate(shown)
        self.step_all_balls_together(shown)
        self.say_which_left_or_crept(shown)

    @beat("One panel per learning rate \u03b7, all from the same start.")
    def set_out_one_panel_per_rate(self, shown):
        self.head = title(self.TITLE)
        self.step = FastNumber(0, places=0, widest=max(len(path.costs) for path in shown.paths))
        corner = VGroup(math(r"t \leftarrow t - \eta\,\frac{dC}{dt}", size=palette.LABEL_SIZE * 1.1),
                        readout("step", self.step)).arrange(RIGHT, buff=0.45).to_corner(UR, buff=0.35)
        self.panels, self.costs = VGroup(), []
        for i, (path, kind) in enumerate(zip(shown.paths, shown.kinds)):
            color = RATE_COLORS[i % len(RATE_COLORS)]
            view = CurveView(shown.slice.t, shown.slice.cost, shown.slice.slope, shown.window, shown.cost_range,
                             width=self.PANEL_WIDTH, height=self.PANEL_HEIGHT, curve_width=3, most_ticks=5)
            cost = FastNumber(float(path.costs[0]), places=4, size=palette.SMALL_SIZE, color=color,
                              widest=float(np.max(path.costs[np.isfinite(path.costs)])))
            head = self.panel_head(f"\u03b7 = {path.eta:.3g}: {RATE_WORDS.get(kind, kind)}", color)
            panel = VGroup(head, view).arrange(DOWN, buff=0.2, aligned_edge=LEFT)
            cost_row = readout("cost", cost, size=palette.SMALL_SIZE, color=color)
            panel.add(cost_row.next_to(view.y_axis, RIGHT, buff=0.0).align_to(view.x_axis, RIGHT).align_to(view.y_axis, UP))
            panel.head, panel.view = head, view
            self.panels.add(panel)
            self.costs.append(cost)
        self.panels.arrange_in_grid(cols=2, buff=self.PANEL_GAP).next_to(self.head, DOWN, buff=0.3).set_x(0)
        self.hoppers = [Hopper(panel.view, [path], [RATE_COLORS[i % len(RATE_COLORS)]], radius=0.1, trails=True)
                        for i, (panel, path) in enumerate(zip(self.panels, shown.paths))]
        self.readouts = {"step": self.step, "costs": self.costs}
        self.add(*[panel.view.axes for panel in self.panels])
        self.play(Write(self.head), FadeIn(corner), *[Create(panel.view.curve) for panel in self.panels],
                  *[FadeIn(panel.head) for panel in self.panels], *[FadeIn(panel[2]) for panel in self.panels], run_time=2.0)
        self.play(*[FadeIn(hopper.group, scale=0.5) for hopper in self.hoppers], run_time=0.6)

    def panel_head(self, text: str, color):
        """A panel's head line, narrowed to the panel's width if it is longer."""
        head = label(text, size=palette.SMALL_SIZE, color=color)
        return head.scale_to_fit_width(self.PANEL_WIDTH) if head.width > self.PANEL_WIDTH else head

    @beat("All the balls step at once; each panel's \u03b7 sets how far its ball moves for the same slope.")
    def step_all_balls_together(self, shown):
        n_states = max(hopper.n_states for hopper in self.hoppers)

        def on_state(state):
            self.step.set_value(min(int(np.floor(state + 1e-9)), n_states - 1))
            for hopper, cost, path in zip(self.hoppers, self.costs, shown.paths):
                hopper.set_state(state)
                reached = path.costs[:min(int(np.floor(state + 1e-9)), len(path.costs) - 1) + 1]
                cost.set_value(float(reached[np.isfinite(reached)][-1]))  # the last cost it had inside the slice

        moving = VGroup(*[hopper.group for hopper in self.hoppers], self.step, *self.costs)
        self.add(moving)
        self.play(Replay(moving, n_states, on_state, run_time=self.SECONDS_PER_STEP * (n_states - 1)))

    @beat(lambda self, shown: f"Each heading says how its ball fared; all started at t = {shown.start:.3f}.")
    def say_which_left_or_crept(self, shown):
        """A panel whose ball left the slice, or still moved at the last step, says so in its head line."""
        changes = []
        for path, panel in zip(shown.paths, self.panels):
            if path.status == "escaped":
                text, color = f"\u03b7 = {path.eta:.3g}: left the picture after {len(path.costs) - 1} steps", panel.head.get_color()
            elif path.status == "max_steps":
                text, color = f"\u03b7 = {path.eta:.3g}: still creeping after {len(path.costs) - 1} steps", panel.head.get_color()
            else:
                continue
            changes.append(FadeTransform(panel.head, self.panel_head(text, color).move_to(panel.head, aligned_edge=LEFT)))
        start = f"{shown.start:.3f}".replace("-", "\u2212")
        foot = caption(f"every panel starts at t = {start} on the slice through two trained networks "
                       "(ManyValleys); \u03b7 is per unit of t", size=palette.TINY_SIZE).to_edge(DOWN, buff=0.25)
        self.play(*changes, FadeIn(foot), run_time=0.8)
        self.wait(2.5)


class DownhillDirection(KitThreeDScene):
    """Two inputs: C(x, y) = 3/2 x^2 + 1/2 y^2 (netcore.closed_form) as a surface over the plane; the
    gradient is the direction of steepest ascent and its length the steepness; minus the gradient is
    downhill; a ball descends; from above, the gradient (3, 1) at (1, 1): x matters three times as much."""

    TITLE = "Two inputs: which way is downhill?"

    ARROW_SCALE = 0.3  # plane units per unit of gradient (arrows drawn at 0.3 of their length)
    TOP_SCALE = 0.42  # the same, for the vector and its components seen from above
    THETA = -62 * DEGREES  # walls no steeper (on screen) than the line of sight: no depth sort needed
    BOWL_SHIFT = 1.3  # the bowl sits this far right of the text column, along the screen's x

    @storyboard
    def construct(self):
        shown = gradient_data.downhill_direction()
        self.set_up_the_bowl(shown)
        self.show_steepest_ascent(shown)
        self.compare_a_gentler_slope(shown)
        self.turn_it_downhill(shown)
        self.descend_step_by_step(shown)
        self.read_the_components_from_above(shown)

    @beat("A cost of two inputs, drawn as a bowl.")
    def set_up_the_bowl(self, shown):
        # move the world, not the camera's frame centre (see scene3d: the first frame centre is cached)
        screen_right = np.array([-np.sin(self.THETA), np.cos(self.THETA), 0.0])
        self.view = LandscapeView(shown.land, width=3.9, z_size=1.3, color_scale="linear", z_max=shown.land.rim,
                                  center=self.BOWL_SHIFT * screen_right)
        self.set_camera_orientation(phi=52 * DEGREES, theta=self.THETA, zoom=1.05, frame_center=[0.0, 0.0, 0.6])
        self.head = label(self.TITLE, size=palette.TITLE_SIZE * 0.9).to_corner(UL, buff=0.35)
        self.formula = math(r"C(x, y) = \tfrac{3}{2}x^2 + \tfrac{1}{2}y^2", size=palette.LABEL_SIZE * 1.3)
        self.formula.next_to(self.head, DOWN, aligned_edge=LEFT, buff=0.25)
        self.add(self.view.surface)
        self.add_fixed_in_frame_mobjects(self.head, self.formula)
        self.path, self.gradient_shown = shown.path, shown.gradient
        self.rolling = self.view.rolling(shown.path.positions, shown.path_gradients, arrow_max=2.5)
        self.rolling.arrow.set_opacity(0)
        self.add_fixed_orientation_mobjects(self.rolling.ball)
        self.play(Write(self.head), FadeIn(self.formula), FadeIn(self.rolling.ball), run_time=1.8)

    @beat(lambda self, shown: f"The gradient at ({shown.point[0]:g}, {shown.point[1]:g}) points the steepest way uphill.")
    def show_steepest_ascent(self, shown):
        (x, y), (gx, gy) = shown.point, shown.gradient
        self.up = self.view.surface_arrow(x, y, self.ARROW_SCALE * gx, self.ARROW_SCALE * gy, palette.GRADIENT)
        words = VGroup(math(r"\nabla C(%g,%g) = (%g,\ %g)" % (x, y, gx, gy), size=palette.LABEL_SIZE * 1.1, color=palette.GRADIENT),
                       label("steepest ascent", size=palette.SMALL_SIZE, color=palette.GRADIENT)).arrange(DOWN, buff=0.1)
        self.up_note = self.pin(words, self.up.start + self.up.vector, UR, buff=0.1)
        self.play(FadeIn(self.up), FadeIn(self.up_note), run_time=1.2)
        self.wait(1.2)

    @beat("Gentler slope, shorter arrow: its length is the steepness.")
    def compare_a_gentler_slope(self, shown):
        (x, y), (gx, gy) = shown.gentle_point, shown.gentle_gradient
        arrow = self.view.surface_arrow(x, y, self.ARROW_SCALE * gx, self.ARROW_SCALE * gy, palette.GRADIENT)
        dot = self.view.dot(x, y)
        note = self.pin(label("shorter arrow: gentler slope", size=palette.SMALL_SIZE, color=palette.GRADIENT),
                        self.view.point(x, y), DL, buff=0.25)
        self.length_note = self.fix_in_frame(label("the arrow's length is the steepness", size=palette.SMALL_SIZE)
                                             .next_to(self.formula, DOWN, aligned_edge=LEFT, buff=0.3))
        self.play(FadeIn(arrow), FadeIn(dot), FadeIn(note), FadeIn(self.length_note), run_time=1.2)
        self.wait(1.5)
        self.gentle = VGroup(arrow, dot, note)

    @beat("Minus the gradient points steepest downhill.")
    def turn_it_downhill(self, shown):
        (x, y), (gx, gy) = shown.point, shown.gradient
        self.down = self.view.surface_arrow(x, y, -self.ARROW_SCALE * gx, -self.ARROW_SCALE * gy, palette.DOWNHILL)
        self.down_note = self.pin(VGroup(math(r"-\nabla C", size=palette.LABEL_SIZE * 1.1, color=palette.DOWNHILL),
                                         label("downhill", size=palette.SMALL_SIZE, color=palette.DOWNHILL)).arrange(DOWN, buff=0.1),
                                  self.down.start + self.down.vector, DL, buff=0.1)
        self.play(FadeOut(self.gentle), FadeIn(self.down), FadeIn(self.down_note), run_time=1.2)
        self.wait(1.0)

    @beat(lambda self, shown: f"The ball steps again and again by minus \u03b7 times the gradient (\u03b7 = {shown.path.eta:g}).")
    def descend_step_by_step(self, shown):
        self.step_note = self.fix_in_frame(label(f"step after step: move by \u2212\u03b7\u2207C (\u03b7 = {shown.path.eta:g})",
                                                 size=palette.SMALL_SIZE)
                                           .next_to(self.length_note, DOWN, aligned_edge=LEFT, buff=0.15))
        self.play(FadeOut(self.up), FadeOut(self.up_note), FadeOut(self.down), FadeOut(self.down_note),
                  FadeIn(self.step_note), run_time=0.8)
        self.add(self.rolling.group)
        distance = np.linalg.norm(np.diff(shown.path.positions, axis=0), axis=1)
        self.play(self.rolling.replay(5.0, durations=np.clip(distance / max(distance.max(), 1e-12), 0.25, 1.0)))
        self.wait(0.6)

    @beat(lambda self, shown: f"From above, the gradient ({shown.gradient[0]:g}, {shown.gradient[1]:g}) splits into an "
                              "x part and a y part: the larger says which input matters more.")
    def read_the_components_from_above(self, shown):
        view, (x, y), (gx, gy) = self.view, shown.point, shown.gradient
        self.axes = view.plane_axes(overhang=(0.3, 0.15))
        self.move_camera(phi=0, theta=-90 * DEGREES, zoom=0.95, focal_distance=60, frame_center=view.smap(-1.9, 0.0, 0.0),
                         added_anims=[Animation(self.head), Animation(self.formula),
                                      FadeIn(view.contours(shown.contour_levels, stroke_width=1.6, opacity=0.9)),
                                      FadeIn(self.axes), FadeOut(self.step_note), FadeOut(self.length_note),
                                      FadeOut(self.rolling.ball), FadeOut(self.rolling.trail)], run_time=2.5)
        z = float(shown.land.height(x, y))
        step_x, step_y = self.TOP_SCALE * gx, self.TOP_SCALE * gy
        whole = view.flat_vector(x, y, z, step_x, step_y, palette.GRADIENT)
        part_x = view.flat_vector(x, y, z, step_x, 0.0, palette.TEXT)
        part_y = view.flat_vector(x + step_x, y, z, 0.0, step_y, palette.TEXT)
        at = view.smap
        names = VGroup(self.pin(math(r"\partial C / \partial x = %g" % gx, size=palette.LABEL_SIZE), at(x + step_x / 2, y, z), DOWN, 0.3),
                       self.pin(math(r"\partial C / \partial y = %g" % gy, size=palette.LABEL_SIZE), at(x + step_x, y + step_y / 2, z), RIGHT, 0.2, 0))
        whole_name = self.pin(math(r"\nabla C(%g,%g) = (%g,\ %g)" % (x, y, gx, gy), size=palette.LABEL_SIZE * 1.1,
                                   color=palette.GRADIENT), at(x + step_x, y + step_y, z), UP, 0.2, 0)
        ratio = gx / gy
        verdict = VGroup(label(f"at ({x:g}, {y:g}), nudging x changes C", size=palette.LABEL_SIZE * 0.9),
                         label(f"{ratio:g} times as much as nudging y:", size=palette.LABEL_SIZE * 0.9),
                         label(f"x matters {ratio:g} times as much", size=palette.LABEL_SIZE * 0.9, color=palette.GRADIENT))
        verdict.arrange(DOWN, aligned_edge=LEFT, buff=0.12).next_to(self.formula, DOWN, aligned_edge=LEFT, buff=0.6)
        self.fix_in_frame(verdict)
        self.play(FadeIn(Dot(at(x, y, z), radius=0.07, color=palette.TEXT)), FadeIn(whole), FadeIn(whole_name), run_time=1.0)
        axis_names = VGroup(self.pin(label("x", size=palette.SMALL_SIZE), self.axes[0].get_end(), RIGHT, buff=0.1, opacity=0),
                            self.pin(label("y", size=palette.SMALL_SIZE), self.axes[1].get_end(), UP, buff=0.1, opacity=0))
        self.play(FadeIn(part_x), FadeIn(part_y), FadeIn(names), FadeIn(axis_names), run_time=1.0)
        self.play(Write(verdict), run_time=1.2)
        self.wait(2.5)


# ====================================================================================================
# The gradient of the real network, and what training gives
# ====================================================================================================

class GradientVector(RasterCachedScene):
    """All 13,002 weights and biases as one column, beside minus the gradient of the cost there (the
    real values at the random initial weights). Each entry of -grad C: its sign says nudge up or down,
    its size (relative to the largest entry) says how much that nudge matters."""

    TITLE = "A nudge for every weight and bias"

    TOP = 1.95
    ENTRY_HEIGHT, GAP_HEIGHT = 0.5, 0.27
    COLUMNS = {"name": -5.3, "param": -3.3, "grad": -0.5, "word": 1.55, "bar": 4.45}
    BAR_LENGTH = 2.1  # the largest entry of the whole vector
    NUMBER_SIZE = palette.SMALL_SIZE

    @storyboard
    def construct(self):
        shown = gradient_data.gradient_vector()
        self.introduce_both_columns(shown)
        self.list_the_weights(shown)
        self.list_minus_the_gradient(shown)
        self.read_the_signs(shown)
        self.read_the_sizes(shown)

    @beat(lambda self, shown: f"{shown.n_params:,} weights and biases.")
    def introduce_both_columns(self, shown):
        head = title(self.TITLE)
        where = (f"at the random initial weights (step {shown.step}, cost {shown.cost:.3f})"
                 if shown.state.startswith("step 0") else f"{shown.state}, cost {shown.cost:.3f}")
        sub = caption(f"{shown.n_params:,} entries each, {where}").next_to(head, DOWN, aligned_edge=LEFT, buff=0.15)
        self.play(Write(head), FadeIn(sub), run_time=1.0)
        self.rows = EntryRows.of(shown.indices, shown.n_params, self.TOP, self.ENTRY_HEIGHT, self.GAP_HEIGHT)

    def header(self, mob, key):
        return mob.move_to([self.COLUMNS[key], self.TOP + 0.38, 0])

    @beat("A few of them, listed by name in one long column.")
    def list_the_weights(self, shown):
        self.pvals, gaps, brackets = bracketed_entries(self.rows, shown.params, self.COLUMNS["param"], 2, self.NUMBER_SIZE)
        names = VGroup(*[math(name, size=self.NUMBER_SIZE * 1.25, color=palette.DIM_TEXT).move_to([self.COLUMNS["name"], y, 0])
                         for name, (_, y) in zip(shown.names, self.rows.entries())])
        self.play(FadeIn(self.header(math(r"\vec{W}", size=palette.LABEL_SIZE * 1.3), "param")),
                  FadeIn(self.header(caption("which one"), "name")), FadeIn(brackets), FadeIn(names),
                  FadeIn(self.pvals), FadeIn(gaps), run_time=1.2)
        self.wait(1.0)

    @beat("Beside each: minus the gradient of the cost.")
    def list_minus_the_gradient(self, shown):
        self.gvals, gaps, brackets = bracketed_entries(self.rows, shown.neg_grad, self.COLUMNS["grad"], 4, self.NUMBER_SIZE,
                                                       color_by_sign=True)
        self.play(FadeIn(self.header(math(r"-\nabla C(\vec{W})", size=palette.LABEL_SIZE * 1.3), "grad")), FadeIn(brackets),
                  LaggedStart(*[FadeIn(value, shift=0.2 * LEFT) for value in self.gvals], lag_ratio=0.1), FadeIn(gaps),
                  run_time=1.4)
        self.wait(0.8)

    @beat("The sign says: nudge it up, or down.")
    def read_the_signs(self, shown):
        x = self.COLUMNS["word"]
        words = VGroup(*[label(("up " if shown.neg_grad[i] > 0 else "down ") + word, size=palette.SMALL_SIZE,
                               color=palette.sign_color(shown.neg_grad[i])).move_to([x, y, 0], aligned_edge=LEFT)
                         for (i, y), word in zip(self.rows.entries(), shown.words)])
        header = caption("sign: up or down").move_to([x, self.TOP + 0.38, 0], aligned_edge=LEFT)
        self.play(FadeIn(header), LaggedStart(*[FadeIn(word, shift=0.15 * RIGHT) for word in words], lag_ratio=0.1),
                  run_time=1.4)
        self.wait(0.6)

    @beat(lambda self, shown: f"Its size, against the largest entry ({shown.largest:.4f}), says how much that nudge "
                              "matters.")
    def read_the_sizes(self, shown):
        x = self.COLUMNS["bar"]
        bars = VGroup(*[Rectangle(width=max(self.BAR_LENGTH * abs(shown.neg_grad[i]) / shown.largest, 0.03), height=0.16,
                                  stroke_width=0, fill_color=palette.sign_color(shown.neg_grad[i]), fill_opacity=1)
                        .move_to([x, y, 0], aligned_edge=LEFT) for i, y in self.rows.entries()])
        note = caption(f"size, relative to\nthe largest ({shown.largest:.4f})", size=palette.TINY_SIZE)
        self.play(LaggedStart(*[Create(bar) for bar in bars], lag_ratio=0.1),
                  FadeIn(note.move_to([x + self.BAR_LENGTH / 2, self.TOP + 0.38, 0])), run_time=1.4)
        moral = caption("which changes matter most: the most bang for the buck", size=palette.LABEL_SIZE, color=palette.TEXT)
        self.play(FadeIn(moral.to_edge(DOWN, buff=0.4)), run_time=0.8)
        self.wait(2.5)


class GradientNudging(RasterCachedScene):
    """Gradient descent on the real network: the edges move from snapshot to snapshot of the lesson's
    run (each step -eta times a freshly computed mini-batch gradient), while the real cost falls (the
    full training cost recorded at each snapshot, drawn against the step on a log scale); the
    network's answer for one training image settles on the right digit."""

    TITLE = "Gradient descent: nudge, recompute, repeat"

    RUN_TIME = 22.0
    NETWORK_AT = [-2.0, -0.45, 0]
    PLOT_AT = [4.55, -1.85, 0]
    RULE_AT = [4.6, 2.5, 0]

    @storyboard
    def construct(self):
        shown = gradient_data.gradient_nudging()
        self.show_the_network_and_the_rule(shown)
        self.set_up_the_cost_plot(shown)
        self.nudge_recompute_repeat(shown)

    @beat("Each step moves all weights and biases by \u2212\u03b7 times the gradient.")
    def show_the_network_and_the_rule(self, shown):
        self.netmob = NetworkMobject(shown.network, shown.image, width=5.0, height=5.6).move_to(self.NETWORK_AT)
        for edges in self.netmob.edges:
            cache_raster(*edges.bins)
        image = pixel_digit(shown.image, side=1.1).next_to(self.netmob, LEFT, buff=0.3)
        each = "each step: all the training images" if shown.method == "full_batch" else f"each step: one mini-batch of {shown.batch_size}"
        rule = VGroup(math(r"\vec{W} \;\leftarrow\; \vec{W} - \eta\, \nabla C(\vec{W})", size=palette.LABEL_SIZE * 1.15),
                      caption(f"learning rate \u03b7 = {shown.eta:g}\n{each}", size=palette.TINY_SIZE)).arrange(DOWN, buff=0.15)
        rule.move_to(self.RULE_AT)
        self.step_num = FastNumber(int(shown.steps[0]), places=0, widest=int(shown.steps[-1]))
        self.cost_num = FastNumber(float(shown.costs[0]), places=3, color=palette.COST, widest=float(shown.costs.max()))
        self.panel = panel = VGroup(readout("step", self.step_num), readout("cost", self.cost_num, color=palette.COST))
        panel.arrange(DOWN, aligned_edge=LEFT, buff=0.3).move_to([4.3, 0.85, 0]).align_to(rule, LEFT)
        self.play(Write(title(self.TITLE)), run_time=0.8)
        self.play(FadeIn(self.netmob), FadeIn(image), run_time=1.0)
        self.box = self.netmob.answer_box()
        self.play(FadeIn(rule), FadeIn(panel), Create(self.box), run_time=1.0)

    @beat("The cost against the step, on a log scale.")
    def set_up_the_cost_plot(self, shown):
        """The cost against the step, on a log scale: x = log10(step + 1)."""
        last = float(np.log10(shown.steps[-1] + 1))
        steps = [step for step in (0, 10, 100, 1000, 10000, 100000) if np.log10(step + 1) <= last]
        ticks = [(np.log10(step + 1), f"{step // 1000}k" if step >= 1000 else str(step)) for step in steps]
        self.plot = PlotAxes((0, last), (0, float(shown.costs.max()) * 1.05), width=4.0, height=2.4, x_ticks=ticks,
                             most_ticks=4).move_to(self.PLOT_AT)
        names = VGroup(caption("step (log scale)", size=palette.TINY_SIZE).next_to(self.plot, DOWN, buff=0.1),
                       caption("cost", size=palette.TINY_SIZE).next_to(self.plot.y_axis, UP, buff=0.15))
        self.plot_points = self.plot.to_scene(np.log10(shown.steps + 1.0), shown.costs)
        self.curve = VMobject(stroke_color=palette.COST, stroke_width=3).set_points_as_corners(self.plot_points[:2])
        self.dot = Circle(radius=0.06, stroke_width=0, fill_color=palette.COST, fill_opacity=1).move_to(self.plot_points[0])
        self.play(Create(self.plot), FadeIn(names), FadeIn(self.dot), run_time=1.0)
        self.wait(0.8)

    @beat(lambda self, shown: f"Step after step the weights change and the cost goes from {shown.costs[0]:.3f} to "
                              f"{shown.costs[-1]:.3f} by step {shown.steps[-1]:,}.")
    def nudge_recompute_repeat(self, shown):
        between = shown.network.copy()
        net = self.netmob
        net.refresh_geometry()  # the network stays put: its edges' ends are read from the circles once
        answer = [net.answer()]  # the boxed answer; the box is redrawn only when it changes
        self.box.become(net.answer_box())

        def on_state(state: float):
            reached = min(int(np.floor(state)), len(shown.steps) - 1)  # the last snapshot passed
            between.params = at_state(shown.params, state)
            head = at_state(self.plot_points, state)
            net.net = between  # at the last state: exactly the last snapshot's parameters
            for edges, (values, wmax) in zip(net.edges, net.layer_weights(between)):
                edges.set_values(values, wmax)
            net.set_input(shown.image)
            self.step_num.set_value(int(shown.steps[reached]))
            self.cost_num.set_value(float(shown.costs[reached]))
            self.curve.set_points_as_corners(np.vstack([self.plot_points[:reached + 1], head[None]]))
            self.dot.move_to(head)
            if net.answer() != answer[0]:
                answer[0] = net.answer()
                self.box.become(net.answer_box())

        # What stays still goes under what moves, so it is drawn once, not every frame; nothing of the
        # one overlaps the other, so wherever it shows the drawing order is as before.
        readouts = [row[0] for row in self.panel]
        self.remove(net, self.panel, self.box, self.dot, self.curve)
        self.add(net.ellipses, net.braces, net.output_labels, *readouts,
                 net.edges, net.neurons, self.step_num, self.cost_num, self.box, self.dot, self.curve)
        moving = VGroup(net.edges, net.neurons, self.step_num, self.cost_num, self.curve, self.dot, self.box)
        self.play(Replay(moving, len(shown.steps), on_state, run_time=self.RUN_TIME, rate_func=rate_functions.linear))
        self.wait(2.5)


class TestAccuracy(RasterCachedScene):
    """The trained network on test images it never saw: a live count of correct answers out of those
    shown, a pause on each mistake (the image, its guess, the truth), and its accuracy on the whole
    test set."""

    TITLE = "The trained network on new images"

    __test__ = False  # a scene, not a pytest class
    N_SHOWN = 60
    COLS = 10
    BIG_AT, BIG_SIDE = np.array([-4.75, 0.35, 0]), 2.6
    GRID_AT, GRID_STEP, THUMB_SIDE = [2.35, 0.2, 0], (0.74, 0.8), 0.64

    @storyboard
    def construct(self):
        shown = gradient_data.test_set_answers(n_shown=self.N_SHOWN)
        self.set_up_the_counter(shown)
        self.show_test_images_one_by_one(shown)
        self.sum_up_the_shown(shown)
        self.count_the_rest(shown)

    @beat("New test images, never seen in training.")
    def set_up_the_counter(self, shown):
        head = title(self.TITLE)
        self.play(Write(head), run_time=0.8)
        self.frame = Rectangle(width=self.BIG_SIDE, height=self.BIG_SIDE, stroke_color=palette.FAINT, stroke_width=3)
        self.frame.move_to(self.BIG_AT)
        self.guess = integer(0, size=palette.LABEL_SIZE * 1.2)
        self.truth = integer(0, size=palette.LABEL_SIZE * 1.2)
        self.answers = VGroup(readout("network says", self.guess, size=palette.SMALL_SIZE),
                              readout("label", self.truth, size=palette.SMALL_SIZE))
        self.answers.arrange(DOWN, aligned_edge=RIGHT, buff=0.18).next_to(self.frame, DOWN, buff=0.35)
        # laid out at the widest values; the count of correct answers grows to the left, the total to the right
        self.correct_num = FastNumber(0, places=0, size=palette.TITLE_SIZE * 0.85, widest=shown.n_test, align_right=True)
        self.total_num = FastNumber(0, places=0, size=palette.TITLE_SIZE * 0.85, widest=shown.n_test)
        count = VGroup(self.correct_num, label("/", size=palette.TITLE_SIZE * 0.85), self.total_num)
        self.counter = VGroup(caption("correct / shown"), count.arrange(RIGHT, buff=0.2, aligned_edge=DOWN))
        self.counter.arrange(DOWN, aligned_edge=RIGHT, buff=0.1).to_corner(UR, buff=0.3)
        self.play(FadeIn(self.counter), run_time=0.8)

    @beat(lambda self, shown: f"{shown.n_shown} test images one by one: the network's answer and the label, "
                              "with a pause on each mistake.")
    def show_test_images_one_by_one(self, shown):
        cells = grid_positions(shown.n_shown, self.COLS, *self.GRID_STEP, center=self.GRID_AT)
        self.big = None
        for i in range(shown.n_shown):
            ok = bool(shown.correct[i])
            color = CORRECT if ok else WRONG
            big = pixel_digit(shown.images[i], side=self.BIG_SIDE).move_to(self.BIG_AT)
            thumb = thumbnail(shown.images[i], side=self.THUMB_SIDE, frame_color=color, frame_width=2).move_to(cells[i])
            if self.big is not None:
                self.remove(self.big)
            self.add(big)
            self.big = big
            self.guess.set_value(int(shown.guesses[i])).set_color(color)
            self.truth.set_value(int(shown.labels[i]))
            self.frame.set_stroke(color)
            self.correct_num.set_value(int(shown.running[i]))
            self.total_num.set_value(i + 1)
            self.play(FadeIn(thumb, scale=1.3), *([FadeIn(self.answers), Create(self.frame)] if i == 0 else []),
                      run_time=0.5 if i < 4 else 0.12)
            if not ok:
                self.pause_on_the_mistake(shown, i, thumb)
        self.frame.set_stroke(palette.FAINT)

    def pause_on_the_mistake(self, shown, i, thumb):
        note = caption(f"a mistake:\nit says {int(shown.guesses[i])}, the label says {int(shown.labels[i])}", color=WRONG)
        note.next_to(self.answers, DOWN, buff=0.3).set_x(self.BIG_AT[0])
        self.play(FadeIn(note), Indicate(thumb.frame, color=WRONG), run_time=0.6)
        self.wait(1.2)
        self.play(FadeOut(note), run_time=0.3)

    @beat(lambda self, shown: f"{shown.running[-1]} of these {shown.n_shown} are right.")
    def sum_up_the_shown(self, shown):
        right = int(shown.running[-1])
        self.summary = VGroup(caption(f"{right} of these {shown.n_shown} right: {right / shown.n_shown:.1%}",
                                      size=palette.LABEL_SIZE, color=palette.TEXT),
                              caption(f"on all {shown.n_test:,} test images: {shown.full_accuracy:.2%}",
                                      size=palette.LABEL_SIZE, color=palette.COST))
        self.summary.arrange(DOWN, buff=0.15).to_edge(DOWN, buff=0.35).set_x(self.GRID_AT[0])
        self.play(FadeIn(self.summary[0]), run_time=0.6)
        self.wait(0.8)

    @beat(lambda self, shown: ("Counting on through the rest: " if shown.n_test > shown.n_shown else "")
          + f"{shown.full_accuracy:.2%} of all {shown.n_test:,} test images right.")
    def count_the_rest(self, shown):
        if shown.n_test > shown.n_shown:
            rest = caption(f"the other {shown.n_test - shown.n_shown:,}\ntest images,\nwithout pausing",
                           size=palette.LABEL_SIZE).move_to(self.BIG_AT)

            def count_on(_, alpha):
                seen = shown.n_shown + int(round(alpha * (shown.n_test - shown.n_shown)))
                self.correct_num.set_value(int(shown.running_all[seen - 1]))
                self.total_num.set_value(seen)

            # what changes goes last in the drawing order (in the same order among itself: the frame
            # under the big image; nothing else overlaps), so the 60 thumbnails stay in the background
            self.add(self.frame, self.answers, self.big)
            self.play(FadeIn(rest), FadeOut(self.big), FadeOut(self.frame), FadeOut(self.answers), run_time=0.5)
            self.add(self.correct_num, self.total_num)
            self.play(UpdateFromAlphaFunc(VGroup(self.correct_num, self.total_num), count_on), run_time=3.0,
                      rate_func=rate_functions.linear)
        self.play(FadeIn(self.summary[1]), run_time=0.8)
        self.wait(2.5)


class HiddenWeights(RasterCachedScene):
    """The trained network's first-hidden-layer neurons, each drawn as its 784 incoming weights on the
    28x28 grid (green positive, red negative). Do they look like the little edges we hoped for? The
    caption says what netcore measures: how much of each neuron's random starting weights is left."""

    TITLE = "What the first hidden layer looks for"

    GRID_AT, GRID_SIZE = [2.6, -0.35, 0], (7.0, 6.2)
    TEXT_X = -4.0
    MOSTLY_START = 0.5  # at or above this median cosine similarity with step 0, "still mostly their random start"

    @storyboard
    def construct(self):
        shown = gradient_data.hidden_weights()
        self.explain_the_squares(shown)
        self.show_every_neurons_weights(shown)
        if shown.steps:
            self.say_what_the_measure_shows(shown)
        else:  # an imported network: no starting weights to measure against
            self.say_there_is_no_start(shown)

    @beat("One square per first-layer neuron.")
    def explain_the_squares(self, shown):
        self.play(Write(title(self.TITLE)), run_time=0.8)
        self.text = caption(f"each square: one of the {len(shown.weights)}\nneurons of the first hidden layer,\n"
                            "its 784 incoming weights\non the 28 \u00d7 28 pixel grid", color=palette.TEXT, align=LEFT)
        self.text.move_to([self.TEXT_X, 1.7, 0])
        self.play(FadeIn(self.text), run_time=0.8)

    @beat("Each shows its incoming weights: green positive, red negative, brighter where larger.")
    def show_every_neurons_weights(self, shown):
        grid = tile_grid(len(shown.weights), *self.GRID_SIZE, center=self.GRID_AT, gap=0.17)
        self.tiles = VGroup(*[pixel_weights(weights, side=grid.side).move_to(cell) for weights, cell in zip(shown.weights, grid.centers)])
        key = legend([(palette.WEIGHT_POSITIVE, "positive weight"), (palette.WEIGHT_NEGATIVE, "negative weight")])
        key.next_to(self.text, DOWN, buff=0.5).align_to(self.text, LEFT)
        self.brightness = caption("brightness: size, relative to\nthat neuron's largest weight", size=palette.TINY_SIZE, align=LEFT)
        self.brightness.next_to(key, DOWN, buff=0.25).align_to(self.text, LEFT)
        self.play(LaggedStart(*[FadeIn(tile, scale=0.85) for tile in self.tiles], lag_ratio=min(0.08, 1.2 / len(self.tiles))),
                  FadeIn(key), FadeIn(self.brightness), run_time=2.4)
        self.wait(1.5)

    @beat(lambda self, shown: f"After {shown.steps:,} steps, still mostly their random start (similarity "
          f"{shown.median_similarity:.2f})." if shown.median_similarity >= self.MOSTLY_START
          else f"Training has reshaped them (similarity with the start: {shown.median_similarity:.2f}).")
    def say_what_the_measure_shows(self, shown):
        similarity = shown.median_similarity
        measure = f"(after {shown.steps:,} steps, median cosine\nsimilarity with step 0: {similarity:.2f})"
        if similarity >= self.MOSTLY_START:
            words = "still mostly their random start,\nnot the little edges we hoped for\n" + measure
        else:
            words = "training reshaped them: edges?\n" + measure
        self.say(words)

    @beat(lambda self, shown: f"The weights of {shown.state}: its starting weights are not in the trace, so how "
                              "much training changed them cannot be measured here.")
    def say_there_is_no_start(self, shown):
        self.say(f"{shown.state}:\nits starting weights are not\nin the trace, so how much\ntraining changed them\n"
                 "cannot be measured here")

    def say(self, words):
        verdict = caption(words, size=palette.SMALL_SIZE, color=palette.COST, align=LEFT)
        self.play(FadeIn(verdict.next_to(self.brightness, DOWN, buff=0.45).align_to(self.text, LEFT)), run_time=0.8)
        self.wait(2.5)


class RandomNoiseInput(RasterCachedScene):
    """A seeded random-noise image into the trained network: its ten outputs and its answer, then a real
    test image of that digit for comparison. How sure it is of the noise (the lesson: fully) is what the
    replayed run's outputs say; the captions compare the two outputs."""

    TITLE = "Random noise in: what comes out?"

    NETWORK_AT, IMAGE_AT = [0.2, -0.4, 0], np.array([-5.3, -0.2, 0])
    ABOUT_AS_SURE = 0.1  # outputs within this of each other are "about as sure"

    @storyboard
    def construct(self):
        shown = gradient_data.random_noise_input()
        self.feed_noise(shown)
        self.read_its_answer(shown)
        self.compare_with_a_real_digit(shown)

    @beat(lambda self, shown: f"An image of pure random noise (seed {shown.seed}) goes into the trained network.")
    def feed_noise(self, shown):
        self.netmob = NetworkMobject(shown.network, width=6.2, height=5.6).move_to(self.NETWORK_AT)
        self.image = VGroup(pixel_digit(shown.noise, side=2.2).move_to(self.IMAGE_AT))
        self.image.add(caption(f"random noise\n(seed {shown.seed})").next_to(self.image, DOWN, buff=0.25))
        confident = shown.noise_outputs[shown.answer] >= CostOfOneExample.CONFIDENT
        self.play(Write(title("Random noise in: a confident answer out" if confident else self.TITLE)),
                  run_time=0.8)
        self.play(FadeIn(self.netmob), FadeIn(self.image), run_time=1.0)
        self.play(self.netmob.feed_forward(shown.noise), run_time=2.2)

    @beat(lambda self, shown: f"It answers {shown.answer}, with output {shown.noise_outputs[shown.answer]:.2f}.")
    def read_its_answer(self, shown):
        x = self.netmob.output_labels.get_right()[0] + 0.25
        self.outs = VGroup(*[number(out, places=2, size=palette.SMALL_SIZE * 0.8, color=palette.DIM_TEXT)
                             .move_to([x, circle.get_y(), 0], aligned_edge=LEFT)
                             for out, circle in zip(shown.noise_outputs, self.netmob.neurons[-1])])
        self.outs[shown.answer].set_color(palette.ANSWER)
        self.box = self.netmob.answer_box()
        self.play(FadeIn(self.outs), Create(self.box), run_time=0.8)
        self.verdict = caption(f"\"it's a {shown.answer}\": output {shown.noise_outputs[shown.answer]:.2f}",
                               size=palette.LABEL_SIZE, color=palette.ANSWER).to_edge(DOWN, buff=0.2)
        self.play(FadeIn(self.verdict), run_time=0.6)
        self.wait(2.0)

    @beat(lambda self, shown: f"For comparison, a real {shown.answer} from the test set: output "
                              f"{shown.real_outputs[shown.answer]:.2f}, against {shown.noise_outputs[shown.answer]:.2f} "
                              "for the noise.")
    def compare_with_a_real_digit(self, shown):
        digit = shown.answer
        real = VGroup(pixel_digit(shown.real_image, side=2.2).move_to(self.IMAGE_AT))
        real.add(caption(f"a real {digit}\n(test image {shown.real_index})").next_to(real, DOWN, buff=0.25))
        self.play(FadeOut(self.image, self.box, self.verdict), FadeIn(real), run_time=0.8)
        self.play(self.netmob.feed_forward(shown.real_image), run_time=2.2)
        self.play(change_values(self.outs, shown.real_outputs), run_time=0.6)
        self.play(Create(self.netmob.answer_box()), run_time=0.6)
        noise, real_out = shown.noise_outputs[digit], shown.real_outputs[digit]
        closeness = ("About as sure." if abs(noise - real_out) <= self.ABOUT_AS_SURE
                     else "Surer of the noise." if noise > real_out else "Less sure of the noise.")
        verdict = caption(f"a real {digit}: output {real_out:.2f}; noise: {noise:.2f}. {closeness}", size=palette.LABEL_SIZE,
                          color=palette.TEXT).to_edge(DOWN, buff=0.2)
        self.play(FadeIn(verdict), run_time=0.6)
        self.wait(2.5)


class MemorizationCurves(RasterCachedScene):
    """Two real runs from the same initial weights: one on the true labels, one on shuffled labels.
    With true labels the training cost drops fast; with shuffled ones it only creeps down (zoomed in),
    while the share of its own training labels it gets right creeps up."""

    TITLE = "True labels vs shuffled labels"

    PLOT_AT, PLOT_SIZE = [-3.0, -0.45, 0], (6.2, 4.6)
    ZOOM_AT, ZOOM_SIZE = [3.85, 0.5, 0], (3.6, 2.1)
    SERIES = {"true": palette.SERIES[1], "shuffled": palette.SERIES[2]}

    @storyboard
    def construct(self):
        shown = gradient_data.memorization_curves()
        self.draw_the_axes(shown)
        self.draw_both_runs(shown)
        self.zoom_in_on_the_shuffled_run(shown)
        self.compare_what_they_learned(shown)

    @beat("The training cost, epoch by epoch, for two runs.")
    def draw_the_axes(self, shown):
        self.play(Write(title(self.TITLE)), run_time=0.8)
        last = int(shown.epochs[-1])
        top = float(max(shown.true_cost.max(), shown.shuffled_cost.max()))
        self.plot = PlotAxes((0, last), (0, top * 1.05), *self.PLOT_SIZE, most_ticks=7).move_to(self.PLOT_AT)
        names = VGroup(caption("epoch (one pass over the training images)", size=palette.TINY_SIZE)
                       .next_to(self.plot, DOWN, buff=0.15),
                       caption("training cost").rotate(np.pi / 2).next_to(self.plot, LEFT, buff=0.15))
        self.play(Create(self.plot), FadeIn(names), run_time=1.2)

    @beat("Both start from the same random weights: one learns the true labels, one shuffled labels.")
    def draw_both_runs(self, shown):
        curves = [VMobject(stroke_color=self.SERIES[key], stroke_width=4)
                  .set_points_as_corners(self.plot.to_scene(shown.epochs, getattr(shown, f"{key}_cost")))
                  for key in ("true", "shuffled")]
        key = VGroup(*[VGroup(Line(ORIGIN, 0.5 * RIGHT, stroke_color=self.SERIES[run], stroke_width=5),
                              caption(f"{run} labels", color=palette.TEXT)).arrange(RIGHT, buff=0.2) for run in ("true", "shuffled")])
        key.arrange(DOWN, aligned_edge=LEFT, buff=0.18).move_to([3.9, 2.7, 0])
        start = caption("both start from the\nsame random weights", size=palette.TINY_SIZE, align=LEFT)
        start.next_to(self.plot.to_scene(0, shown.true_cost[0]), RIGHT, buff=0.25)
        self.play(FadeIn(key), FadeIn(start), run_time=0.8)
        self.play(*[Create(curve) for curve in curves], run_time=4.0, rate_func=rate_functions.linear)
        self.wait(1.0)

    @beat(lambda self, shown: f"Zoomed in, the shuffled run's cost goes from {shown.shuffled_cost[1]:.3f} to "
                              f"{shown.shuffled_cost[-1]:.3f}.")
    def zoom_in_on_the_shuffled_run(self, shown):
        epochs, costs = shown.epochs[1:], shown.shuffled_cost[1:]
        last = int(epochs[-1])
        low, high = float(costs.min()), float(costs.max())
        pad = max((high - low) * 0.1, 1e-4)
        zoom = PlotAxes((int(epochs[0]), last), (low - pad, high + pad), *self.ZOOM_SIZE, most_ticks=3,
                        x_ticks=sorted({int(epochs[0]), last}), y_ticks=[(low, f"{low:.3f}"), (high, f"{high:.3f}")])
        zoom.move_to(self.ZOOM_AT)
        head = caption("shuffled labels, zoomed in", size=palette.TINY_SIZE, color=self.SERIES["shuffled"]).next_to(zoom, UP, buff=0.15)
        curve = VMobject(stroke_color=self.SERIES["shuffled"], stroke_width=3).set_points_as_corners(zoom.to_scene(epochs, costs))
        self.play(Create(zoom), FadeIn(head), run_time=1.0)
        self.play(Create(curve), run_time=2.5, rate_func=rate_functions.linear)
        creep = caption(f"down by {costs[0] - costs[-1]:.3f} from epoch {int(epochs[0])} to epoch {last}",
                        size=palette.TINY_SIZE, color=palette.TEXT).next_to(zoom, DOWN, buff=0.2)
        self.play(FadeIn(creep), run_time=0.8)
        self.wait(1.0)

    @beat(lambda self, shown: f"Training images labelled as taught: {shown.true_accuracy[-1]:.1%} with true labels, "
                              f"{shown.shuffled_accuracy[-1]:.1%} with shuffled ones.")
    def compare_what_they_learned(self, shown):
        last = int(shown.epochs[-1])
        rows = VGroup(*[caption(f"{key} labels: {getattr(shown, f'{key}_accuracy')[-1]:.1%}", color=self.SERIES[key])
                        for key in ("true", "shuffled")]).arrange(DOWN, buff=0.1)
        accuracy = VGroup(caption(f"training images it labels the way\nit was taught, after epoch {last}:",
                                  size=palette.TINY_SIZE), rows).arrange(DOWN, buff=0.15).move_to([3.85, -2.65, 0])
        self.play(FadeIn(accuracy), run_time=0.8)
        self.wait(3.0)


# The lesson's order (../shared/lessons.md): tests, benchmarks, docs and the lecture tools read this.
SCENES = (TrainingAndTestData, CostOfOneExample, AverageCost, BallDownhill, ManyValleys, LearningRate,
          DownhillDirection, GradientVector, GradientNudging, TestAccuracy, HiddenWeights, RandomNoiseInput,
          MemorizationCurves)
