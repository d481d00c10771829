"""Chapter 3, part ``backprop_sgd``: mini-batches, and stochastic gradient descent against full-batch
descent on one real cost surface.

Render from the repo root: ``manim -qh scenes/backprop_sgd.py SGDvsFullBatch``. Each ``construct`` is a
storyboard: one value from the data module (everything shown, computed by netcore), then its beats.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    DL,
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Create,
    FadeIn,
    FadeOut,
    Scene,
    SurroundingRectangle,
    VGroup,
    VMobject,
    Write,
)

from scenes import backprop_sgd_data as backprop_data
from scenes.kit import palette
from scenes.kit.animations import Replay
from scenes.kit.landscape_view import LandscapeView
from scenes.kit.layout import caption, readout, thumbnail, title
from scenes.kit.plot import PlotAxes
from scenes.kit.scene3d import KitThreeDScene
from scenes.kit.storyboard import beat
from scenes.kit.text import FastNumber, as_percent, label

FULL_COLOR = palette.PATH  # the careful walker (full-batch descent)
SGD_COLOR = palette.SGD_PATH  # the drunk walker (mini-batch SGD)
UPHILL_COLOR = palette.NEGATIVE


# --- MiniBatches ------------------------------------------------------------------------------------
class MiniBatches(Scene):
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
        self.play(Write(self.head), FadeIn(self.stored), FadeIn(self.note), run_time=1.5)
        self.wait(1.0)

    @beat("Shuffled: the run draws its images in a random order, a new one every pass.")
    def shuffle_them(self, shown):
        b = min(shown.batch_size, self.PER_ROW)
        images = shown.images[:, :b].reshape(-1, 784)
        self.batch_rows = self.thumbs(images, self.GRID_TOP, len(shown.batches))
        note = caption(f"shuffled: the order the run drew them in its first pass (seeded, recorded)")
        note.move_to(self.note)
        self.play(FadeOut(self.stored, shift=0.3 * DOWN), FadeIn(self.batch_rows, shift=0.3 * DOWN),
                  FadeOut(self.note), FadeIn(note), run_time=1.1)
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

    def construct(self):
        shown = backprop_data.sgd_vs_full_batch()
        self.shown = shown
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
                 f"{shown.budget:,} example-gradients each"]
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
        computed.next_to(block, UP, aligned_edge=LEFT, buff=0.6)
        panel = VGroup(computed, block)
        return panel.to_corner(self.PANEL_CORNER, buff=0.3).shift(0.8 * DOWN)

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
        k, f = divmod(e / s.n_train, 1.0)
        self.full.set_state(min(k + np.clip((f - 0.9) / 0.1, 0.0, 1.0), len(s.full.steps) - 1))

    def replay_examples(self, e0: float, e1: float, seconds: float):
        self.play(Replay(self.moving, 2, lambda t: self.at_examples(e0 + t * (e1 - e0)), run_time=seconds))

    def make_uphill_marks(self, shown) -> VGroup:
        marks = VGroup()
        for step in shown.uphill:
            i = int(np.flatnonzero(shown.sgd.steps == step)[0])
            marks.add(self.view.dot(*shown.sgd.coords[i], color=UPHILL_COLOR, radius=0.06).set_opacity(0.0))
        return marks

    @beat(lambda self, shown: f"SGD's first {shown.dense_steps} steps one by one; {len(shown.uphill)} of them raise the "
                              "true cost (red). Full-batch has not taken one yet.")
    def first_steps_up_close(self, shown):
        self.add(self.uphill_marks)
        self.moving.add(self.uphill_marks)
        note = VGroup(caption(f"SGD steps after every mini-batch of {shown.sgd.width}; full-batch needs all "
                              f"{shown.n_train:,} images for one step", size=palette.TINY_SIZE),
                      caption(f"red: an SGD step after which the true cost rose (uphill; counted over its first "
                              f"{shown.dense_steps} steps)", size=palette.TINY_SIZE, color=UPHILL_COLOR))
        note.arrange(DOWN, aligned_edge=LEFT, buff=0.1).next_to(self.notes, UP, aligned_edge=LEFT, buff=0.2)
        self.dense_note = self.fix_in_frame(note)
        self.play(FadeIn(note), run_time=0.6)
        end = float(shown.sgd.examples[shown.dense_steps])
        self.replay_examples(0.0, end, self.DENSE_SECONDS)
        self.wait(1.0)

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
        for walker, color, name, direction in ((shown.full, FULL_COLOR, "full-batch", UP),
                                               (shown.sgd, SGD_COLOR, "SGD", RIGHT)):
            text = caption(f"{name}: true cost {walker.costs[-1]:.3f}\n"
                           f"test accuracy {as_percent(walker.test_accuracy)}", size=palette.SMALL_SIZE, color=color)
            pins.add(self.pin(text, self.view.point(*walker.coords[-1]), direction, buff=0.3))
        self.pins = pins
        lower = "SGD" if shown.sgd.costs[-1] < shown.full.costs[-1] else "full-batch descent"
        verdict = caption(f"with the same compute, {lower} ends lower", size=palette.SMALL_SIZE, color=palette.TEXT)
        verdict.next_to(self.notes, UP, aligned_edge=LEFT, buff=0.2)
        self.verdict = self.fix_in_frame(verdict)
        self.play(FadeOut(self.dense_note), run_time=0.5)
        self.play(FadeIn(pins), FadeIn(verdict), run_time=1.2)
        self.wait(4.0)


SCENES = (MiniBatches, SGDvsFullBatch)
